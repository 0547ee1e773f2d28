// The sign-in screen, the signing dialog, the setup code and the lock, on a mocked shell that
// records every command with its arguments.
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Permission, SignedIn } from '../../lib/types';

type Reply = unknown | ((args: Record<string, unknown>) => unknown);
const replies: Record<string, Reply> = {};
const invoke = vi.fn(async (command: string, args: Record<string, unknown> = {}) => {
  if (!(command in replies)) throw { code: 'not_found', message: command, field: null };
  const reply = replies[command];
  return typeof reply === 'function' ? (reply as (a: Record<string, unknown>) => unknown)(args) : reply;
});
vi.mock('@tauri-apps/api/core', () => ({ invoke: (c: string, a: Record<string, unknown>) => invoke(c, a), convertFileSrc: (p: string) => p }));
vi.mock('@tauri-apps/api/event', () => ({ listen: async () => () => {} }));
vi.mock('@tauri-apps/plugin-dialog', () => ({ open: async () => null, save: async () => null }));

const { auth, enter, lock } = await import('../../lib/state/auth.svelte');
const { offerStash, takeStash } = await import('../../lib/auth/stash');
const { nav } = await import('../../lib/state/router.svelte');
const { default: SignInPage } = await import('./SignInPage.svelte');
const { default: CredentialDialog } = await import('./CredentialDialog.svelte');
const { default: WaitCountdown } = await import('./WaitCountdown.svelte');
const { default: StaffPanel } = await import('../catalogue/StaffPanel.svelte');
const { default: SetPinDialog } = await import('./SetPinDialog.svelte');
const { default: ChangePasswordDialog } = await import('./ChangePasswordDialog.svelte');

const dana = { id: 'st-1', name: 'Dana Reyes', role: 'practitioner', can_use_pin: true, needs_setup_code: false } as const;
const fay = { id: 'st-2', name: 'Fay Okoro', role: 'front_desk', can_use_pin: false, needs_setup_code: true } as const;
const screen = (over = {}) => ({ needs_owner: false, staff: [dana, fay], signed_in: null, locked_by: null, sample_password: null, ...over });
const signedIn = (over: Partial<SignedIn> = {}): SignedIn => ({
  staff_id: 'st-1',
  name: 'Dana Reyes',
  role: 'practitioner' as const,
  permissions: ['account', 'client_contact', 'clinical_record', 'record_sessions'] as Permission[],
  has_pin: true,
  idle_lock_minutes: 5,
  unsaved_form: null,
  ...over,
});

