// Long lists put only what is on screen in the page: a clinic of 10,000 clients keeps fewer than
// 200 client rows in the DOM, scrolling fetches the next pages from the core with the true total
// shown, and the recall worklist and a client's timeline are windowed the same way.
import { expect } from '@wdio/globals';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { byTest, click, createOwner, el, expectNoSidewaysScroll, expectText, shotIfAsked, textOf } from '../helpers.js';

const countOf = (testid) =>
  browser.execute((id) => document.querySelectorAll(`[data-testid="${id}"]`).length, testid);

/** Scrolls a windowed list's own box to the end of what it has loaded. */
const scrollToEnd = (testid) =>
  browser.execute((id) => {
    const box = document.querySelector(`[data-testid="${id}"] > div`);
    box.scrollTop = box.scrollHeight;
  }, testid);

/** Milliseconds from a click on `target` until the second animation frame after `testid` is in
 * the page (what the user waits for), measured inside the page. */
const timedOpen = (target, testid) =>
  browser.executeAsync(
    (selector, id, finish) => {
      const started = performance.now();
      document.querySelector(selector).click();
      const settle = () =>
        requestAnimationFrame(() => requestAnimationFrame(() => finish(Math.round(performance.now() - started))));
      const look = () => (document.querySelector(`[data-testid="${id}"]`) ? settle() : setTimeout(look, 2));
      look();
    },
    target,
    testid,
  );

describe('long lists', () => {
  it('a clinic of 10,000 clients keeps fewer than 200 client rows in the page', async () => {
    await createOwner('Dana Reyes');
    const database = join(process.env.HAIRLINE_E2E_DATA_DIR, 'hairline.sqlite');
    execFileSync(process.env.HAIRLINE_E2E_CLI, ['demo', database, '--clients', '10000', '--sessions', '14000', '--seed', '13'], {
      encoding: 'utf8',
      timeout: 600_000,
    });
    await click('start-empty');
    await expectText(byTest('client-count'), '100 of 10,000 clients');
    const rows = await countOf('client-row');
    expect(rows).toBeGreaterThan(10);
    expect(rows).toBeLessThan(200);
    await expectNoSidewaysScroll('the client list');
    await shotIfAsked('70-client-list-10000');
  });

  it('scrolling fetches the next pages, and the page still holds fewer than 200 rows', async () => {
    for (const shown of ['200 of 10,000', '300 of 10,000', '400 of 10,000']) {
      await scrollToEnd('client-rows');
      await browser.waitUntil(async () => (await textOf(byTest('client-count'))).startsWith(shown), {
        timeoutMsg: `scrolling did not load ${shown}`,
      });
    }
    expect(await countOf('client-row')).toBeLessThan(200);
  });

  it('search paints the matches with their true total', async () => {
    await (await el('client-search')).setValue('an');
    await browser.waitUntil(async () => !(await textOf(byTest('client-count'))).includes('10,000'), {
      timeoutMsg: 'the search did not replace the list',
    });
    expect(await countOf('client-row')).toBeLessThan(200);
    await browser.keys('Escape');
    await expectText(byTest('client-count'), '10,000 clients');
  });

  it('a client record opens at the newest sessions, windowed', async () => {
    const ms = await timedOpen(`${byTest('client-name')}`, 'timeline-session');
    console.log(`open a client, click to painted: ${ms} ms`);
    await el('record-name');
    const count = await textOf(byTest('timeline-count'));
    expect(count).toMatch(/\d+ sessions?/);
    expect(await countOf('timeline-session')).toBeGreaterThan(0);
    await expectNoSidewaysScroll('the client record');
    await shotIfAsked('71-client-record-timeline');
  });

  it('the recall worklist of the whole clinic is windowed, with its true total', async () => {
    const ms = await timedOpen(byTest('nav-recalls'), 'recall-row');
    console.log(`Recalls page, click to painted: ${ms} ms`);
    await expectText(byTest('recalls-shown'), 'recalls in this view');
    expect(await countOf('recall-row')).toBeLessThan(200);
    await expectNoSidewaysScroll('the recall worklist');
    await shotIfAsked('72-recalls-windowed');
  });
});
