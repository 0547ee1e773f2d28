// Which screen is showing. A small history stack; no URLs are needed inside the desktop window.
import type { ClientId, PlanId, SessionId } from '../types';

export type Route =
  | { name: 'clients' }
  | { name: 'client-new' }
  | { name: 'client-edit'; clientId: ClientId }
  // The contact card: what a person without the clinical record (the front desk) sees of a client.
  | { name: 'client-contact'; clientId: ClientId }
  | { name: 'client'; clientId: ClientId }
  | { name: 'plan-new'; clientId: ClientId }
  | { name: 'plan'; clientId: ClientId; planId: PlanId }
  | { name: 'plan-edit'; clientId: ClientId; planId: PlanId }
  | { name: 'session-new'; clientId: ClientId; planId: PlanId; number: number }
  | { name: 'session'; clientId: ClientId; sessionId: SessionId }
  | { name: 'catalogue' }
  | { name: 'data' }
  | { name: 'client-print'; clientId: ClientId }
  // Calendar and recall.
  | { name: 'today' }
  | { name: 'calendar' }
  | { name: 'recalls' }
  | { name: 'clinic' };

export const nav = $state<{ route: Route; history: Route[] }>({
  route: { name: 'clients' },
  history: [],
});

/** Shows `route`, remembering the current screen for `back()`. */
export function go(route: Route): void {
  nav.history.push(nav.route);
  nav.route = route;
}

/** Shows `route` in place of the current screen (after a save, say). */
export function replace(route: Route): void {
  nav.route = route;
}

/** Returns to the previous screen, or to the client list. */
export function back(): void {
  nav.route = nav.history.pop() ?? { name: 'clients' };
}

/** Starts afresh at a top-level screen. */
export function home(route: Route = { name: 'clients' }): void {
  nav.history = [];
  nav.route = route;
}

/** The calendar and recall screens (the navigation marks them, not "Clients"). */
export const SCHEDULE_ROUTES: ReadonlyArray<Route['name']> = ['today', 'calendar', 'recalls', 'clinic'];
