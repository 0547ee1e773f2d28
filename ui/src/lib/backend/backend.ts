// The only module that talks to the Tauri shell. Every command goes through `call(name, request)`,
// checked against the generated command table (bindings/Commands.ts): the name must be a command,
// the request its request type (snake_case keys, `{}` for none) and the answer is its response type.
// Every failure arrives as an ApiError ({code, message, field}), never as a bare string.
// A command whose file the user chooses (`DialogCommandName`) is sent `{}`: the shell opens the
// dialog itself and answers `null` when the user cancels. A command carrying a file's bytes
// (`BytesCommandName`) goes through `callWithBytes`: the bytes as the raw body, never as JSON.
// Besides these, only what is not a command lives here: the progress events and the photo
// URLs (`photo:`, by content hash).
import { convertFileSrc, invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { MAX_BODY_BYTES, type BytesCommandName, type CommandName, type Commands } from '../bindings/Commands';
import { traceCall } from '../felt-speed';
import type { ApiError, CopyProgress, ImportProgress, UpkeepStatus } from '../types';

/** A failed command, carrying the shell's ApiError. */
export class BackendError extends Error {
  readonly api: ApiError;
  constructor(api: ApiError) {
    super(api.message);
    this.name = 'BackendError';
    this.api = api;
  }
}

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiError).code === 'string' &&
    typeof (value as ApiError).message === 'string'
  );
}

/** Any thrown value as an ApiError; anything the shell did not shape is a `bad_request`. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof BackendError) return error.api;
  if (isApiError(error))
    return {
      code: error.code,
      message: error.message,
      field: error.field ?? null,
      ...(typeof error.wait_seconds === 'number' ? { wait_seconds: error.wait_seconds } : {}),
      ...(Array.isArray(error.problems) && error.problems.length > 0 ? { problems: error.problems } : {}),
    };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'bad_request', message, field: null };
}

let onUnauthenticated: ((error: ApiError) => void) | null = null;

/** Who hears that the core refused a call because no one is signed in at this window or it is
 * locked (`unauthenticated`): the app then shows the sign-in or lock screen. */
export function whenUnauthenticated(listener: ((error: ApiError) => void) | null): void {
  onUnauthenticated = listener;
}

/** Invokes one command of the table with its request; every failure becomes a BackendError
 * (an `unauthenticated` one is also told to `whenUnauthenticated`'s listener). */
export async function call<K extends Exclude<CommandName, BytesCommandName>>(
  name: K,
  request: Commands[K]['request'],
): Promise<Commands[K]['response']> {
  try {
    return await traceCall(name, invoke<Commands[K]['response']>(name, request as InvokeArgs));
  } catch (error) {
    const api = toApiError(error);
    if (api.code === 'unauthenticated') onUnauthenticated?.(api);
    throw new BackendError(api);
  }
}

/** The header carrying the request of a call whose body is a file's bytes (percent-encoded). */
export const REQUEST_HEADER = 'hairline-request';

/** The most bytes a file may have to be sent (the core refuses more, before reading them). */
export const MAX_FILE_BYTES = MAX_BODY_BYTES;

/** Invokes a command that carries a file's bytes: the bytes as the raw body, the request as JSON
 * in a header (percent-encoded: a header holds ASCII only). */
export async function callWithBytes<K extends BytesCommandName>(
  name: K,
  request: Commands[K]['request'],
  bytes: Uint8Array,
): Promise<Commands[K]['response']> {
  try {
    return await invoke<Commands[K]['response']>(name, bytes, {
      headers: { [REQUEST_HEADER]: encodeURIComponent(JSON.stringify(request)) },
    });
  } catch (error) {
    const api = toApiError(error);
    if (api.code === 'unauthenticated') onUnauthenticated?.(api);
    throw new BackendError(api);
  }
}

/** A file's bytes as the `content_base64` of a CSV import request: the core, not the window,
 * finds the file's encoding (decoding here as UTF-8 would garble a Windows-1252 export). */
export function fileBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode takes its bytes as arguments, and arguments are bounded.
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(binary);
}

/** Calls `onProgress` with each `backup-progress` event until the returned function is called. */
export async function onBackupProgress(onProgress: (progress: CopyProgress) => void): Promise<() => void> {
  return listen<CopyProgress>('backup-progress', (event) => onProgress(event.payload));
}

/** Calls `onStatus` with upkeep's status each time it changes (the `upkeep` event). */
export async function onUpkeep(onStatus: (status: UpkeepStatus) => void): Promise<() => void> {
  return listen<UpkeepStatus>('upkeep', (event) => onStatus(event.payload));
}

/** Calls `onProgress` with each `import-progress` event until the returned function is called. */
export async function onImportProgress(onProgress: (progress: ImportProgress) => void): Promise<() => void> {
  return listen<ImportProgress>('import-progress', (event) => onProgress(event.payload));
}

/** The webview URL of a photo (or its thumbnail) by its content hash, served by the shell from
 * wherever the practice is: this computer's photo folder, or the clinic server. */
export function photoUrl(sha256: string, thumbnail = false): string {
  return convertFileSrc(sha256, 'photo') + (thumbnail ? '?thumbnail=1' : '');
}
