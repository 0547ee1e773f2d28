// A look at every screen as a user would see it, on the sample clinic: drives the real app
// through tauri-driver and photographs the whole X screen with ImageMagick's `import` after
// each step. Run through `scripts/screenshots` (it starts Xvfb and tauri-driver).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { remote } from 'webdriverio';

const app = resolve(process.env.HAIRLINE_E2E_APP);
const out = resolve(process.env.SHOTS_DIR ?? '../screenshots');
mkdirSync(out, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'hairline-tour-'));
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
  await pause(400);
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
      node.dispatchEvent(new Event('change', { bubbles: true }));
    },
    el,
    value,
  );
}

try {
  await (await $(byTest('first-run'))).waitForDisplayed({ timeout: 20_000 });
  await shot('01-first-run');
  await click('load-demo');
  await (await $(byTest('client-row'))).waitForDisplayed({ timeout: 60_000 });
  const picker = await $(byTest('staff-picker'));
  const practitioner = await browser.execute((node) => node.options[1]?.value ?? '', picker);
  await choose(picker, practitioner);
  await shot('02-clients');
  await (await $(byTest('client-search'))).setValue('mar');
  await pause(300);
  await shot('03-search');

  // A client with contraindications and signed sessions.
  await (await $(byTest('client-search'))).clearValue();
  await browser.keys(['Escape']);
  await pause(300);
  const rows = await $$(byTest('client-row'));
  let opened = false;
  for (const row of rows) {
    const text = await browser.execute((n) => n.textContent, row);
    if (text.includes('contraindication')) {
      await (await row.$(byTest('client-name'))).click();
      opened = true;
      break;
    }
  }
  if (!opened) await (await $(byTest('client-name'))).click();
  await (await $(byTest('client-record'))).waitForDisplayed();
  await shot('04-client-record');
  await browser.execute(() => window.scrollTo(0, document.body.scrollHeight));
  await shot('05-client-record-timeline');
  await browser.execute(() => window.scrollTo(0, 0));

  await click('open-plan');
  await (await $(byTest('plan-page'))).waitForDisplayed();
  await shot('06-plan');

  const sessions = await $$(byTest('plan-slot'));
  if (sessions.length > 0) {
    const open = await sessions[0].$('button');
    await open.click();
    await (await $(byTest('session-page'))).waitForDisplayed();
    await shot('07-session-signed');
  }

  // Record a new session for a client: the grid pre-filled "same as last time".
  await click('nav-clients');
  const record = await $(byTest('client-name'));
  await record.waitForDisplayed();
  await record.click();
  await (await $(byTest('client-record'))).waitForDisplayed();
  if (await (await $(byTest('record-session'))).isExisting()) {
    await click('record-session');
  } else {
    await click('new-plan');
    for (const box of await $$(byTest('plan-area'))) {
      const v = await box.getAttribute('value');
      if (v === 'frontal_hairline' || v === 'crown') await box.click();
    }
    await click('save-plan');
    await click('record-session');
  }
  await (await $(byTest('session-form'))).waitForDisplayed();
  const depth = await $(byTest('zone-depth'));
  await depth.setValue('1.1');
  await shot('08-session-new');

  await click('nav-clients');
  await click('new-client');
  await (await $(byTest('last_name'))).setValue('A-very-long-double-barrelled-surname-that-goes-on-and-on');
  await (await $(byTest('email'))).setValue('not-an-email');
  await click('add-contra');
  await click('save-client');
  await pause(300);
  await shot('09-client-form-errors');
  await (await $(byTest('first_name'))).setValue('Aleksandra');
  await (await $(byTest('email'))).setValue('aleksandra@example.org');
  await (await $(byTest('phone'))).setValue('07700 900456');
  await (await $('[data-field-input="contraindications[0].detail"]')).setValue('Warfarin 5 mg daily, INR checked monthly');
  await click('save-client');
  await (await $(byTest('contra-banner'))).waitForDisplayed();
  await shot('09b-record-contraindication');

  await click('nav-catalogue');
  await (await $(byTest('pigment'))).waitForDisplayed();
  await shot('10-catalogue-pigments');
  await click('tab-needles');
  await shot('11-catalogue-needles');
  await click('tab-staff');
  await shot('12-catalogue-staff');
} finally {
  await browser.deleteSession();
}
