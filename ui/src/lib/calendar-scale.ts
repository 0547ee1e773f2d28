// The calendar at clinic scale: the whole clinic's week as a summary table (a cell per site or
// practitioner and day), the day as one lane per practitioner, and a week grid whose crowded hours
// fold into a "+N" marker instead of tiles too narrow to read. Pure functions, unit-tested.
import { layoutDay, type Placed } from './calendar';
import type { Appointment, CalendarSummary, DayLoad, SiteDays } from './types';

/** How busy a summary cell is, for its shading. */
export type Load = 'closed' | 'free' | 'light' | 'busy' | 'full';

/** A day's load from its free share of the open hours (a quarter or less free is busy). */
export function loadOf(day: DayLoad): Load {
  if (day.open_minutes === 0) return 'closed';
  if (day.free_minutes === 0) return 'full';
  if (day.appointments === 0) return 'free';
  return day.free_minutes * 4 <= day.open_minutes ? 'busy' : 'light';
}

/** A length of time as a cell shows it: "45m", "3h", "4h30". */
export function shortDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h${String(m).padStart(2, '0')}`;
}

/** Whether the summary opens with every practitioner's row shown: only while they all fit on one
 * screen beside their sites (more than `limit` rows and each site starts folded). */
export function practitionersShownAtFirst(summary: CalendarSummary, limit = 16): boolean {
  return summary.sites.reduce((n, s) => n + s.practitioners.length, 0) <= limit;
}

/** What a week column shows when more appointments overlap than its lanes can hold readably:
 * the hidden ones' extent and count, in the last lane. */
export type Folded = { top: number; length: number; lane: number; lanes: number; appointments: Appointment[] };

/**
 * Keeps a week column readable: in a group needing more than `maxLanes` lanes, the first
 * `maxLanes - 1` lanes keep their tiles and the rest fold into one "+N" marker in the last lane.
 */
export function foldLanes(placed: Placed[], maxLanes: number): { shown: Placed[]; folded: Folded[] } {
  const shown: Placed[] = [];
  const hidden = new Map<number, Placed[]>();
  for (const p of placed) {
    if (p.lanes <= maxLanes) shown.push(p);
    else if (p.lane < maxLanes - 1) shown.push({ ...p, lanes: maxLanes });
    else hidden.set(p.group, [...(hidden.get(p.group) ?? []), p]);
  }
  const folded = [...hidden.values()].map((group) => {
    const top = Math.min(...group.map((p) => p.top));
    const bottom = Math.max(...group.map((p) => p.top + p.length));
    return { top, length: bottom - top, lane: maxLanes - 1, lanes: maxLanes, appointments: group.map((p) => p.appointment) };
  });
  return { shown, folded };
}

/** One practitioner's lane in the day view: their day's load and their appointments placed on it
 * (`lanes` > 1 where their own appointments overlap, which then share the lane's height). */
export type Lane = {
  key: string;
  site_id: string;
  practitioner_id: string;
  practitioner_name: string;
  load: DayLoad | null;
  placed: Placed[];
  rows: number;
};

/** A site's lanes in the day view. */
export type LaneGroup = { site_id: string; site_name: string; time_zone: string; lanes: Lane[] };

/**
 * The lanes of `day`: one per practitioner of each site in the day's summary (idle ones too),
 * sites and people in the summary's order; an appointment whose practitioner the summary does not
 * list (booked between the two answers) gets a lane of its own rather than going missing.
 */
export function dayLanes(summary: CalendarSummary, day: string, appointments: Appointment[], startMinute: number): LaneGroup[] {
  const mine = new Map<string, Appointment[]>();
  for (const a of appointments) {
    const key = `${a.site_id}/${a.practitioner_id}`;
    mine.set(key, [...(mine.get(key) ?? []), a]);
  }
  const lane = (site: string, id: string, name: string, load: DayLoad | null): Lane => {
    const key = `${site}/${id}`;
    const placed = layoutDay(mine.get(key) ?? [], startMinute);
    mine.delete(key);
    return { key, site_id: site, practitioner_id: id, practitioner_name: name, load, placed, rows: Math.max(1, ...placed.map((p) => p.lanes)) };
  };
  const groups: LaneGroup[] = summary.sites.map((s: SiteDays) => ({
    site_id: s.site_id,
    site_name: s.site_name,
    time_zone: s.time_zone,
    lanes: s.practitioners.map((p) => lane(s.site_id, p.practitioner_id, p.practitioner_name, p.days.find((d) => d.day === day) ?? null)),
  }));
  for (const [, rest] of [...mine]) {
    const a = rest[0];
    let group = groups.find((g) => g.site_id === a.site_id);
    if (!group) {
      group = { site_id: a.site_id, site_name: a.site_name, time_zone: a.time_zone, lanes: [] };
      groups.push(group);
    }
    group.lanes.push(lane(a.site_id, a.practitioner_id, a.practitioner_name, null));
  }
  return groups;
}

/** Where a span of minutes sits on a day axis of `hours` ([first, last) hour), in percent of its
 * width, clipped to the axis so a tile never leaves its lane. */
export function onAxis(top: number, length: number, hours: [number, number]): { start: number; size: number } {
  const span = (hours[1] - hours[0]) * 60;
  const from = Math.max(0, Math.min(top, span));
  const to = Math.max(from, Math.min(top + length, span));
  return { start: (from / span) * 100, size: ((to - from) / span) * 100 };
}

/** The hour a click lands on along a lane (`fraction` of its width), for booking that slot. */
export function hourAt(fraction: number, hours: [number, number]): number {
  const hour = hours[0] + Math.floor(Math.max(0, Math.min(fraction, 0.9999)) * (hours[1] - hours[0]));
  return Math.min(hour, hours[1] - 1);
}
