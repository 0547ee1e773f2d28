// The booking form starts a new booking at the default length, and a move from the appointment's
// own values (a 3-hour appointment stays 3 hours); what cannot be read is named and not sent.
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Appointment, Site } from '../lib/types';

const invoke = vi.fn(async (command: string): Promise<unknown> => (command === 'client_record' ? { plans: [] } : null));
vi.mock('@tauri-apps/api/core', () => ({ invoke: (command: string) => invoke(command), convertFileSrc: (p: string) => p }));
vi.mock('@tauri-apps/api/event', () => ({ listen: async () => () => {} }));

const { default: BookingForm } = await import('./BookingForm.svelte');
const { app } = await import('../lib/state/app.svelte');
const { auth } = await import('../lib/state/auth.svelte');
const { rescheduleFrom } = await import('../lib/calendar');

afterEach(cleanup);

const site: Site = {
  id: 's-1',
  name: 'Harbour Street',
  address: '',
  time_zone: 'UTC',
  hours: [],
  staff_ids: ['st-1'],
  active: true,
} as unknown as Site;

const threeHours: Appointment = {
  id: 'a-1',
  site_id: 's-1',
  site_name: 'Harbour Street',
  time_zone: 'UTC',
  client_id: 'c-1',
  client_number: 7,
  client_name: 'Rosalind Achterberg',
  practitioner_id: 'st-1',
  practitioner_name: 'Dana',
  kind: 'consultation_in_person',
  starts_at: '2026-06-01T10:00:00Z',
  ends_at: '2026-06-01T13:00:00Z',
  starts_local: '2026-06-01T10:00:00',
  ends_local: '2026-06-01T13:00:00',
  plan_id: null,
  session_number: null,
  status: 'booked',
  notes: 'Long first visit',
  version: 4,
};

const value = (el: HTMLElement) => (el as HTMLInputElement).value;

describe('the booking form', () => {
  it('starts a move from the appointment itself: its length, day, time and notes', () => {
    const { getByTestId } = render(BookingForm, {
      sites: [site],
      moving: threeHours,
      prefill: rescheduleFrom(threeHours),
      done: () => {},
      cancel: () => {},
    });
    expect(value(getByTestId('book-duration'))).toBe('180');
    expect(value(getByTestId('book-date'))).toBe('2026-06-01');
    expect(value(getByTestId('book-time'))).toBe('10:00');
    expect(value(getByTestId('book-notes'))).toBe('Long first visit');
    expect(getByTestId('book-client-name').textContent).toContain('Rosalind Achterberg · 7');
  });

  it('starts a new booking at the default length, its required fields marked and its kind unchosen', () => {
    const { getByTestId } = render(BookingForm, { sites: [site], done: () => {}, cancel: () => {} });
    expect(value(getByTestId('book-duration'))).toBe('120');
    for (const id of ['book-site', 'book-practitioner', 'book-kind', 'book-date', 'book-time', 'book-duration', 'book-client-search'])
      expect(getByTestId(id).getAttribute('aria-required'), id).toBe('true');
    // What is booked is asked, never assumed.
    expect(value(getByTestId('book-kind'))).toBe('');
  });

  it('names every field it cannot read, and sends nothing', async () => {
    const { getByTestId, container } = render(BookingForm, { sites: [site], done: () => {}, cancel: () => {} });
    await fireEvent.input(getByTestId('book-duration'), { target: { value: 'two hours' } });
    invoke.mockClear();
    await fireEvent.submit(getByTestId('booking-form'));
    await waitFor(() =>
      expect(container.querySelector('[data-field="duration_minutes"]')?.textContent).toBe(
        'Duration (minutes): “two hours” is not a number',
      ),
    );
    expect(container.querySelector('[data-field="client_id"]')?.textContent).toBe('Client: choose one');
    expect(container.querySelector('[data-field="kind"]')?.textContent).toBe('Kind: choose one');
    expect(getByTestId('problem-count').textContent).toMatch(/^\d+ problems to correct$/);
    expect(invoke).not.toHaveBeenCalledWith('book_appointment');
  });

  it('never holds a practitioner the site’s list does not show: the signed-in practitioner elsewhere starts at Choose…', async () => {
    const staff = (id: string, name: string) => ({ id, name, role: 'practitioner', active: true, has_password: true, created_at: '', version: 1 });
    app.staff = [staff('st-1', 'Dana'), staff('st-9', 'Olive')] as typeof app.staff;
    auth.me = { staff_id: 'st-9', name: 'Olive', role: 'practitioner', permissions: ['calendar', 'record_sessions'], has_pin: true, idle_lock_minutes: 5, unsaved_form: null } as unknown as typeof auth.me;
    const { getByTestId, container } = render(BookingForm, { sites: [site], done: () => {}, cancel: () => {} });
    await waitFor(() => expect(value(getByTestId('book-practitioner'))).toBe(''));
    await fireEvent.submit(getByTestId('booking-form'));
    await waitFor(() => expect(container.querySelector('[data-field="practitioner_id"]')?.textContent).toBe('Practitioner: choose one'));
    app.staff = [];
    auth.me = null;
  });
});
