// The recall counts the navigation shows ("12 due"), refreshed after every recall or booking
// action and once a minute.
import { schedule } from '../backend/schedule';
import type { RecallCounts } from '../types';

export const recallCounts = $state<{ value: RecallCounts | null }>({ value: null });

/** Reloads the counts; a failure leaves the last ones showing. */
export async function refreshRecallCounts(): Promise<void> {
  try {
    recallCounts.value = await schedule.recallCounts();
  } catch {
    // The counts are a hint: the worklist itself shows any error.
  }
}
