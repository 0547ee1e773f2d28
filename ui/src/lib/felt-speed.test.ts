import { afterEach, describe, expect, it, vi } from 'vitest';
import { markPainted } from './felt-speed';

describe('markPainted', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    performance.clearMarks();
  });

  it('marks once, two frames after it is asked for', () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
    markPainted('first-paint');
    markPainted('first-paint');
    expect(performance.getEntriesByName('hairline:first-paint')).toHaveLength(0);
    frames.splice(0).forEach((f) => f(0));
    expect(performance.getEntriesByName('hairline:first-paint')).toHaveLength(0);
    frames.splice(0).forEach((f) => f(0));
    expect(performance.getEntriesByName('hairline:first-paint')).toHaveLength(1);
    markPainted('first-paint');
    expect(frames).toHaveLength(0);
  });
});
