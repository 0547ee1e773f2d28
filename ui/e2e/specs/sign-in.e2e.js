// Staff sign-in, roles and the idle lock, end to end in the real webview (issue 11's proof): the
// first run creates the owner; the owner adds a practitioner and a front-desk user, whose setup
// codes are redeemed on the sign-in screen; the practitioner sets a PIN, finds an unsaved form
// again after locking and unlocking with it, and signs a session with it; five wrong PINs show the wait; the front-desk user sees the client's contact card but no
// zone settings and no Sign; the workstation locks after the idle time (set to 1 minute) and the
// lock screen shows no client name.
import { expect } from '@wdio/globals';
import {
  acknowledgeMissingConsent,
  appReady,
  byTest,
  choose,
  click,
  createOwner,
  el,
  expectNoSidewaysScroll,
  expectText,
  fillZone,
  newPlan,
  setUpCatalogue,
  shotIfAsked,
  signIn,
  signOut,
  signWith,
  textOf,
  type,
} from '../helpers.js';

const OWNER = 'Olive Oduya';
const PRACTITIONER = 'Priya Natarajan';
const PRACTITIONER_PASSWORD = 'needles at dawn 42';
const PIN = '482915';
const DESK = 'Frank Delacroix';
const DESK_PASSWORD = 'welcome desk ledger';
const CLIENT_FIRST = 'Rosa';
const CLIENT_LAST = 'Quillfeather';

/** The setup codes the owner handed out, by name. */
const codes = {};

/** As the owner, on the staff tab: adds `name` with `role`; keeps the setup code shown once. */
async function addStaff(name, role, shot) {
  await type('staff-name', name);
  await choose('staff-role', role);
  await click('save-staff');
  const code = await el('setup-code-value');
  codes[name] = (await textOf(code)).trim();
  expect(codes[name].length).toBeGreaterThanOrEqual(6);
  await expectText(byTest('setup-code-card'), `Give this code to ${name} in person`);
  if (shot) {
    await expectNoSidewaysScroll('the setup code');
    await shotIfAsked(shot);
  }
  await click('setup-code-done');
  await expectText(`${byTest('staff-row')}[data-name="${name}"]`, 'Awaiting setup');
}

/** On the sign-in screen: `name` redeems their setup code and chooses `password`. */
async function redeem(name, password) {
  const button = await $(`${byTest('sign-in-as')}[data-name="${name}"]`);
  await button.waitForDisplayed();
  await button.click();
  await expect($(byTest('sign-in-form'))).toHaveAttribute('data-mode', 'setup');
  await expectText(byTest('password-rule'), 'at least 10 characters');
  await type('setup-code', codes[name]);
  await type('new-password', password);
  await type('repeat-password', password);
  await click('sign-in');
  await expectText(byTest('signed-in-as'), name);
}

/** Opens the client from the client list. */
async function openClient() {
  await click('nav-clients');
  await type('client-search', CLIENT_LAST.slice(0, 4));
  await expectText(byTest('client-name'), `${CLIENT_FIRST} ${CLIENT_LAST}`, true);
  await (await $(byTest('client-name'))).click();
  await expect($(byTest('record-name'))).toHaveText(`${CLIENT_FIRST} ${CLIENT_LAST}`);
}

