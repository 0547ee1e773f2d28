// A look at the paged lists on the sample clinic at 1280×800: the Recalls page (its group
// headings' true counts, one scrollbar, its place kept after an action), a client's change
// history and a pigment lot's traceability, on a generated clinic of 600 clients. Run as
// `scripts/screenshots` runs tour.js (Xvfb and tauri-driver started first; HAIRLINE_E2E_APP,
// SHOTS_DIR and HAIRLINE_E2E_CLI, the command-line tool that generates the clinic, set).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTour } from './tour-start.js';

const dataDir = mkdtempSync(join(tmpdir(), 'hairline-paging-'));
const { browser, $, byTest, pause, shot, click, choose, firstRun, run } = await startTour('paging', { settle: 500, dataDir });

/** What scrolls: the window (sideways and down) and the windowed list's own box. */
const scrolling = (testid) =>
  browser.execute((id) => {
    const root = document.scrollingElement;
    const box = document.querySelector(`[data-testid="${id}"] > div`);
    return {
      windowSideways: root.scrollWidth - root.clientWidth,
      windowDown: root.scrollHeight - root.clientHeight,
      listDown: box ? box.scrollHeight - box.clientHeight : null,
      listTop: box ? box.scrollTop : null,
    };
  }, testid);

await run(async () => {
  await firstRun();
  // A clinic with a worklist longer than a screen (the sample clinic has a handful of recalls).
  execFileSync(process.env.HAIRLINE_E2E_CLI, ['demo', join(dataDir, 'hairline.sqlite'), '--clients', '600', '--sessions', '1200', '--seed', '13'], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  await click('start-empty');
  await (await $(byTest('client-row'))).waitForDisplayed({ timeout: 60_000 });

  await click('nav-recalls');
  await (await $(byTest('recall-row'))).waitForDisplayed({ timeout: 20_000 });
  await shot('recalls');
  console.log('recalls', JSON.stringify(await scrolling('worklist')));
  console.log('recalls headings', await browser.execute(() =>
    [...document.querySelectorAll('.worklist-group')].map((h) => h.textContent.replace(/\s+/g, ' ').trim())));
  console.log('recalls count', await (await $(byTest('recalls-shown'))).getText());

  // Scroll the list down, log a contact on a row in view: the list stays where it was.
  await browser.execute(() => {
    document.querySelector('[data-testid="worklist"] > div').scrollTop = 400;
  });
  await pause(300);
  const before = await scrolling('worklist');
  const rowInView = await browser.execute(() => {
    const box = document.querySelector('[data-testid="worklist"] > div').getBoundingClientRect();
    const rows = [...document.querySelectorAll('[data-testid="recall-row"]')];
    const row = rows.find((r) => r.getBoundingClientRect().top > box.top + 20 && !r.querySelector('[data-testid="recall-log"]').disabled);
    row?.querySelector('[data-testid="recall-log"]').click();
    return row?.getAttribute('data-recall') ?? null;
  });
  console.log('logged on', rowInView);
  await choose(await $(byTest('contact-method')), 'phone');
  await choose(await $(byTest('contact-outcome')), 'no_answer');
  await click('recall-action-save');
  await (await $(byTest('recalls-notice'))).waitForDisplayed({ timeout: 20_000 });
  await pause(500);
  const after = await scrolling('worklist');
  console.log('list place before/after the action', before.listTop, after.listTop);
  await shot('recalls-after-action');

  // A client's change history.
  await click('nav-clients');
  await (await $(byTest('client-name'))).waitForDisplayed();
  await click('client-name');
  await (await $(byTest('client-record'))).waitForDisplayed();
  await click('toggle-history');
  await (await $(byTest('history-count'))).waitForDisplayed({ timeout: 20_000 });
  await browser.execute(() => document.querySelector('[data-testid="history"]').scrollIntoView({ block: 'end' }));
  await shot('client-history');
  console.log('history', JSON.stringify(await scrolling('history')), await (await $(byTest('history-count'))).getText());

  // A pigment lot's traceability.
  await click('nav-catalogue');
  await (await $(byTest('pigment'))).waitForDisplayed();
  await click('lot-trace');
  await (await $(byTest('trace'))).waitForDisplayed({ timeout: 20_000 });
  await browser.execute(() => document.querySelector('[data-testid="trace"]').scrollIntoView({ block: 'end' }));
  await shot('lot-traceability');
  console.log('trace', JSON.stringify(await scrolling('trace-list')), await (await $(byTest('trace-count'))).getText());
});