beforeEach(() => {
  for (const key of Object.keys(replies)) delete replies[key];
  invoke.mockClear();
  auth.me = null;
  auth.screen = null;
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the sign-in screen', () => {
  it('on a practice no one can sign in to, creates the owner, the password rule said before typing', async () => {
    // The core names every problem of the form at once, the second password among them.
    replies.create_owner = (args: Record<string, unknown>) => {
      const problems = [
        ...((args.password as string).length < 10 ? [{ field: 'password', message: 'Password: at least 10 characters' }] : []),
        ...(args.repeat !== args.password ? [{ field: 'repeat', message: 'The two passwords are not the same' }] : []),
      ];
      if (problems.length > 0) throw { code: 'validation', message: `${problems.length} problems`, field: null, problems };
      return signedIn({ role: 'manager' });
    };
    const onsignedin = vi.fn();
    const { getByTestId } = render(SignInPage, { screen: screen({ needs_owner: true, staff: [] }), onsignedin });
    expect(getByTestId('password-rule').textContent).toContain('at least 10 characters');
    await fireEvent.input(getByTestId('owner-name'), { target: { value: 'Dana Reyes' } });
    await fireEvent.input(getByTestId('owner-password'), { target: { value: 'pigment' } });
    await fireEvent.input(getByTestId('owner-repeat'), { target: { value: 'pigmant' } });
    await fireEvent.submit(getByTestId('owner-form'));
    // Both at once: a differing second password no longer hides the password's own rule.
    await waitFor(() => expect(document.querySelector('[data-field="repeat"]')?.textContent).toBe('The two passwords are not the same'));
    expect(document.querySelector('[data-field="password"]')?.textContent).toBe('Password: at least 10 characters');
    expect(onsignedin).not.toHaveBeenCalled();
    await fireEvent.input(getByTestId('owner-password'), { target: { value: 'pigment and patience' } });
    await fireEvent.input(getByTestId('owner-repeat'), { target: { value: 'pigment and patience' } });
    await fireEvent.submit(getByTestId('owner-form'));
    await waitFor(() => expect(onsignedin).toHaveBeenCalled());
    expect(invoke).toHaveBeenCalledWith('create_owner', { name: 'Dana Reyes', password: 'pigment and patience', repeat: 'pigment and patience' });
  });

  it('names a wrong password beside the field, and shows the sample password when the sample clinic is loaded', async () => {
    replies.sign_in = () => {
      throw { code: 'validation', message: 'That password is not right', field: 'password' };
    };
    const { getByTestId, getAllByTestId } = render(SignInPage, { screen: screen({ sample_password: 'sample clinic 2026' }), onsignedin: vi.fn() });
    expect(getByTestId('sample-password').textContent).toContain('“sample clinic 2026”');
    await fireEvent.click(getAllByTestId('sign-in-as')[0]);
    // Dana may use her PIN here today: the PIN comes first, the password one click away.
    expect(getByTestId('sign-in-form').dataset.mode).toBe('pin');
    await fireEvent.click(getByTestId('use-password'));
    await fireEvent.input(getByTestId('password'), { target: { value: 'not my password' } });
    await fireEvent.submit(getByTestId('sign-in-form'));
    await waitFor(() => expect(document.querySelector('[data-field="password"]')?.textContent).toBe('That password is not right'));
    expect(getByTestId('password').getAttribute('aria-invalid')).toBe('true');
  });

  it('asks a new person for the setup code and a password of their own', async () => {
    // The core names every problem at once: a blank code, the password's rule, a differing repeat.
    replies.redeem_setup_code = (args: Record<string, unknown>) => {
      const problems = [
        ...(args.code === '' ? [{ field: 'code', message: 'Type your setup code' }] : []),
        ...((args.password as string).length < 10 ? [{ field: 'password', message: 'At least 10 characters' }] : []),
        ...(args.repeat !== args.password ? [{ field: 'repeat', message: 'The two passwords are not the same' }] : []),
      ];
      if (problems.length > 0) throw { code: 'validation', message: `${problems.length} problems`, field: null, problems };
      return signedIn({ staff_id: 'st-2', name: 'Fay Okoro', role: 'front_desk' });
    };
    const onsignedin = vi.fn();
    const { getByTestId, getAllByTestId } = render(SignInPage, { screen: screen(), onsignedin });
    await fireEvent.click(getAllByTestId('sign-in-as')[1]);
    expect(getByTestId('sign-in-form').dataset.mode).toBe('setup');
    await fireEvent.input(getByTestId('new-password'), { target: { value: 'short' } });
    await fireEvent.input(getByTestId('repeat-password'), { target: { value: 'shorter' } });
    await fireEvent.submit(getByTestId('sign-in-form'));
    await waitFor(() => expect(document.querySelector('[data-field="repeat"]')?.textContent).toBe('The two passwords are not the same'));
    expect(document.querySelector('[data-field="code"]')?.textContent).toBe('Type your setup code');
    expect(document.querySelector('[data-field="password"]')?.textContent).toBe('At least 10 characters');
    // Both new passwords are cleared, to be typed again together.
    expect((getByTestId('new-password') as HTMLInputElement).value).toBe('');
    expect((getByTestId('repeat-password') as HTMLInputElement).value).toBe('');
    expect(onsignedin).not.toHaveBeenCalled();
    await fireEvent.input(getByTestId('setup-code'), { target: { value: ' K7QX-M2PD ' } });
    await fireEvent.input(getByTestId('new-password'), { target: { value: 'front desk forever' } });
    await fireEvent.input(getByTestId('repeat-password'), { target: { value: 'front desk forever' } });
    await fireEvent.submit(getByTestId('sign-in-form'));
    await waitFor(() => expect(onsignedin).toHaveBeenCalled());
    expect(invoke).toHaveBeenCalledWith('redeem_setup_code', { staff_id: 'st-2', code: 'K7QX-M2PD', password: 'front desk forever', repeat: 'front desk forever' });
  });

  it('after too many wrong attempts counts the wait down and refuses to send until it is over', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    replies.sign_in_with_pin = () => {
      throw { code: 'too_many_attempts', message: 'Too many wrong attempts for Dana Reyes: try again in 30 seconds', field: null, wait_seconds: 3 };
    };
    const { getByTestId, getAllByTestId } = render(SignInPage, { screen: screen(), onsignedin: vi.fn() });
    await fireEvent.click(getAllByTestId('sign-in-as')[0]);
    await fireEvent.input(getByTestId('pin'), { target: { value: '0000' } });
    await fireEvent.submit(getByTestId('sign-in-form'));
    await waitFor(() => expect(getByTestId('wait-countdown').textContent).toContain('try again in 3 seconds'));
    expect((getByTestId('sign-in') as HTMLButtonElement).disabled).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(getByTestId('wait-countdown').textContent).toContain('try again in 2 seconds');
    await vi.advanceTimersByTimeAsync(2000);
    await waitFor(() => expect((getByTestId('sign-in') as HTMLButtonElement).disabled).toBe(false));
  });

  it('as the lock screen, says who locked it and unlocks with their PIN; no client data is on it', async () => {
    replies.sign_in_with_pin = signedIn();
    const onsignedin = vi.fn();
    const { getByTestId, container } = render(SignInPage, { screen: screen({ locked_by: dana }), onsignedin });
    expect(getByTestId('locked-by').textContent).toBe('Locked by Dana Reyes (Practitioner).');
    expect(getByTestId('sign-in-form').dataset.mode).toBe('pin');
    expect(getByTestId('sign-in').textContent?.trim()).toBe('Unlock');
    await fireEvent.input(getByTestId('pin'), { target: { value: '2468' } });
    await fireEvent.submit(getByTestId('sign-in-form'));
    await waitFor(() => expect(onsignedin).toHaveBeenCalled());
    expect(invoke).toHaveBeenCalledWith('sign_in_with_pin', { staff_id: 'st-1', pin: '2468' });
    await fireEvent.click(getByTestId('someone-else'));
    expect(container.querySelectorAll('[data-testid="sign-in-as"]')).toHaveLength(2);
  });
});

