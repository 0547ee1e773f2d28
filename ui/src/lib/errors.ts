// Turning an ApiError into what a form shows: the message next to the field it concerns.
import type { ApiError } from './types';

/** The error for one field path (`first_name`, `zones[1].depth_mm`, …), if it concerns it. */
export function fieldError(error: ApiError | null, field: string): string | null {
  if (!error || !error.field) return null;
  return error.field === field ? error.message : null;
}

/** Whether the error concerns `field` or anything inside it (`zones[1]` covers `zones[1].depth_mm`). */
export function concerns(error: ApiError | null, prefix: string): boolean {
  const field = error?.field;
  if (!field) return false;
  return field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`);
}

/** Whether the form can show the error beside one of its fields (else it shows it on top). */
export function isFieldLevel(error: ApiError | null, fields: readonly string[]): boolean {
  if (!error?.field) return false;
  return fields.some((f) => concerns(error, f));
}

/** A DOM id for a field path, so inputs can be described by their error message. */
export function errorId(field: string): string {
  return `error-${field.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}
