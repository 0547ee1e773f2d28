import { describe, expect, it } from 'vitest';
import {
  addDays,
  byDay,
  daysFrom,
  dueCount,
  gridHours,
  groupWorklist,
  layoutDay,
  localDateTime,
  startsInZone,
  wallTime,
  weekStart,
  zoneAbbreviation,
  isKnownZone,
  openingSpan,
  closedOn,
  dueDistance,
  firstOpenDay,
  weekdayOf,
  durationMinutes,
  rescheduleFrom,
} from './calendar';
import type { Appointment, Recall, Site, WorklistRow } from './types';

function appt(id: string, starts: string, ends: string, extra: Partial<Appointment> = {}): Appointment {
  return {
    id,
    site_id: 's',
    site_name: 'Soho',
    time_zone: 'Europe/London',
    version: 1,
    client_id: 'c',
    client_number: 1,
    client_name: 'Ann Lee',
    practitioner_id: 'p',
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

function row(id: string, urgency: WorklistRow['urgency'], due: string, name = 'Ann'): WorklistRow {
  return {
    recall: { id, due_on: due } as Recall,
    client_number: 1,
    client_name: name,
    phone: '',
    email: '',
    preferred_contact: 'phone',
    do_not_contact: false,
    practitioner_name: null,
    urgency,
    days_overdue: 0 as unknown as bigint,
  };
}

describe('days and weeks', () => {
  it('adds days across month ends and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-02-29', 1)).toBe('2028-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('starts weeks on Monday', () => {
    expect(weekStart('2026-11-24')).toBe('2026-11-23'); // a Tuesday
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
    expect(weekStart('2026-11-29')).toBe('2026-11-23'); // a Sunday
    expect(daysFrom('2026-11-23', 7)).toHaveLength(7);
    expect(daysFrom('2026-11-23', 7)[6]).toBe('2026-11-29');
  });
});

describe('times in the site’s zone', () => {
  it('shows the wall-clock time as stored, never shifted by the workstation’s zone', () => {
    expect(wallTime('2026-03-29T10:30:00')).toBe('10:30');
    expect(localDateTime('2026-03-29', '09:05')).toBe('2026-03-29T09:05:00');
  });

  it('names the zone, with its daylight-saving abbreviation on each side of the change', () => {
    expect(zoneAbbreviation('Europe/London', '2026-03-28T12:00:00Z')).toBe('GMT');
    expect(zoneAbbreviation('Europe/London', '2026-03-30T12:00:00Z')).toBe('BST');
    const a = appt('1', '2026-03-30T10:00:00', '2026-03-30T12:00:00', { starts_at: '2026-03-30T09:00:00Z' });
    expect(startsInZone(a)).toBe('10:00 BST (Europe/London)');
  });

  it('knows IANA zones and refuses anything else', () => {
    expect(isKnownZone('Asia/Dubai')).toBe(true);
    expect(isKnownZone('Mars/Olympus')).toBe(false);
    expect(isKnownZone('')).toBe(false);
  });
});

describe('week grid layout', () => {
  it('places appointments by minutes from the grid start and puts overlaps side by side', () => {
    const placed = layoutDay(
      [
        appt('b', '2026-11-24T10:00:00', '2026-11-24T11:00:00'),
        appt('a', '2026-11-24T09:00:00', '2026-11-24T10:30:00'),
        appt('c', '2026-11-24T12:00:00', '2026-11-24T13:00:00'),
      ],
      9 * 60,
    );
    const byId = Object.fromEntries(placed.map((p) => [p.appointment.id, p]));
    expect(byId.a).toMatchObject({ top: 0, length: 90, lane: 0, lanes: 2 });
    expect(byId.b).toMatchObject({ top: 60, length: 60, lane: 1, lanes: 2 });
    expect(byId.c).toMatchObject({ top: 180, lane: 0, lanes: 1 });
  });

  it('widens the hours to fit early and late appointments, and groups them by local day', () => {
    const early = appt('e', '2026-11-24T07:30:00', '2026-11-24T08:30:00');
    const late = appt('l', '2026-11-25T19:00:00', '2026-11-25T20:15:00');
    expect(gridHours([early, late])).toEqual([7, 21]);
    expect(gridHours([])).toEqual([9, 18]);
    const days = byDay([early, late], ['2026-11-24', '2026-11-25', '2026-11-26']);
    expect(days.get('2026-11-24')).toEqual([early]);
    expect(days.get('2026-11-26')).toEqual([]);
  });
});

