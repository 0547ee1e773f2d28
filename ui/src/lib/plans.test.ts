import { describe, expect, it } from 'vitest';
import { nextSessionNumber, plansAtFirst, sessionSlots, spacingWarning } from './plans';
import type { Plan, Session } from './types';

const plan = (status: Plan['status'], planned = 3): Plan => ({
  id: 'p',
  version: 1,
  client_id: 'c',
  areas: ['crown'],
  hairline_style: null,
  desired_look: 'shaved_buzz',
  target_pigment_id: null,
  planned_sessions: planned,
  spacing_days: 14,
  touch_up_interval_months: 60,
  touch_up_interval_manual: false,
  finish: null,
  notes: '',
  status,
  sessions_recorded: 0,
  sessions_signed: 0,
  cancelled_at: null,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
});

const session = (number: number, signed: boolean): Session => ({
  id: `s${number}`,
  version: 1,
  plan_id: 'p',
  client_id: 'c',
  number,
  performed_on: '2026-01-01',
  practitioner_id: 'x',
  duration_minutes: 60,
  zones: [],
  skin_reaction: null,
  pain_score: null,
  notes: '',
  recorded_at: '2026-01-01T00:00:00Z',
  recorded_by: null,
  signed_at: signed ? '2026-01-01T01:00:00Z' : null,
  signed_by: signed ? 'x' : null,
  signed_by_name: signed ? 'Dana Reyes' : null,
  signed_by_role: signed ? 'practitioner' : null,
  amendments: [],
});

describe('plan slots', () => {
  it('marks signed, unsigned, the next and later sessions', () => {
    const states = sessionSlots(plan('in_progress'), [session(1, true), session(2, false)]).map((s) => s.state);
    expect(states).toEqual(['signed', 'unsigned', 'next']);
  });

  it('has no next session once the plan is cancelled', () => {
    expect(nextSessionNumber(plan('cancelled'), [session(1, true)])).toBeNull();
  });

  it('offers the lowest gap first', () => {
    expect(nextSessionNumber(plan('in_progress'), [session(2, true)])).toBe(1);
  });
});

describe('spacingWarning', () => {
  const spaced = { spacing_days: 21 };
  const first = [{ number: 1, performed_on: '2026-03-03' }];

  it('names both sessions, their days and the spacing when a session comes too soon', () => {
    expect(spacingWarning(spaced, first, 2, '2026-03-15')).toBe(
      'Session 2 (15 Mar 2026) is 12 days after session 1 (3 Mar 2026); this plan spaces sessions 21 days apart.',
    );
    expect(spacingWarning(spaced, first, 2, '2026-03-04')).toContain('is 1 day after session 1');
    expect(spacingWarning(spaced, first, 2, '2026-03-03')).toContain('on the same day as session 1');
    expect(spacingWarning(spaced, first, 2, '2026-03-01')).toContain('is 2 days before session 1');
  });

  it('says nothing at or past the spacing, for a first session, or without the session before', () => {
    expect(spacingWarning(spaced, first, 2, '2026-03-24')).toBeNull();
    expect(spacingWarning(spaced, first, 1, '2026-03-04')).toBeNull();
    expect(spacingWarning(spaced, first, 3, '2026-03-04')).toBeNull();
  });

  it('says nothing while the day is blank or not a whole date (the form reads it on save)', () => {
    expect(spacingWarning(spaced, first, 2, '')).toBeNull();
    expect(spacingWarning(spaced, first, 2, '2026-03')).toBeNull();
  });
});

describe('plansAtFirst', () => {
  const of = (...statuses: Plan['status'][]) => statuses.map((status, i) => ({ plan: { ...plan(status), id: `p${i}` } }));
  const ids = (plans: { plan: Plan }[]) => plans.map((p) => p.plan.id);

  it('shows every open plan and only the newest two closed ones, in order', () => {
    const plans = of('completed', 'cancelled', 'completed', 'in_progress', 'completed', 'planned');
    const { shown, hidden } = plansAtFirst(plans);
    expect(ids(shown)).toEqual(['p2', 'p3', 'p4', 'p5']);
    expect(hidden).toBe(2);
  });

  it('hides nothing when there are few closed plans', () => {
    const plans = of('completed', 'in_progress', 'cancelled');
    expect(plansAtFirst(plans)).toEqual({ shown: plans, hidden: 0 });
  });

  it('keeps open plans however old', () => {
    const plans = of('in_progress', 'completed', 'completed', 'completed');
    expect(ids(plansAtFirst(plans).shown)).toEqual(['p0', 'p2', 'p3']);
  });
});
