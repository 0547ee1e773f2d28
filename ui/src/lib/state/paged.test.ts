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

  it('refreshes every row loaded so far, swapping them in at once with the new total and summary', async () => {
    const list = new Paged<number, string>(3);
    let version = 0;
    const load = vi.fn(async (offset: number, limit: number) => ({
      rows: rows(offset + version * 100, Math.min(limit, 8 - offset)),
      total: 8,
      summary: `v${version}`,
    }));
    await list.reset(load);
    await list.next();
    await list.next();
    expect(list.rows.length).toBe(8);
    version = 1;
    load.mockClear();
    const shown: number[][] = [];
    const refreshing = list.refresh();
    shown.push([...list.rows]);
    await refreshing;
    expect(load.mock.calls.map(([offset]) => offset)).toEqual([0, 3, 6]);
    expect(shown[0]).toEqual(rows(0, 8));
    expect(list.rows).toEqual(rows(100, 8));
    expect(list.summary).toBe('v1');
    expect(list.more).toBe(false);
  });

  it('lets a new query overtake a refresh on its way', async () => {
    const list = new Paged<number>(3);
    const before = controlled();
    const first = list.reset(before.load);
    before.asked[0].answer({ rows: rows(0, 3), total: 9 });
    await first;
    const refreshing = list.refresh();
    const after = controlled();
    const fresh = list.reset(after.load);
    after.asked[0].answer({ rows: [100], total: 1 });
    await fresh;
    before.asked[1].answer({ rows: rows(50, 3), total: 9 });
    await refreshing;
    expect(list.rows).toEqual([100]);
  });
});
