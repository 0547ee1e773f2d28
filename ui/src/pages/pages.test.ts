// The restructured screens render on a mocked shell with the test ids the end-to-end specs use:
// the Catalogue's tabs, the Data safety sections and the session form's zone grid.
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const replies: Record<string, unknown> = {};
const invoke = vi.fn(async (command: string) => {
  if (!(command in replies)) throw { code: 'not_found', message: command, field: null };
  const reply = replies[command];
  return typeof reply === 'function' ? reply() : reply;
});
/** Every command sent, with its request. */
const sent: Array<[string, Record<string, unknown>]> = [];
vi.mock('@tauri-apps/api/core', () => ({
  invoke: (command: string, request: Record<string, unknown>) => (sent.push([command, request]), invoke(command)),
  convertFileSrc: (p: string) => p,
}));
vi.mock('@tauri-apps/api/event', () => ({ listen: async () => () => {} }));

const { auth } = await import('../lib/state/auth.svelte');
const { default: CataloguePage } = await import('./CataloguePage.svelte');
const { default: DataSafetyPage } = await import('./DataSafetyPage.svelte');
const { default: SessionPage } = await import('./SessionPage.svelte');
const { default: PlanForm } = await import('./PlanForm.svelte');
const { default: ClientForm } = await import('./ClientForm.svelte');

const lot = { id: 'l-1', pigment_id: 'p-1', lot_number: 'LOT-7', expires_on: '2030-01-01', received_on: null, opened_on: null, created_at: '' };
const pigments = {
  pigments: [{ id: 'p-1', brand: 'Scalp Ink Co', name: 'Dark Ash', tone: 'neutral', active: true, lots: [lot] }],
  expired_lot_ids: [],
  today: '2026-06-01',
};
const needle = { id: 'n-1', brand: 'MicroPoint', configuration: '3RL', maker_code: '', diameter_mm: 0.3, taper: null, active: true };
const plan = {
  id: 'plan-1',
  client_id: 'c-1',
  areas: ['frontal_hairline', 'crown'],
  hairline_style: null,
  desired_look: 'shaved_buzz',
  target_pigment_id: null,
  planned_sessions: 3,
  spacing_days: 14,
  touch_up_interval_months: 60,
  touch_up_interval_manual: false,
  finish: null,
  notes: '',
  status: 'planned',
  sessions_recorded: 0,
  sessions_signed: 0,
  cancelled_at: null,
  created_at: '',
  updated_at: '',
};
const client = {
  id: 'c-1',
  number: 1,
  first_name: 'Rosalind',
  last_name: 'Achterberg',
  date_of_birth: null,
  phone: '',
  email: '',
  address: '',
  preferred_contact: 'phone',
  care_reminders_consent: true,
  marketing_consent: false,
  fitzpatrick: null,
  hair_loss_pattern: null,
  indication: null,
  hair_coverage: null,
  hair_length: null,
  sun_exposure: null,
  contraindications: [],
  medications: '',
  allergies: '',
  notes: '',
  archived_at: null,
  created_at: '',
  updated_at: '',
};

/** The owner (a manager: every permission) is signed in, unless a test says otherwise. */
const EVERY = ['account', 'client_contact', 'clinical_record', 'record_sessions', 'photos', 'consent', 'consent_status', 'consent_templates', 'catalogue_view', 'catalogue', 'calendar', 'recalls', 'staff', 'clinic_settings', 'data_safety', 'restore', 'import', 'export', 'erasure', 'sample_clinic', 'audit'] as const;
const manager = { staff_id: 'st-1', name: 'Dana Reyes', role: 'manager', permissions: [...EVERY], has_pin: true, idle_lock_minutes: 5, unsaved_form: null } as const;

beforeEach(() => {
  auth.me = { ...manager, permissions: [...manager.permissions] };
  for (const key of Object.keys(replies)) delete replies[key];
  Object.assign(replies, {
    list_pigments: pigments,
    list_needles: [needle],
    list_staff: [],
    consent_templates: [],
    list_backups: [{ path: '/data/backups/daily-2026-06-01.sqlite', taken_at: '2026-06-01T06:00:00Z' }],
    backup_space: { backups: 1, backup_bytes: 2_000_000, photos: 3, photo_bytes: 6_000_000, safety_bytes: 0, total_bytes: 8_000_000 },
    client_record: { client, blocking_today: [], plans: [{ plan, sessions: [] }] },
    previous_settings: [],
  });
  invoke.mockClear();
  sent.length = 0;
});
afterEach(cleanup);

