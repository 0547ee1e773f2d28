// Calendar and worklist logic the screens share: days and weeks, wall-clock times in a site's
// time zone, the week grid's layout, the worklist's urgency buckets and the navigation count.
// Pure functions (no Tauri, no DOM), so each is unit-tested.
import { language, plural, t } from './i18n/messages';
import { dateFormat } from './i18n/intl-cache';
import type { Appointment, AppointmentInput, RecallCounts, Site, Urgency, Weekday, WorklistRow } from './types';

/** What a booking form starts with (a slot's day and time, a recall's client and plan, …). */
export type Prefill = Partial<AppointmentInput> & { client_name?: string; date?: string; time?: string };

/** `iso` (YYYY-MM-DD) plus `n` days. */
export function addDays(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The Monday of the week containing `iso`. */
export function weekStart(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(iso, -weekday);
}

/** `n` consecutive days from `from`. */
export function daysFrom(from: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => addDays(from, i));
}

/** The day part of a local date-time (`2026-03-29T10:30:00` → `2026-03-29`). */
export function dayOf(local: string): string {
  return local.slice(0, 10);
}

/** Minutes since midnight of a local date-time. */
export function minutesOf(local: string): number {
  const [h, m] = local.slice(11, 16).split(':').map(Number);
  return h * 60 + m;
}

/** The wall-clock time of a local date-time (no zone conversion: it already is the site's time). */
export function wallTime(local: string): string {
  const [y, mo, d] = local.slice(0, 10).split('-').map(Number);
  const [h, mi] = local.slice(11, 16).split(':').map(Number);
  return dateFormat(language.locale, { timeStyle: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, mo - 1, d, h, mi)),
  );
}

