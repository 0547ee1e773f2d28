// Search as you type: every keystroke asks the core, and an answer for an earlier prefix that
// arrives after the answer for a later one is dropped — the list always shows what is typed now.
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Pending = { args: Record<string, unknown>; answer: (value: unknown) => void };
const pending: Pending[] = [];
const invoke = vi.fn(
  (command: string, args: Record<string, unknown> = {}) =>
    new Promise((resolve) => {
      void command;
      pending.push({ args, answer: resolve });
    }),
);
vi.mock('@tauri-apps/api/core', () => ({ invoke: (c: string, a: Record<string, unknown>) => invoke(c, a), convertFileSrc: (p: string) => p }));
vi.mock('@tauri-apps/api/event', () => ({ listen: async () => () => {} }));
// jsdom lays nothing out and has no ResizeObserver; the windowed list needs one to exist.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

const { auth } = await import('../lib/state/auth.svelte');
const { default: ClientsPage } = await import('./ClientsPage.svelte');

/** A page of `total` clients named `last`, of which `shown` are sent. */
function page(last: string, shown: number, total: number) {
  const clients = Array.from({ length: shown }, (_, i) => ({
    id: `${last}-${i}`,
    number: i + 1,
    first_name: 'Ana',
    last_name: last,
    date_of_birth: null,
    phone: '',
    email: '',
    contraindication_count: 0,
    archived: false,
  }));
  return { clients, total };
}

/** The pending call that asked for `typed`. */
function askedFor(typed: string): Pending {
  const call = pending.find((p) => p.args.typed === typed);
  if (!call) throw new Error(`no search for "${typed}" among ${JSON.stringify(pending.map((p) => p.args))}`);
  return call;
}

beforeEach(() => {
  pending.length = 0;
  invoke.mockClear();
  auth.me = { staff_id: 's', name: 'Dana', role: 'manager', permissions: ['client_contact', 'clinical_record'], has_pin: false, idle_lock_minutes: 5, unsaved_form: null };
});
afterEach(cleanup);

describe('search as you type', () => {
  it('drops a slow answer for an earlier prefix that arrives after the later one', async () => {
    const { getByTestId } = render(ClientsPage);
    await waitFor(() => expect(pending).toHaveLength(1));
    pending[0].answer(page('Everyone', 3, 5000));
    await waitFor(() => expect(getByTestId('client-count').textContent).toContain('5,000'));

    const search = getByTestId('client-search');
    await fireEvent.input(search, { target: { value: 'an' } });
    await fireEvent.input(search, { target: { value: 'ana' } });
    askedFor('ana').answer(page('Anaya', 2, 2));
    await waitFor(() => expect(getByTestId('client-count').textContent).toContain('2 of 2 clients'));

    askedFor('an').answer(page('Andersen', 40, 900));
    await new Promise((r) => setTimeout(r, 20));
    expect(getByTestId('client-count').textContent).toContain('2 of 2 clients');
  });

  it('asks the core for the page of what is typed, from the first row', async () => {
    const { getByTestId } = render(ClientsPage);
    await waitFor(() => expect(pending).toHaveLength(1));
    await fireEvent.input(getByTestId('client-search'), { target: { value: 'qu' } });
    expect(askedFor('qu').args).toMatchObject({ typed: 'qu', filter: 'active', offset: 0 });
  });
});