describe('one’s own PIN and password', () => {
  /** The core's answer to a form of `fields`: each one named, all at once. */
  const refusing = (...fields: string[]) => () => {
    throw { code: 'validation', message: `${fields.length} problems`, field: null, problems: fields.map((field) => ({ field, message: `${field} is wrong` })) };
  };
  const named = (field: string) => document.querySelector(`[data-field="${field}"]`)?.textContent;

  it('sends a new PIN with its repeat to the core and shows every problem it names at once', async () => {
    replies.set_pin = refusing('pin', 'repeat', 'password');
    const onsaved = vi.fn();
    const { getByTestId } = render(SetPinDialog, { me: signedIn({ has_pin: false }), onclose: vi.fn(), onsaved });
    await fireEvent.input(getByTestId('new-pin'), { target: { value: '12a' } });
    await fireEvent.input(getByTestId('repeat-pin'), { target: { value: '1234' } });
    await fireEvent.submit(getByTestId('save-pin').closest('form')!);
    await waitFor(() => expect(named('password')).toBe('password is wrong'));
    expect([named('pin'), named('repeat')]).toEqual(['pin is wrong', 'repeat is wrong']);
    expect(invoke).toHaveBeenCalledWith('set_pin', { password: '', pin: '12a', repeat: '1234' });
    expect(onsaved).not.toHaveBeenCalled();
  });

  it('sends a new password with its repeat to the core and shows every problem it names at once', async () => {
    replies.change_password = refusing('current_password', 'new_password', 'repeat');
    const onsaved = vi.fn();
    const { getByTestId } = render(ChangePasswordDialog, { onclose: vi.fn(), onsaved });
    await fireEvent.input(getByTestId('changed-password'), { target: { value: 'short' } });
    await fireEvent.input(getByTestId('changed-repeat'), { target: { value: 'shorter' } });
    await fireEvent.submit(getByTestId('save-password').closest('form')!);
    await waitFor(() => expect(named('repeat')).toBe('repeat is wrong'));
    expect([named('current_password'), named('new_password')]).toEqual(['current_password is wrong', 'new_password is wrong']);
    expect(invoke).toHaveBeenCalledWith('change_password', { current_password: '', new_password: 'short', repeat: 'shorter' });
    expect(onsaved).not.toHaveBeenCalled();
  });
});

