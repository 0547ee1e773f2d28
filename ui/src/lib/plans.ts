// How a plan's sessions read on screen: which number is done, unsigned, next or later.
import type { Plan, Session } from './types';

export type SlotState = 'signed' | 'unsigned' | 'next' | 'later';
export type Slot = { number: number; state: SlotState; session: Session | null };

/** Sessions 1..n of a plan with their state; "next" is the lowest number not yet recorded,
 * and only while the plan is open (not cancelled or completed). */
export function sessionSlots(plan: Plan, sessions: Session[]): Slot[] {
  const open = plan.status === 'planned' || plan.status === 'in_progress';
  const byNumber = new Map(sessions.map((s) => [s.number, s]));
  const highest = Math.max(plan.planned_sessions, ...sessions.map((s) => s.number));
  let nextGiven = false;
  const slots: Slot[] = [];
  for (let n = 1; n <= highest; n++) {
    const session = byNumber.get(n) ?? null;
    let state: SlotState;
    if (session) state = session.signed_at ? 'signed' : 'unsigned';
    else if (open && !nextGiven) {
      state = 'next';
      nextGiven = true;
    } else state = 'later';
    slots.push({ number: n, state, session });
  }
  return slots;
}

/** The number of the next session to record, or null when none can be. */
export function nextSessionNumber(plan: Plan, sessions: Session[]): number | null {
  return sessionSlots(plan, sessions).find((s) => s.state === 'next')?.number ?? null;
}