describe('the Catalogue page', () => {
  it('shows each tab’s panel with the fields the specs fill in', async () => {
    const { findByTestId, getByTestId } = render(CataloguePage);
    await findByTestId('pigment');
    expect(getByTestId('lot-row').textContent).toContain('LOT-7');
    await fireEvent.click(getByTestId('add-lot'));
    expect(getByTestId('lot-number')).toBeTruthy();
    expect(getByTestId('save-lot')).toBeTruthy();
    expect(getByTestId('pigment-brand')).toBeTruthy();
    await fireEvent.click(getByTestId('tab-needles'));
    expect((await findByTestId('needle-list')).textContent).toContain('3RL');
    expect(getByTestId('needle-diameter')).toBeTruthy();
    await fireEvent.click(getByTestId('tab-staff'));
    expect(getByTestId('staff-role')).toBeTruthy();
    await fireEvent.click(getByTestId('tab-consent'));
    expect(getByTestId('consent-templates')).toBeTruthy();
  });

  it('marks the pigment form’s required fields, and shows every blank one at once without calling the core', async () => {
    const { findByTestId, getByTestId, container } = render(CataloguePage);
    await findByTestId('pigment');
    expect(getByTestId('pigment-brand').getAttribute('aria-required')).toBe('true');
    expect(getByTestId('pigment-name').getAttribute('aria-required')).toBe('true');
    invoke.mockClear();
    await fireEvent.click(getByTestId('save-pigment'));
    await waitFor(() => expect(container.querySelector('[data-field="brand"]')?.textContent).toBe('Brand is required'));
    expect(container.querySelector('[data-field="name"]')?.textContent).toBe('Shade is required');
    // No tone is chosen for the user: it is asked for like the rest.
    expect(container.querySelector('[data-field="tone"]')?.textContent).toBe('Tone: choose one');
    expect(getByTestId('problem-count').textContent).toBe('3 problems to correct');
    expect(getByTestId('pigment-brand').getAttribute('aria-invalid')).toBe('true');
    expect(invoke).not.toHaveBeenCalled();
  });

  it('shows the core’s message beside the pigment form’s field', async () => {
    const { findByTestId, getByTestId, container } = render(CataloguePage);
    await findByTestId('pigment');
    await fireEvent.input(getByTestId('pigment-brand'), { target: { value: 'Scalp Ink Co' } });
    await fireEvent.input(getByTestId('pigment-name'), { target: { value: 'Dark Ash' } });
    await fireEvent.change(getByTestId('pigment-tone'), { target: { value: 'cool' } });
    // The next command is the save: the core refuses it over the brand.
    invoke.mockImplementationOnce(async () => {
      throw { code: 'validation', message: 'Brand contains control characters', field: 'brand' };
    });
    await fireEvent.click(getByTestId('save-pigment'));
    await waitFor(() =>
      expect(container.querySelector('[data-field="brand"]')?.textContent).toBe('Brand contains control characters'),
    );
    expect(getByTestId('pigment-brand').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('the Data safety page', () => {
  it('lays out its sections and asks before restoring a listed backup', async () => {
    const { findByTestId, getByTestId } = render(DataSafetyPage);
    const row = await findByTestId('backup-row');
    expect((await findByTestId('backup-space')).textContent).toContain('1 backup');
    for (const id of ['back-up-now', 'back-up-to', 'restore-file', 'data-client-search', 'import-file', 'export-practice', 'check-now'])
      expect(getByTestId(id)).toBeTruthy();
    await fireEvent.click(row.querySelector('button')!);
    expect(getByTestId('restore-confirm').textContent).toContain('Replace the whole practice');
    expect(getByTestId('restore-go')).toBeTruthy();
  });

  it('says how a CSV file that is not UTF-8 was read and names the columns still to map', async () => {
    replies.import_setup = {
      headers: ['Patient ID', 'First Name', 'Surname', 'Points'],
      examples: ['P-1', 'José', 'García', '5'],
      guessed: { columns: ['external_id', 'first_name', 'last_name', null], date_order: 'day_first' },
      rows: 1,
      read_as: 'Windows-1252',
    };
    const { findByTestId, getAllByTestId, getByTestId, queryByTestId } = render(DataSafetyPage);
    // "José" in Windows-1252 (jsdom's File has no arrayBuffer; the webview's has).
    const bytes = new Uint8Array([0x4a, 0x6f, 0x73, 0xe9]);
    const file = Object.assign(new File([bytes], 'export.csv', { type: 'text/csv' }), { arrayBuffer: async () => bytes.buffer });
    await fireEvent.change(getByTestId('import-file'), { target: { files: [file] } });
    expect((await findByTestId('import-read-as')).textContent).toContain('read as Windows-1252');
    expect(getByTestId('import-unmapped').textContent).toContain('"Points"');
    expect((getByTestId('import-check') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.change(getAllByTestId('import-column')[3], { target: { value: 'ignore' } });
    await waitFor(() => expect(queryByTestId('import-unmapped')).toBeNull());
    expect((getByTestId('import-check') as HTMLButtonElement).disabled).toBe(false);
  });

  it('leaves the date order to the user when the file does not show it, and names it when the core asks', async () => {
    replies.import_setup = {
      headers: ['First Name', 'Surname', 'DOB'],
      examples: ['Ada', 'Lovelace', '10/12/1985'],
      guessed: { columns: ['first_name', 'last_name', 'date_of_birth'], date_order: null },
      rows: 1,
      read_as: null,
    };
    const { findByTestId, getByTestId, container } = render(DataSafetyPage);
    const bytes = new Uint8Array([0x41]);
    const file = Object.assign(new File([bytes], 'export.csv', { type: 'text/csv' }), { arrayBuffer: async () => bytes.buffer });
    await fireEvent.change(getByTestId('import-file'), { target: { files: [file] } });
    const order = (await findByTestId('import-date-order')) as HTMLSelectElement;
    expect(order.selectedOptions[0].textContent).toBe('Choose…');
    // The next command is the check: the core refuses it over the date order.
    invoke.mockImplementationOnce(async () => {
      throw { code: 'validation', message: 'Dates such as "10/12/1985" (line 2) could be read day first or month first: choose how the file writes them', field: 'date_order' };
    });
    await fireEvent.click(getByTestId('import-check'));
    await waitFor(() => expect(container.querySelector('[data-field="date_order"]')?.textContent).toContain('day first or month first'));
    expect(order.getAttribute('aria-invalid')).toBe('true');
  });

  it('tells what the integrity check found', async () => {
    replies.check_database = { ok: true, problems: [] };
    const { findByTestId, getByTestId } = render(DataSafetyPage);
    await fireEvent.click(getByTestId('check-now'));
    expect((await findByTestId('check-result')).textContent).toContain('No problem found');
  });
});

describe('the session form', () => {
  it('starts one grid row per planned area and asks for a needle before sending', async () => {
    const { findAllByTestId, getByTestId, container } = render(SessionPage, {
      clientId: 'c-1',
      planId: 'plan-1',
      number: 1,
      sessionId: null,
    });
    const rows = await findAllByTestId('zone-edit-row');
    expect(rows).toHaveLength(2);
    expect((rows[0].querySelector('[data-testid="zone-zone"]') as HTMLSelectElement).value).toBe('frontal_hairline');
    for (const id of ['zone-needle', 'zone-cartridge', 'zone-depth', 'zone-layer', 'zone-angle', 'zone-speed', 'zone-stroke', 'zone-lot', 'zone-dilution', 'zone-density'])
      expect(rows[0].querySelector(`[data-testid="${id}"]`), id).not.toBeNull();
    await fireEvent.click(getByTestId('add-zone'));
    expect(container.querySelectorAll('[data-testid="zone-edit-row"]')).toHaveLength(3);
    await fireEvent.submit(getByTestId('session-form'));
    await waitFor(() =>
      expect(container.querySelector('[data-field="zones[0].needle_id"]')?.textContent).toBe('Choose the needle used for this zone.'),
    );
    expect(invoke).not.toHaveBeenCalledWith('record_session');
  });

  it('never saves an angle typed in words or left blank: every problem is shown at once, and nothing is sent', async () => {
    const { findAllByTestId, getByTestId, container } = render(SessionPage, {
      clientId: 'c-1',
      planId: 'plan-1',
      number: 1,
      sessionId: null,
    });
    const [row] = await findAllByTestId('zone-edit-row');
    const cell = (id: string) => row.querySelector(`[data-testid="${id}"]`) as HTMLInputElement;
    await fireEvent.input(getByTestId('duration'), { target: { value: '150' } });
    await fireEvent.input(cell('zone-angle'), { target: { value: 'forty five' } });
    await fireEvent.input(cell('zone-depth'), { target: { value: '0,8' } });
    invoke.mockClear();
    await fireEvent.submit(getByTestId('session-form'));
    await waitFor(() =>
      expect(container.querySelector('[data-field="zones[0].angle_deg"]')?.textContent).toBe(
        'Angle (°) (Frontal hairline): “forty five” is not a number',
      ),
    );
    expect(container.querySelector('[data-field="zones[1].angle_deg"]')?.textContent).toBe('Angle (°) (Crown) is required');
    expect(container.querySelector('[data-field="zones[0].depth_mm"]')).toBeNull();
    expect(cell('zone-angle').getAttribute('aria-invalid')).toBe('true');
    expect(cell('zone-angle').getAttribute('aria-required')).toBe('true');
    expect(getByTestId('problem-count').textContent).toMatch(/^\d+ problems to correct$/);
    expect(invoke).not.toHaveBeenCalled();
  });
});

describe('a draft session', () => {
  const draft = {
    id: 's-1',
    plan_id: 'plan-1',
    client_id: 'c-1',
    number: 1,
    performed_on: '2026-06-01',
    practitioner_id: 'st-1',
    duration_minutes: 150,
    zones: [],
    skin_reaction: null,
    pain_score: null,
    notes: '',
    recorded_at: '2026-06-01T10:00:00Z',
    recorded_by: 'st-1',
    signed_at: null,
    signed_by: null,
    signed_by_name: null,
    signed_by_role: null,
    amendments: [],
  };

  it('is discarded only once that is confirmed; Keep leaves it as it was', async () => {
    replies.client_record = { client, blocking_today: [], plans: [{ plan, sessions: [draft] }] };
    replies.discard_session = null;
    const { findByTestId, getByTestId, queryByTestId } = render(SessionPage, {
      clientId: 'c-1',
      planId: null,
      number: null,
      sessionId: 's-1',
    });
    await fireEvent.click(await findByTestId('discard-session'));
    const prompt = getByTestId('discard-confirm');
    expect(prompt.textContent).toContain('Discard this draft session? Its zone settings will be lost.');
    expect(document.activeElement).toBe(getByTestId('discard-keep'));
    expect(invoke).not.toHaveBeenCalledWith('discard_session');
    await fireEvent.click(getByTestId('discard-keep'));
    expect(queryByTestId('discard-confirm')).toBeNull();
    expect(invoke).not.toHaveBeenCalledWith('discard_session');

    await fireEvent.click(getByTestId('discard-session'));
    await fireEvent.click(getByTestId('discard-confirm-go'));
    await waitFor(() => expect(invoke).toHaveBeenCalledWith('discard_session'));
  });

  it('offers Sign only to the session’s practitioner', async () => {
    replies.client_record = { client, blocking_today: [], plans: [{ plan, sessions: [draft] }] };
    replies.list_staff = [{ id: 'st-1', name: 'Dana Reyes', role: 'practitioner', active: true, has_password: true, created_at: '', version: 1 }];
    const mine = render(SessionPage, { clientId: 'c-1', planId: null, number: null, sessionId: 's-1' });
    expect(await mine.findByTestId('sign-session')).toBeTruthy();
    expect(mine.queryByTestId('sign-only-practitioner')).toBeNull();
    cleanup();
    auth.me = { ...manager, staff_id: 'st-7', name: 'Mo Manager', permissions: [...manager.permissions] };
    const theirs = render(SessionPage, { clientId: 'c-1', planId: null, number: null, sessionId: 's-1' });
    await theirs.findByTestId('unsigned-note');
    expect(theirs.queryByTestId('sign-session')).toBeNull();
  });
});

describe('what a practitioner sees of the catalogue', () => {
  it('shows pigments and needles to read, without the staff, the consent forms or any editing', async () => {
    auth.me = { ...manager, role: 'practitioner', permissions: ['account', 'client_contact', 'clinical_record', 'record_sessions', 'photos', 'consent', 'consent_status', 'catalogue_view', 'calendar', 'recalls', 'audit'] };
    const { findByTestId, queryByTestId, getByTestId } = render(CataloguePage);
    await findByTestId('pigment');
    expect(queryByTestId('tab-staff')).toBeNull();
    expect(queryByTestId('tab-consent')).toBeNull();
    expect(queryByTestId('pigment-brand')).toBeNull();
    expect(queryByTestId('add-lot')).toBeNull();
    await fireEvent.click(getByTestId('tab-needles'));
    await findByTestId('needle-list');
    expect(queryByTestId('needle-brand')).toBeNull();
  });
});

describe('a new treatment plan', () => {
  it('starts with no look chosen, and names it with the areas without calling the core to save', async () => {
    Object.assign(replies, {
      get_client: client,
      plan_defaults: { planned_sessions: 3, spacing_days: 14, touch_up_interval_months: 60 },
      suggest_touch_up_interval: { months: 60, reasons: [] },
    });
    const { findByTestId, getByTestId, container } = render(PlanForm, { clientId: 'c-1', planId: null });
    await findByTestId('plan-form');
    expect((getByTestId('plan-look') as HTMLSelectElement).selectedIndex).toBe(0);
    expect(getByTestId('plan-look').textContent).toContain('Choose');
    await fireEvent.click(getByTestId('save-plan'));
    await waitFor(() => expect(container.querySelector('[data-field="desired_look"]')?.textContent).toBe('Desired look: choose one'));
    expect(container.querySelector('[data-field="areas"]')?.textContent).toBe('Areas: choose one');
    expect(invoke).not.toHaveBeenCalledWith('create_plan');
  });
});

describe('a contraindication added to a client', () => {
  // jsdom has no CSS.escape, which the form uses to focus the field the core named first.
  globalThis.CSS ??= { escape: (text: string) => text.replace(/["\\]/g, '\\$&') } as unknown as typeof CSS;

  it('starts with neither the condition nor what it means chosen, sends them unchosen, and shows the core naming both', async () => {
    replies.create_client = () => {
      throw {
        code: 'validation',
        message: 'Choose the condition (and 1 more problem)',
        field: 'contraindications[0].condition',
        problems: [
          { field: 'contraindications[0].condition', message: 'Choose the condition' },
          { field: 'contraindications[0].kind', message: 'Choose what it means for treatment' },
        ],
      };
    };
    const { findByTestId, getByTestId, container } = render(ClientForm, { clientId: null });
    await findByTestId('add-contra');
    await fireEvent.click(getByTestId('add-contra'));
    for (const id of ['contra-condition', 'contra-kind']) {
      expect((getByTestId(id) as HTMLSelectElement).selectedIndex).toBe(0);
      expect((getByTestId(id) as HTMLSelectElement).selectedOptions[0].textContent).toContain('Choose');
    }
    await fireEvent.submit(getByTestId('save-client').closest('form')!);
    await waitFor(() => expect(container.querySelector('[data-field="contraindications[0].kind"]')?.textContent).toBe('Choose what it means for treatment'));
    expect(container.querySelector('[data-field="contraindications[0].condition"]')?.textContent).toBe('Choose the condition');
    const request = sent.find(([command]) => command === 'create_client')?.[1] as { input: { contraindications: unknown[] } };
    expect(request.input.contraindications[0]).toMatchObject({ condition: null, kind: null });
  });
});
