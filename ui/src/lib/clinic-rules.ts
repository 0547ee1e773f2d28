// The Clinic page's rules form: the clinic's settings as their inputs hold them (text), and the
// settings read back from it through the field readers — every rule is a whole number the core
// requires, so a blank or unreadable one is a problem of its field, never 0.
import { readForm, type FieldReader, type FormRead } from './fields';
import { t, type MessageKey } from './i18n/messages';
import type { ClinicSettings } from './types';

/** The rules form's inputs, one text per setting (the skin types I–VI in order). */
export type RulesDraft = {
  default_spacing_days: string;
  base_months: string;
  crisp_finish_months: string;
  moderate_sun_months: string;
  high_sun_months: string;
  skin_type_months: string[];
  contact_cooldown_days: string;
  max_unanswered_attempts: string;
  worklist_horizon_days: string;
  minimum_age: string;
  /** Minutes without keyboard or mouse before the workstation locks (1–30). */
  idle_lock_minutes: string;
  /** The version of the settings the form was opened at (not an input; sent back on save). */
  version: number;
};

export const SKIN_TYPES = ['I', 'II', 'III', 'IV', 'V', 'VI'] as const;

export function rulesDraft(s: ClinicSettings): RulesDraft {
  return {
    default_spacing_days: String(s.default_spacing_days),
    base_months: String(s.touch_up.base_months),
    crisp_finish_months: String(s.touch_up.crisp_finish_months),
    moderate_sun_months: String(s.touch_up.moderate_sun_months),
    high_sun_months: String(s.touch_up.high_sun_months),
    skin_type_months: s.touch_up.skin_type_months.map(String),
    contact_cooldown_days: String(s.contact_cooldown_days),
    max_unanswered_attempts: String(s.max_unanswered_attempts),
    worklist_horizon_days: String(s.worklist_horizon_days),
    minimum_age: String(s.minimum_age),
    idle_lock_minutes: String(s.idle_lock_minutes),
    version: s.version,
  };
}

/** Reads one rule: a required whole number under the core's field path. */
const rule = (read: FieldReader, field: string, text: string, label: string) =>
  read.number(field, text, { label, required: true, integer: true });

/** The settings the form sends, or every rule that could not be read. */
export function readRules(d: RulesDraft): FormRead<ClinicSettings> {
  return readForm((read) => {
    const whole = (field: string, text: string, key: MessageKey) => rule(read, field, text, t(key));
    const skin = d.skin_type_months.map((text, i) =>
      rule(read, `touch_up.skin_type_months[${i}]`, text, t('clinic.skin_type', { type: SKIN_TYPES[i] })),
    );
    return {
      default_spacing_days: whole('default_spacing_days', d.default_spacing_days, 'clinic.spacing'),
      touch_up: {
        base_months: whole('touch_up.base_months', d.base_months, 'clinic.touch_up_base'),
        crisp_finish_months: whole('touch_up.crisp_finish_months', d.crisp_finish_months, 'clinic.crisp'),
        moderate_sun_months: whole('touch_up.moderate_sun_months', d.moderate_sun_months, 'clinic.moderate_sun'),
        high_sun_months: whole('touch_up.high_sun_months', d.high_sun_months, 'clinic.high_sun'),
        skin_type_months: [skin[0], skin[1], skin[2], skin[3], skin[4], skin[5]],
      },
      contact_cooldown_days: whole('contact_cooldown_days', d.contact_cooldown_days, 'clinic.cooldown'),
      max_unanswered_attempts: whole('max_unanswered_attempts', d.max_unanswered_attempts, 'clinic.max_unanswered'),
      worklist_horizon_days: whole('worklist_horizon_days', d.worklist_horizon_days, 'clinic.horizon'),
      minimum_age: whole('minimum_age', d.minimum_age, 'clinic.minimum_age'),
      idle_lock_minutes: whole('idle_lock_minutes', d.idle_lock_minutes, 'clinic.idle_lock'),
      version: d.version,
    };
  });
}
