// What both screenshot tours (tour.js, tour-calendar.js) do first: wait for tauri-driver, open
// the app on a fresh data folder (choosing this computer's record), and hand the tour its steps: `shot` photographs the whole X
// screen with ImageMagick's `import` into SHOTS_DIR, `click` and `choose` act as the user would,
// `firstRun` creates the owner account, `sampleClinic` loads the sample clinic (the owner, a
// manager who sees every screen, stays signed in; `signInScreen` shows the sign-in screen with the
// sample password and signs the owner back in), and `run` runs the tour and always closes the session.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { remote } from 'webdriverio';
import { byTest, landChoice, OWNER_PASSWORD } from './helpers.js';

export const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts the app for the tour `name`; `settle` is how long a screen is left to settle before a shot;
 * `dataDir` opens an existing data folder instead of a fresh one. tauri-driver listens on
 * HAIRLINE_E2E_PORT (4444 unless set). */
export async function startTour(name, { settle = 400, dataDir = mkdtempSync(join(tmpdir(), `hairline-${name}-`)) } = {}) {
  const app = resolve(process.env.HAIRLINE_E2E_APP);
  const out = resolve(process.env.SHOTS_DIR ?? '../screenshots');
  mkdirSync(out, { recursive: true });
  const port = Number(process.env.HAIRLINE_E2E_PORT ?? 4444);

  for (let i = 0; i < 150; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/status`).then((r) => r.ok, () => false);
    if (up) break;
    await pause(200);
  }

  const browser = await remote({
    hostname: '127.0.0.1',
    port,
    // A large clinic's data folder may take minutes to open under a debug build.
    connectionRetryTimeout: Number(process.env.HAIRLINE_TOUR_OPEN_MS ?? 120_000),
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

  /** On the empty data folder: creates the owner account, then waits for the first-run screen. */
  async function firstRun() {
    // A new workstation first asks where the record is: this computer.
    await click('start-here');
    await (await $(byTest('owner-screen'))).waitForDisplayed({ timeout: 20_000 });
    await (await $(byTest('owner-name'))).setValue('Olive Oduya');
    await (await $(byTest('owner-password'))).setValue(OWNER_PASSWORD);
    await (await $(byTest('owner-repeat'))).setValue(OWNER_PASSWORD);
    await click('create-owner');
    await (await $(byTest('first-run'))).waitForDisplayed({ timeout: 20_000 });
  }

  /** Loads the sample clinic; the owner stays signed in. */
  async function sampleClinic() {
    await click('load-demo');
    await (await $(byTest('client-row'))).waitForDisplayed({ timeout: 120_000 });
  }

  /** Signs out, photographs the sign-in screen as `file` (it names the sample password), and signs
   * the owner back in. */
  async function signInScreen(file) {
    await click('account-menu');
    await click('sign-out');
    await (await $(byTest('sign-in-screen'))).waitForDisplayed({ timeout: 20_000 });
    await shot(file);
    await (await $(`${byTest('sign-in-as')}[data-name="Olive Oduya"]`)).click();
    await (await $(byTest('password'))).setValue(OWNER_PASSWORD);
    await click('sign-in');
    await (await $(byTest('signed-in-as'))).waitForDisplayed({ timeout: 20_000 });
  }

  /** Runs the tour's steps, closing the session whatever happens. */
  async function run(steps) {
    try {
      await steps();
    } finally {
      await browser.deleteSession();
    }
  }

  return { browser, $, $$, byTest, pause, shot, click, choose, firstRun, sampleClinic, signInScreen, run };
}
