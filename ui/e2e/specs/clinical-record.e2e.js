// The practitioner's day, end to end in the real app: a client with a validation error on the
// way, a plan, a two-zone session signed and then amended, a restart, and search.
import { expect } from '@wdio/globals';
import {
  acknowledgeMissingConsent,
  appReady,
  byTest,
  choose,
  click,
  el,
  expectNoSidewaysScroll,
  expectText,
  fillZone,
  newPlan,
  setUpCatalogue,
  signIn,
  signWith,
  startEmpty,
  type,
} from '../helpers.js';

const FIRST = 'Marguerite';
const LAST = 'Okonkwo-Lindqvist';
const AMENDMENT = 'Client called the next day: slight redness at the crown, resolved.';

/** A zone row of the session form, with the needle and lot the catalogue set-up made. */
const fillCatalogued = (row, zone) => fillZone(row, { needle: '3RL', lot: 'LOT-2291', ...zone });

describe('the clinical record', () => {
  it('starts empty with the owner signed in', async () => {
    await startEmpty('Dr Ada Practitioner');
    await expectText(byTest('signed-in-as'), 'Dr Ada Practitioner');
  });

  it('sets up the catalogue: a pigment with a lot, and a needle', async () => {
    await setUpCatalogue('LOT-2291');
    await expectNoSidewaysScroll('the catalogue’s needles');
  });

  it('shows the core’s validation error next to the bad field, then creates the client', async () => {
    await click('nav-clients');
    await click('new-client');
    await click('care-reminders-yes');
    await choose('preferred_contact', 'phone');
    await type('first_name', FIRST);
    await type('last_name', LAST);
    await type('phone', '07700 900123');
    await type('email', 'marguerite@');
    await click('save-client');
    const error = await $('[data-field="email"]');
    await error.waitForDisplayed();
    await expect(error).toHaveText(expect.stringContaining('not an email address'));
    await expect($(byTest('email'))).toHaveAttribute('aria-invalid', 'true');

    await (await el('email')).setValue('marguerite@example.org');
    await click('save-client');
    await expect($(byTest('record-name'))).toHaveText(`${FIRST} ${LAST}`);
  });

  it('fits the client record in the window: nothing scrolls sideways', async () => {
    await el('consent-panel');
    await el('photos-panel');
    await el('client-schedule');
    await expectNoSidewaysScroll('the client record');
  });

  it('creates a plan over two areas', async () => {
    await newPlan(['frontal_hairline', 'crown']);
    await expect($(byTest('plan-areas'))).toHaveText('Frontal hairline, Crown');
    await expect($(byTest('plan-slot'))).toHaveAttribute('data-state', 'next');
    await expectNoSidewaysScroll('the plan');
  });

  it('records a session with two zones, then signs it', async () => {
    await click('record-session');
    await el('session-form');
    await type('duration', '150');
    const rows = await $$(byTest('zone-edit-row'));
    expect(rows.length).toBe(2);
    await fillCatalogued(rows[0], { zone: 'Frontal hairline', cartridge: 'CART-77', depth: '0.8', angle: '30', dilution: '1:2' });
    await fillCatalogued(rows[1], { zone: 'Crown', cartridge: 'CART-77', depth: '1.0', angle: '45', dilution: '1:1' });
    await expectNoSidewaysScroll('the session form');
    // An angle in words is named beside its cell and nothing is sent (it used to be saved as 0°).
    const angle = await rows[1].$(byTest('zone-angle'));
    await angle.setValue('forty five');
    await click('save-session');
    await expectText('[data-field="zones[1].angle_deg"]', '“forty five” is not a number');
    await expect(angle).toHaveAttribute('aria-invalid', 'true');
    await expectText(byTest('problem-count'), '1 problem to correct');
    await expect($(byTest('consent-warning'))).not.toBeExisting();
    // Left blank, it is required — never 0°.
    await choose(angle, '');
    await click('save-session');
    await expectText('[data-field="zones[1].angle_deg"]', 'is required');
    await expect($(byTest('consent-warning'))).not.toBeExisting();
    await angle.setValue('45');
    await click('save-session');
    // No treatment consent has been signed: the save stops on a warning that must be acknowledged.
    await expectText(byTest('consent-warning'), 'no signed treatment consent');
    await expect($(byTest('sign-session'))).not.toBeExisting();
    await acknowledgeMissingConsent();
    await el('sign-session');
    await expect($(byTest('unsigned-note'))).toBeDisplayed();

    await click('sign-session');
    // Signing asks for the signer's own password (no PIN is set) at that moment.
    await signWith();
    await expect($(byTest('signed-banner'))).toBeDisplayed();
    await expectText(byTest('signed-banner'), 'Dr Ada Practitioner (Manager)');
    await expect($(byTest('session-page'))).toHaveAttribute('data-signed', 'yes');
    const zones = await $$(`${byTest('zone-table')} ${byTest('zone-row')}`);
    expect(zones.length).toBe(2);
    await expectNoSidewaysScroll('the signed session');
  });

  it('refuses to edit the signed session', async () => {
    // Signed: no editable grid, no save button — only amendments.
    await expect($(byTest('session-form'))).not.toBeExisting();
    await expect($(byTest('zone-depth'))).not.toBeExisting();
    await expect($(byTest('save-session'))).not.toBeExisting();
    await expect($(byTest('signed-banner'))).toHaveText(expect.stringContaining('read-only'));
  });

  it('adds an amendment to the signed session', async () => {
    await type('amendment-text', AMENDMENT);
    await click('save-amendment');
    await signWith();
    await expectText(byTest('amendment'), AMENDMENT);
  });

  it('finds everything again after a restart', async () => {
    await browser.reloadSession();
    await appReady();
    await expect($(byTest('first-run'))).not.toBeExisting();
    await expect($(byTest('owner-screen'))).not.toBeExisting();
    // A restart starts signed out: the owner signs in again.
    await signIn('Dr Ada Practitioner');
    await type('client-search', FIRST);
    await expectText(byTest('client-name'), `${FIRST} ${LAST}`, true);
    await (await $(byTest('client-name'))).click();
    await expect($(byTest('record-name'))).toHaveText(`${FIRST} ${LAST}`);
    const session = await el('timeline-session');
    await expectText(session, 'Signed');
    await expectText(session, 'CART-77');
    await expectText(byTest('amendment'), AMENDMENT);
    const zones = await session.$$(byTest('zone-row'));
    expect(zones.length).toBe(2);
  });

  it('search finds the client by a three-letter prefix', async () => {
    await click('nav-clients');
    await type('client-search', LAST.slice(0, 3));
    await browser.waitUntil(async () => (await $$(byTest('client-row'))).length === 1, {
      timeoutMsg: 'search by prefix did not narrow to one client',
    });
    await expectText(byTest('client-name'), `${FIRST} ${LAST}`, true);
    await type('client-search', 'zzq');
    await expect($(byTest('clients-empty'))).toBeDisplayed();
  });
});
