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

  it('keeps the fields a form could not read as one error, counted, each beside its field', () => {
    const task = new Task();
    task.refuse({ diameter_mm: 'Diameter mm: “abc” is not a number', brand: 'Brand is required' }, 'needle');
    const error = task.errorOf('needle');
    expect(error?.message).toBe('2 problems to correct');
    expect(error?.problems?.find((p) => p.field === 'brand')?.message).toBe('Brand is required');
    expect(task.banner).toBe(error);
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
