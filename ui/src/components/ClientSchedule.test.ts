// The client's recalls on the record: a booked recall shows the day of its appointment, not the
// day it fell due (a recall due on 11 Dec booked for 20 Nov must not read "Booked 11 Dec").
import { cleanup, render, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';

// A reply, or how to answer a request (the recalls depend on how many closed ones are asked for).
const replies: Record<string, unknown> = {};
const requests: { command: string; args: unknown }[] = [];
vi.mock('@tauri-apps/api/core', () => ({
  invoke: async (command: string, args: unknown) => {
    requests.push({ command, args });
    if (!(command in replies)) throw { code: 'not_found', message: command, field: null };
    const reply = replies[command];
    return typeof reply === 'function' ? reply(args) : reply;
  },
}));

const { default: ClientSchedule } = await import('./ClientSchedule.svelte');

const recall = {
  id: 'r-1',
  client_id: 'c-1',
  plan_id: 'plan-1',
  kind: 'next_session',
  session_number: 2,
  practitioner_id: null,
  due_on: '2026-12-11',
  due_manual: false,
  state: 'booked',
  snoozed_until: null,
  disabled_until: null,
  declined_reason: '',
  appointment_id: 'a-1',
  attempts: 0,
  unanswered: 0,
  flagged: false,
  last_contact_at: null,
  last_contact_outcome: null,
  created_at: '2026-11-01T10:00:00Z',
  closed_at: null,
};
const appointment = {
  id: 'a-1',
  site_id: 's-1',
  site_name: 'Manchester',
  time_zone: 'Europe/London',
  client_id: 'c-1',
  client_number: 1,
  client_name: 'Ana Lopez',
  practitioner_id: 'p-1',
  practitioner_name: 'Dana Whitfield',
  kind: 'plan_session',
  starts_at: '2026-11-20T10:00:00Z',
  ends_at: '2026-11-20T13:00:00Z',
  starts_local: '2026-11-20T10:00:00',
  ends_local: '2026-11-20T13:00:00',
  plan_id: 'plan-1',
  session_number: 2,
  status: 'booked',
  notes: '',
};

afterEach(cleanup);

describe('the client schedule', () => {
  it('shows a booked recall on its appointment’s day', async () => {
    Object.assign(replies, { client_recalls: { recalls: [recall], closed_total: 0 }, client_appointments: [appointment], list_sites: [] });
    const view = render(ClientSchedule, { clientId: 'c-1', clientName: 'Ana Lopez' });
    const booked = await waitFor(() => view.getByTestId('recall-booked-for'));
    expect(booked.textContent).toContain('20 Nov');
    expect(view.getByTestId('client-recall').textContent).not.toContain('11 Dec');
  });

  it('shows an open recall on its due day', async () => {
    Object.assign(replies, {
      client_recalls: { recalls: [{ ...recall, state: 'due', appointment_id: null }], closed_total: 0 },
      client_appointments: [],
      list_sites: [],
    });
    const view = render(ClientSchedule, { clientId: 'c-1', clientName: 'Ana Lopez' });
    await waitFor(() => expect(view.getByTestId('client-recall').textContent).toContain('11 Dec'));
    expect(view.queryByTestId('recall-booked-for')).toBeNull();
  });

  it('shows the open recalls and the latest closed ones, every recall one click away', async () => {
    const closed = Array.from({ length: 12 }, (_, i) => ({
      ...recall,
      id: `done-${i}`,
      state: 'done',
      appointment_id: null,
      due_on: `2020-01-${String(i + 10).padStart(2, '0')}`,
    }));
    const open = { ...recall, id: 'open', state: 'due', appointment_id: null, due_on: '2027-01-05' };
    // As the core answers: the open ones, then the latest closed ones asked for.
    const answer = ({ latest_closed }: { latest_closed: number | null }) => ({
      recalls: [open, ...closed.slice(latest_closed === null ? 0 : closed.length - latest_closed)],
      closed_total: closed.length,
    });
    Object.assign(replies, { client_recalls: answer, client_appointments: [], list_sites: [] });
    requests.length = 0;
    const view = render(ClientSchedule, { clientId: 'c-1', clientName: 'Ana Lopez' });
    await waitFor(() => expect(view.getAllByTestId('client-recall')).toHaveLength(6));
    expect(requests.find((r) => r.command === 'client_recalls')?.args).toEqual({ client_id: 'c-1', latest_closed: 5 });
    const due = view.getAllByTestId('client-recall').map((li) => li.dataset.due);
    expect(due).toContain('2027-01-05');
    expect(due).toContain('2020-01-21');
    expect(due).not.toContain('2020-01-16');
    const every = view.getByTestId('every-recall');
    expect(every.textContent).toContain('13 in all');
    every.click();
    await waitFor(() => expect(view.getAllByTestId('client-recall')).toHaveLength(13));
    expect(requests.filter((r) => r.command === 'client_recalls').at(-1)?.args).toEqual({ client_id: 'c-1', latest_closed: null });
    expect(view.queryByTestId('every-recall')).toBeNull();
  });
});
