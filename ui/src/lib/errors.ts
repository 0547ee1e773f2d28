// Turning an error into what a form shows: each message next to the field it concerns. An error
// is the core's ApiError ({code, message, field}, with `problems` listing every field when several
// are wrong) or the field readers' problems (fields.ts) in the same shape — every field a form
// could not read, shown at once, with nothing sent.
import type { Problems } from './fields';
import { plural } from './i18n/messages';
import type { ApiError } from './types';

/** What a form shows: the core's error, or (with `problems`) every field that is wrong. */
export type FormError = ApiError;

/** The readers' problems as one error: its message counts them ("3 problems to correct"). */
export function problemsError(problems: Problems): FormError {
  const list = Object.entries(problems).map(([field, message]) => ({ field, message }));
  return { code: 'validation', message: plural('form.problems', list.length), field: null, problems: list };
}

/** Whether the core refused a save because the record changed since the form opened it (the
 * form's version is stale): the form offers to reload the record. */
export function isStale(error: FormError | null): boolean {
  return error?.code === 'conflict' && error.field === 'version';
}

/** The error for one field path (`first_name`, `zones[1].depth_mm`), if it concerns it. */
export function fieldError(error: FormError | null, field: string): string | null {
  if (!error) return null;
  if (error.problems) return error.problems.find((p) => p.field === field)?.message ?? null;
  return error.field === field ? error.message : null;
}

const within = (field: string, prefix: string) =>
  field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`);

/** Every message concerning `prefix` or anything inside it (`zones[1]` covers `zones[1].depth_mm`). */
export function messagesWithin(error: FormError | null, prefix: string): Array<{ field: string; message: string }> {
  if (!error) return [];
  if (error.problems) return error.problems.filter((p) => within(p.field, prefix));
  return error.field && within(error.field, prefix) ? [{ field: error.field, message: error.message }] : [];
}

/** Whether the error concerns `field` or anything inside it. */
export function concerns(error: FormError | null, prefix: string): boolean {
  return messagesWithin(error, prefix).length > 0;
}

/** Whether the form can show the core's error beside one of its fields (else it shows it on top).
 * The readers' problems are never only field-level: their count always shows on top too. */
export function isFieldLevel(error: FormError | null, fields: readonly string[]): boolean {
  if (!error?.field || error.problems) return false;
  return fields.some((f) => concerns(error, f));
}

/** A DOM id for a field path, so inputs can be described by their error message. */
export function errorId(field: string): string {
  return `error-${field.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}
