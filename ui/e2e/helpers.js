// Small steps the specs share. Selects and date inputs are set the way a user's choice lands
// (value + the event Svelte listens to); text is typed key by key.
import { expect } from '@wdio/globals';

export const byTest = (id) => `[data-testid="${id}"]`;

export async function el(id) {
  const element = await $(byTest(id));
  await element.waitForDisplayed();
  return element;
}

export async function click(id) {
  const element = await el(id);
  await element.click();
}

export async function type(id, text) {
  const element = await el(id);
  await element.setValue(text);
}

/** Runs in the page: sets a <select> or date <input> and fires input and change, as a user's
 * choice would (`browser.execute(landChoice, element, value)`). */
export function landChoice(node, value) {
  node.value = value;
  node.dispatchEvent(new Event('input', { bubbles: true }));
  node.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Sets a <select> or date <input> inside `scope` (or the page) and fires change/input. */
export async function choose(target, value) {
  const element = typeof target === 'string' ? await el(target) : target;
  await element.waitForExist();
  await browser.execute(landChoice, element, value);
}

/** The value of the first <option> whose text contains `text`. */
export async function optionValue(select, text) {
  const element = typeof select === 'string' ? await el(select) : select;
  return browser.execute(
    (node, wanted) => [...node.options].find((o) => o.textContent.includes(wanted))?.value ?? '',
    element,
    text,
  );
}

export async function chooseByText(select, text) {
  const element = typeof select === 'string' ? await el(select) : select;
  const value = await optionValue(element, text);
  if (!value) throw new Error(`no option containing "${text}"`);
  await choose(element, value);
}

/** A day `days` from today, as the app's date inputs want it (YYYY-MM-DD). */
export function isoDay(days = 0) {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** The owner every spec's fresh practice is created with (a manager: every permission, and the
 * practitioner of the sessions the specs record), and the sample clinic's staff password. */
export const OWNER_PASSWORD = 'pigment and patience';
export const SAMPLE_PASSWORD = 'sample clinic 2026';

const FIRST_SCREENS = ['owner-screen', 'sign-in-screen', 'lock-screen', 'first-run', 'client-search'];

/** Waits for the app's first screen: the owner's creation, sign-in, the lock, first run or the
 * client list. A new workstation's first question (this computer or a clinic server) is
 * answered "this computer" unless `keepChoice` is set. */
export async function appReady({ keepChoice = false } = {}) {
  const screens = [...FIRST_SCREENS, 'connection-choice'];
  let shown = null;
  await browser.waitUntil(
    async () => {
      for (const id of screens) if (await $(byTest(id)).isExisting()) shown = id;
      return shown !== null;
    },
    { timeout: 20_000, timeoutMsg: 'the app never showed its first screen' },
  );
  if (shown === 'connection-choice' && !keepChoice) {
    await click('start-here');
    await appReady();
  }
}

/** First run of a fresh data folder: creates the owner account named `name` (signed in at once). */
export async function createOwner(name, password = OWNER_PASSWORD) {
  await appReady();
  await el('owner-screen');
  await type('owner-name', name);
  await type('owner-password', password);
  await type('owner-repeat', password);
  await click('create-owner');
  await el('first-run');
}

/** First run: the owner `name` is created and starts an empty clinic. */
export async function startEmpty(name) {
  await createOwner(name);
  await click('start-empty');
  await el('client-search');
}

/** First run: the owner `name` is created and loads the sample clinic. */
export async function startSample(name) {
  await createOwner(name);
  await click('load-demo');
  await browser.waitUntil(async () => !(await $(byTest('first-run')).isExisting()), {
    timeout: 120_000,
    timeoutMsg: 'the sample clinic did not load',
  });
}

/** On the sign-in (or lock) screen: signs `name` in with their password. */
export async function signIn(name, password = OWNER_PASSWORD) {
  await appReady();
  if (await $(byTest('lock-screen')).isExisting()) {
    const locker = await textOf(byTest('locked-by'));
    if (!locker.includes(name)) await click('someone-else');
  }
  if (await $(byTest('sign-in-screen')).isExisting()) {
    const button = await $(`${byTest('sign-in-as')}[data-name="${name}"]`);
    await button.waitForDisplayed();
    await button.click();
  }
  const form = await el('sign-in-form');
  if ((await form.getAttribute('data-mode')) === 'pin') await click('use-password');
  await type('password', password);
  await click('sign-in');
  await browser.waitUntil(async () => (await textOf(byTest('signed-in-as'))).includes(name), {
    timeout: 15_000,
    timeoutMsg: `${name} is not signed in`,
  }).catch(async (e) => {
    throw new Error(`${e.message}; on screen: ${(await textOf('main')).slice(0, 300)}`);
  });
}

/** Signs out (account menu); the sign-in screen shows. */
export async function signOut() {
  await click('account-menu');
  await click('sign-out');
  await el('sign-in-screen');
}

/** The signing dialog ("Sign as … — enter your PIN/password"): answers it with `credential`
 * (`{ pin }` or `{ password }`, the owner's password by default) and waits for it to close. */
export async function signWith(credential = { password: OWNER_PASSWORD }) {
  const dialog = await el('sign-dialog');
  const wantsPin = 'pin' in credential;
  const hasPin = await dialog.$(byTest('sign-pin')).isExisting();
  if (wantsPin !== hasPin) await click('sign-switch');
  await type(wantsPin ? 'sign-pin' : 'sign-password', wantsPin ? credential.pin : credential.password);
  await click('sign-confirm');
  await $(byTest('sign-dialog')).waitForExist({ reverse: true, timeoutMsg: 'the signing dialog stayed open' });
}

/** An element's text as the DOM holds it. (WebKitWebDriver's visible-text leaves out cells that
 * clip their overflow, though they are on screen.) */
export async function textOf(target) {
  const element = typeof target === 'string' ? await $(target) : target;
  await element.waitForExist();
  return browser.execute((node) => node.textContent.replace(/\s+/g, ' ').trim(), element);
}

/** Waits until `target`'s text contains `wanted`. */
export async function expectText(target, wanted, exact = false) {
  let last = '';
  await browser.waitUntil(
    async () => {
      last = await textOf(typeof target === 'string' ? await $(target) : target);
      return exact ? last === wanted : last.includes(wanted);
    },
    { timeoutMsg: `expected text ${exact ? '' : 'containing '}"${wanted}", got "${last}"` },
  );
}

/** Answers the blocking "no signed treatment consent" warning by going ahead with a reason. */
export async function acknowledgeMissingConsent(reason = 'Consent signed on paper, to be scanned') {
  await el('consent-warning');
  await type('consent-reason', reason);
  await click('consent-go-ahead');
}

/** On the clinic page: adds the site `name` (UTC) open every day from midnight to 23:45 — so a
 * booking today at 00:00 has started whenever a spec runs — and has the signed-in person work there. */
export async function addSiteOpenAllDay(name) {
  await click('site-add');
  await type('site-name', name);
  // A new site's zone starts blank, this computer's offered beside it.
  await expect($(byTest('site-time-zone'))).toHaveValue('');
  await expectNoSidewaysScroll('a new site');
  await shotIfAsked('site-form-new');
  await type('site-time-zone', 'UTC');
  const form = await el('site-form');
  for (const box of await form.$$('input[type="checkbox"]')) if (!(await box.isSelected())) await box.click();
  for (const input of await form.$$('input[type="time"]')) {
    const opens = (await input.getAttribute('aria-label')).endsWith('Opens');
    await choose(input, opens ? '00:00' : '23:45');
  }
  await click('site-save');
  await expectText(byTest('site-item'), name);
  // A tick is saved as it is made.
  await (await el(`staff-site-${name}`)).click();
  await el('staff-sites-saved');
  await browser.waitUntil(async () => (await $(byTest(`staff-site-${name}`))).isSelected());
}

/** Fills an empty catalogue as the practice's first day would: one pigment with a lot that
 * expires in `expiresIn` days (400), and one needle configuration (3RL, 0.30 mm). */
export async function setUpCatalogue(lotNumber, { shade = 'Dark Ash', expiresIn = 400, needle = '3RL', diameter = '0.30' } = {}) {
  await click('nav-catalogue');
  await type('pigment-brand', 'Scalp Ink Co');
  await type('pigment-name', shade);
  await choose('pigment-tone', 'neutral');
  await click('save-pigment');
  await click('add-lot');
  await type('lot-number', lotNumber);
  await choose('lot-expires', isoDay(expiresIn));
  await click('save-lot');
  await expectText(byTest('lot-row'), lotNumber);
  await click('tab-needles');
  await type('needle-brand', 'MicroPoint');
  await type('needle-configuration', needle);
  await type('needle-diameter', diameter);
  await click('save-needle');
  await expectText(byTest('needle-list'), needle);
}

/** From the client record: a new plan over `areas` (zone codes) for the shaved look, with
 * `sessions` planned when given; waits for the plan's page. */
export async function newPlan(areas, sessions) {
  // The button is in the record's heading: from further down the page, WebDriver would scroll it
  // to the window's top edge, under the sticky navigation bar, and the click would land there.
  await browser.execute(() => window.scrollTo(0, 0));
  await click('new-plan');
  await el('plan-form');
  for (const box of await $$(byTest('plan-area'))) {
    if (areas.includes(await box.getAttribute('value'))) await box.click();
  }
  await choose('plan-look', 'shaved_buzz');
  if (sessions !== undefined) await (await el('plan-sessions')).setValue(String(sessions));
  await click('save-plan');
  await el('plan-areas');
}

/** Fills one row of the session form's zone grid: the zone (by its label) when given, then the
 * needle and pigment lot (by text in their option) and the typed settings. */
export async function fillZone(row, { zone, needle, cartridge, depth, angle, lot, dilution }) {
  if (zone) await chooseByText(await row.$(byTest('zone-zone')), zone);
  await chooseByText(await row.$(byTest('zone-needle')), needle);
  await (await row.$(byTest('zone-cartridge'))).setValue(cartridge);
  await (await row.$(byTest('zone-depth'))).setValue(depth);
  await (await row.$(byTest('zone-angle'))).setValue(angle);
  await chooseByText(await row.$(byTest('zone-lot')), lot);
  await (await row.$(byTest('zone-dilution'))).setValue(dilution);
}

/** Asserts that nothing on the current screen scrolls sideways: the document is no wider than the
 * window (the app opens at 1280×800, tauri.conf.json). On failure the log names the elements that
 * reach past the window's edge. */
export async function expectNoSidewaysScroll(screen) {
  const page = await browser.execute(() => {
    const root = document.documentElement;
    const past = [...document.body.querySelectorAll('*')]
      .filter((node) => node.getBoundingClientRect().right > root.clientWidth + 0.5)
      .slice(0, 8)
      .map((node) => `${node.tagName.toLowerCase()}${node.getAttribute('class') ? `.${node.getAttribute('class').trim().split(/\s+/).join('.')}` : ''}`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, past };
  });
  if (page.scrollWidth > page.clientWidth)
    console.error(`${screen} is ${page.scrollWidth}px wide in a ${page.clientWidth}px window; past the edge: ${page.past.join(', ')}`);
  expect(page.scrollWidth).toBeLessThanOrEqual(page.clientWidth);
}

/** With SHOTS_DIR set, photographs the window as `name`.png there (for looking at a screen a
 * spec reaches that the tours do not); otherwise does nothing. */
export async function shotIfAsked(name) {
  if (process.env.SHOTS_DIR) await browser.saveScreenshot(`${process.env.SHOTS_DIR}/${name}.png`);
}
