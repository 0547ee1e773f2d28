// A signature names the person as they were when they signed: the name and role frozen into the
// signed record, never the staff list's current name (a later rename or role change must not
// alter what a signature shows).
import { label, t } from '../i18n/messages';
import type { StaffRole } from '../types';

/** "Dana Reyes (Practitioner)", from the frozen name and role; `none` when the record has none. */
export function signerName(name: string | null, role: StaffRole | null, none: string = t('record.unknown_staff')): string {
  if (!name) return none;
  return role ? t('sign.signed_as', { name, role: label('role', role) }) : name;
}
