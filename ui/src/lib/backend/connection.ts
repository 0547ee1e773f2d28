// The shell's own commands and events about how this workstation reaches its practice: this
// computer's, or a clinic server's (not commands of the core's table, so not in Commands.ts).
// `connection` events say when the server stops or starts answering; `changed` events say what
// another window or workstation changed.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { Area } from '../bindings/Area';
import type { Changed } from '../bindings/Changed';
import type { ApiError } from '../types';
import { BackendError, toApiError } from './backend';

export type ConnectionMode = 'unchosen' | 'local' | 'server';

/** Where this workstation's practice is, as the shell says. */
export interface ConnectionStatus {
  mode: ConnectionMode;
  server: { address: string; device_name: string } | null;
  online: boolean;
  /** Why the kept choice could not be read (the first screen shows it). */
  problem: ApiError | null;
}

/** What the pairing form sends. */
export interface PairingForm {
  address: string;
  code: string;
  device_name: string;
}

/** A `connection` event: the server answers again, or has been silent too long. */
export interface ConnectionEvent {
  online: boolean;
  message: string | null;
}

/** The areas of the practice a change may touch (the core's `changed` event). */
export type ChangeArea = Area;

/** What the core says after a successful write, in any window of any workstation. */
export type ChangedEvent = Changed;

async function shell(name: string, request: Record<string, unknown>): Promise<ConnectionStatus> {
  try {
    return await invoke<ConnectionStatus>(name, request);
  } catch (error) {
    throw new BackendError(toApiError(error));
  }
}

/** Where this workstation's practice is. */
export function connectionStatus(): Promise<ConnectionStatus> {
  return shell('connection_status', {});
}

/** Works on this computer's practice (on a connected workstation: the app restarts). */
export function useThisComputer(): Promise<ConnectionStatus> {
  return shell('use_this_computer', {});
}

/** Pairs with a clinic server and works on its practice (when this computer's practice was open:
 * the app restarts). */
export function pairWithServer(form: PairingForm): Promise<ConnectionStatus> {
  return shell('pair_with_server', { ...form });
}

/** Calls `heard` with each `connection` event until the returned function is called. */
export function onConnection(heard: (event: ConnectionEvent) => void): Promise<() => void> {
  return listen<ConnectionEvent>('connection', (event) => heard(event.payload));
}

/** Calls `heard` with each `changed` event until the returned function is called. */
export function onChanged(heard: (event: ChangedEvent) => void): Promise<() => void> {
  return listen<ChangedEvent>('changed', (event) => heard(event.payload));
}