describe('sign-in, roles and the idle lock', () => {
  it('creates the owner account on the first run, the password rule said before typing', async () => {
    await appReady();
    await el('owner-screen');
    await expectText(byTest('password-rule'), 'at least 10 characters');
    await type('owner-name', OWNER);
    await expectNoSidewaysScroll('the owner account form');
    await shotIfAsked('50-owner-account');
    // A short password typed again differently: the core names both at once, each beside its field.
    await type('owner-password', 'short');
    await type('owner-repeat', 'shorter');
    await click('create-owner');
    await (await $('[data-field="password"]')).waitForDisplayed();
    await expect($('[data-field="repeat"]')).toBeDisplayed();
    await expect($(byTest('owner-password'))).toHaveAttribute('aria-invalid', 'true');
    await expect($(byTest('owner-repeat'))).toHaveAttribute('aria-invalid', 'true');
    await createOwner(OWNER);
    await click('start-empty');
    await expectText(byTest('signed-in-as'), OWNER);
    await expectText(byTest('signed-in-as'), 'Manager');
  });

  it('lets the owner add a practitioner and a front-desk user, each with a one-time setup code', async () => {
    await setUpCatalogue('LOT-5150');
    await click('tab-staff');
    await addStaff(PRACTITIONER, 'practitioner', '52-setup-code');
    await addStaff(DESK, 'front_desk');
    await expectText(byTest('awaiting-setup'), '2 people still have to choose a password.');

    await click('nav-clients');
    await click('new-client');
    await click('care-reminders-yes');
    await choose('preferred_contact', 'phone');
    await type('first_name', CLIENT_FIRST);
    await type('last_name', CLIENT_LAST);
    await type('phone', '07700 900777');
    await click('save-client');
    await expect($(byTest('record-name'))).toHaveText(`${CLIENT_FIRST} ${CLIENT_LAST}`);
    await newPlan(['crown']);
  });

  it('the practitioner redeems the code, sets a PIN and signs a session with it', async () => {
    await signOut();
    await expectNoSidewaysScroll('the sign-in screen');
    await shotIfAsked('51-sign-in');
    await redeem(PRACTITIONER, PRACTITIONER_PASSWORD);
    await expectText(byTest('signed-in-as'), 'Practitioner');
    // No staff, data safety or clinic settings for a practitioner.
    await expect($(byTest('nav-data'))).not.toBeExisting();
    await expect($(byTest('nav-clinic'))).not.toBeExisting();

    await click('account-menu');
    await click('set-pin');
    // The PIN typed again differently and no password: the core names both at once.
    await type('new-pin', PIN);
    await type('repeat-pin', '0000');
    await click('save-pin');
    await (await $('[data-field="repeat"]')).waitForDisplayed();
    await expect($(byTest('repeat-pin'))).toHaveAttribute('aria-invalid', 'true');
    await expect($(byTest('pin-password'))).toHaveAttribute('aria-invalid', 'true');
    await type('repeat-pin', PIN);
    await type('pin-password', PRACTITIONER_PASSWORD);
    await click('save-pin');
    await $(byTest('set-pin-dialog')).waitForExist({ reverse: true });

    await openClient();
    await click('record-session');
    await el('session-form');
    await type('duration', '120');
    const [row] = await $$(byTest('zone-edit-row'));
    await fillZone(row, { zone: 'Crown', needle: '3RL', cartridge: 'C-88', depth: '0.9', angle: '35', lot: 'LOT-5150', dilution: '1:1' });
    await click('save-session');
    await acknowledgeMissingConsent();
    await el('sign-session');
    // Unsaved notes survive a lock (Ctrl+L) by the same person: back after the PIN unlock.
    await type('session-notes', 'Client asked for a softer hairline next time');
    await browser.keys(['Control', 'l']);
    await el('lock-screen');
    expect(await browser.execute(() => document.body.textContent)).not.toContain(CLIENT_LAST);
    await type('pin', PIN);
    await click('sign-in');
    await el('form-restored');
    await expect($(byTest('session-notes'))).toHaveValue('Client asked for a softer hairline next time');
    await click('save-session');
    await browser.waitUntil(async () => !(await textOf(byTest('save-session'))).includes('Saving'), { timeoutMsg: 'the save did not end' });
    await expect($(byTest('error-banner'))).not.toBeExisting();
    await click('sign-session');
    const dialog = await el('sign-dialog');
    await expectText(dialog, `Sign as ${PRACTITIONER} — enter your PIN`);
    await expectNoSidewaysScroll('the signing dialog');
    await shotIfAsked('53-signing-dialog');
    await signWith({ pin: PIN });
    await expectText(byTest('signed-banner'), `${PRACTITIONER} (Practitioner)`);
  });

  it('shows the wait after five wrong PINs, counted down', async () => {
    await click('lock');
    await el('lock-screen');
    await expectText(byTest('locked-by'), PRACTITIONER);
    await expect($(byTest('sign-in-form'))).toHaveAttribute('data-mode', 'pin');
    let tries = 0;
    while (!(await $(byTest('wait-countdown')).isExisting()) && tries < 6) {
      tries += 1;
      await type('pin', '000000');
      await click('sign-in');
      // Answered once the button no longer says "Checking…" and the answer shows.
      await browser.waitUntil(
        async () =>
          !(await textOf(byTest('sign-in'))).includes('Checking') &&
          ((await $('[data-field="pin"]').isExisting()) || (await $(byTest('wait-countdown')).isExisting())),
        { timeoutMsg: 'a wrong PIN was not answered' },
      );
    }
    expect(tries).toBeGreaterThanOrEqual(5);
    await expectText(byTest('wait-countdown'), 'Too many wrong attempts. You can try again in');
    await expect($(byTest('sign-in'))).toBeDisabled();
    const first = Number(await (await $(byTest('wait-countdown'))).getAttribute('data-seconds'));
    expect(first).toBeGreaterThan(0);
    await browser.waitUntil(async () => Number(await (await $(byTest('wait-countdown'))).getAttribute('data-seconds')) < first, {
      timeoutMsg: 'the wait is not counted down',
    });
    await shotIfAsked('54-wait');
  });

  it('the front-desk user sees the contact card, never the zone settings or Sign', async () => {
    await click('someone-else');
    await redeem(DESK, DESK_PASSWORD);
    await expectText(byTest('signed-in-as'), 'Front desk');
    await expect($(byTest('nav-catalogue'))).not.toBeExisting();
    await expect($(byTest('nav-data'))).not.toBeExisting();
    await openClient();
    await el('client-contact');
    await el('contact-card');
    await el('consent-status');
    await expect($(byTest('timeline'))).not.toBeExisting();
    await expect($(byTest('zone-table'))).not.toBeExisting();
    await expect($(byTest('zone-row'))).not.toBeExisting();
    await expect($(byTest('sign-session'))).not.toBeExisting();
    await expect($(byTest('new-plan'))).not.toBeExisting();
    await expectNoSidewaysScroll('the front desk’s contact card');
    await shotIfAsked('56-front-desk-contact');
    // A new client from the front desk has no clinical section.
    await click('nav-clients');
    await click('new-client');
    await click('care-reminders-yes');
    await choose('preferred_contact', 'phone');
    await el('clinical-hidden');
    await expect($(byTest('contra-editor'))).not.toBeExisting();
    await browser.keys('Escape');
  });

  it('locks after the idle time set short, and the lock screen shows no client name', async () => {
    await signOut();
    await signIn(OWNER);
    await click('nav-clinic');
    await (await el('rules-idle-lock')).setValue('1');
    await click('rules-save');
    await expectText('[data-testid="rules-form"] .banner-ok', 'Saved');
    await openClient();
    // One minute without keyboard or mouse.
    await (await $(byTest('lock-screen'))).waitForExist({ timeout: 100_000, interval: 2_000, timeoutMsg: 'the workstation did not lock' });
    await expectText(byTest('locked-by'), OWNER);
    const page = await browser.execute(() => document.body.textContent);
    expect(page).not.toContain(CLIENT_LAST);
    expect(page).not.toContain(CLIENT_FIRST);
    await expectNoSidewaysScroll('the lock screen');
    await shotIfAsked('55-lock');
    await signIn(OWNER);
  });
});
