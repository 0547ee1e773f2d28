// What every screen may need to know: the installation and the staff. Who is signed in lives in
// auth.svelte.ts.
import { call } from '../backend/backend';
import type { AppInfo, Staff, StaffId } from '../types';

export const app = $state<{
  info: AppInfo | null;
  staff: Staff[];
}>({ info: null, staff: [] });

/** Reloads the staff list (active and not). */
export async function refreshStaff(): Promise<void> {
  app.staff = await call('list_staff', { include_inactive: true });
}

/** A staff member's current name by id, for who recorded or logged something. (A signature
 * shows the name frozen into the signed record instead.) */
export function staffName(id: StaffId | null | undefined): string | null {
  if (!id) return null;
  return app.staff.find((s) => s.id === id)?.name ?? null;
}

/** Today at this workstation (ISO day), as the core's clock sees it. */
export function today(): string {
  return app.info?.today ?? new Date().toISOString().slice(0, 10);
}
