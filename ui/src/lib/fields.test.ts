import { describe, expect, it } from 'vitest';
import { readChoice, readDate, readForm, readNumber, readText, readTime, type Read } from './fields';

const label = 'Angle';
const error = (read: Read<unknown>) => (read.ok ? null : read.error);
const value = (read: Read<unknown>) => (read.ok ? read.value : 'error');

/** What a tester typed into fields that should have refused it. */
const HOSTILE = ['forty five', 'abc', '12abc', '0x10', '1e3', 'Infinity', 'NaN', '1,000.5', '1.000,5', '1,2,3', '1 000', '--5', '.', ','];

describe('readNumber', () => {
  const optional = { label };
  const required = { label, required: true } as const;

  it('reads a blank (or spaces only) optional field as absent, never 0', () => {
    for (const blank of ['', '   ', '\t', '\u00a0', null, undefined]) expect(readNumber(blank, optional)).toEqual({ ok: true, value: null });
  });

  it('refuses a blank (or spaces only) required field, naming it', () => {
    expect(error(readNumber('', required))).toBe('Angle is required');
    expect(error(readNumber('   ', required))).toBe('Angle is required');
    expect(error(readNumber(null, required))).toBe('Angle is required');
  });

  it('refuses letters and anything that only looks like a number, quoting what was typed', () => {
    expect(error(readNumber('forty five', required))).toBe('Angle: “forty five” is not a number');
    expect(error(readNumber('12abc', optional))).toBe('Angle: “12abc” is not a number');
    for (const typed of HOSTILE) {
      expect(readNumber(typed, optional).ok, typed).toBe(false);
      expect(readNumber(typed, required).ok, typed).toBe(false);
    }
  });

  it('reads a comma as the decimal mark, and spaces around the number are ignored', () => {
    expect(value(readNumber('0,8', required))).toBe(0.8);
    expect(value(readNumber(' 0.8 ', required))).toBe(0.8);
    expect(value(readNumber(',5', required))).toBe(0.5);
    expect(value(readNumber('12,', required))).toBe(12);
  });

  it('passes negative numbers on for the core to judge, with the typographic minus too', () => {
    expect(value(readNumber('-5', required))).toBe(-5);
    expect(value(readNumber('−0,5', required))).toBe(-0.5);
    expect(Object.is(value(readNumber('-0', required)), 0)).toBe(true);
  });

  it('refuses a number too large to be one, or too small to be kept, and passes a huge one on', () => {
    expect(error(readNumber('1e400', required))).toBe('Angle: “1e400” is not a number');
    expect(error(readNumber('1e308', required))).toBe('Angle: “1e308” is not a number');
    const huge = '9'.repeat(400);
    expect(error(readNumber(huge, required))).toBe(`Angle: “${'9'.repeat(40)}…” is too large a number`);
    expect(value(readNumber('1' + '0'.repeat(308), required))).toBe(1e308);
    expect(readNumber(`0.${'0'.repeat(400)}1`, required).ok).toBe(false);
  });

  it('reads a number a bound input already made, but never NaN or Infinity', () => {
    expect(value(readNumber(45, required))).toBe(45);
    expect(value(readNumber(1e308, required))).toBe(1e308);
    expect(readNumber(NaN, required).ok).toBe(false);
    expect(readNumber(Infinity, required).ok).toBe(false);
  });

  it('asks a whole-number field for a whole number it can hold exactly', () => {
    const whole = { label: 'Duration', required: true, integer: true } as const;
    expect(value(readNumber('90', whole))).toBe(90);
    expect(value(readNumber('90,0', whole))).toBe(90);
    expect(error(readNumber('90,5', whole))).toBe('Duration: “90,5” is not a whole number');
    expect(value(readNumber('-5', whole))).toBe(-5);
    expect(error(readNumber('12345678901234567890', whole))).toBe('Duration: “12345678901234567890” is too large a number');
    expect(error(readNumber('1e400', whole))).not.toBeNull();
  });

  it('checks the range only when the rule gives one', () => {
    const pain = { label: 'Pain', integer: true, min: 0, max: 10 };
    expect(error(readNumber('-1', pain))).toBe('Pain must be at least 0 (got -1)');
    expect(error(readNumber('11', pain))).toBe('Pain must be at most 10 (got 11)');
    expect(value(readNumber('10', pain))).toBe(10);
    expect(value(readNumber('100000', { label }))).toBe(100000);
  });
});

describe('readDate', () => {
  const required = { label: 'Expires', required: true } as const;

  it('reads a real day, blank optional as absent, blank required as an error', () => {
    expect(value(readDate('2026-02-28', required))).toBe('2026-02-28');
    expect(value(readDate(' 2024-02-29 ', required))).toBe('2024-02-29');
    expect(readDate('', { label: 'Opened' })).toEqual({ ok: true, value: null });
    expect(readDate('   ', { label: 'Opened' })).toEqual({ ok: true, value: null });
    expect(error(readDate('   ', required))).toBe('Expires is required');
  });

  it('refuses what is not a day, quoting it', () => {
    expect(error(readDate('2026-02-30', required))).toBe('Expires: “2026-02-30” is not a date (YYYY-MM-DD)');
    for (const typed of ['2025-02-29', '2026-13-01', '2026-00-10', '+262142-12-31', '-2026-01-01', '26-1-1', '0,8', '1e308', '1e400', '12abc', 'tomorrow', 20260101])
      expect(readDate(typed, required).ok, String(typed)).toBe(false);
  });
});

