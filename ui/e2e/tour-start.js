// What both screenshot tours (tour.js, tour-calendar.js) do first: wait for tauri-driver, open
// the app on a fresh data folder, and hand the tour its steps: `shot` photographs the whole X
// screen with ImageMagick's `import` into SHOTS_DIR, `click` and `choose` act as the user would,
// `sampleClinic` loads the sample clinic from the first-run screen with its first practitioner
// working, and `run` runs the tour and always closes the session.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { remote } from 'webdriverio';
import { byTest, landChoice } from './helpers.js';

export const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts the app for the tour `name`; `settle` is how long a screen is left to settle before a shot. */
export async function startTour(name, { settle = 400 } = {}) {
  const app = resolve(process.env.HAIRLINE_E2E_APP);
  const out = resolve(process.env.SHOTS_DIR ?? '../screenshots');
  mkdirSync(out, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), `hairline-${name}-`));

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

  async function shot(file) {
    await pause(settle);
    execFileSync('import', ['-window', 'root', join(out, `${file}.png`)]);
    console.log(`screenshot ${file}.png`);
  }

  async function click(id) {
    const el = await $(byTest(id));
    await el.waitForDisplayed({ timeout: 20_000 });
    await el.click();
  }

  /** Sets a <select> or date input the way a user's choice lands. */
  const choose = (el, value) => browser.execute(landChoice, el, value);

  /** Waits for the first-run screen of the empty data folder. */
  async function firstRun() {
    await (await $(byTest('first-run'))).waitForDisplayed({ timeout: 20_000 });
  }

  /** Loads the sample clinic and makes its first practitioner the one working. */
  async function sampleClinic() {
    await click('load-demo');
    await (await $(byTest('client-row'))).waitForDisplayed({ timeout: 60_000 });
    const picker = await $(byTest('staff-picker'));
    const practitioner = await browser.execute((node) => node.options[1]?.value ?? '', picker);
    await choose(picker, practitioner);
  }

  /** Runs the tour's steps, closing the session whatever happens. */
  async function run(steps) {
    try {
      await steps();
    } finally {
      await browser.deleteSession();
    }
  }

  return { browser, $, $$, byTest, pause, shot, click, choose, firstRun, sampleClinic, run };
}
