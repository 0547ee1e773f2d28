// The idle lock's clock: after `minutes` with no keyboard, mouse or touch input the workstation
// locks. Input only records when it happened (cheap enough for every mouse move); one timeout is
// pending at a time and, when it fires early because input came meanwhile, waits for the rest.
// A computer that slept past the limit locks at the first tick after it wakes.

/** The window events that count as someone at the workstation. */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

export class IdleTimer {
  #last = 0;
  #limitMs: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #onIdle: () => void;

  /** Calls `onIdle` once `minutes` pass with no `poke()`; started by `start()`. */
  constructor(minutes: number, onIdle: () => void) {
    this.#limitMs = minutes * 60_000;
    this.#onIdle = onIdle;
  }

  get running(): boolean {
    return this.#timer !== null;
  }

  /** Starts counting from now. */
  start(): void {
    this.#last = Date.now();
    this.#schedule(this.#limitMs);
  }

  /** Stops counting (signed out, or already locked). */
  stop(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Someone used the keyboard or mouse: the count starts again. */
  poke(): void {
    if (this.#timer !== null) this.#last = Date.now();
  }

  /** The clinic changed its idle time: counted from the last input. */
  setMinutes(minutes: number): void {
    this.#limitMs = minutes * 60_000;
    if (this.#timer !== null) this.#schedule(Math.max(0, this.#last + this.#limitMs - Date.now()));
  }

  #schedule(ms: number): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#check(), ms);
  }

  #check(): void {
    const left = this.#last + this.#limitMs - Date.now();
    if (left > 0) {
      this.#schedule(left);
      return;
    }
    this.#timer = null;
    this.#onIdle();
  }
}

/** Whether a key press is the lock shortcut: Ctrl+L, or ⌘L on a Mac keyboard. */
export function isLockShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'l';
}
