// The session form's zone grid: editable rows, the earlier sessions' values beside each row, and
// which cells differ from last time. Presentation only: the core validates every value on save.
import { SCALP_ZONE_VALUES } from './bindings/vocabulary';
import { numberOrNull, numberOrZero, optionalNumber } from './forms';
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

/** The row as the core receives it. Unpicked needle or lot must be caught before this. */
export function settingFromDraft(d: ZoneDraft): ZoneSetting {
  return {
    zone: d.zone,
    needle_id: d.needle_id as NeedleId,
    cartridge_lot: d.cartridge_lot,
    depth_mm: numberOrZero(d.depth_mm),
    target_layer: d.target_layer,
    angle_deg: numberOrZero(d.angle_deg),
    machine_speed: optionalNumber(d.machine_speed),
    stroke_mm: optionalNumber(d.stroke_mm),
    pigment_lot_id: d.pigment_lot_id as PigmentLotId,
    dilution: d.dilution,
    density: d.density,
  };
}

/** The row "Add zone" appends: the first planned area not in the grid yet (else the first zone
 * not in it), pre-filled with that zone's settings from `last` time when it had any. */
export function nextZoneDraft(rows: ZoneDraft[], areas: readonly ScalpZone[], last: PreviousSettings | null): ZoneDraft {
  const used = new Set(rows.map((z) => z.zone));
  const zone = areas.find((a) => !used.has(a)) ?? SCALP_ZONE_VALUES.find((z) => !used.has(z)) ?? 'full_scalp';
  const setting = last?.zones.find((z) => z.zone === zone);
  return setting ? draftFromSetting(setting) : blankDraft(zone);
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
      const n = numberOrNull(value);
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

/** The cells of `draft` that differ from the same zone last time (none when there was no last time). */
export function changedColumns(draft: ZoneDraft, last: ZoneSetting | undefined): Set<GridColumn> {
  const changed = new Set<GridColumn>();
  if (!last) return changed;
  for (const column of GRID_COLUMNS) if (!same(column, draft, last)) changed.add(column);
  return changed;
}

/** Which rows lack a needle or a pigment lot (the form asks for them before sending). */
export function missingPicks(rows: ZoneDraft[]): { index: number; column: 'needle_id' | 'pigment_lot_id' } | null {
  for (const [index, row] of rows.entries()) {
    if (row.needle_id === '') return { index, column: 'needle_id' };
    if (row.pigment_lot_id === '') return { index, column: 'pigment_lot_id' };
  }
  return null;
}
