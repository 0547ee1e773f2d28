// Two workstations on one clinic server, end to end: a `hairline-server` on loopback and two
// desktop apps with their own data folders (this spec's session is the front desk; a second
// tauri-driver, two ports up, drives the treatment room). Both pair with the server (the front
// desk through a blank form and a code for another certificate first); the front desk creates the
// owner, the catalogue, a site and a client and books; the treatment room sees the booking on its
// open calendar without reloading, and a practitioner the front desk adds appears in its open
// filter; it records and signs the session; the front desk’s open record
// shows the touch-up recall. Then the server stops answering: the front desk shows the offline
// banner, keeps what was typed, and saves it once the server is back.
import { expect } from '@wdio/globals';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { remote } from 'webdriverio';
import {
  addSiteOpenAllDay,
  acknowledgeMissingConsent,
  appReady,
  byTest,
  choose,
  chooseByText,
  click,
  el,
  expectNoSidewaysScroll,
  expectText,
  fillZone,
  isoDay,
  newPlan,
  setUpCatalogue,
  shotIfAsked,
  signIn,
  signWith,
  startEmpty,
  type,
} from '../helpers.js';

const SERVER = process.env.HAIRLINE_E2E_SERVER;
const driverPort = Number(process.env.HAIRLINE_E2E_PORT ?? 4444);
const roomPort = driverPort + 2;
const serverPort = driverPort + 3000;
const ADDRESS = `127.0.0.1:${serverPort}`;
const OWNER = 'Olive Owner';
const FIRST = 'Marisol';
const LAST = 'Underwood';
const SITE = 'Canal Street';

const pause = (ms) => new Promise((r) => setTimeout(r, ms));
const root = mkdtempSync(join(tmpdir(), 'hairline-clinic-server-'));
const serverDir = join(root, 'server');
let server;
let roomDriver;
let room;

