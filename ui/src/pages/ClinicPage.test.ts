// Who works where: a tick is saved as it is made, so nothing ticked is lost by leaving the page,
// and a tick the core refuses goes back to what is stored. A new site's time zone is chosen.
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const dana = { id: 'st-1', name: 'Dana Whitfield', role: 'practitioner', active: true, has_password: true, created_at: '', version: 1 };
const site = { id: 's-1', name: 'Manchester', address: '', time_zone: 'Europe/London', hours: [], active: true, staff_ids: [] as string[], version: 1 };
let refuse = false;
const invoke = vi.fn(async (command: string, args?: Record<string, unknown>): Promise<unknown> => {
  if (command === 'list_staff') return [dana];
  if (command === 'list_sites') return [site];
  if (command === 'clinic_settings') return null;
  if (command === 'set_staff_sites') {
    if (refuse) throw { code: 'refused', message: 'Dana Whitfield has appointments at Manchester', field: null };
    site.staff_ids = args?.sites as string[];
    return null;
  }
  throw { code: 'not_found', message: command, field: null };
});
vi.mock('@tauri-apps/api/core', () => ({ invoke: (command: string, args?: Record<string, unknown>) => invoke(command, args), convertFileSrc: (p: string) => p }));
vi.mock('@tauri-apps/api/event', () => ({ listen: async () => () => {} }));

const { default: ClinicPage } = await import('./ClinicPage.svelte');

beforeEach(() => {
  refuse = false;
  site.staff_ids = [];
  invoke.mockClear();
});
afterEach(cleanup);

describe('who works where', () => {
  it('saves a tick as it is made, with no Save button to forget', async () => {
    const { findByTestId, queryByTestId } = render(ClinicPage);
    const box = (await findByTestId('staff-site-Manchester')) as HTMLInputElement;
    expect(queryByTestId('staff-sites-save')).toBeNull();
    await fireEvent.click(box);
    await findByTestId('staff-sites-saved');
    expect(invoke).toHaveBeenCalledWith('set_staff_sites', { staff_id: 'st-1', sites: ['s-1'] });
    expect(box.checked).toBe(true);
  });

  it('puts a refused tick back as it is stored, and says why', async () => {
    refuse = true;
    const { findByTestId, findByText } = render(ClinicPage);
    const box = (await findByTestId('staff-site-Manchester')) as HTMLInputElement;
    await fireEvent.click(box);
    expect(await findByText('Dana Whitfield has appointments at Manchester')).toBeTruthy();
    await waitFor(() => expect(box.checked).toBe(false));
  });
});

describe('a new site', () => {
  it('starts with no time zone, names it when left blank, and offers this computer’s in one click', async () => {
    const { findByTestId, getByTestId, container } = render(ClinicPage);
    await fireEvent.click(await findByTestId('site-add'));
    const zone = getByTestId('site-time-zone') as HTMLInputElement;
    expect(zone.value).toBe('');
    expect(container.querySelector('.field-error')).toBeNull();
    await fireEvent.input(getByTestId('site-name'), { target: { value: 'Dubai Marina' } });
    await fireEvent.click(getByTestId('site-save'));
    await waitFor(() => expect(container.querySelector('[data-field="time_zone"]')?.textContent).toBe('Time zone (IANA, e.g. Europe/London) is required'));
    expect(invoke).not.toHaveBeenCalledWith('create_site', expect.anything());
    const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
    await fireEvent.click(getByTestId('site-zone-here'));
    expect(zone.value).toBe(here);
  });
});
