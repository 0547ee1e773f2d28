// A list paged from the core: pages append in order, one at a time, and nothing from an earlier
// query lands in the list after a new one started.
import { describe, expect, it, vi } from 'vitest';
import { Paged, type Page } from './paged.svelte';

/** A loader whose answers the test releases, in any order. */
function controlled() {
  const asked: Array<{ offset: number; answer: (page: Page<number>) => void }> = [];
  const load = vi.fn(
    (offset: number) =>
      new Promise<Page<number>>((resolve) => {
        asked.push({ offset, answer: resolve });
      }),
  );
  return { asked, load };
}

const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('Paged', () => {
  it('appends the next page after the rows loaded, asking once while a page is on its way', async () => {
    const list = new Paged<number>(3);
    const { asked, load } = controlled();
    const first = list.reset(load);
    asked[0].answer({ rows: rows(0, 3), total: 7 });
    await first;
    const next = list.next();
    void list.next();
    expect(load).toHaveBeenCalledTimes(2);
    expect(asked[1].offset).toBe(3);
    asked[1].answer({ rows: rows(3, 3), total: 7 });
    await next;
    expect(list.rows).toEqual(rows(0, 6));
    expect(list.more).toBe(true);
  });

  it('drops a page of an earlier query that arrives after a new one started', async () => {
    const list = new Paged<number>(3);
    const before = controlled();
    const first = list.reset(before.load);
    before.asked[0].answer({ rows: rows(0, 3), total: 9 });
    await first;
    const stale = list.next();
    const after = controlled();
    const fresh = list.reset(after.load);
    after.asked[0].answer({ rows: [100], total: 1 });
    await fresh;
    before.asked[1].answer({ rows: rows(3, 3), total: 9 });
    await stale;
    expect(list.rows).toEqual([100]);
    expect(list.total).toBe(1);
    expect(list.more).toBe(false);
  });

  it('stops asking when every row is loaded', async () => {
    const list = new Paged<number>(3);
    const { load } = controlled();
    list.start({ rows: rows(0, 2), total: 2 }, load);
    await list.next();
    expect(load).not.toHaveBeenCalled();
  });
});
