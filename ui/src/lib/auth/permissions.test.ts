import { describe, expect, it } from 'vitest';
import type { Permission, SignedIn, Staff } from '../types';
import { can, clientRoute, firstScreen, mayOpen, practitionerChoices, showsNav } from './permissions';

// The roles' permissions as the contract of issue 11 lists them (the core sends them).
const PRACTITIONER: Permission[] = ['account', 'client_contact', 'clinical_record', 'record_sessions', 'photos', 'consent', 'consent_status', 'catalogue_view', 'calendar', 'recalls', 'audit'];
const FRONT_DESK: Permission[] = ['account', 'client_contact', 'calendar', 'recalls', 'consent_status'];

const person = (role: SignedIn['role'], permissions: Permission[]): SignedIn => ({
  staff_id: role,
  name: role,
  role,
  permissions,
  has_pin: false,
  idle_lock_minutes: 5,
  unsaved_form: null,
});
const frontDesk = person('front_desk', FRONT_DESK);
const practitioner = person('practitioner', PRACTITIONER);

describe('what each role is shown', () => {
  it('shows the front desk clients, calendar and recalls, never the clinical record, catalogue, data or clinic', () => {
    expect(showsNav(frontDesk, 'clients')).toBe(true);
    expect(showsNav(frontDesk, 'calendar')).toBe(true);
    expect(showsNav(frontDesk, 'recalls')).toBe(true);
    // Today is the chair view (each client's last session settings): clinical.
    for (const item of ['today', 'catalogue', 'data', 'clinic'] as const) expect(showsNav(frontDesk, item)).toBe(false);
    expect(clientRoute(frontDesk, 'c-1')).toEqual({ name: 'client-contact', clientId: 'c-1' });
    expect(mayOpen(frontDesk, { name: 'session', clientId: 'c-1', sessionId: 's-1' })).toBe(false);
    expect(mayOpen(frontDesk, { name: 'client', clientId: 'c-1' })).toBe(false);
    expect(mayOpen(frontDesk, { name: 'client-new' })).toBe(true);
  });

  it('shows the practitioner the clinical record and the catalogue, not data safety or the clinic settings', () => {
    expect(clientRoute(practitioner, 'c-1')).toEqual({ name: 'client', clientId: 'c-1' });
    expect(mayOpen(practitioner, { name: 'session-new', clientId: 'c-1', planId: 'p-1', number: 1 })).toBe(true);
    expect(showsNav(practitioner, 'catalogue')).toBe(true);
    expect(showsNav(practitioner, 'data')).toBe(false);
    expect(showsNav(practitioner, 'clinic')).toBe(false);
  });

  it('shows no one anything but open screens before they sign in', () => {
    expect(can(null, 'open')).toBe(true);
    expect(can(null, 'account')).toBe(false);
    expect(showsNav(null, 'clients')).toBe(false);
    expect(firstScreen(frontDesk)).toEqual({ name: 'clients' });
  });

  it('lists practitioners and managers as who may treat, the chosen one kept even if inactive', () => {
    const staff = [
      { id: 'a', name: 'Ada', role: 'practitioner', active: true },
      { id: 'm', name: 'Mo', role: 'manager', active: true },
      { id: 'f', name: 'Fi', role: 'front_desk', active: true },
      { id: 'x', name: 'Xan', role: 'practitioner', active: false },
    ] as Staff[];
    expect(practitionerChoices(staff).map((s) => s.id)).toEqual(['a', 'm']);
    expect(practitionerChoices(staff, 'x').map((s) => s.id)).toEqual(['a', 'm', 'x']);
  });
});
