// The navigation's recall counts refresh at every quarter hour, so a new day's "overdue" shows
// just after midnight wherever the clinic is, without a command to the core every minute.
import { afterEach, describe, expect, it, vi } from 'vitest';

const requests: string[] = [];
vi.mock('@tauri-apps/api/core', () => ({
  invoke: async (command: string) => {
    requests.push(command);
    return { overdue: 1, due_today: 0, this_week: 0, this_month: 0, flagged: 0 };
  },
}));

const { untilNextQuarterHour, refreshEveryQuarterHour } = await import('./recall-counts.svelte');

const at = (iso: string) => Date.parse(iso);

describe('the recall counts’ refresh', () => {
  afterEach(() => {
    vi.useRealTimers();
    requests.length = 0;
  });

  it('waits until just past the next quarter hour', () => {
    expect(untilNextQuarterHour(at('2026-11-29T23:59:00Z'))).toBe(61_000);
    expect(untilNextQuarterHour(at('2026-11-29T10:15:00Z'))).toBe(15 * 60_000 + 1_000);
    expect(untilNextQuarterHour(at('2026-11-29T10:29:59.500Z'))).toBe(1_500);
  });

  it('lands just past midnight in a time zone a quarter hour off the hour (UTC+05:45)', () => {
    const now = at('2026-11-29T18:10:00Z'); // 23:55 in Kathmandu
    const refreshAt = new Date(now + untilNextQuarterHour(now));
    expect(refreshAt.toISOString()).toBe('2026-11-29T18:15:01.000Z'); // 00:00:01 there
  });

  it('asks the core once per quarter hour, not once a minute, and stops when told', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(at('2026-11-29T09:07:00Z'));
    const stop = refreshEveryQuarterHour();
    await vi.advanceTimersByTimeAsync(8 * 60_000); // 09:15:00
    expect(requests).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000); // 09:15:01
    expect(requests).toEqual(['recall_counts']);
    await vi.advanceTimersByTimeAsync(15 * 60_000); // 09:30:01
    expect(requests).toEqual(['recall_counts', 'recall_counts']);
    stop();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(requests).toHaveLength(2);
  });
});
