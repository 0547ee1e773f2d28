// Who is signed in at this window, as the core says (`sign_in_screen`, `SignedIn`): the UI holds
// no token, only what to show. Locking, signing out and the core's `unauthenticated` answer all
// end the same way: every loaded record is dropped (the screens unmount; the shared stores of
// client data are emptied) and the sign-in or lock screen shows.
import { call, whenUnauthenticated } from '../backend/backend';
import { can as holds, firstScreen } from '../auth/permissions';
import { forgetStash, holdStash, receiveStash, stashText } from '../auth/stash';
import type { Permission, SignedIn, SignInScreen } from '../types';
import { app } from './app.svelte';
import { recallCounts } from './recall-counts.svelte';
import { home, nav } from './router.svelte';

export const auth = $state<{
  /** What the sign-in screen offers (null until asked). */
  screen: SignInScreen | null;
  /** Who is signed in here; null when no one is, or the workstation is locked. */
  me: SignedIn | null;
  /** The lock screen should open on "someone else signs in" (Switch user). */
  switching: boolean;
}>({ screen: null, me: null, switching: false });

/** Whether the signed-in person may do what `permission` covers. */
export function can(permission: Permission): boolean {
  return holds(auth.me, permission);
}

/** Empties every shared store that could hold a client's data and leaves the screen that showed
 * one (the caller makes sure the screens unmount). */
function forgetLoadedRecords(): void {
  home({ name: 'clients' });
  nav.history = [];
  recallCounts.value = null;
  app.staff = [];
}

/** Asks the core what the sign-in screen shows; when someone is still signed in at this window
 * (the window was reloaded), they carry on. */
export async function refreshSignIn(): Promise<void> {
  const screen = await call('sign_in_screen', {});
  auth.screen = screen;
  if (screen.signed_in && !auth.me) await enter(screen.signed_in);
  if (!screen.signed_in && auth.me) leave();
}

/** `me` signed in (or unlocked): their stashed form, if any, is waiting for its screen; the app
 * opens where they were, else the first screen they may use. */
export async function enter(me: SignedIn): Promise<void> {
  const previous = auth.me?.staff_id ?? null;
  // The staff list first, so the screens opening next know who is who.
  app.staff = await call('list_staff', { include_inactive: true }).catch(() => []);
  auth.me = me;
  auth.switching = false;
  const back = receiveStash(me.unsaved_form, me.staff_id);
  if (back) home(back);
  else if (previous !== me.staff_id || nav.route.name === 'clients') home(firstScreen(me));
}

/** Someone else's, or no one's, turn: nothing loaded stays in memory. */
function leave(): void {
  auth.me = null;
  forgetStash();
  forgetLoadedRecords();
}

/** Locks the workstation now (the idle timer, Ctrl+L, the Lock button, Switch user): the open
 * screen's unsaved form goes to the core, to come back only to the same person. */
export async function lock(switching = false): Promise<void> {
  const me = auth.me;
  if (!me) return;
  const unsaved = stashText(me.staff_id);
  leave();
  auth.switching = switching;
  try {
    await call('lock_workstation', { unsaved_form: unsaved });
  } finally {
    await refreshSignIn().catch(() => {});
  }
}

/** Signs out: the next person starts from the list of names. */
export async function signOut(): Promise<void> {
  leave();
  try {
    await call('sign_out', {});
  } finally {
    await refreshSignIn().catch(() => {});
  }
}

let lastHeartbeat = 0;

/** Someone is using the window (typing a long form, say): the core hears of it at most once a
 * minute, so it does not lock a workstation in use for want of calls. (The core locks a window
 * whose person has been idle longer than the clinic's idle time.) */
export function stillHere(now = Date.now()): void {
  if (!auth.me || now - lastHeartbeat < 60_000) return;
  lastHeartbeat = now;
  void call('app_info', {})
    .then((info) => (app.info = info))
    .catch(() => {});
}

/** The core refused a call for want of a signed-in person (it locked itself when idle, the
 * account was deactivated, or a clinic server restarted and forgot this window's session): the
 * open form is handed to the lock as a lock by hand would — and held by this window too, for a
 * server that no longer knows who was here — and the sign-in or lock screen shows. The same
 * person signing in again gets the form back, unsaved as it was. */
whenUnauthenticated(() => {
  const me = auth.me;
  if (!me) return;
  const unsaved = stashText(me.staff_id);
  leave();
  holdStash(unsaved);
  void (async () => {
    if (unsaved) await call('lock_workstation', { unsaved_form: unsaved }).catch(() => {});
    await refreshSignIn().catch(() => {});
  })();
});