describe('worklist', () => {
  it('groups rows by urgency in order, leaving empty buckets out, earliest due first', () => {
    const groups = groupWorklist([
      row('3', 'upcoming', '2027-01-10'),
      row('1', 'overdue', '2026-11-01'),
      row('2', 'overdue', '2026-10-01'),
      row('4', 'this_week', '2026-11-26'),
    ]);
    expect(groups.map((g) => g.urgency)).toEqual(['overdue', 'this_week', 'upcoming']);
    expect(groups[0].rows.map((r) => r.recall.id)).toEqual(['2', '1']);
  });

  it('counts overdue and this week’s recalls on the navigation', () => {
    expect(dueCount(null)).toBe(0);
    expect(dueCount({ overdue: 5, due_today: 2, this_week: 7, this_month: 20, flagged: 1 })).toBe(12);
  });
});

describe('opening hours on the grid', () => {
  const site = (hours: Site['hours']): Site => ({
    id: 's',
    version: 1,
    name: 'Dubai',
    address: '',
    time_zone: 'Asia/Dubai',
    hours,
    active: true,
    staff_ids: [],
  });
  const dubai = site([
    { weekday: 'sun', opens: '10:00:00', closes: '19:00:00' },
    { weekday: 'mon', opens: '10:00:00', closes: '18:30:00' },
  ]);

  it('spans from the earliest opening to the latest closing hour', () => {
    expect(openingSpan([dubai])).toEqual([10, 19]);
    expect(openingSpan([site([{ weekday: 'mon', opens: '08:00:00', closes: '12:15:00' }]), dubai])).toEqual([8, 19]);
    expect(openingSpan([])).toEqual([9, 18]);
  });

  it('marks a day closed only when every shown site is closed then (a Friday–Saturday weekend)', () => {
    expect(weekdayOf('2026-11-27')).toBe('fri');
    expect(closedOn([dubai], '2026-11-27')).toBe(true);
    expect(closedOn([dubai], '2026-11-29')).toBe(false);
    expect(closedOn([], '2026-11-27')).toBe(false);
  });

  it('offers a booking on the first day the site opens, never on its weekend', () => {
    expect(firstOpenDay(dubai, '2026-11-27')).toBe('2026-11-29'); // Friday → Sunday
    expect(firstOpenDay(dubai, '2026-11-30')).toBe('2026-11-30'); // open on Mondays
    expect(firstOpenDay(dubai, '2026-12-01')).toBe('2026-12-06'); // Tuesday → the next Sunday
    expect(firstOpenDay(site([]), '2026-11-27')).toBe('2026-11-27');
    expect(firstOpenDay(null, '2026-11-27')).toBe('2026-11-27');
  });
});

describe('moving an appointment', () => {
  it('starts the booking form from every field of the appointment, its own length included', () => {
    const three = appt('a-1', '2026-03-10T10:00:00', '2026-03-10T13:00:00', {
      plan_id: 'plan-1',
      session_number: 2,
      notes: 'Bring the crown photos',
    });
    expect(rescheduleFrom(three)).toEqual({
      site_id: 's',
      client_id: 'c',
      client_name: 'Ann Lee · 1',
      practitioner_id: 'p',
      kind: 'plan_session',
      plan_id: 'plan-1',
      session_number: 2,
      starts_local: '2026-03-10T10:00:00',
      duration_minutes: 180,
      notes: 'Bring the crown photos',
    });
  });

  it('measures the length from the instants, so a night across a clock change keeps its real length', () => {
    expect(durationMinutes({ starts_at: '2026-03-29T00:30:00Z', ends_at: '2026-03-29T02:00:00Z' })).toBe(90);
  });
});

describe('how far a recall is from its due day', () => {
  it('counts days up to two months, then months, then years, each to the nearest, either way', () => {
    expect(dueDistance(0)).toBe('due today');
    expect(dueDistance(1)).toBe('1 day overdue');
    expect(dueDistance(59)).toBe('59 days overdue');
    expect(dueDistance(60)).toBe('2 months overdue');
    expect(dueDistance(111)).toBe('4 months overdue');
    expect(dueDistance(729)).toBe('24 months overdue');
    expect(dueDistance(730)).toBe('2 years overdue');
    expect(dueDistance(3396)).toBe('9 years overdue');
    expect(dueDistance(-27)).toBe('in 27 days');
    expect(dueDistance(-1826)).toBe('in 5 years');
  });
});
