import { describe, expect, it } from 'vitest';
import { readRules, rulesDraft } from './clinic-rules';
import type { ClinicSettings } from './types';

const settings: ClinicSettings = {
  default_spacing_days: 14,
  touch_up: {
    base_months: 60,
    crisp_finish_months: -12,
    moderate_sun_months: -6,
    high_sun_months: -12,
    skin_type_months: [-6, -6, 0, 0, 6, 6],
  },
  contact_cooldown_days: 7,
  max_unanswered_attempts: 3,
  worklist_horizon_days: 60,
  minimum_age: 18,
  idle_lock_minutes: 5,
  version: 3,
};

describe('the clinic rules form', () => {
  it('sends the settings back unchanged after a round trip through the inputs', () => {
    expect(readRules(rulesDraft(settings))).toEqual({ ok: true, value: settings });
  });

  it('never sends a blank or unreadable rule as 0: each is a problem of its field, all at once', () => {
    const draft = { ...rulesDraft(settings), default_spacing_days: '', max_unanswered_attempts: 'three' };
    draft.skin_type_months = ['-6', '-6', '0', '0,5', '6', '6'];
    const read = readRules(draft);
    expect(read.ok ? null : read.problems).toEqual({
      default_spacing_days: 'Default spacing between sessions (days) is required',
      'touch_up.skin_type_months[3]': 'Skin type IV (months): “0,5” is not a whole number',
      max_unanswered_attempts: 'Unanswered attempts before a recall is flagged: “three” is not a number',
    });
  });

  it('passes a negative adjustment on (the core keeps it within its range)', () => {
    const read = readRules({ ...rulesDraft(settings), crisp_finish_months: '−24' });
    expect(read.ok && read.value.touch_up.crisp_finish_months).toBe(-24);
  });
});
