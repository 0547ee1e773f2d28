// The session form's zone grid: editable rows, the earlier sessions' values beside each row,
// which cells differ from last time, and reading a row into the setting the core receives (every
// cell through the field readers: a blank or unreadable depth or angle is a problem, never 0).
// The core still judges every value on save.
import { SCALP_ZONE_VALUES } from './bindings/vocabulary';
import { readNumber, type FieldReader } from './fields';
import { label, t, type MessageKey } from './i18n/messages';
import type { Density, NeedleId, PigmentLotId, PreviousSettings, ScalpZone, SessionId, ZoneSetting } from './types';

/** One grid row as the inputs hold it (numbers as typed text). */
export type ZoneDraft = {
  zone: ScalpZone;
  needle_id: NeedleId | '';
  cartridge_lot: string;
  depth_mm: string;
  target_layer: string;
  angle_deg: string;
  machine_speed: string;
  stroke_mm: string;
  pigment_lot_id: PigmentLotId | '';
  dilution: string;
  density: Density;
};

export const GRID_COLUMNS = [
  'zone',
  'needle_id',
  'cartridge_lot',
  'depth_mm',
  'target_layer',
  'angle_deg',
  'machine_speed',
  'stroke_mm',
  'pigment_lot_id',
  'dilution',
  'density',
] as const satisfies ReadonlyArray<keyof ZoneDraft>;
export type GridColumn = (typeof GRID_COLUMNS)[number];

/** The columns an earlier session's row shows under the zone it is labelled with. */
export const SETTING_COLUMNS: readonly GridColumn[] = GRID_COLUMNS.filter((c) => c !== 'zone');

const text = (n: number | null) => (n === null ? '' : String(n));

export function draftFromSetting(z: ZoneSetting): ZoneDraft {
  return {
    zone: z.zone,
    needle_id: z.needle_id,
    cartridge_lot: z.cartridge_lot,
    depth_mm: text(z.depth_mm),
    target_layer: z.target_layer,
    angle_deg: text(z.angle_deg),
    machine_speed: text(z.machine_speed),
    stroke_mm: text(z.stroke_mm),
    pigment_lot_id: z.pigment_lot_id,
    dilution: z.dilution,
    density: z.density,
  };
}

/** A zone as a new session starts it from last time: the same technique (needle, depth, angle,
 * speed, stroke, dilution, density), but not the same materials. Today's cartridge and pigment
 * lots are read off what is in the practitioner's hands: a lot carried over unread would trace
 * today's session to the wrong batch. */
export function carriedFromSetting(z: ZoneSetting): ZoneDraft {
  return { ...draftFromSetting(z), cartridge_lot: '', pigment_lot_id: '' };
}

export function blankDraft(zone: ScalpZone): ZoneDraft {
  return {
    zone,
    needle_id: '',
    cartridge_lot: '',
    depth_mm: '',
    target_layer: '',
    angle_deg: '',
    machine_speed: '',
    stroke_mm: '',
    pigment_lot_id: '',
    dilution: '',
    density: 'medium',
  };
}

/** The columns the core requires in every row (marked required in the grid's header). */
export const REQUIRED_COLUMNS: ReadonlySet<GridColumn> = new Set([
  'zone',
  'needle_id',
  'cartridge_lot',
  'depth_mm',
  'angle_deg',
  'pigment_lot_id',
  'dilution',
  'density',
]);

/** The name a cell's message gives its column ("Angle (°)"). */
export const COLUMN_NAMES: Record<Exclude<GridColumn, 'zone' | 'density'>, MessageKey> = {
  needle_id: 'session.col.needle',
  cartridge_lot: 'session.col.cartridge_lot',
  depth_mm: 'session.field.depth',
  target_layer: 'session.col.layer',
  angle_deg: 'session.field.angle',
  machine_speed: 'session.field.speed',
  stroke_mm: 'session.field.stroke',
  pigment_lot_id: 'session.col.pigment_lot',
  dilution: 'session.col.dilution',
};

/** Row `index` as the core receives it, each cell read under its path (`zones[1].angle_deg`),
 * in the grid's column order; a missing pick, a blank required cell or an unreadable number is a
 * problem of that cell. */