describe('a date or time its input could not read', () => {
  it('is refused as typed-but-unreadable, never taken for blank, even when optional', () => {
    const message = 'Pause until: what was typed is incomplete or not a real date or time';
    expect(error(readDate('', { label: 'Pause until', unreadable: true }))).toBe(message);
    expect(error(readTime('', { label: 'Pause until', unreadable: true }))).toBe(message);
  });

  it('is refused by the form for the fields its inputs named', () => {
    const read = readForm(
      (r) => ({
        born: r.date('date_of_birth', '', { label: 'Date of birth' }),
        until: r.date('until', '', { label: 'Until' }),
      }),
      ['date_of_birth'],
    );
    expect(read.ok ? null : read.problems).toEqual({
      date_of_birth: 'Date of birth: what was typed is incomplete or not a real date or time',
    });
  });
});

describe('readTime', () => {
  it('reads HH:MM, refuses anything else', () => {
    expect(value(readTime('09:30', { label: 'Start', required: true }))).toBe('09:30');
    expect(readTime('', { label: 'Start' })).toEqual({ ok: true, value: null });
    expect(error(readTime(' ', { label: 'Start', required: true }))).toBe('Start is required');
    expect(error(readTime('25:00', { label: 'Start' }))).toBe('Start: “25:00” is not a time (HH:MM)');
    for (const typed of ['9:30', '0,8', '-1', '1e308', '1e400', '12abc', 'noon']) expect(readTime(typed, { label: 'Start' }).ok, typed).toBe(false);
  });
});

describe('readText and readChoice', () => {
  it('keeps text as typed (never a number) and refuses it blank only when required', () => {
    for (const typed of ['0,8', '-5', '1e308', '1e400', '12abc', 'letters']) expect(value(readText(typed, { label: 'Lot' }))).toBe(typed);
    expect(value(readText('  ', { label: 'Lot' }))).toBe('  ');
    expect(error(readText('  ', { label: 'Lot number', required: true }))).toBe('Lot number is required');
  });

  it('asks for a choice when required, else leaves it absent', () => {
    expect(error(readChoice('', { label: 'Practitioner', required: true }))).toBe('Practitioner: choose one');
    expect(readChoice('', { label: 'Plan' })).toEqual({ ok: true, value: null });
    expect(value(readChoice('st-1', { label: 'Practitioner', required: true }))).toBe('st-1');
  });
});

describe('every reader', () => {
  const typed = ['', '   ', 'forty five', 'abc', '0,8', '-5', '-1e3', '1e308', '1e400', '12abc', ...HOSTILE];

  it('never yields a number silently: only readNumber gives one, and only for a plainly written number', () => {
    const plain = /^-?\d+(,\d+)?$/;
    for (const text of typed) {
      const rules = { label: 'Field' };
      for (const read of [readDate(text, rules), readTime(text, rules), readText(text, rules), readChoice(text, rules)])
        expect(typeof (read.ok ? read.value : null), text).not.toBe('number');
      const number = readNumber(text, rules);
      if (number.ok && number.value !== null) expect(text, 'read as a number').toMatch(plain);
      if (text.trim() === '') expect(number).toEqual({ ok: true, value: null });
    }
  });
});

describe('readForm', () => {
  it('gives the request when every field reads', () => {
    const read = readForm((r) => ({ depth: r.number('depth', '0,8', { label: 'Depth', required: true }) }));
    expect(read).toEqual({ ok: true, value: { depth: 0.8 } });
  });

  it('keeps every field’s problem at once, and no request with a placeholder in it', () => {
    const read = readForm((r) => ({
      depth: r.number('zones[0].depth_mm', 'abc', { label: 'Depth', required: true }),
      angle: r.number('zones[0].angle_deg', '', { label: 'Angle', required: true }),
      speed: r.number('zones[0].machine_speed', '', { label: 'Speed' }),
      lot: r.text('zones[0].cartridge_lot', ' ', { label: 'Cartridge lot', required: true }),
      on: r.date('performed_on', '2026-02-31', { label: 'Date', required: true }),
    }));
    expect(read.ok).toBe(false);
    expect(read).not.toHaveProperty('value');
    if (!read.ok)
      expect(read.problems).toEqual({
        'zones[0].depth_mm': 'Depth: “abc” is not a number',
        'zones[0].angle_deg': 'Angle is required',
        'zones[0].cartridge_lot': 'Cartridge lot is required',
        performed_on: 'Date: “2026-02-31” is not a date (YYYY-MM-DD)',
      });
  });

  it('keeps the form’s own problems beside the readers’ ones', () => {
    const read = readForm((r) => {
      r.problem('zones[1].needle_id', 'Choose the needle used for this zone.');
      return r.choice('practitioner_id', '', { label: 'Practitioner', required: true });
    });
    expect(read.ok ? null : Object.keys(read.problems)).toEqual(['zones[1].needle_id', 'practitioner_id']);
  });
});
