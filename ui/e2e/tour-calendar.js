// A look at the calendar and recall screens on the sample clinic, photographed like tour.js
// (run through `scripts/screenshots`, which starts Xvfb and tauri-driver).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { remote } from 'webdriverio';

const app = resolve(process.env.HAIRLINE_E2E_APP);
const out = resolve(process.env.SHOTS_DIR ?? '../screenshots');
mkdirSync(out, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'hairline-tour-calendar-'));
const byTest = (id) => `[data-testid="${id}"]`;
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

for (let i = 0; i < 150; i++) {
  const up = await fetch('http://127.0.0.1:4444/status').then((r) => r.ok, () => false);
  if (up) break;
  await pause(200);
}

const browser = await remote({
  hostname: '127.0.0.1',
  port: 4444,
  logLevel: 'error',
  capabilities: { 'wdio:enforceWebDriverClassic': true, 'tauri:options': { application: app, args: ['--data-dir', dataDir] } },
});
const $ = (s) => browser.$(s);
const $$ = (s) => browser.$$(s);

async function shot(name) {
  await pause(500);
  execFileSync('import', ['-window', 'root', join(out, `${name}.png`)]);
  console.log(`screenshot ${name}.png`);
}
async function click(id) {
  const el = await $(byTest(id));
  await el.waitForDisplayed({ timeout: 20_000 });
  await el.click();
}
async function choose(el, value) {
  await browser.execute(
    (node, v) => {
      node.value = v;
      node.dispatchEvent(new Event('input', { bubbles: true }));
      node.dispatchEvent(new Event('change', { bubbles: true }));
    },
    el,
    value,
  );
}

try {
  await (await $(byTest('first-run'))).waitForDisplayed({ timeout: 20_000 });
  await click('load-demo');
  await (await $(byTest('client-row'))).waitForDisplayed({ timeout: 60_000 });
  const picker = await $(byTest('staff-picker'));
  const practitioner = await browser.execute((node) => node.options[1]?.value ?? '', picker);
  await choose(picker, practitioner);
  await pause(500);

  // Today for the first practitioner and day (from today) with appointments.
  await click('nav-today');
  await (await $(byTest('today-page'))).waitForDisplayed();
  await pause(800);
  const who = await $(byTest('today-practitioner'));
  const people = await browser.execute((node) => [...node.options].map((o) => o.value), who);
  const start = new Date();
  search: for (let d = 0; d < 10; d++) {
    const dayIso = new Date(start.getTime() + d * 86_400_000).toISOString().slice(0, 10);
    for (const person of people) {
      await choose(who, person);
      await choose(await $(byTest('today-day')), dayIso);
      await pause(250);
      if (await (await $(byTest('chair-entry'))).isExisting()) break search;
    }
  }
  await shot('20-today');

  await click('nav-calendar');
  await (await $(byTest('calendar-grid'))).waitForDisplayed();
  await pause(800);
  await shot('21-calendar-week');
  // One site: its time zone named, its closed days marked.
  const siteFilter = await $(byTest('calendar-site'));
  await choose(siteFilter, await browser.execute((node) => node.options[1]?.value ?? '', siteFilter));
  await pause(600);
  await shot('21b-calendar-week-one-site');
  await choose(siteFilter, '');
  await pause(600);
  const appointments = await $$(byTest('calendar-appointment'));
  if (appointments.length > 0) {
    await appointments[0].click();
    await (await $(byTest('appointment-panel'))).waitForDisplayed();
    await click('appointment-reminder');
    await shot('22-calendar-appointment');
  }
  await click('calendar-day');
  await pause(500);
  for (let i = 0; i < 7 && !(await (await $(byTest('calendar-appointment'))).isExisting()); i++) {
    await (await $('[aria-label="Next"]')).click();
    await pause(400);
  }
  await shot('23-calendar-day');
  await click('calendar-book');
  await (await $(byTest('booking-form'))).waitForDisplayed();
  await (await $(byTest('book-client-search'))).setValue('a');
  await pause(600);
  const option = await $(byTest('book-client-option'));
  if (await option.isExisting()) await option.click();
  await pause(300);
  await click('book-save');
  await pause(600);
  await shot('24-booking-form-error');

  await click('nav-recalls');
  await (await $(byTest('recalls-page'))).waitForDisplayed();
  await pause(800);
  await shot('25-recalls-worklist');
  const log = await $(byTest('recall-log'));
  if (await log.isExisting()) {
    const rows = await $$(byTest('recall-row'));
    for (const row of rows) {
      const button = await row.$(byTest('recall-log'));
      if (await button.isEnabled()) {
        await button.click();
        break;
      }
    }
    await pause(300);
    await shot('26-recalls-log-call');
    await browser.keys(['Escape']);
  }
  const book = await $(byTest('recall-book'));
  if (await book.isExisting()) {
    await book.click();
    await pause(600);
    await shot('27-recalls-book');
    await browser.keys(['Escape']);
  }
  await click('recalls-tab-flagged');
  await pause(600);
  await shot('28-recalls-flagged');

  await click('nav-clinic');
  await (await $(byTest('clinic-page'))).waitForDisplayed();
  await pause(600);
  await shot('29-clinic');
  const edit = await $(`${byTest('site-item')} button`);
  if (await edit.isExisting()) {
    await edit.click();
    await pause(300);
    await (await $(byTest('site-form'))).scrollIntoView();
    await shot('30-clinic-site-form');
  }

  await click('nav-recalls');
  await (await $(byTest('recall-row'))).waitForDisplayed();
  await (await $(`${byTest('recall-row')} .row-link`)).click();
  await (await $(byTest('client-schedule'))).waitForDisplayed();
  await (await $(byTest('client-schedule'))).scrollIntoView();
  await pause(500);
  await shot('31-client-schedule');
} finally {
  await browser.deleteSession();
}