function startServer() {
  server = spawn(SERVER, ['--data-dir', serverDir, '--listen', ADDRESS], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Whether the server accepts connections yet. */
const listening = () =>
  new Promise((done) => {
    const socket = connect(serverPort, '127.0.0.1', () => {
      socket.end();
      done(true);
    });
    socket.on('error', () => done(false));
  });

function pairingCode() {
  return execFileSync(SERVER, ['pairing-code', '--data-dir', serverDir], { encoding: 'utf8' }).trim().split(/\s+/).pop();
}

/** Runs `steps` with the helpers driving the treatment room's app instead of the front desk's. */
async function inRoom(steps) {
  const saved = { browser: global.browser, $: global.$, $$: global.$$ };
  global.browser = room;
  global.$ = (selector) => room.$(selector);
  global.$$ = (selector) => room.$$(selector);
  try {
    return await steps();
  } finally {
    Object.assign(global, saved);
  }
}

/** Pairs the app on screen with the server, with a fresh code, as `name`. */
async function pair(name) {
  await appReady({ keepChoice: true });
  await click('connect-server');
  await type('pair-address', ADDRESS);
  await type('pair-code', pairingCode());
  await type('pair-device-name', name);
  await click('pair');
}

describe('two workstations on one clinic server', () => {
  before(async () => {
    if (!SERVER) throw new Error('HAIRLINE_E2E_SERVER names no server binary (run through scripts/e2e)');
    mkdirSync(serverDir, { recursive: true });
    startServer();
    for (let i = 0; i < 150 && !(await listening()); i++) await pause(200);
    const home = join(root, 'room-home');
    mkdirSync(home, { recursive: true });
    roomDriver = spawn('tauri-driver', ['--port', String(roomPort), '--native-port', String(roomPort + 1)], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, HOME: home, PATH: `${join(process.env.HOME ?? '', '.cargo', 'bin')}:${process.env.PATH}` },
    });
    for (let i = 0; i < 150; i++) {
      if (await fetch(`http://127.0.0.1:${roomPort}/status`).then((r) => r.ok, () => false)) break;
      await pause(200);
    }
    const roomData = join(root, 'room-data');
    room = await remote({
      hostname: '127.0.0.1',
      port: roomPort,
      logLevel: 'error',
      capabilities: {
        'wdio:enforceWebDriverClassic': true,
        'tauri:options': { application: resolve(process.env.HAIRLINE_E2E_APP), args: ['--data-dir', roomData] },
      },
    });
  });

  after(async () => {
    await room?.deleteSession().catch(() => {});
    roomDriver?.kill();
    server?.kill('SIGCONT');
    server?.kill();
  });

  it('asks a new workstation where the record is, and refuses a pairing code of another certificate', async () => {
    await appReady({ keepChoice: true });
    await el('connection-choice');
    await expectNoSidewaysScroll('the first-run choice');
    await shotIfAsked('connect-01-choice');
    await click('connect-server');
    await el('pairing-form');
    await click('pair');
    // Every blank field is named at once.
    for (const field of ['address', 'code', 'device_name']) await expect($(`[data-field="${field}"]`)).toBeDisplayed();
    await shotIfAsked('connect-02-pairing-blank');
    // Plain HTTP and a short code, the name still blank: all three named again, nothing sent.
    await type('pair-address', `http://${ADDRESS}`);
    await type('pair-code', '7F3A');
    await click('pair');
    await expectText('[data-field="address"]', 'HTTPS only');
    await expectText('[data-field="code"]', 'a dash and six digits');
    await expect($('[data-field="device_name"]')).toBeDisplayed();
    await type('pair-address', ADDRESS);
    // A code whose first part is not the start of this server's certificate's fingerprint.
    const code = pairingCode();
    const other = (code.startsWith('0000') ? '1111' : '0000') + code.slice(4);
    await type('pair-code', other);
    await type('pair-device-name', 'Front desk');
    await click('pair');
    await expect($('[role="alert"]')).toBeDisplayed();
    await shotIfAsked('connect-03-pairing-refused');
    await expect($(byTest('connection-choice'))).toBeDisplayed();
  });

  it('pairs the front desk, which creates the owner, the catalogue, a site and a client', async () => {
    await (await el('pair-code')).setValue(pairingCode());
    await click('pair');
    await startEmpty(OWNER);
    await expectText(byTest('server-status'), ADDRESS);
    await setUpCatalogue('LOT-31');
    await click('nav-clinic');
    await addSiteOpenAllDay(SITE);

    await click('nav-clients');
    await click('new-client');
    await click('care-reminders-yes');
    await choose('preferred_contact', 'phone');
    await type('first_name', FIRST);
    await type('last_name', LAST);
    await type('phone', '07700 900123');
    await click('save-client');
    await expect($(byTest('record-name'))).toHaveText(`${FIRST} ${LAST}`);
  });

  it('pairs the treatment room, whose open calendar shows the front desk’s booking without a reload', async () => {
    await inRoom(async () => {
      await pair('Room 2');
      await signIn(OWNER);
      await click('nav-calendar');
      await click('calendar-day');
      await el('calendar-page');
    });

    await click('nav-calendar');
    await click('calendar-book');
    await el('booking-form');
    await type('book-client-search', LAST);
    await click('book-client-option');
    await chooseByText('book-site', SITE);
    await choose('book-kind', 'consultation_in_person');
    await choose('book-date', isoDay(0));
    await choose('book-time', '00:00');
    await (await el('book-duration')).setValue('30');
    await click('book-save');
    await $(byTest('booking-form')).waitForExist({ reverse: true });

    await inRoom(async () => {
      const booked = await $(`${byTest('calendar-appointment')}*=${LAST}`);
      await booked.waitForDisplayed({ timeout: 5_000, timeoutMsg: 'the booking never reached the treatment room' });
      await shotIfAsked('connect-04-room-sees-booking');
    });
  });

  it('a practitioner added at the front desk is offered at once in the treatment room’s open filter', async () => {
    const NEW = 'Priya Nair';
    await inRoom(async () => {
      await click('nav-today');
      await (await $(byTest('today-practitioner'))).waitForExist();
    });
    await click('nav-catalogue');
    await click('tab-staff');
    await type('staff-name', NEW);
    await choose('staff-role', 'practitioner');
    await click('save-staff');
    await click('setup-code-done');
    await inRoom(async () => {
      await browser.waitUntil(
        async () =>
          (await browser.execute((node) => [...node.options].map((o) => o.textContent.trim()), await $(byTest('today-practitioner')))).includes(NEW),
        { timeout: 5_000, timeoutMsg: 'the treatment room’s filter never offered the new practitioner' },
      );
    });
  });

  it('the treatment room records and signs the session; the front desk’s open record shows the recall', async () => {
    // The front desk keeps the client's record open.
    await click('nav-clients');
    await type('client-search', LAST);
    await (await $(byTest('client-name'))).click();
    await el('client-schedule');

    await inRoom(async () => {
      await click('nav-clients');
      await type('client-search', LAST);
      await (await $(byTest('client-name'))).click();
      await el('client-schedule');
      await newPlan(['frontal_hairline'], 1);
      await click('record-session');
      await el('session-form');
      await choose('performed_on', isoDay(0));
      await type('duration', '150');
      const [row] = await $$(byTest('zone-edit-row'));
      await fillZone(row, { needle: '3RL', cartridge: 'CART-4', depth: '0.9', angle: '30', lot: 'LOT-31', dilution: '1:1' });
      await click('save-session');
      await acknowledgeMissingConsent('Consent signed on paper at the front desk.');
      await click('sign-session');
      await signWith();
      await el('signed-banner');
    });

    const touchUp = await $(`${byTest('client-recall')}[data-kind="touch_up"]`);
    await touchUp.waitForDisplayed({ timeout: 5_000, timeoutMsg: 'the front desk never saw the touch-up recall' });
    await shotIfAsked('connect-05-front-desk-sees-recall');
  });

  it('shows the offline state within 5 s, keeps what was typed, and saves it once the server is back', async () => {
    await click('edit-client');
    const phone = await el('phone');
    await phone.setValue('07700 900456');
    server.kill('SIGSTOP');
    await el('offline-banner').then((b) => b.waitForDisplayed({ timeout: 8_000 }));
    await expectNoSidewaysScroll('the offline banner');
    await shotIfAsked('connect-06-offline');
    await click('save-client');
    await expectText('main', 'nothing was saved');
    await expect(await $(byTest('phone'))).toHaveValue('07700 900456');
    server.kill('SIGCONT');
    await $(byTest('offline-banner')).waitForExist({ reverse: true, timeout: 10_000 });
    await click('save-client');
    await expect($(byTest('record-name'))).toHaveText(`${FIRST} ${LAST}`);
  });
});
