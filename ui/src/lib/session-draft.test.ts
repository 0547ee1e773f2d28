import { describe, expect, it } from 'vitest';
import { blankDraft } from './session-grid';
import { draftFromSession, newSessionDraft, readSessionInput, type SessionDraft } from './session-draft';
import type { PreviousSettings, Session, SessionInput, ZoneSetting } from './types';

/** The request the form sends, failing the test when any field could not be read. */
function sessionInput(...args: Parameters<typeof readSessionInput>): SessionInput {
  const read = readSessionInput(...args);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.value;
}
const problems = (...args: Parameters<typeof readSessionInput>) => {
  const read = readSessionInput(...args);
  return read.ok ? {} : read.problems;
};

const crown: ZoneSetting = {
  zone: 'crown',
  needle_id: 'n-1',
  cartridge_lot: 'C-7',
  depth_mm: 0.8,
  target_layer: 'upper dermis',
  angle_deg: 30,
  machine_speed: 90,
  stroke_mm: null,
  pigment_lot_id: 'l-1',
  dilution: '1:2',
  density: 'medium',
};

const recorded: Session = {
  id: 's-2',
  version: 2,
  plan_id: 'p-1',
  client_id: 'c-1',
  number: 2,
  performed_on: '2026-05-04',
  practitioner_id: 'st-1',
  duration_minutes: 150,
  zones: [crown],
  skin_reaction: 'mild',
  pain_score: 4,
  notes: 'Slight redness',
  recorded_at: '2026-05-04T10:00:00Z',
  recorded_by: 'st-1',
  signed_at: null,
  signed_by: null,
  signed_by_name: null,
  signed_by_role: null,
  amendments: [],
};

const last: PreviousSettings = {
  session_id: 's-1',
  plan_id: 'p-1',
  number: 1,
  performed_on: '2026-04-20',
  practitioner_id: 'st-2',
  duration_minutes: 180,
  zones: [crown],
};

const blank: SessionDraft = {
  number: 1,
  performed_on: '2026-06-01',
  practitioner_id: 'st-1',
  duration_minutes: '',
  zones: [],
  skin_reaction: '',
  pain_score: '',
  notes: '',
};

describe('session form state', () => {
  it('sends a recorded session back unchanged after a round trip through the form', () => {
    const input = sessionInput(draftFromSession(recorded), 'p-1', null);
    expect(input).toEqual({
      plan_id: 'p-1',
      number: 2,
      performed_on: '2026-05-04',
      practitioner_id: 'st-1',
      duration_minutes: 150,
      zones: [crown],
      skin_reaction: 'mild',
      pain_score: 4,
      notes: 'Slight redness',
      acknowledge_missing_consent: null,
      acknowledge_spacing: null,
    });
  });

  it('shows a recorded session’s empty choices as blank inputs', () => {
    const draft = draftFromSession({ ...recorded, skin_reaction: null, pain_score: null });
    expect(draft.skin_reaction).toBe('');
    expect(draft.pain_score).toBe('');
    expect(draft.duration_minutes).toBe('150');
  });

  it('starts a new session like the last one: its duration and zones’ technique, today, by whoever works here, its lots to be read', () => {
    const draft = newSessionDraft({ number: 3, today: '2026-06-01', practitionerId: 'st-9', last, areas: ['temples'] });
    expect(draft.number).toBe(3);
    expect(draft.performed_on).toBe('2026-06-01');
    expect(draft.practitioner_id).toBe('st-9');
    expect(draft.duration_minutes).toBe('180');
    expect(draft.zones.map((z) => [z.zone, z.depth_mm, z.needle_id])).toEqual([['crown', '0.8', 'n-1']]);
    // Today's materials are read off the packs, never carried over: the lots start blank.
    expect(draft.zones.map((z) => [z.cartridge_lot, z.pigment_lot_id])).toEqual([['', '']]);
    expect(newSessionDraft({ number: 3, today: '2026-06-01', practitionerId: null, last, areas: [] }).practitioner_id).toBe(
      'st-2',
    );
  });

  it('starts a first session with one blank row per planned area and nothing else chosen', () => {
    const draft = newSessionDraft({
      number: null,
      today: '2026-06-01',
      practitionerId: undefined,
      last: undefined,
      areas: ['frontal_hairline', 'crown'],
    });
    expect(draft).toEqual({
      ...blank,
      practitioner_id: '',
      zones: [blankDraft('frontal_hairline'), blankDraft('crown')],
    });
  });

  it('never sends a blank or unreadable number: a blank required one, or letters, is a problem of its field', () => {
    expect(problems({ ...blank, duration_minutes: '' }, 'p-1', null)).toEqual({ duration_minutes: 'Duration (min) is required' });
    expect(problems({ ...blank, duration_minutes: 'ninety', pain_score: 'bad' }, 'p-1', null)).toEqual({
      duration_minutes: 'Duration (min): “ninety” is not a number',
      pain_score: 'Pain (0–10): “bad” is not a number',
    });
    expect(problems({ ...blank, duration_minutes: '95', pain_score: '2,5' }, 'p-1', null)).toEqual({
      pain_score: 'Pain (0–10): “2,5” is not a whole number',
    });
  });

  it('leaves a blank optional number out, and reads spaces and comma decimals', () => {
    const input = sessionInput({ ...blank, duration_minutes: ' 95 ' }, 'p-1', null);
    expect(input.duration_minutes).toBe(95);
    expect(input.pain_score).toBeNull();
    expect(input.skin_reaction).toBeNull();
    expect(sessionInput({ ...blank, duration_minutes: '95', pain_score: ' 3 ' }, 'p-1', null).pain_score).toBe(3);
  });

  it('asks for the practitioner and the date, and passes the consent acknowledgement as given', () => {
    expect(problems({ ...blank, duration_minutes: '90', practitioner_id: '', performed_on: '' }, 'p-1', null)).toEqual({
      performed_on: 'Date is required',
      practitioner_id: 'Practitioner: choose one',
    });
    const input = sessionInput({ ...blank, duration_minutes: '90' }, 'p-1', { reason: 'Signed on paper' });
    expect(input.acknowledge_missing_consent).toEqual({ reason: 'Signed on paper' });
  });

  it('sends the acknowledgement of a session sooner than the plan’s spacing only once ticked', () => {
    const draft = { ...blank, duration_minutes: '90' };
    expect(sessionInput(draft, 'p-1', null).acknowledge_spacing).toBeNull();
    expect(sessionInput(draft, 'p-1', null, [], true).acknowledge_spacing).toBe(true);
  });

  it('shows every problem of the form at once, the zone grid’s included', () => {
    const zone = { ...blankDraft('crown'), angle_deg: 'forty five', depth_mm: '0,8', dilution: '1:2', cartridge_lot: 'C-1' };
    expect(Object.keys(problems({ ...blank, duration_minutes: 'x', pain_score: '11.5', zones: [zone] }, 'p-1', null))).toEqual([
      'duration_minutes',
      'pain_score',
      'zones[0].needle_id',
      'zones[0].angle_deg',
      'zones[0].pigment_lot_id',
    ]);
  });
});
