// What the signed-in person may see: the core names each person's permissions
// (`SignedIn.permissions`, from the command table's one permission column) and the UI hides what
// they lack. The core still refuses (`forbidden`); hiding only spares the person a dead end.
import type { Route } from '../state/router.svelte';
import type { Permission, SignedIn, Staff, StaffId } from '../types';

/** Whether `me` may do what `permission` covers (`open`: anyone, even signed out). */
export function can(me: SignedIn | null, permission: Permission): boolean {
  if (permission === 'open') return true;
  return !!me && me.permissions.includes(permission);
}

/** Whether `me` holds at least one of `permissions`. */
export function canAny(me: SignedIn | null, permissions: readonly Permission[]): boolean {
  return permissions.some((p) => can(me, p));
}

/** The top-level screens of the navigation and what each needs (any one of them). */
export const NAV_PERMISSIONS = {
  clients: ['client_contact'],
  catalogue: ['catalogue_view', 'catalogue', 'staff', 'consent_templates'],
  data: ['data_safety', 'restore', 'import', 'export', 'erasure'],
  // The chair view: each appointment with the client's last session's settings.
  today: ['clinical_record'],
  calendar: ['calendar'],
  recalls: ['recalls'],
  clinic: ['clinic_settings'],
} as const satisfies Record<string, readonly Permission[]>;

export type NavItem = keyof typeof NAV_PERMISSIONS;

/** Whether the navigation shows `item` to `me`. */
export function showsNav(me: SignedIn | null, item: NavItem): boolean {
  return canAny(me, NAV_PERMISSIONS[item]);
}

/** What each screen needs. A screen `me` may not open is never shown (the router sends them to
 * the first screen they may use). */
const ROUTE_PERMISSIONS: { [R in Route['name']]: readonly Permission[] } = {
  clients: ['client_contact'],
  'client-new': ['client_contact'],
  'client-contact': ['client_contact'],
  'client-edit': ['clinical_record'],
  client: ['clinical_record'],
  'client-print': ['clinical_record'],
  'plan-new': ['record_sessions'],
  plan: ['clinical_record'],
  'plan-edit': ['record_sessions'],
  'session-new': ['record_sessions'],
  session: ['clinical_record'],
  catalogue: NAV_PERMISSIONS.catalogue,
  data: NAV_PERMISSIONS.data,
  today: NAV_PERMISSIONS.today,
  calendar: ['calendar'],
  recalls: ['recalls'],
  clinic: ['clinic_settings'],
};

/** Whether `me` may open `route`. */
export function mayOpen(me: SignedIn | null, route: Route): boolean {
  return canAny(me, ROUTE_PERMISSIONS[route.name]);
}

/** The client's page `me` may open: the whole record, else the contact card. */
export function clientRoute(me: SignedIn | null, clientId: string): Route {
  return can(me, 'clinical_record') ? { name: 'client', clientId } : { name: 'client-contact', clientId };
}

/** The first screen `me` may use: the clients, else the day, the calendar, … */
export function firstScreen(me: SignedIn | null): Route {
  const order: Route[] = [{ name: 'clients' }, { name: 'today' }, { name: 'calendar' }, { name: 'recalls' }, { name: 'catalogue' }, { name: 'clinic' }, { name: 'data' }];
  return order.find((r) => mayOpen(me, r)) ?? { name: 'clients' };
}

/** Whether a staff member may be "the practitioner" of a session or appointment. */
export function treats(person: Pick<Staff, 'role'>): boolean {
  return person.role === 'practitioner' || person.role === 'manager';
}

/** Who may be "the practitioner" of a session or appointment: active practitioners and managers
 * (an owner who treats), plus `keep` (the one already chosen, even if no longer active). */
export function practitionerChoices(staff: readonly Staff[], keep?: StaffId | null): Staff[] {
  return staff.filter((s) => treats(s) && (s.active || s.id === keep));
}
