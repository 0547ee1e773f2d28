// The front desk's view of a client: the contact card, edited on its own, and whether consents
// hold — never the clinical record.
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Permission } from '../lib/types';

const replies: Record<string, unknown> = {};
const invoke = vi.fn(async (command: string, args: Record<string, unknown> = {}) => {
  void args;
  if (!(command in replies)) throw { code: 'not_found', message: command, field: null };
  const reply = replies[command];
  return typeof reply === 'function' ? reply(args) : reply;
});
vi.mock('@tauri-apps/api/core', () => ({ invoke: (c: string, a: Record<string, unknown>) => invoke(c, a), convertFileSrc: (p: string) => p }));
vi.mock('@tauri-apps/api/event', () => ({ listen: async () => () => {} }));
vi.mock('@tauri-apps/plugin-dialog', () => ({ open: async () => null, save: async () => null }));

const { auth } = await import('../lib/state/auth.svelte');
const { default: ClientContactPage } = await import('./ClientContactPage.svelte');

const FRONT_DESK: Permission[] = ['account', 'client_contact', 'calendar', 'recalls', 'consent_status'];
const card = {
  id: 'c-1',
  number: 7,
  first_name: 'Rosa',
  last_name: 'Quillfeather',
  date_of_birth: null,
  phone: '07700 900777',
  email: '',
  address: '',
  preferred_contact: 'phone',
  care_reminders_consent: true,
  marketing_consent: false,
  external_reference: '',
  client_since: null,
  archived_at: null,
  version: 3,
};

beforeEach(() => {
  for (const key of Object.keys(replies)) delete replies[key];
  invoke.mockClear();
  auth.me = { staff_id: 'fd', name: 'Frank Delacroix', role: 'front_desk', permissions: [...FRONT_DESK], has_pin: false, idle_lock_minutes: 5, unsaved_form: null };
  Object.assign(replies, {
    client_contact: card,
    consent_status: { treatment: false, photo: null },
    client_recalls: { recalls: [], closed_total: 0 },
    client_appointments: [],
    list_sites: [],
  });
});
afterEach(cleanup);

describe('the contact card', () => {
  it('shows contact details and consent status, and reads nothing clinical', async () => {
    const { findByTestId, getByTestId } = render(ClientContactPage, { clientId: 'c-1' });
    expect((await findByTestId('contact-card')).textContent).toContain('07700 900777');
    await waitFor(() => expect(getByTestId('consent-status').textContent).toContain('No signed treatment consent'));
    // No photo consent signed is said as such, not as photos declined.
    expect(getByTestId('photo-consent-status').textContent?.trim()).toBe('Photos: no photo consent signed (clinical record only, no marketing)');
    const asked = invoke.mock.calls.map(([c]) => c);
    for (const clinical of ['client_record', 'get_client', 'client_consents', 'photo_timeline']) expect(asked).not.toContain(clinical);
  });

  it('saves an edit with update_client_contact, sending the version it opened', async () => {
    replies.update_client_contact = (args: { input: typeof card }) => ({ ...card, ...args.input, version: 4 });
    const { findByTestId, getByTestId } = render(ClientContactPage, { clientId: 'c-1' });
    await fireEvent.click(await findByTestId('edit-contact'));
    await fireEvent.input(getByTestId('phone'), { target: { value: '07700 900888' } });
    await fireEvent.submit(getByTestId('contact-form'));
    await waitFor(() => expect(getByTestId('contact-card').textContent).toContain('07700 900888'));
    const [, sent] = invoke.mock.calls.find(([c]) => c === 'update_client_contact')!;
    expect(sent).toMatchObject({ id: 'c-1', version: 3, input: { phone: '07700 900888', first_name: 'Rosa', date_of_birth: null } });
    expect(Object.keys((sent as { input: object }).input)).not.toContain('medications');
  });
});
