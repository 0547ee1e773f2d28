// The recall counts the navigation shows ("12 due"), refreshed after every recall or booking
// action (as a change event) and at every quarter hour: a day ends on a quarter hour in every
// time zone, so "overdue" and "due in the next 7 days" move on at midnight, and a contact's
// cool-down running out shows within 15 minutes. Not once a minute: each refresh reads the
// clinic's open recalls back into the page caches the idle core had handed back half a minute
// before, and a window asking every minute is never idle for upkeep's two minutes (its checkpoint
// and weekly check).
import { call } from '../backend/backend';
import type { RecallCounts } from '../types';

export const recallCounts = $state<{ value: RecallCounts | null }>({ value: null });

/** Reloads the counts; a failure leaves the last ones showing. */
export async function refreshRecallCounts(): Promise<void> {
  try {
    recallCounts.value = await call('recall_counts', {});
  } catch {
    // The counts are a hint: the worklist itself shows any error.
  }
}

const QUARTER_HOUR_MS = 15 * 60_000;
/** Past the boundary, so the core's clock is on the new day too. */
const PAST_THE_BOUNDARY_MS = 1_000;

/** Milliseconds from `now` to just after the next quarter hour (:00, :15, :30, :45). Time zones
 * are whole quarter hours from UTC, so the quarter hours of the epoch are the local ones. */
export function untilNextQuarterHour(now: number): number {
  return QUARTER_HOUR_MS - (now % QUARTER_HOUR_MS) + PAST_THE_BOUNDARY_MS;
}

/** Refreshes the counts at every quarter hour until the answered stop is called. */
export function refreshEveryQuarterHour(): () => void {
  let timer: ReturnType<typeof setTimeout>;
  const next = () => {
    timer = setTimeout(() => {
      void refreshRecallCounts();
      next();
    }, untilNextQuarterHour(Date.now()));
  };
  next();
  return () => clearTimeout(timer);
}
