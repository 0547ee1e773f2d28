// Live updates: what another window or workstation changed reaches this one as a `changed`
// event ({command, areas, client_id}); an open screen that shows one of those areas reloads its
// data. A screen's reload replaces the data it shows, never a form's typed content (the forms
// keep their own state). Reloads of one screen never overlap: a change arriving while it
// reloads runs one more reload after it, and a burst of changes is one reload.
import type { ChangeArea, ChangedEvent } from './backend/connection';

export type { ChangeArea, ChangedEvent };

/** What a screen watches: the areas it shows and, for one client's screens, whose. */
export interface Watch {
  areas: readonly ChangeArea[];
  /** Only changes to this client (or to no client in particular) concern the screen. */
  clientId?: () => string | null | undefined;
}

/** Whether `event` concerns a screen watching `watch`. */
export function concerns(watch: Watch, event: ChangedEvent): boolean {
  if (!event.areas.some((area) => watch.areas.includes(area))) return false;
  const client = watch.clientId?.();
  return !client || event.client_id === null || event.client_id === client;
}

/** How long a burst of changes is gathered into one reload. */
export const SETTLE_MS = 150;

/** One screen's reload on changes: `heard` each event; `stop` when the screen closes. */
export class LiveReload {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly watch: Watch,
    private readonly reload: () => unknown,
    private readonly settleMs = SETTLE_MS,
  ) {}

  heard(event: ChangedEvent): void {
    if (this.stopped || !concerns(this.watch, event)) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, this.settleMs);
  }

  private async run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      try {
        await this.reload();
      } catch {
        // The screen shows its own load errors; a failed reload waits for the next change.
      }
    })();
    await this.running;
    this.running = null;
    if (this.again && !this.stopped) {
      this.again = false;
      await this.run();
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

type Listener = (event: ChangedEvent) => void;

/** The screens listening, fed by one subscription to the shell's `changed` events. */
export class ChangeHub {
  private readonly listeners = new Set<Listener>();
  private unlisten: Promise<() => void> | null = null;

  constructor(private readonly subscribe: (heard: Listener) => Promise<() => void>) {}

  /** Adds `listener`; the returned function removes it (the last one ends the subscription). */
  add(listener: Listener): () => void {
    this.listeners.add(listener);
    this.unlisten ??= this.subscribe((event) => {
      for (const each of [...this.listeners]) each(event);
    });
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.unlisten) {
        const ending = this.unlisten;
        this.unlisten = null;
        void ending.then((stop) => stop()).catch(() => {});
      }
    };
  }
}
