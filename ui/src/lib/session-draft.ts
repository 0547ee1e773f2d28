// The session form's state and the request it sends: a recorded session as its inputs hold it,
// a new session's starting values ("same as last time"), and the SessionInput built on save.
// The zone rows themselves are session-grid.ts's. The core judges every value; blanks are sent
// the way the form always sent them (required numbers as 0, optional ones as null).
import { numberOrZero, optionalNumber, orNull } from './forms';
import { blankDraft, draftFromSetting, settingFromDraft, type ZoneDraft } from './session-grid';
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
 * the most recent session's duration and zones, or one blank row per planned area. */
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
    zones: last ? last.zones.map(draftFromSetting) : start.areas.map(blankDraft),
    skin_reaction: '',
    pain_score: '',
    notes: '',
  };
}

/** The request saving the form sends. An unpicked practitioner must be caught before this. */
export function sessionInput(
  draft: SessionDraft,
  planId: PlanId,
  acknowledgement: ConsentAcknowledgement | null,
): SessionInput {
  return {
    plan_id: planId,
    number: draft.number,
    performed_on: draft.performed_on,
    practitioner_id: draft.practitioner_id as StaffId,
    duration_minutes: numberOrZero(draft.duration_minutes),
    zones: draft.zones.map(settingFromDraft),
    skin_reaction: orNull(draft.skin_reaction),
    pain_score: optionalNumber(draft.pain_score),
    notes: draft.notes,
    acknowledge_missing_consent: acknowledgement,
  };
}
