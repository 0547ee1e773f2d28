// A long list fetched from the core a page at a time: the rows loaded so far (from the first),
// the true total, and the next page on demand. Each `reset` (a new search, another filter)
// starts a new generation; an answer for an earlier generation is dropped, so a slow reply for
// "an" never overwrites the results for "ana" typed after it. `refresh` reads the rows already
// loaded again (after a change), so a list the user had scrolled down stays where it was.
import { toApiError } from '../backend/backend';
import type { ApiError } from '../types';

/** One page of a list: its rows, how many the whole list holds, and what else the core counted
 * about the whole list (the worklist's count per urgency group). */
export type Page<T, S = undefined> = { rows: T[]; total: number; summary?: S };

/** Fetches rows `offset..offset + limit` of a list. */
export type PageLoader<T, S = undefined> = (offset: number, limit: number) => Promise<Page<T, S>>;

/** What a windowed list needs of its source: the rows so far, the total, and the next page. */
export interface Pager {
  readonly rows: readonly unknown[];
  readonly total: number | null;
  readonly more: boolean;
  next(): Promise<void>;
}

export class Paged<T, S = undefined> implements Pager {
  /** Rows as the core sent them: replaced, never changed in place, so not deeply reactive (a
   * proxy on every row of a long list is work nothing needs). */
  rows = $state.raw<T[]>([]);
  /** How many rows the whole list holds; null until the first page arrives. */
  total = $state<number | null>(null);
  /** The latest page's summary of the whole list. */
  summary = $state<S | null>(null);
  error = $state<ApiError | null>(null);
  /** True once the first page of the current generation has arrived (or failed). */
  loaded = $state(false);
  #loading = false;
  #generation = 0;
  #load: PageLoader<T, S> | null = null;
  readonly pageSize: number;

  constructor(pageSize: number) {
    this.pageSize = pageSize;
  }

  /** Whether rows remain to be fetched beyond those loaded. */
  get more(): boolean {
    return this.total !== null && this.rows.length < this.total;
  }

  /** Starts the list over with `load` (a new query); answers when its first page is shown or
   * has been overtaken by a later reset. */
  async reset(load: PageLoader<T, S>): Promise<void> {
    this.#load = load;
    await this.#readFromStart(load, 1);
  }

  /** Shows the first page of an answer already in hand (a record that opens with its newest
   * rows), then pages on with `load` (without one, the first page is the whole list). */
  start(first: Page<T, S>, load: PageLoader<T, S> | null = null): void {
    ++this.#generation;
    this.#load = load;
    this.#loading = false;
    this.rows = first.rows;
    this.total = first.total;
    this.summary = first.summary ?? null;
    this.error = null;
    this.loaded = true;
  }

  /** Fetches the next page, unless one is on its way or every row is loaded. */
  async next(): Promise<void> {
    const load = this.#load;
    if (!load || this.#loading || !this.more) return;
    const generation = this.#generation;
    this.#loading = true;
    try {
      const page = await load(this.rows.length, this.pageSize);
      if (generation !== this.#generation) return;
      this.rows = [...this.rows, ...page.rows];
      this.total = page.total;
      this.summary = page.summary ?? this.summary;
      // A list that shrank meanwhile (a client archived elsewhere) ends where the core says.
      if (page.rows.length === 0) this.total = this.rows.length;
    } catch (e) {
      if (generation === this.#generation) this.error = toApiError(e);
    } finally {
      if (generation === this.#generation) this.#loading = false;
    }
  }

  /** Reads again as many rows as are loaded (a page at a time, with the same loader) and swaps
   * them in at once, so a list changed by the user's own action keeps its length and the place
   * they had scrolled to. A reset meanwhile wins; a failure keeps the rows shown. */
  async refresh(): Promise<void> {
    const load = this.#load;
    if (load) await this.#readFromStart(load, Math.max(this.rows.length, 1));
  }

  /** Reads rows from the first, a page at a time, until `wanted` (or the whole list) are in
   * hand, and shows them at once as a new generation; an answer overtaken by a later generation
   * is dropped, a failure keeps the rows shown. */
  async #readFromStart(load: PageLoader<T, S>, wanted: number): Promise<void> {
    const generation = ++this.#generation;
    this.#loading = true;
    try {
      const rows: T[] = [];
      let page: Page<T, S>;
      do {
        page = await load(rows.length, this.pageSize);
        if (generation !== this.#generation) return;
        rows.push(...page.rows);
      } while (rows.length < wanted && rows.length < page.total && page.rows.length > 0);
      this.rows = rows;
      this.total = page.total;
      this.summary = page.summary ?? null;
      this.error = null;
    } catch (e) {
      if (generation === this.#generation) this.error = toApiError(e);
    } finally {
      if (generation === this.#generation) {
        this.#loading = false;
        this.loaded = true;
      }
    }
  }
}
