// A client whose name is HTML must show as that text, inert, wherever the name appears.
import { expect } from '@wdio/globals';
import { byTest, choose, click, expectText, startEmpty, type } from '../helpers.js';

const NAME = '<img src=x onerror=alert(1)>';

describe('escaping', () => {
  it('renders a client named like an HTML tag as inert text', async () => {
    await startEmpty('Dr Bea Escaper');
    await browser.execute(() => {
      window.__xss = 0;
      window.alert = () => {
        window.__xss += 1;
      };
    });
    await click('new-client');
    await click('care-reminders-yes');
    await choose('preferred_contact', 'phone');
    await type('first_name', NAME);
    await type('last_name', 'Tester');
    await type('phone', '0161 496 0000');
    await click('save-client');

    const heading = await $(byTest('record-name'));
    await expect(heading).toHaveText(`${NAME} Tester`);
    expect(await heading.$$('img').length).toBe(0);

    await click('nav-clients');
    await expectText(byTest('client-name'), `${NAME} Tester`, true);
    expect(await $$(`${byTest('client-list')} img`).length).toBe(0);
    expect(await browser.execute(() => document.querySelectorAll('img').length)).toBe(0);
    expect(await browser.execute(() => window.__xss)).toBe(0);
  });

  it('runs no inline script: the Content-Security-Policy is in force', async () => {
    const ran = await browser.execute(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.head.appendChild(script);
      return window.__inlineRan === true;
    });
    expect(ran).toBe(false);
  });
});
