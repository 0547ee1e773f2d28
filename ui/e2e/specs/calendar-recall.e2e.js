// Calendar and recall, end to end in the real app: a site where the practitioner works; session 1
// of a 3-session plan recorded, session 2 appears on the worklist due at the performed date + the
// plan's spacing; it is booked from there and attended (today, at the site's opening, so that it
// has started); then the only session of a second plan is signed, a touch-up falls due five
// years later, and a call about it is logged from the worklist.
import { expect } from '@wdio/globals';
import {
  addSiteOpenAllDay,
  acknowledgeMissingConsent,
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
  signWith,
  startEmpty,
  textOf,
  type,
} from '../helpers.js';

const FIRST = 'Rosalind';
const LAST = 'Achterberg';
const SITE = 'Harbour Street';

/** `iso` plus `months` months (day clamped at the month's end), as the core dates a touch-up. */
function addMonths(iso, months) {
  const [y, m, d] = iso.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

async function recordSession(performedOn) {
  await click('record-session');
  await saveSessionForm(performedOn);
}

/** Fills the open session form's first zone with this spec's settings and saves it. */
async function saveSessionForm(performedOn) {
  await el('session-form');
  await choose('performed_on', performedOn);
  await type('duration', '150');
  const [row] = await $$(byTest('zone-edit-row'));
  await fillZone(row, { needle: '3RL', cartridge: 'CART-9', depth: '0.9', angle: '30', lot: 'LOT-7', dilution: '1:1' });
  await click('save-session');
  // No treatment consent is on file in this spec: go ahead with a reason, as the clinic would.
  await acknowledgeMissingConsent('Consent form signed on paper; scanned copy to follow.');
  await el('sign-session');
}

async function openClient() {
  await click('nav-clients');
  await type('client-search', LAST);
  await expectText(byTest('client-name'), `${FIRST} ${LAST}`);
  await (await $(byTest('client-name'))).click();
  await el('client-schedule');
}

describe('calendar and recall', () => {
  let spacing = 14;

  afterEach(async function () {
    if (process.env.HAIRLINE_E2E_SHOTS && this.currentTest?.state === 'failed') {
      await browser.saveScreenshot(`${process.env.HAIRLINE_E2E_SHOTS}/${this.currentTest.title.replace(/\W+/g, '-')}.png`);
    }
  });

  it('sets up a practitioner, a catalogue and a site the practitioner works at', async () => {
    await startEmpty('Dana Reyes');
    await setUpCatalogue('LOT-7');

    await click('nav-clinic');
    spacing = Number(await (await el('rules-spacing')).getValue());
    expect(spacing).toBeGreaterThan(0);
    await addSiteOpenAllDay(SITE);
    await expectNoSidewaysScroll('the clinic page');
  });

  it('records session 1 of a 3-session plan and finds session 2 on the worklist, due on time', async () => {
    await click('nav-clients');
    await click('new-client');
    await click('care-reminders-yes');
    await choose('preferred_contact', 'whatsapp');
    await type('first_name', FIRST);
    await type('last_name', LAST);
    await type('phone', '07700 900777');
    await click('save-client');
    await expect($(byTest('record-name'))).toHaveText(`${FIRST} ${LAST}`);
    await newPlan(['frontal_hairline'], 3);
    await recordSession(isoDay(-spacing));

    await click('nav-recalls');
    await el('recalls-page');
    const row = await $(`${byTest('recall-row')}*=${LAST}`);
    await row.waitForDisplayed();
    await expect(row.$(byTest('recall-what'))).toHaveText('Session 2');
    // Reached the way the client asked to be.
    await expect(row.$(byTest('recall-reach'))).toHaveText('WhatsApp 07700 900777');
    await expect(row.$(byTest('recall-due'))).toHaveAttribute('data-due', isoDay(0));
    await expectText(byTest('nav-recalls-count'), '1 due');
    await expectNoSidewaysScroll('the recall worklist');
  });

  it('names a call’s method and outcome until they are said, and logs nothing', async () => {
    const row = await $(`${byTest('recall-row')}*=${LAST}`);
    await (await row.$(byTest('recall-log'))).click();
    await el('recall-action-form');
    // Nothing is chosen for the person logging it: both are named, and nothing is logged.
    await click('recall-action-save');
    await expect($('[data-field="method"]')).toBeDisplayed();
    await expect($('[data-field="outcome"]')).toBeDisplayed();
    await expectText(byTest('problem-count'), '2 problems to correct');
    await browser.keys('Escape');
    await $(byTest('recall-action-form')).waitForExist({ reverse: true });
    await expect(row.$(byTest('recall-attempts'))).toHaveText('0');
  });

  it('books session 2 from the worklist', async () => {
    const row = await $(`${byTest('recall-row')}*=${LAST}`);
    await (await row.$(byTest('recall-book'))).click();
    await el('booking-form');
    await expectText(byTest('book-client-name'), LAST);
    await chooseByText('book-site', SITE);
    await choose('book-date', isoDay(0));
    await choose('book-time', '00:00');
    await (await el('book-duration')).setValue('30');
    await click('book-save');
    await expectText(byTest('recalls-notice'), `Booked ${FIRST} ${LAST}`);
    await browser.waitUntil(async () => !(await $(`${byTest('recall-row')}*=${LAST}`).isExisting()), {
      timeoutMsg: 'the booked recall stayed on the worklist',
    });
  });

  it('a draft of session 2, saved then discarded, leaves the booked recall exactly as it was', async () => {
    await openClient();
    const booked = `${byTest('client-recall')}[data-kind="next_session"] ${byTest('recall-booked-for')}`;
    await el('client-recall');
    const bookedBefore = await textOf(booked);
    const recallsBefore = (await $$(byTest('client-recall'))).length;

    await recordSession(isoDay(0));
    await click('discard-session');
    await el('discard-confirm');
    await click('discard-confirm-go');
    await el('client-schedule');

    await expectText(booked, bookedBefore, true);
    await expect($$(byTest('client-recall'))).toBeElementsArrayOfSize(recallsBefore);
    await expect($(`${byTest('client-recall')}*=Session 3`)).not.toBeExisting();
  });

  it('sums up the whole clinic’s week and opens a day’s lanes from a cell', async () => {
    await click('nav-calendar');
    await el('calendar-summary');
    // The site's row today: one appointment, and its open day (00:00–23:45) less 30 minutes free.
    const cell = `${byTest('summary-site')} ${byTest('summary-cell')}[data-day="${isoDay(0)}"]`;
    await browser.waitUntil(async () => (await (await $(cell)).getAttribute('aria-label'))?.includes('1 appointment, 23h15 free'), {
      timeoutMsg: 'the summary did not count today’s booking',
    });
    await expectNoSidewaysScroll('the whole clinic’s week summary');
    await (await $(cell)).click();
    const lanes = await el('calendar-lanes');
    await expect(lanes).toHaveAttribute('data-day', isoDay(0));
    const lane = await $(`${byTest('calendar-lane')}*=Dana Reyes`);
    await expect(lane).toBeDisplayed();
    await expect(lane.$(`${byTest('calendar-appointment')}*=${LAST}`)).toBeDisplayed();
    await expectNoSidewaysScroll('the day’s lanes');
  });

  it('shows the booking on the calendar in the site’s time zone and marks it attended', async () => {
    await click('calendar-day');
    await expectText(byTest('calendar-zone'), 'Times in UTC');
    const appointment = await $(`${byTest('calendar-appointment')}*=${LAST}`);
    await appointment.waitForDisplayed();
    await appointment.click();
    await expectText(byTest('appointment-when'), '00:00');
    await click('appointment-attended');
    await expectText(byTest('appointment-status'), 'Attended');
    await expectNoSidewaysScroll('the calendar with an appointment open');

    // A booking past closing time: the core's refusal shows beside the start time.
    await click('calendar-book');
    await el('booking-form');
    await type('book-client-search', LAST);
    await click('book-client-option');
    await chooseByText('book-kind', 'Video consultation');
    await choose('book-time', '23:30');
    await (await el('book-duration')).setValue('30');
    await click('book-save');
    await expect($('[data-field="starts_local"]')).toBeDisplayed();
    await browser.keys(['Escape']);

    await openClient();
    const recall = await $(`${byTest('client-recall')}[data-kind="next_session"]`);
    await expectText(recall, 'Done');
  });

  it('signs the last session of a plan and shows a touch-up five years later', async () => {
    await newPlan(['frontal_hairline'], 1);
    const performed = isoDay(-1);
    // The new session starts from the last one's technique, but today's lots are read afresh.
    await click('record-session');
    await el('session-form');
    const [carried] = await $$(byTest('zone-edit-row'));
    await expect(carried.$(byTest('zone-depth'))).toHaveValue('0.9');
    await expect(carried.$(byTest('zone-cartridge'))).toHaveValue('');
    await expect(carried.$(byTest('zone-lot'))).toHaveValue('');
    await saveSessionForm(performed);
    await click('sign-session');
    await signWith();
    await el('signed-banner');
    await openClient();
    const touchUp = await $(`${byTest('client-recall')}[data-kind="touch_up"]`);
    await touchUp.waitForDisplayed();
    await expect(touchUp).toHaveAttribute('data-due', addMonths(performed, 60));
  });

  it('logs a call about the touch-up, which leaves the worklist and reads "Contacted" on the record', async () => {
    await click('nav-recalls');
    await el('recalls-page');
    await choose('recalls-kind', 'touch_up');
    await type('recalls-horizon', '2000');
    await browser.keys('Tab');
    const row = await $(`${byTest('recall-row')}*=${LAST}`);
    await row.waitForDisplayed();
    await expect(row.$(byTest('recall-what'))).toHaveText('Touch-up');
    await (await row.$(byTest('recall-log'))).click();
    await el('recall-action-form');
    await choose('contact-method', 'whatsapp');
    await choose('contact-outcome', 'call_back');
    await type('contact-note', 'Asked us to write again nearer the time');
    await click('recall-action-save');
    await expectText(byTest('recalls-notice'), `Contact logged for ${FIRST} ${LAST}.`);
    await browser.waitUntil(async () => !(await $(`${byTest('recall-row')}*=${LAST}`).isExisting()), {
      timeoutMsg: 'the contacted recall stayed on the worklist',
    });
    await openClient();
    await expectText(`${byTest('client-recall')}[data-kind="touch_up"]`, 'Contacted');
  });
});
