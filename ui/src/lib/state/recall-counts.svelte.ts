// The recall counts the navigation shows ("12 due"), refreshed after every recall or booking
// action and once a minute.
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
