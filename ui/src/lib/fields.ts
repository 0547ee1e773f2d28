// Reading what was typed into a form, field by field, before anything is sent to the core.
//
// The house rule: a blank or unreadable field never becomes a value. Every reader answers
// either `{ ok: true, value }` or `{ ok: false, error }`, the error naming the field and quoting
// what was typed ("Angle (°): “forty five” is not a number"). A blank optional field is absent
// (`null`); a blank required one is an error. Nothing here turns text into 0.
//
// Numbers are written plainly: an optional sign, digits, and at most one decimal mark.
//  - A comma is read as the decimal mark, like a dot: "0,8" is 0.8. Clinics in much of Europe
//    type it so, and the app never shows or takes thousands separators. Text that could only be
//    read by guessing is refused instead: both marks ("1.000,5", "1,000.5"), two commas ("1,2,3"),
//    spaces inside ("1 000").
//  - No exponents, hex or words ("1e3", "0x10", "Infinity", "twelve", "12abc" are not numbers).
//  - A value too large to be a number at all (more than ~309 digits), or a whole number beyond
//    what can be held exactly (2^53), is refused, as are decimals so small they would be kept as 0.
//  - Negative or huge values are otherwise passed on: the core refuses what is out of range with
//    its own message. Only a rule with explicit `min`/`max` checks the range here.
// Dates are the date input's `YYYY-MM-DD` and must be a real day; times are `HH:MM` (24 h).
// A date or time input hides what was typed when it cannot read it (a half-typed date's value is
// ''), so a form passes such fields as `unreadable` (forms.ts, `unreadableFields`): they are
// refused as typed-but-unreadable, never taken for blank.
//
// A form reads all its fields at once through `readForm`, which collects every problem by field
// path (`zones[1].angle_deg`) so that the form can show them together and send nothing.
import { t, type MessageKey } from './i18n/messages';

/** What a reader makes of one field: its value, or the message saying what is wrong with it. */
export type Read<T> = { ok: true; value: T } | { ok: false; error: string };

/** What an input holds: its text (a number only where something already made it one). */
export type Typed = string | number | null | undefined;

/** How to read a field: the name the messages give it, whether it may be left blank, and whether
 * its input reported text it could not read (a half-typed date, whose value reads as ''). */
export type Rule = { label: string; required?: boolean; unreadable?: boolean };
export type Required = { required: true };
export type NumberRule = Rule & { integer?: boolean; min?: number; max?: number };

/** The longest typed text quoted back in a message. */
const QUOTE_MAX = 40;
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

/** The typed text without surrounding spaces (and with the typographic minus as '-'). */
function typedText(text: Typed): string {
  return text === null || text === undefined ? '' : String(text).trim().replace(/\u2212/g, '-');
}

function fail(key: MessageKey, rule: Rule, typed: string, vars: Record<string, string | number> = {}): Read<never> {
  const quoted = typed.length > QUOTE_MAX ? `${typed.slice(0, QUOTE_MAX)}…` : typed;
  return { ok: false, error: t(key, { label: rule.label, typed: quoted, ...vars }) };
}

const absent: Read<null> = { ok: true, value: null };

/** A number field (see the rules above). */
export function readNumber(text: Typed, rule: NumberRule & Required): Read<number>;
export function readNumber(text: Typed, rule: NumberRule): Read<number | null>;
export function readNumber(text: Typed, rule: NumberRule): Read<number | null> {
  const typed = typedText(text);
  if (typed === '') return rule.required ? fail('form.required', rule, typed) : absent;
  let n: number;
  if (typeof text === 'number') {
    // Already a number (never from a typed field): only a finite one is one.
    if (!Number.isFinite(text)) return fail('form.not_a_number', rule, typed);
    n = text;
  } else {
    if (!PLAIN_NUMBER.test(typed)) return fail('form.not_a_number', rule, typed);
    n = Number(typed.replace(',', '.'));
    if (!Number.isFinite(n)) return fail('form.too_large', rule, typed);
    if (n === 0 && /[1-9]/.test(typed)) return fail('form.too_precise', rule, typed);
  }
  if (rule.integer && !Number.isInteger(n)) return fail('form.not_whole', rule, typed);
  if (rule.integer && !Number.isSafeInteger(n)) return fail('form.too_large', rule, typed);
  if (rule.min !== undefined && n < rule.min) return fail('form.below', rule, typed, { min: rule.min });
  if (rule.max !== undefined && n > rule.max) return fail('form.above', rule, typed, { max: rule.max });
  return { ok: true, value: n === 0 ? 0 : n }; // never -0
}

/** Whether `y-m-d` is a day of the proleptic Gregorian calendar. */
function realDay(y: number, m: number, d: number): boolean {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const length = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return length !== undefined && d >= 1 && d <= length;
}

