import { describe, expect, it } from 'vitest';
import { layoutDay } from './calendar';
import { dayLanes, foldLanes, hourAt, loadOf, onAxis, practitionersShownAtFirst, shortDuration } from './calendar-scale';
import type { Appointment, CalendarSummary, DayLoad } from './types';

function appt(id: string, starts: string, ends: string, extra: Partial<Appointment> = {}): Appointment {
  return {
    id,
    site_id: 's1',
    site_name: 'Soho',
    time_zone: 'Europe/London',
    version: 1,
    client_id: 'c',
    client_number: 1,
    client_name: 'Ann Lee',
    practitioner_id: 'p1',
    practitioner_name: 'Sam',
    kind: 'plan_session',
    starts_at: `${starts}Z`,
    ends_at: `${ends}Z`,
    starts_local: starts,
    ends_local: ends,
    plan_id: null,
    session_number: null,
    status: 'booked',
    notes: '',
    ...extra,
  };
}

const DAY = '2026-11-24';
const load = (appointments: number, open: number, free: number): DayLoad => ({
  day: DAY,
  appointments,
  open_minutes: open,
  free_minutes: free,
});

function summary(sites: Array<[string, string[]]>): CalendarSummary {
  return {
    days: [DAY],
    appointments: 0,
    sites: sites.map(([site, people]) => ({
      site_id: site,
      site_name: site.toUpperCase(),
      time_zone: 'Europe/London',
      days: [load(0, 540 * people.length, 540 * people.length)],
      practitioners: people.map((p) => ({ practitioner_id: p, practitioner_name: `Name ${p}`, days: [load(0, 540, 540)] })),
    })),
  };
}

describe('summary cells', () => {
  it('shade a day by how much of its open time is booked', () => {
    expect(loadOf(load(0, 0, 0))).toBe('closed');
    expect(loadOf(load(0, 540, 540))).toBe('free');
    expect(loadOf(load(2, 540, 300))).toBe('light');
    expect(loadOf(load(4, 540, 120))).toBe('busy');
    expect(loadOf(load(5, 540, 0))).toBe('full');
  });

  it('write free time short enough for a cell', () => {
    expect(shortDuration(45)).toBe('45m');
    expect(shortDuration(180)).toBe('3h');
    expect(shortDuration(270)).toBe('4h30');
    expect(shortDuration(65)).toBe('1h05');
  });

  it('show every practitioner at first only while they fit on one screen', () => {
    expect(practitionersShownAtFirst(summary([['a', ['1', '2']], ['b', ['3']]]))).toBe(true);
    const clinic = summary(Array.from({ length: 12 }, (_, i) => [`s${i}`, Array.from({ length: 10 }, (_, j) => `${i}-${j}`)]));
    expect(practitionersShownAtFirst(clinic)).toBe(false);
  });
});

describe('a crowded week column', () => {
  it('folds the overlaps beyond its lanes into one marker and keeps every other tile', () => {
    // Six appointments at once, then one alone later.
    const crowd = Array.from({ length: 6 }, (_, i) => appt(`c${i}`, `${DAY}T10:00:00`, `${DAY}T${11 + (i % 2)}:00:00`));
    const later = appt('late', `${DAY}T15:00:00`, `${DAY}T16:00:00`);
    const { shown, folded } = foldLanes(layoutDay([...crowd, later], 9 * 60), 3);
    expect(shown.map((p) => p.appointment.id).sort()).toEqual(['c0', 'c1', 'late']);
    expect(shown.filter((p) => p.appointment.id !== 'late').every((p) => p.lanes === 3 && p.lane < 2)).toBe(true);
    expect(shown.find((p) => p.appointment.id === 'late')).toMatchObject({ lane: 0, lanes: 1 });
    expect(folded).toHaveLength(1);
    expect(folded[0]).toMatchObject({ top: 60, length: 120, lane: 2, lanes: 3 });
    expect(folded[0].appointments.map((a) => a.id)).toEqual(['c2', 'c3', 'c4', 'c5']);
  });

  it('leaves a column that fits as it is', () => {
    const two = [appt('a', `${DAY}T10:00:00`, `${DAY}T11:00:00`), appt('b', `${DAY}T10:30:00`, `${DAY}T11:30:00`)];
    const { shown, folded } = foldLanes(layoutDay(two, 9 * 60), 3);
    expect(shown).toHaveLength(2);
    expect(folded).toEqual([]);
  });
});

describe('the day by practitioner', () => {
  it('gives every practitioner of the summary a lane, idle ones too, with their own appointments', () => {
    const groups = dayLanes(
      summary([
        ['s1', ['p1', 'p2']],
        ['s2', ['p3']],
      ]),
      DAY,
      [
        appt('a', `${DAY}T09:30:00`, `${DAY}T12:30:00`),
        appt('b', `${DAY}T14:00:00`, `${DAY}T15:00:00`, { practitioner_id: 'p3', site_id: 's2' }),
      ],
      9 * 60,
    );
    expect(groups.map((g) => [g.site_name, g.lanes.map((l) => l.practitioner_name)])).toEqual([
      ['S1', ['Name p1', 'Name p2']],
      ['S2', ['Name p3']],
    ]);
    expect(groups[0].lanes[0].placed.map((p) => [p.appointment.id, p.top, p.length])).toEqual([['a', 30, 180]]);
    expect(groups[0].lanes[1].placed).toEqual([]);
    expect(groups[0].lanes[1].load).toEqual(load(0, 540, 540));
    // A summary of another day (an answer still on its way) gives no load rather than a wrong one.
    expect(dayLanes(summary([['s1', ['p1']]]), '2026-11-25', [], 540)[0].lanes[0].load).toBeNull();
    expect(groups[1].lanes[0].placed.map((p) => p.appointment.id)).toEqual(['b']);
  });

  it('splits a lane where one practitioner’s appointments overlap, and never loses an unlisted one', () => {
    const groups = dayLanes(
      summary([['s1', ['p1']]]),
      DAY,
      [
        appt('a', `${DAY}T10:00:00`, `${DAY}T11:00:00`),
        appt('b', `${DAY}T10:30:00`, `${DAY}T11:30:00`),
        appt('new', `${DAY}T10:00:00`, `${DAY}T11:00:00`, { practitioner_id: 'p9', practitioner_name: 'Newcomer', site_id: 's7', site_name: 'Leeds' }),
      ],
      9 * 60,
    );
    expect(groups[0].lanes[0].rows).toBe(2);
    expect(groups[1]).toMatchObject({ site_name: 'Leeds' });
    expect(groups[1].lanes.map((l) => [l.practitioner_name, l.load, l.placed.length])).toEqual([['Newcomer', null, 1]]);
  });

  it('places tiles in percent of the axis, clipped to it, and finds the hour a click lands on', () => {
    expect(onAxis(60, 120, [9, 19])).toEqual({ start: 10, size: 20 });
    expect(onAxis(540, 120, [9, 19])).toEqual({ start: 90, size: 10 });
    expect(onAxis(-30, 60, [9, 19])).toEqual({ start: 0, size: 5 });
    expect(hourAt(0, [9, 19])).toBe(9);
    expect(hourAt(0.55, [9, 19])).toBe(14);
    expect(hourAt(1, [9, 19])).toBe(18);
  });
});
