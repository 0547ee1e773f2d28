import { describe, expect, it } from 'vitest';
import { Task } from './task.svelte';

const refused = { code: 'validation', message: 'Brand is required', field: 'brand' } as const;

describe('a screen’s task', () => {
  it('is busy while the work runs and says whether it worked', async () => {
    const task = new Task();
    let release = () => {};
    const running = task.run(() => new Promise<void>((resolve) => (release = resolve)));
    expect(task.busy).toBe(true);
    release();
    expect(await running).toBe(true);
    expect(task.busy).toBe(false);
    expect(task.error).toBeNull();
  });

  it('keeps a failure as an ApiError of the form it came from, shown beside that form', async () => {
    const task = new Task();
    expect(await task.run(() => Promise.reject(refused), 'pigment')).toBe(false);
    expect(task.busy).toBe(false);
    expect(task.errorOf('pigment')).toEqual(refused);
    expect(task.errorOf('needle')).toBeNull();
    expect(task.banner).toBeNull();
  });

  it('puts an error no form field shows in the banner, and clears it on the next run', async () => {
    const task = new Task();
    await task.run(() => Promise.reject(new Error('disk full')), 'pigment');
    expect(task.banner).toEqual({ code: 'bad_request', message: 'disk full', field: null });
    await task.run(() => Promise.reject(refused));
    expect(task.banner).toEqual(refused);
    await task.run(async () => {});
    expect(task.error).toBeNull();
  });
});