describe('the countdown', () => {
  it('ends at zero and says so', async () => {
    vi.useFakeTimers();
    const ondone = vi.fn();
    const { getByTestId } = render(WaitCountdown, { seconds: 2, ondone });
    expect(getByTestId('wait-countdown').dataset.seconds).toBe('2');
    await vi.advanceTimersByTimeAsync(2000);
    expect(ondone).toHaveBeenCalledTimes(1);
    expect(getByTestId('wait-countdown').textContent?.trim()).toBe('You can try again now.');
  });
});

describe('the signing dialog', () => {
  it('asks for the signer’s PIN, shows a wrong one in the dialog, switches to the password', async () => {
    const onsign = vi.fn(async (credential: unknown) => {
      if ((credential as { pin?: string }).pin === '1111') throw { code: 'validation', message: 'That PIN is not right', field: 'credential.pin' };
    });
    const onclose = vi.fn();
    const { getByTestId, getByRole } = render(CredentialDialog, { me: signedIn(), why: 'sign.why_session', onsign, onclose });
    expect(getByRole('dialog').textContent).toContain('Sign as Dana Reyes — enter your PIN');
    await fireEvent.input(getByTestId('sign-pin'), { target: { value: '1111' } });
    await fireEvent.click(getByTestId('sign-confirm'));
    await waitFor(() => expect(document.querySelector('[data-field="pin"]')?.textContent).toBe('That PIN is not right'));
    expect(onsign).toHaveBeenLastCalledWith({ pin: '1111' });
    await fireEvent.click(getByTestId('sign-switch'));
    expect(getByRole('dialog').textContent).toContain('Sign as Dana Reyes — enter your password');
    await fireEvent.input(getByTestId('sign-password'), { target: { value: 'pigment and patience' } });
    await fireEvent.click(getByTestId('sign-confirm'));
    await waitFor(() => expect(onsign).toHaveBeenLastCalledWith({ password: 'pigment and patience' }));
  });

  it('offers only the password to someone without a PIN', () => {
    const { getByTestId, queryByTestId } = render(CredentialDialog, { me: signedIn({ has_pin: false }), why: 'sign.why_consent', onsign: vi.fn(), onclose: vi.fn() });
    expect(getByTestId('sign-password')).toBeTruthy();
    expect(queryByTestId('sign-switch')).toBeNull();
  });
});

