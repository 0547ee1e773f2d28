import { afterEach, describe, expect, it, vi } from 'vitest';
import { markPainted, traceCall, type TracedCall } from './felt-speed';

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

describe('traceCall', () => {
  afterEach(() => {
    delete (globalThis as { hairlineCallTrace?: TracedCall[] }).hairlineCallTrace;
  });

  it('keeps nothing unless the benchmark asked for a trace', async () => {
    const answer = Promise.resolve(7);
    expect(traceCall('app_info', answer)).toBe(answer);
    expect(await answer).toBe(7);
  });

  it('records each call with when it was sent and answered, a refused one too', async () => {
    const trace: TracedCall[] = [];
    (globalThis as { hairlineCallTrace?: TracedCall[] }).hairlineCallTrace = trace;
    await traceCall('search_clients', Promise.resolve([]));
    await traceCall('app_info', Promise.reject(new Error('no'))).catch(() => {});
    await Promise.resolve();
    expect(trace.map((c) => c.command)).toEqual(['search_clients', 'app_info']);
    for (const c of trace) expect(c.answered).toBeGreaterThanOrEqual(c.sent);
  });
});
