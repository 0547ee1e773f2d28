// How a plan's sessions read on screen: which number is done, unsigned, next or later.
import { day } from './i18n/format';
import { plural, t } from './i18n/messages';
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
  return nextUnrecorded(plan, sessions.map((s) => s.number));
}

/** The lowest session number not yet recorded among `recorded`, while the plan is open (as
 * `sessionSlots` marks "next"), or null. */
export function nextUnrecorded(plan: Plan, recorded: number[]): number | null {
  if (plan.status !== 'planned' && plan.status !== 'in_progress') return null;
  const taken = new Set(recorded);
  const highest = Math.max(plan.planned_sessions, ...recorded);
  for (let n = 1; n <= highest; n++) if (!taken.has(n)) return n;
  return null;
}

/** Days from one `YYYY-MM-DD` day to another, or null when either is not a whole date. */
function daysBetween(from: string, to: string): number | null {
  const utc = (iso: string) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  };
  const days = (utc(to) - utc(from)) / 86_400_000;
  return Number.isFinite(days) ? days : null;
}

/** The warning the session and booking forms show before saving when session `number` on `on`
 * comes sooner after the session before it than the plan's spacing, or null. The core refuses
 * such a session on `acknowledge_spacing` unless it is acknowledged; this only asks first. */
export function spacingWarning(
  plan: Pick<Plan, 'spacing_days'>,
  sessions: ReadonlyArray<Pick<Session, 'number' | 'performed_on'>>,
  number: number,
  on: string,
): string | null {
  const previous = sessions.find((s) => s.number === number - 1);
  if (!previous) return null;
  const apart = daysBetween(previous.performed_on, on);
  if (apart === null || apart >= plan.spacing_days) return null;
  const vars = { n: number, on: day(on), previous: number - 1, previous_on: day(previous.performed_on) };
  const when =
    apart === 0 ? t('session.spacing_same_day', vars) : plural(apart > 0 ? 'spacing.after' : 'spacing.before', Math.abs(apart), vars);
  return t('session.spacing_warning', { when, plan: plural('spacing.plan', plan.spacing_days) });
}

/** Finished or cancelled plans a record shows before "show all": the newest few. */
export const CLOSED_PLANS_SHOWN = 2;

/** The plans a client record shows at first: every open plan (planned or in progress) and the
 * newest `closedShown` finished or cancelled ones, in the record's order; and how many older
 * closed plans that leaves out (a client back for years of touch-ups has dozens). */
export function plansAtFirst<T extends { plan: Pick<Plan, 'status'> }>(
  plans: readonly T[],
  closedShown = CLOSED_PLANS_SHOWN,
): { shown: T[]; hidden: number } {
  const closed = plans.filter((p) => p.plan.status === 'completed' || p.plan.status === 'cancelled');
  const keep = new Set(closed.slice(Math.max(0, closed.length - closedShown)));
  const shown = plans.filter((p) => !closed.includes(p) || keep.has(p));
  return { shown, hidden: plans.length - shown.length };
}
