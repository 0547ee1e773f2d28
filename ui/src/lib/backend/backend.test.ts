import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClinicSettings } from '../types';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

const { call, callWithBytes, fileBase64, BackendError, toApiError } = await import('./backend');

const here = dirname(fileURLToPath(import.meta.url));

describe('backend module', () => {
  beforeEach(() => invoke.mockReset());

  it('sends a CSV file as its bytes in base64, whatever their encoding and size', () => {
    // "José" in Windows-1252: the byte 0xE9 is not UTF-8 and must reach the core as it is.
    const latin = new Uint8Array([0x4a, 0x6f, 0x73, 0xe9]);
    expect(fileBase64(latin)).toBe('Sm9z6Q==');
    const large = new Uint8Array(200_000).map((_, i) => i % 256);
    expect(Buffer.from(fileBase64(large), 'base64').equals(Buffer.from(large))).toBe(true);
    expect(fileBase64(new Uint8Array())).toBe('');
  });

  it('sends each command its named arguments', async () => {
    invoke.mockResolvedValue([]);
    await call('search_clients', { typed: 'mar', filter: 'active', offset: 0, limit: 20 });
    expect(invoke).toHaveBeenCalledWith('search_clients', { typed: 'mar', filter: 'active', offset: 0, limit: 20 });
    await call('sign_in', { staff_id: 's1', password: 'correct horse battery' });
    expect(invoke).toHaveBeenLastCalledWith('sign_in', { staff_id: 's1', password: 'correct horse battery' });
    await call('sign_session', { id: 'se1', credential: { pin: '2468' } });
    expect(invoke).toHaveBeenLastCalledWith('sign_session', { id: 'se1', credential: { pin: '2468' } });
    await call('list_pigments', {});
    expect(invoke).toHaveBeenLastCalledWith('list_pigments', {});
  });

  it('sends the calendar and recall commands their named arguments', async () => {
    invoke.mockResolvedValue(null);
    await call('snooze_recall', { recall_id: 'r1', until: '2026-12-01' });
    expect(invoke).toHaveBeenLastCalledWith('snooze_recall', { recall_id: 'r1', until: '2026-12-01' });
    await call('practitioner_day', { practitioner_id: 'p1', day: '2026-11-24' });
    expect(invoke).toHaveBeenLastCalledWith('practitioner_day', { practitioner_id: 'p1', day: '2026-11-24' });
    await call('set_staff_sites', { staff_id: 'p1', sites: ['s1'] });
    expect(invoke).toHaveBeenLastCalledWith('set_staff_sites', { staff_id: 'p1', sites: ['s1'] });
    const settings: ClinicSettings = {
      default_spacing_days: 14,
      touch_up: { base_months: 24, crisp_finish_months: 18, moderate_sun_months: 18, high_sun_months: 12, skin_type_months: [24, 24, 24, 24, 24, 24] },
      contact_cooldown_days: 7,
      max_unanswered_attempts: 3,
      worklist_horizon_days: 30,
      minimum_age: 18,
      idle_lock_minutes: 5,
      version: 1,
    };
    await call('update_clinic_settings', { settings });
    expect(invoke).toHaveBeenLastCalledWith('update_clinic_settings', { settings });
  });

  it('sends a photo’s bytes as the raw body, its request percent-encoded in a header', async () => {
    invoke.mockResolvedValue(null);
    const details = { client_id: 'c1', session_id: null, view: 'front', taken_on: null, notes: '', consent_use: 'clinical_only' } as const;
    const bytes = new Uint8Array([0, 7, 255]);
    await callWithBytes('add_photo', { details, name: 'Zoë front.jpg' }, bytes);
    const [name, body, options] = invoke.mock.lastCall as [string, Uint8Array, { headers: Record<string, string> }];
    expect(name).toBe('add_photo');
    expect(body).toBe(bytes);
    const header = options.headers['hairline-request'];
    expect(header).toMatch(/^[\x21-\x7e]*$/);
    expect(JSON.parse(decodeURIComponent(header))).toEqual({ details, name: 'Zoë front.jpg' });
  });

  it('sends `{}` to a command whose file the shell asks for, and passes a cancelled dialog on as null', async () => {
    invoke.mockResolvedValue(null);
    await expect(call('back_up_to', {})).resolves.toBeNull();
    expect(invoke).toHaveBeenLastCalledWith('back_up_to', {});
  });

  it('answers the command’s response', async () => {
    const code = { staff_id: 's1', code: 'K7QX-M2PD', expires_at: '2026-06-04T10:00:00Z' };
    invoke.mockResolvedValue(code);
    await expect(call('issue_setup_code', { id: 's1' })).resolves.toEqual(code);
  });

  it('turns every failure into a BackendError carrying the ApiError', async () => {
    const shaped = { code: 'not_found', message: 'No such client', field: null } as const;
    invoke.mockRejectedValueOnce(shaped);
    const refused = await call('get_client', { id: 'c-404' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BackendError);
    expect((refused as InstanceType<typeof BackendError>).api).toEqual(shaped);
    invoke.mockRejectedValueOnce('missing field `id`');
    const bare = await call('get_client', { id: 'c-1' }).catch((e: unknown) => e);
    expect(bare).toBeInstanceOf(BackendError);
    expect((bare as InstanceType<typeof BackendError>).api).toEqual({ code: 'bad_request', message: 'missing field `id`', field: null });
  });

  it('keeps the wait the core imposes after too many attempts', () => {
    const throttled = { code: 'too_many_attempts', message: 'Too many wrong attempts for Dana Reyes: try again in 30 seconds', field: null, wait_seconds: 30 };
    expect(toApiError(throttled)).toEqual(throttled);
  });

  it('tells the sign-in screen when the core answers that no one is signed in, and only then', async () => {
    const { whenUnauthenticated } = await import('./backend');
    const heard = vi.fn();
    whenUnauthenticated(heard);
    invoke.mockRejectedValueOnce({ code: 'not_found', message: 'No such client', field: null });
    await call('get_client', { id: 'c-404' }).catch(() => {});
    expect(heard).not.toHaveBeenCalled();
    invoke.mockRejectedValueOnce({ code: 'unauthenticated', message: 'This workstation is locked', field: null });
    const refused = await call('get_client', { id: 'c-1' }).catch((e: unknown) => e);
    expect(heard).toHaveBeenCalledWith({ code: 'unauthenticated', message: 'This workstation is locked', field: null });
    expect((refused as InstanceType<typeof BackendError>).api.code).toBe('unauthenticated');
    whenUnauthenticated(null);
  });

  it('keeps every field problem the core listed, so a form marks them all at once', async () => {
    const { fieldError, messagesWithin } = await import('../errors');
    const several = {
      code: 'validation',
      message: 'First name is required (and 1 more problem)',
      field: 'first_name',
      problems: [
        { field: 'first_name', message: 'First name is required' },
        { field: 'email', message: 'Email "ana@" is not an email address' },
      ],
    };
    const error = toApiError(several);
    expect(fieldError(error, 'first_name')).toBe('First name is required');
    expect(fieldError(error, 'email')).toContain('not an email address');
    expect(messagesWithin(error, 'phone')).toEqual([]);
  });

  it('passes the shell’s ApiError through unchanged', () => {
    const shaped = { code: 'validation', message: 'Email is not an email address', field: 'email' } as const;
    expect(toApiError(shaped)).toEqual(shaped);
    expect(toApiError(new BackendError(shaped))).toEqual(shaped);
  });

  it('turns anything else into a bad_request', () => {
    expect(toApiError('missing required key input')).toEqual({
      code: 'bad_request',
      message: 'missing required key input',
      field: null,
    });
  });
});

describe('the commands the window calls', () => {
  // svelte-check already refuses a name that is not a key of Commands; this keeps the guarantee
  // when only the tests run.
  it('are all in the generated command table', () => {
    const table = readFileSync(join(here, '..', 'bindings', 'Commands.ts'), 'utf8');
    const known = new Set([...table.matchAll(/^ {2}(\w+): \{ request: /gm)].map((m) => m[1]));
    expect(known.size).toBeGreaterThan(90);
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(ts|svelte)$/.test(entry.name) && !entry.name.endsWith('.test.ts'))
          for (const m of readFileSync(path, 'utf8').matchAll(/\bcall\(\s*'(\w+)'/g)) used.add(m[1]);
      }
    };
    walk(join(here, '..', '..'));
    expect(used.size).toBeGreaterThan(80);
    for (const name of used) expect(known.has(name), name).toBe(true);
  });
});
