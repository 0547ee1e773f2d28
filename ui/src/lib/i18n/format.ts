// Dates, times and numbers for people, through Intl in the active language's locale.
import { dateFormat, numberFormat } from './intl-cache';
import { language } from './messages';

/** A calendar day (`YYYY-MM-DD`, no time zone) as a medium date, e.g. "3 Mar 2026". */
export function day(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  return dateFormat(language.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** An instant (RFC 3339, UTC) in the workstation's time zone, date and time. */
export function instant(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(language.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A number with at most `digits` decimals. */
export function num(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return numberFormat(language.locale, { maximumFractionDigits: digits }).format(value);
}

/** Whole years between a birth day and `today` (both `YYYY-MM-DD`), for display only. */
export function age(born: string | null | undefined, today: string): number | null {
  if (!born) return null;
  const [by, bm, bd] = born.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  if (!by || !ty) return null;
  let years = ty - by;
  if (tm < bm || (tm === bm && td < bd)) years -= 1;
  return years;
}

/** Parts of one line joined by a spaced middle dot ("11:00 · Call back"), leaving out the parts
 * that are absent. (Svelte trims the space at the start of a block, so `{a}{#if b} · {b}{/if}`
 * printed "11:00· Call back"; a line built here cannot.) */
export function dotted(...parts: Array<string | number | null | undefined | false | 0>): string {
  return parts.filter((p) => p !== null && p !== undefined && p !== false && p !== '' && p !== 0).join(' · ');
}

/** A person's full name for headings and lists. */
export function fullName(person: { first_name: string; last_name: string }): string {
  return `${person.first_name} ${person.last_name}`.trim();
}

/** A file size for people: 512 bytes, 14.2 MB, 1.3 GB. */
export function fileSize(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return numberFormat(undefined, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** The last part of a path, for showing a file without its folders. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
