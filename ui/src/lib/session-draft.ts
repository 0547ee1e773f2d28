// The session form's state and the request it sends: a recorded session as its inputs hold it,
// a new session's starting values ("same as last time"), and the SessionInput read on save —
// every field through the field readers (fields.ts), so a blank or unreadable duration, pain
// score or zone setting is a problem shown on the form, and nothing is sent. The zone rows
// themselves are session-grid.ts's. The core judges every value that could be read.
import { readForm, type FormRead } from './fields';
import { orNull } from './forms';
import { t } from './i18n/messages';
import { blankDraft, carriedFromSetting, draftFromSetting, readSetting, type ZoneDraft } from './session-grid';
import type {
  ConsentAcknowledgement,
  PlanId,
  PreviousSettings,
  ScalpZone,
  Session,
  SessionInput,
  SkinReaction,
  StaffId,
} from './types';

/** The session form as its inputs hold it (numbers as typed text, unpicked choices as ''). */
export type SessionDraft = {
  number: number;
  performed_on: string;
  practitioner_id: StaffId | '';
  duration_minutes: string;
  zones: ZoneDraft[];
  skin_reaction: SkinReaction | '';
  pain_score: string;
  notes: string;
};

/** A recorded (unsigned) session back in the form, to correct it. */
export function draftFromSession(session: Session): SessionDraft {
  return {
    number: session.number,
    performed_on: session.performed_on,
    practitioner_id: session.practitioner_id,
    duration_minutes: String(session.duration_minutes),
    zones: session.zones.map(draftFromSetting),
    skin_reaction: session.skin_reaction ?? '',
    pain_score: session.pain_score === null ? '' : String(session.pain_score),
    notes: session.notes,
  };
}

/** A new session's form: done today, by the practitioner working here (else last time's), with
 * the most recent session's duration and zones (their technique, not their lots: see
 * `carriedFromSetting`), or one blank row per planned area. */
export function newSessionDraft(start: {
  number: number | null;
  today: string;
  practitionerId: StaffId | null | undefined;
  last: PreviousSettings | undefined;
  areas: readonly ScalpZone[];
}): SessionDraft {
  const { last } = start;
  return {
    number: start.number ?? 1,
    performed_on: start.today,
    practitioner_id: start.practitionerId ?? last?.practitioner_id ?? '',
    duration_minutes: last ? String(last.duration_minutes) : '',
    zones: last ? last.zones.map(carriedFromSetting) : start.areas.map(blankDraft),
    skin_reaction: '',
    pain_score: '',
    notes: '',
  };
}

/** The request saving the form sends, or every field of the form that could not be read
 * (`unreadable`: the fields whose input could not read what was typed, see fields.ts). */
export function readSessionInput(
  draft: SessionDraft,
  planId: PlanId,
  acknowledgement: ConsentAcknowledgement | null,
  unreadable: readonly string[] = [],
  acknowledgeSpacing = false,
): FormRead<SessionInput> {
  // Read in the order the form shows its fields (the zone grid after the pain score), so the
  // summary of problems on top reads like the form.
  return readForm((read) => {
    const performed_on = read.date('performed_on', draft.performed_on, { label: t('session.performed_on'), required: true });
    const practitioner_id = read.choice<StaffId>('practitioner_id', draft.practitioner_id, {
      label: t('session.practitioner'),
      required: true,
    });
    const duration_minutes = read.number('duration_minutes', draft.duration_minutes, {
      label: t('session.duration'),
      required: true,
      integer: true,
    });
    const pain_score = read.number('pain_score', draft.pain_score, { label: t('session.pain'), integer: true });
    return {
      plan_id: planId,
      number: draft.number,
      performed_on,
      practitioner_id,
      duration_minutes,
      zones: draft.zones.map((zone, i) => readSetting(read, zone, i)),
      skin_reaction: orNull(draft.skin_reaction),
      pain_score,
      notes: draft.notes,
      acknowledge_missing_consent: acknowledgement,
      acknowledge_spacing: acknowledgeSpacing ? true : null,
    };
  }, unreadable);
}
