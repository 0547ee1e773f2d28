// What every screen may need to know: the installation, the staff, and who is working here.
import { call } from '../backend/backend';
import type { AppInfo, Staff, StaffId } from '../types';

export const app = $state<{
  info: AppInfo | null;
  staff: Staff[];
  currentStaffId: StaffId | null;
}>({ info: null, staff: [], currentStaffId: null });

/** Reloads the active staff list and this workstation's choice of who is working. */
export async function refreshStaff(): Promise<void> {
  const [staff, workstation] = await Promise.all([call('list_staff', { include_inactive: true }), call('workstation', {})]);
  app.staff = staff;
  const current = workstation.current_staff_id;
  app.currentStaffId = staff.some((s) => s.id === current && s.active) ? current : null;
}

export async function chooseStaff(id: StaffId | null): Promise<void> {
  const workstation = await call('set_current_staff', { current_staff_id: id });
  app.currentStaffId = workstation.current_staff_id;
}

/** A staff member's name by id, for records that name who did what. */
export function staffName(id: StaffId | null | undefined): string | null {
  if (!id) return null;
  return app.staff.find((s) => s.id === id)?.name ?? null;
}

/** Today at this workstation (ISO day), as the core's clock sees it. */
export function today(): string {
  return app.info?.today ?? new Date().toISOString().slice(0, 10);
}
