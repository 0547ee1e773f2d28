// The core's clinical rules stop a session at the chair, and the UI shows its reason.
import { expect } from '@wdio/globals';
import { byTest, choose, click, el, expectText, fillZone, newPlan, setUpCatalogue, startEmpty, type } from '../helpers.js';

describe('refusals', () => {
  it('a contraindication without clearance stops the session with the core’s message', async () => {
    await startEmpty('Dr Rue Rules');
    await setUpCatalogue('GR-1', { shade: 'Graphite', expiresIn: 300, needle: '1RL', diameter: '0.25' });

    await click('nav-clients');
    await click('new-client');
    await click('care-reminders-yes');
    await choose('preferred_contact', 'phone');
    await type('first_name', 'Constance');
    await type('last_name', 'Warfield');
    await type('phone', '0113 496 0001');
    await click('add-contra');
    // Nothing is chosen for the practitioner: the condition and what it means are both named.
    await click('save-client');
    await expect($('[data-field="contraindications[0].condition"]')).toBeDisplayed();
    await expect($('[data-field="contraindications[0].kind"]')).toBeDisplayed();
    await choose((await $$(byTest('contra-condition')))[0], 'blood_thinners');
    await choose((await $$(byTest('contra-kind')))[0], 'absolute');
    await click('save-client');
    await expect($(byTest('contra-banner'))).toBeDisplayed();
    await expectText(byTest('contra-banner'), 'Blood thinners');

    await newPlan(['crown']);
    await click('record-session');
    await el('session-form');
    await type('duration', '90');
    const row = (await $$(byTest('zone-edit-row')))[0];
    await fillZone(row, { needle: '1RL', cartridge: 'C-1', depth: '0.9', angle: '40', lot: 'GR-1', dilution: '1:2' });
    await click('save-session');

    const banner = await el('error-banner');
    await expect(banner).toHaveAttribute('data-code', 'refused');
    await expectText(banner, 'contraindication');
    await expect($(byTest('sign-session'))).not.toBeExisting();
  });
});
