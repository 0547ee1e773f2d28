// An unsaved form surviving a lock: the open screen that holds unsaved work registers how to say
// it as JSON; locking hands that text to the core (`lock_workstation({unsaved_form})`), which gives
// it back (`SignedIn.unsaved_form`) only to the same person unlocking. The screen then finds it
// again by its kind and key. The stash names who stashed it, so a different person never receives
// it even if a core answered otherwise. When the core answers `unauthenticated` the window also
// holds the text itself until the next sign-in: a clinic server that restarted forgot this
// window's session (and whoever was signed in), so it cannot keep the form for the same person.
import type { Route } from '../state/router.svelte';
import type { StaffId } from '../types';

/** What a stash holds: the screen to return to and the form's own state. */
export type Stash = { kind: string; key: string; staff_id: StaffId; route: Route; form: unknown };

type Provider = () => Omit<Stash, 'staff_id'> | null;

let provider: Provider | null = null;
let pending: Stash | null = null;
/** A stash the window holds itself until the next sign-in (see the top of this file). */
let held: string | null = null;

/** The open screen offers its unsaved work; the returned function withdraws the offer (on
 * unmount, or once the work is saved). */
export function offerStash(give: Provider): () => void {
  provider = give;
  return () => {
    if (provider === give) provider = null;
  };
}

/** The unsaved work of the open screen as the text `lock_workstation` keeps, or null. */
export function stashText(staffId: StaffId | null): string | null {
  const offered = provider?.();
  if (!offered || !staffId) return null;
  return JSON.stringify({ ...offered, staff_id: staffId } satisfies Stash);
}

/** Holds `text` (from `stashText`) in this window for the next sign-in, in case the core could
 * not keep it (its session was gone). */
export function holdStash(text: string | null): void {
  held = text;
}

/** After an unlock or a sign-in: keeps the stash given back to `staffId` (by the core, else the
 * one this window held) for its screen, and answers the route to return to (null when there is
 * nothing, or it was someone else's, which is dropped). */
export function receiveStash(text: string | null, staffId: StaffId): Route | null {
  pending = null;
  const kept = text ?? held;
  held = null;
  if (!kept) return null;
  try {
    const stash = JSON.parse(kept) as Stash;
    if (stash.staff_id !== staffId || typeof stash.kind !== 'string' || !stash.route) return null;
    pending = stash;
    return stash.route;
  } catch {
    return null;
  }
}

/** The screen of `kind` and `key` takes back its form, once. */
export function takeStash<T>(kind: string, key: string): T | null {
  if (!pending || pending.kind !== kind || pending.key !== key) return null;
  const form = pending.form as T;
  pending = null;
  return form;
}

/** Drops any stash waiting for its screen or held for a sign-in (sign-out, a switch of user). */
export function forgetStash(): void {
  pending = null;
  held = null;
}