describe('a new staff member', () => {
  it('gets a setup code shown once, large, with its expiry', async () => {
    const staff: unknown[] = [];
    replies.list_staff = () => staff;
    replies.create_staff = (args: Record<string, unknown>) => {
      const input = (args as { input: { name: string; role: string } }).input;
      const created = { id: 'st-9', ...input, active: true, has_password: false, created_at: '', version: 1 };
      staff.push(created);
      return created;
    };
    replies.issue_setup_code = { staff_id: 'st-9', code: 'K7QX-M2PD', expires_at: '2026-06-04T10:00:00Z' };
    const { getByTestId, findByTestId, queryByTestId } = render(StaffPanel);
    await fireEvent.input(getByTestId('staff-name'), { target: { value: 'Fay Okoro' } });
    await fireEvent.change(getByTestId('staff-role'), { target: { value: 'front_desk' } });
    await fireEvent.submit(getByTestId('save-staff').closest('form')!);
    expect((await findByTestId('setup-code-value')).textContent).toBe('K7QX-M2PD');
    expect(invoke).toHaveBeenCalledWith('create_staff', { input: { name: 'Fay Okoro', role: 'front_desk' } });
    expect(invoke).toHaveBeenCalledWith('issue_setup_code', { id: 'st-9' });
    expect(getByTestId('setup-code-card').textContent).toContain('Give this code to Fay Okoro in person');
    expect(getByTestId('setup-code-card').textContent).toContain('2026');
    expect((await findByTestId('awaiting-setup')).textContent).toBe('1 person still has to choose a password.');
    await fireEvent.click(getByTestId('setup-code-done'));
    expect(queryByTestId('setup-code-card')).toBeNull();
  });

  it('is not added until a role is chosen: the form starts with none', async () => {
    replies.list_staff = [];
    const { getByTestId, findAllByText } = render(StaffPanel);
    expect((getByTestId('staff-role') as HTMLSelectElement).value).toBe('');
    await fireEvent.input(getByTestId('staff-name'), { target: { value: 'Fay Okoro' } });
    await fireEvent.submit(getByTestId('save-staff').closest('form')!);
    // In the form's list of problems and beside the field itself.
    expect(await findAllByText('Role: choose one')).toHaveLength(2);
    expect(getByTestId('staff-role').getAttribute('aria-invalid')).toBe('true');
    expect(invoke).not.toHaveBeenCalledWith('create_staff', expect.anything());
  });

  it('has their password reset only once that is confirmed, then a new code shows', async () => {
    replies.list_staff = [{ id: 'st-1', name: 'Dana Reyes', role: 'practitioner', active: true, has_password: true, created_at: '', version: 1 }];
    replies.issue_setup_code = { staff_id: 'st-1', code: 'Z9W4-T6RB', expires_at: '2026-06-04T10:00:00Z' };
    const { findByTestId, getByTestId } = render(StaffPanel);
    await fireEvent.click(await findByTestId('reset-password'));
    expect(getByTestId('reset-confirm').textContent).toContain('Reset Dana Reyes’s password?');
    expect(invoke).not.toHaveBeenCalledWith('issue_setup_code', expect.anything());
    await fireEvent.click(getByTestId('reset-confirm-go'));
    expect((await findByTestId('setup-code-value')).textContent).toBe('Z9W4-T6RB');
  });
});

describe('one’s own staff row', () => {
  it('offers no password reset, deactivation or role change to oneself', async () => {
    auth.me = signedIn({ role: 'manager' });
    replies.list_staff = [
      { id: 'st-1', name: 'Dana Reyes', role: 'manager', active: true, has_password: true, created_at: '', version: 1 },
      { id: 'st-2', name: 'Fay Okoro', role: 'front_desk', active: true, has_password: true, created_at: '', version: 1 },
    ];
    const { getAllByTestId, getByTestId } = render(StaffPanel);
    await waitFor(() => expect(getAllByTestId('staff-row').map((r) => r.dataset.name)).toEqual(['Dana Reyes', 'Fay Okoro']));
    const rows = getAllByTestId('staff-row');
    const own = rows.find((r) => r.dataset.name === 'Dana Reyes')!;
    const other = rows.find((r) => r.dataset.name === 'Fay Okoro')!;
    expect(own.querySelector('[data-testid="reset-password"]')).toBeNull();
    expect(own.textContent).not.toContain('Deactivate');
    expect(other.querySelector('[data-testid="reset-password"]')).not.toBeNull();
    expect(other.textContent).toContain('Deactivate');
    await fireEvent.click([...own.querySelectorAll('button')].find((b) => b.textContent === 'Edit')!);
    expect((getByTestId('staff-role') as HTMLSelectElement).disabled).toBe(true);
  });
});

