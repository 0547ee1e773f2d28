// A new clinic manager's first look: the owner loads the sample clinic on the first run and, still
// signed in, sees its staff everywhere at once (the practitioner filters, who recorded each
// session); signed out, the sign-in screen names the sample password and a sample practitioner
// signs in with it.
import { expect } from '@wdio/globals';
import { byTest, click, SAMPLE_PASSWORD, signIn, signOut, startSample, textOf } from '../helpers.js';

const OWNER = 'Olive Oduya';
const PRACTITIONERS = ['Dana Whitfield', 'Leila Haddad', 'Marcus Osei', 'Tom Bright'];

/** The names a practitioner filter offers. */
async function offered(testid) {
  const select = await $(byTest(testid));
  await select.waitForExist();
  return browser.execute((node) => [...node.options].map((o) => o.textContent.trim()), select);
}

describe('the sample clinic', () => {
  it('shows its staff at once to the owner who loaded it', async () => {
    await startSample(OWNER);

    await click('nav-today');
    await browser.waitUntil(
      async () => {
        const names = await offered('today-practitioner');
        return PRACTITIONERS.every((name) => names.includes(name));
      },
      { timeout: 10_000, timeoutMsg: 'the Today filter does not offer the sample practitioners' },
    );

    // A record with sessions names who recorded each one.
    await click('nav-clients');
    let timeline = '';
    for (let row = 0; row < 10 && !timeline; row++) {
      await browser.waitUntil(async () => (await $$(byTest('client-name'))).length > row, {
        timeoutMsg: 'the client list did not show',
      });
      await (await $$(byTest('client-name')))[row].click();
      await (await $(byTest('record-name'))).waitForDisplayed();
      const session = await $(byTest('timeline-session'));
      if (await session.waitForExist({ timeout: 3000 }).catch(() => false)) timeline = await textOf(byTest('timeline'));
      else await click('nav-clients');
    }
    expect(timeline).not.toBe('');
    expect(timeline).not.toContain('Unknown staff member');
    expect(PRACTITIONERS.some((name) => timeline.includes(name))).toBe(true);
  });

  it('lets a sample practitioner sign in with the sample password', async () => {
    await signOut();
    const screen = await textOf(byTest('sign-in-screen'));
    expect(screen).toContain(`“${SAMPLE_PASSWORD}”`);
    for (const name of PRACTITIONERS) expect(screen).toContain(name);
    await signIn('Dana Whitfield', SAMPLE_PASSWORD);
    await click('nav-today');
    expect(await offered('today-practitioner')).toContain('Dana Whitfield');
  });
});