export function readSetting(read: FieldReader, d: ZoneDraft, index: number): ZoneSetting {
  const path = (column: GridColumn) => `zones[${index}].${column}`;
  const rule = (column: keyof typeof COLUMN_NAMES) => ({
    label: t('session.field.in_zone', { field: t(COLUMN_NAMES[column]), zone: label('zone', d.zone) }),
    required: REQUIRED_COLUMNS.has(column),
  });
  const pick = <Id extends string>(column: 'needle_id' | 'pigment_lot_id', id: Id | '', message: string) => {
    if (id === '') read.problem(path(column), message);
    return id as Id;
  };
  const needle_id = pick<NeedleId>('needle_id', d.needle_id, t('session.pick_needle'));
  const cartridge_lot = read.text(path('cartridge_lot'), d.cartridge_lot, rule('cartridge_lot'));
  const depth_mm = read.number(path('depth_mm'), d.depth_mm, { ...rule('depth_mm'), required: true });
  const angle_deg = read.number(path('angle_deg'), d.angle_deg, { ...rule('angle_deg'), required: true });
  const machine_speed = read.number(path('machine_speed'), d.machine_speed, rule('machine_speed'));
  const stroke_mm = read.number(path('stroke_mm'), d.stroke_mm, rule('stroke_mm'));
  const pigment_lot_id = pick<PigmentLotId>('pigment_lot_id', d.pigment_lot_id, t('session.pick_lot'));
  const dilution = read.text(path('dilution'), d.dilution, rule('dilution'));
  return {
    zone: d.zone,
    needle_id,
    cartridge_lot,
    depth_mm,
    target_layer: d.target_layer,
    angle_deg,
    machine_speed,
    stroke_mm,
    pigment_lot_id,
    dilution,
    density: d.density,
  };
}

/** A typed cell's number for comparing with last time: absent when blank, NaN when unreadable. */
function cellNumber(text: string): number | null {
  const read = readNumber(text, { label: '' });
  return read.ok ? read.value : NaN;
}

/** The row "Add zone" appends: the first planned area not in the grid yet (else the first zone
 * not in it), pre-filled with that zone's technique from `last` time when it had any. */
export function nextZoneDraft(rows: ZoneDraft[], areas: readonly ScalpZone[], last: PreviousSettings | null): ZoneDraft {
  const used = new Set(rows.map((z) => z.zone));
  const zone = areas.find((a) => !used.has(a)) ?? SCALP_ZONE_VALUES.find((z) => !used.has(z)) ?? 'full_scalp';
  const setting = last?.zones.find((z) => z.zone === zone);
  return setting ? carriedFromSetting(setting) : blankDraft(zone);
}

/** The same zone in each earlier session (newest first), skipping the session being edited. */
export function earlierFor(
  zone: ScalpZone,
  previous: PreviousSettings[],
  editing: SessionId | null = null,
): Array<{ session: PreviousSettings; setting: ZoneSetting }> {
  return previous
    .filter((p) => p.session_id !== editing)
    .flatMap((session) => {
      const setting = session.zones.find((z) => z.zone === zone);
      return setting ? [{ session, setting }] : [];
    });
}

function same(column: GridColumn, draft: ZoneDraft, last: ZoneSetting): boolean {
  const value = draft[column];
  const before = last[column as keyof ZoneSetting];
  switch (column) {
    case 'depth_mm':
    case 'angle_deg':
    case 'machine_speed':
    case 'stroke_mm': {
      const n = cellNumber(String(value));
      return n === before || (n !== null && before !== null && Math.abs(n - (before as number)) < 1e-9);
    }
    case 'cartridge_lot':
    case 'target_layer':
    case 'dilution':
      return String(value).trim() === String(before).trim();
    default:
      return value === before;
  }
}

/** The cells of `draft` that differ from the same zone last time (none when there was no last
 * time). A blank cell is not a change: it is still to be filled (today's lots start so). */
export function changedColumns(draft: ZoneDraft, last: ZoneSetting | undefined): Set<GridColumn> {
  const changed = new Set<GridColumn>();
  if (!last) return changed;
  for (const column of GRID_COLUMNS) if (String(draft[column]).trim() !== '' && !same(column, draft, last)) changed.add(column);
  return changed;
}