describe('locking', () => {
  it('stashes the open form for the core, forgets everything loaded, and gives the form back only to the same person', async () => {
    replies.list_staff = [];
    replies.lock_workstation = null;
    replies.sign_in_screen = screen({ locked_by: dana });
    await enter(signedIn());
    const route = { name: 'session', clientId: 'c-1', sessionId: 's-1' } as const;
    nav.route = route;
    const withdraw = offerStash(() => ({ kind: 'session', key: 's-1', route, form: { notes: 'half done' } }));
    await lock();
    withdraw();
    expect(auth.me).toBeNull();
    expect(nav.route).toEqual({ name: 'clients' });
    const sent = invoke.mock.calls.find(([c]) => c === 'lock_workstation')![1] as { unsaved_form: string };
    expect(JSON.parse(sent.unsaved_form)).toMatchObject({ staff_id: 'st-1', form: { notes: 'half done' } });

    // Someone else signs in: even were the text given to them, it is not theirs.
    await enter(signedIn({ staff_id: 'st-3', name: 'Marco Bell', unsaved_form: sent.unsaved_form }));
    expect(takeStash('session', 's-1')).toBeNull();
    // The same person unlocks: back on the session, the form waiting for it.
    await enter(signedIn({ unsaved_form: sent.unsaved_form }));
    expect(nav.route).toEqual(route);
    expect(takeStash('session', 's-1')).toEqual({ notes: 'half done' });
  });

  it('shows the lock screen when the core locked itself, handing it the open form', async () => {
    replies.list_staff = [];
    replies.lock_workstation = null;
    replies.sign_in_screen = screen({ locked_by: dana });
    await enter(signedIn());
    const route = { name: 'session', clientId: 'c-1', sessionId: 's-1' } as const;
    const withdraw = offerStash(() => ({ kind: 'session', key: 's-1', route, form: { notes: 'typed for six minutes' } }));
    const { call } = await import('../../lib/backend/backend');
    replies.update_session = () => {
      throw { code: 'unauthenticated', message: 'This workstation locked itself after 5 minutes without use: unlock it to go on', field: null };
    };
    await call('update_session', { id: 's-1', version: 1, input: {} as never }).catch(() => {});
    withdraw();
    expect(auth.me).toBeNull();
    await waitFor(() => expect(auth.screen?.locked_by?.name).toBe('Dana Reyes'));
    const sent = invoke.mock.calls.find(([c]) => c === 'lock_workstation')![1] as { unsaved_form: string };
    expect(JSON.parse(sent.unsaved_form)).toMatchObject({ staff_id: 'st-1', form: { notes: 'typed for six minutes' } });
  });
  it('keeps the open form through a clinic server restart, for the same person signing in again', async () => {
    replies.list_staff = [];
    // The restarted server knows no one at this window: nothing to lock, nobody locked.
    replies.lock_workstation = null;
    replies.sign_in_screen = screen();
    await enter(signedIn());
    const route = { name: 'session', clientId: 'c-1', sessionId: 's-1' } as const;
    const withdraw = offerStash(() => ({ kind: 'session', key: 's-1', route, form: { notes: 'typed before the restart' } }));
    const { call } = await import('../../lib/backend/backend');
    replies.update_session = () => {
      throw { code: 'unauthenticated', message: "This window's session on the clinic server has ended", field: null };
    };
    await call('update_session', { id: 's-1', version: 1, input: {} as never }).catch(() => {});
    withdraw();
    expect(auth.me).toBeNull();
    await waitFor(() => expect(auth.screen?.locked_by).toBeNull());
    // Signed in again with a password: the server gives no form back, the window does.
    await enter(signedIn({ unsaved_form: null }));
    expect(nav.route).toEqual(route);
    expect(takeStash('session', 's-1')).toEqual({ notes: 'typed before the restart' });
  });

  it('never gives the form held through a restart to someone else', async () => {
    replies.list_staff = [];
    replies.lock_workstation = null;
    replies.sign_in_screen = screen();
    await enter(signedIn());
    const route = { name: 'session', clientId: 'c-1', sessionId: 's-1' } as const;
    const withdraw = offerStash(() => ({ kind: 'session', key: 's-1', route, form: { notes: 'Dana only' } }));
    const { call } = await import('../../lib/backend/backend');
    replies.update_session = () => {
      throw { code: 'unauthenticated', message: "This window's session on the clinic server has ended", field: null };
    };
    await call('update_session', { id: 's-1', version: 1, input: {} as never }).catch(() => {});
    withdraw();
    await waitFor(() => expect(auth.screen).not.toBeNull());
    await enter(signedIn({ staff_id: 'st-3', name: 'Marco Bell' }));
    expect(takeStash('session', 's-1')).toBeNull();
    // Nor to Dana after Marco: the held form went when someone else signed in.
    await enter(signedIn());
    expect(takeStash('session', 's-1')).toBeNull();
  });
});
