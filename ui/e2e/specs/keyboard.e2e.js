// Keyboard-first: "/" jumps to search, Enter saves a form, Esc cancels one.
import { expect } from '@wdio/globals';
import { byTest, choose, click, el, expectText, startEmpty, type } from '../helpers.js';

const activeTestId = () => browser.execute(() => document.activeElement?.getAttribute('data-testid') ?? '');

describe('keyboard', () => {
  it('"/" focuses the client search from anywhere', async () => {
    await startEmpty('Dr Kit Keyboard');
    await click('nav-catalogue');
    await el('tab-pigments');
    await browser.execute(() => document.activeElement?.blur());
    await browser.keys('/');
    await browser.waitUntil(async () => (await activeTestId()) === 'client-search', {
      timeoutMsg: 'search did not take the focus',
    });
  });

  it('Enter saves the client form', async () => {
    await click('new-client');
    await click('care-reminders-yes');
    await choose('preferred_contact', 'phone');
    await type('first_name', 'Keanu');
    await type('last_name', 'Enterprise');
    await type('phone', '020 7946 0000');
    await browser.keys('Enter');
    await expect($(byTest('record-name'))).toHaveText('Keanu Enterprise');
  });

  it('Esc cancels an edit without saving', async () => {
    await click('edit-client');
    const first = await el('first_name');
    await first.setValue('Changed');
    await browser.keys('Escape');
    await expect($(byTest('record-name'))).toHaveText('Keanu Enterprise');
  });

  it('arrow keys and Enter open a client from the search box', async () => {
    await click('nav-clients');
    await type('client-search', 'kea');
    await expectText(byTest('client-name'), 'Keanu Enterprise', true);
    await browser.keys('Enter');
    await expect($(byTest('record-name'))).toHaveText('Keanu Enterprise');
  });
});