/** A date field: `YYYY-MM-DD`, a real day. */
export function readDate(text: Typed, rule: Rule & Required): Read<string>;
export function readDate(text: Typed, rule: Rule): Read<string | null>;
export function readDate(text: Typed, rule: Rule): Read<string | null> {
  const typed = typedText(text);
  if (rule.unreadable) return fail('form.incomplete', rule, typed);
  if (typed === '') return rule.required ? fail('form.required', rule, typed) : absent;
  const parts = ISO_DAY.exec(typed);
  if (!parts || !realDay(Number(parts[1]), Number(parts[2]), Number(parts[3]))) return fail('form.not_a_date', rule, typed);
  return { ok: true, value: typed };
}

/** A time of day: `HH:MM` (seconds, when the input gives them, are kept). */
export function readTime(text: Typed, rule: Rule & Required): Read<string>;
export function readTime(text: Typed, rule: Rule): Read<string | null>;
export function readTime(text: Typed, rule: Rule): Read<string | null> {
  const typed = typedText(text);
  if (rule.unreadable) return fail('form.incomplete', rule, typed);
  if (typed === '') return rule.required ? fail('form.required', rule, typed) : absent;
  return CLOCK.test(typed) ? { ok: true, value: typed } : fail('form.not_a_time', rule, typed);
}

/** A text field, as typed (the core trims and checks its length); blank is only refused when required. */
export function readText(text: Typed, rule: Rule): Read<string> {
  const value = text === null || text === undefined ? '' : String(text);
  return rule.required && value.trim() === '' ? fail('form.required', rule, '') : { ok: true, value };
}

/** A choice from a list whose first option is blank (''): the chosen value, or `null`. */
export function readChoice<T extends string>(value: T | '', rule: Rule & Required): Read<T>;
export function readChoice<T extends string>(value: T | '', rule: Rule): Read<T | null>;
export function readChoice<T extends string>(value: T | '', rule: Rule): Read<T | null> {
  if (value !== '') return { ok: true, value };
  return rule.required ? fail('form.choose', rule, '') : absent;
}

/** A form's problems, by field path (`first_name`, `zones[1].angle_deg`). */
export type Problems = Record<string, string>;

/**
 * Reads one form's fields, each under its field path, keeping every problem. A field that
 * cannot be read gives a placeholder (NaN, '') so the form's request can still be built — but
 * `readForm` throws that request away whenever there is a problem, so a placeholder is never sent.
 */
export class FieldReader {
  readonly problems: Problems = {};
  /** The fields whose input could not read what was typed (see `unreadableFields`). */
  private readonly unreadable: ReadonlySet<string>;

  constructor(unreadable: Iterable<string> = []) {
    this.unreadable = new Set(unreadable);
  }

  /** `rule`, marked unreadable when the field's input said so. */
  private ruleOf<R extends Rule>(field: string, rule: R): R {
    return this.unreadable.has(field) ? { ...rule, unreadable: true } : rule;
  }

  private take<T>(field: string, read: Read<T>, placeholder: T): T {
    if (read.ok) return read.value;
    this.problem(field, read.error);
    return placeholder;
  }

  /** Keeps a problem the form finds itself (a missing pick, say); the first one per field wins. */
  problem(field: string, message: string): void {
    this.problems[field] ??= message;
  }

  number(field: string, text: Typed, rule: NumberRule & Required): number;
  number(field: string, text: Typed, rule: NumberRule): number | null;
  number(field: string, text: Typed, rule: NumberRule): number | null {
    return this.take(field, readNumber(text, rule), NaN);
  }

  date(field: string, text: Typed, rule: Rule & Required): string;
  date(field: string, text: Typed, rule: Rule): string | null;
  date(field: string, text: Typed, rule: Rule): string | null {
    return this.take(field, readDate(text, this.ruleOf(field, rule)), '');
  }

  time(field: string, text: Typed, rule: Rule & Required): string;
  time(field: string, text: Typed, rule: Rule): string | null;
  time(field: string, text: Typed, rule: Rule): string | null {
    return this.take(field, readTime(text, this.ruleOf(field, rule)), '');
  }

  text(field: string, text: Typed, rule: Rule): string {
    return this.take(field, readText(text, rule), '');
  }

  choice<T extends string>(field: string, value: T | '', rule: Rule & Required): T;
  choice<T extends string>(field: string, value: T | '', rule: Rule): T | null;
  choice<T extends string>(field: string, value: T | '', rule: Rule): T | null {
    return this.take<T | null>(field, readChoice(value, rule), '' as T);
  }
}

/** A whole form read: the request to send, or every problem found in it. */
export type FormRead<T> = { ok: true; value: T } | { ok: false; problems: Problems };

/** Builds a form's request with `build`, reading each field through the reader it is given;
 * the request only when every field could be read. `unreadable`: the fields whose input could not
 * read what was typed (`unreadableFields(form)`). */
export function readForm<T>(build: (read: FieldReader) => T, unreadable: Iterable<string> = []): FormRead<T> {
  const reader = new FieldReader(unreadable);
  const value = build(reader);
  return Object.keys(reader.problems).length === 0 ? { ok: true, value } : { ok: false, problems: reader.problems };
}