/** A day as the calendar heads it, e.g. "Tue 24 Nov". */
export function dayHeading(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return dateFormat(language.locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** The zone's short name at an instant, e.g. "GMT", "BST", "GMT+4" (the IANA name if unknown). */
export function zoneAbbreviation(timeZone: string, at: string | Date = new Date()): string {
  try {
    const parts = dateFormat(language.locale, { timeZone, timeZoneName: 'short' }).formatToParts(
      typeof at === 'string' ? new Date(at) : at,
    );
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/** An appointment's start as the client reads it: "10:30 BST (Europe/London)". */
export function startsInZone(a: Pick<Appointment, 'starts_local' | 'starts_at' | 'time_zone'>): string {
  return `${wallTime(a.starts_local)} ${zoneAbbreviation(a.time_zone, a.starts_at)} (${a.time_zone})`;
}

/** Whether a time zone name is one the platform knows (IANA). */
export function isKnownZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone.length > 0;
  } catch {
    return false;
  }
}

/** An appointment's length in minutes, from its instants (so a booking across a clock change
 * keeps its real length). */
export function durationMinutes(a: Pick<Appointment, 'starts_at' | 'ends_at'>): number {
  return Math.round((Date.parse(a.ends_at) - Date.parse(a.starts_at)) / 60_000);
}

/** The booking form's starting values for moving `a`: every field of the appointment as it is,
 * its own length included (only a new booking starts from the default length). */
export function rescheduleFrom(a: Appointment): Prefill {
  return {
    site_id: a.site_id,
    client_id: a.client_id,
    client_name: `${a.client_name} · ${a.client_number}`,
    practitioner_id: a.practitioner_id,
    kind: a.kind,
    plan_id: a.plan_id,
    session_number: a.session_number,
    starts_local: a.starts_local,
    duration_minutes: durationMinutes(a),
    notes: a.notes,
  };
}

/** `YYYY-MM-DD` + `HH:MM` as the core's local date-time. */
export function localDateTime(dayIso: string, time: string): string {
  return `${dayIso}T${time.slice(0, 5)}:00`;
}

/** One appointment placed in a day column: minutes from the grid's start, length, its lane, and
 * which overlapping group (numbered from 0 in time order) it belongs to. */
export type Placed = { appointment: Appointment; top: number; length: number; lane: number; lanes: number; group: number };

/**
 * Lays out one day's appointments on a grid starting at `startMinute`: overlapping appointments
 * sit side by side in lanes, and every member of an overlapping group knows how many lanes the
 * group needs.
 */
export function layoutDay(appointments: Appointment[], startMinute: number): Placed[] {
  const sorted = [...appointments].sort((a, b) => a.starts_local.localeCompare(b.starts_local));
  const placed: Placed[] = [];
  let group: Placed[] = [];
  let groupEnd = -1;
  let groupNumber = -1;
  const close = () => {
    const lanes = Math.max(1, ...group.map((p) => p.lane + 1));
    for (const p of group) p.lanes = lanes;
    group = [];
  };
  for (const appointment of sorted) {
    const start = minutesOf(appointment.starts_local);
    const endDay = dayOf(appointment.ends_local) === dayOf(appointment.starts_local);
    const end = endDay ? minutesOf(appointment.ends_local) : 24 * 60;
    if (start >= groupEnd) {
      close();
      groupNumber += 1;
    }
    const busy = new Set(
      group.filter((p) => minutesOf(p.appointment.starts_local) + p.length > start).map((p) => p.lane),
    );
    let lane = 0;
    while (busy.has(lane)) lane += 1;
    const item: Placed = { appointment, top: start - startMinute, length: Math.max(end - start, 15), lane, lanes: 1, group: groupNumber };
    group.push(item);
    placed.push(item);
    groupEnd = Math.max(groupEnd, start + item.length);
  }
  close();
  return placed;
}

/** Appointments by local day, for a week view (days without any get an empty list). */
export function byDay(appointments: Appointment[], days: string[]): Map<string, Appointment[]> {
  const map = new Map(days.map((d) => [d, [] as Appointment[]]));
  for (const a of appointments) map.get(dayOf(a.starts_local))?.push(a);
  return map;
}

/** The first and last hour a grid shows: opening hours widened to fit every appointment. */
export function gridHours(appointments: Appointment[], opens = 9, closes = 18): [number, number] {
  let first = opens;
  let last = closes;
  for (const a of appointments) {
    first = Math.min(first, Math.floor(minutesOf(a.starts_local) / 60));
    const end = dayOf(a.ends_local) === dayOf(a.starts_local) ? minutesOf(a.ends_local) : 24 * 60;
    last = Math.max(last, Math.ceil(end / 60));
  }
  return [first, Math.min(last, 24)];
}

export const URGENCY_ORDER: readonly Urgency[] = ['overdue', 'this_week', 'this_month', 'upcoming'];

/** The worklist in its urgency buckets (in order, empty ones left out), most overdue first. */
export function groupWorklist(rows: WorklistRow[]): Array<{ urgency: Urgency; rows: WorklistRow[] }> {
  return URGENCY_ORDER.map((urgency) => ({
    urgency,
    rows: rows
      .filter((r) => r.urgency === urgency)
      .sort((a, b) => a.recall.due_on.localeCompare(b.recall.due_on) || a.client_name.localeCompare(b.client_name)),
  })).filter((g) => g.rows.length > 0);
}

/** The navigation's "N due": overdue plus due within the week. */
export function dueCount(counts: RecallCounts | null): number {
  return counts ? counts.overdue + counts.this_week : 0;
}

const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The weekday code of a day (`2026-11-24` → `tue`). */
export function weekdayOf(iso: string): Weekday {
  const [y, m, d] = iso.split('-').map(Number);
  return WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7];
}

/** The hours the shown sites are open, widest first to last ([9, 18] when none are known). */
export function openingSpan(sites: Site[]): [number, number] {
  const hours = sites.flatMap((s) => s.hours);
  if (hours.length === 0) return [9, 18];
  const opens = Math.min(...hours.map((h) => Number(h.opens.slice(0, 2))));
  const closes = Math.max(
    ...hours.map((h) => {
      const [hh, mm] = h.closes.split(':').map(Number);
      return Math.ceil((hh * 60 + mm) / 60);
    }),
  );
  return [opens, Math.min(Math.max(closes, opens + 1), 24)];
}

/** The first day from `from` on which `site` opens (`from` itself when it does, or when the
 * site has no hours on file: the core then names what is wrong with the day). */
export function firstOpenDay(site: Site | null | undefined, from: string): string {
  if (!site || site.hours.length === 0) return from;
  let day = from;
  while (closedOn([site], day)) day = addDays(day, 1);
  return day;
}

/** Whether every shown site is closed on a day (its weekday has no opening hours). */
export function closedOn(sites: Site[], iso: string): boolean {
  const weekday = weekdayOf(iso);
  return sites.length > 0 && sites.every((s) => !s.hours.some((h) => h.weekday === weekday));
}

/** How far a due day is from today in words a person reads at a glance: days up to two months,
 * then months up to two years, then years, each to the nearest ("3,396 days overdue" is "9 years
 * overdue"). `days` is days past due; negative is days until due. */
export function dueDistance(days: number): string {
  if (days === 0) return t('recalls.due_today');
  const n = Math.abs(days);
  const [unit, count] = n < 60 ? (['days', n] as const) : n < 730 ? (['months', Math.round(n / 30.44)] as const) : (['years', Math.round(n / 365.25)] as const);
  return days > 0 ? plural(`recalls.${unit}_overdue`, count) : plural(`recalls.in_${unit}`, count);
}
