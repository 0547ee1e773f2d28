// The core's clinical rules stop a session at the chair, and the UI shows its reason.
import { expect } from '@wdio/globals';
import { byTest, choose, chooseByText, click, el, expectText, isoDay, startEmpty, type } from '../helpers.js';

describe('refusals', () => {
  it('a contraindication without clearance stops the session with the core’s message', async () => {
    await startEmpty('Dr Rue Rules');
    await click('nav-catalogue');
    await type('pigment-brand', 'Scalp Ink Co');
    await type('pigment-name', 'Graphite');
    await click('save-pigment');
    await click('add-lot');
    await type('lot-number', 'GR-1');
    await choose('lot-expires', isoDay(300));
    await click('save-lot');
    await expectText(byTest('lot-row'), 'GR-1');
    await click('tab-needles');
    await type('needle-brand', 'MicroPoint');
    await type('needle-configuration', '1RL');
    await type('needle-diameter', '0.25');
    await click('save-needle');
    await expectText(byTest('needle-list'), '1RL');

    await click('nav-clients');
    await click('new-client');
    await type('first_name', 'Constance');
    await type('last_name', 'Warfield');
    await type('phone', '0113 496 0001');
    await click('add-contra');
    await choose((await $$(byTest('contra-kind')))[0], 'absolute');
    await click('save-client');
    await expect($(byTest('contra-banner'))).toBeDisplayed();
    await expectText(byTest('contra-banner'), 'Blood thinners');

    await click('new-plan');
    for (const box of await $$(byTest('plan-area'))) {
      if ((await box.getAttribute('value')) === 'crown') await box.click();
    }
    await click('save-plan');
    await click('record-session');
    await el('session-form');
    await type('duration', '90');
    const row = (await $$(byTest('zone-edit-row')))[0];
    await chooseByText(await row.$(byTest('zone-needle')), '1RL');
    await (await row.$(byTest('zone-cartridge'))).setValue('C-1');
    await (await row.$(byTest('zone-depth'))).setValue('0.9');
    await (await row.$(byTest('zone-angle'))).setValue('40');
    await chooseByText(await row.$(byTest('zone-lot')), 'GR-1');
    await (await row.$(byTest('zone-dilution'))).setValue('1:2');
    await click('save-session');

    const banner = await el('error-banner');
    await expect(banner).toHaveAttribute('data-code', 'refused');
    await expectText(banner, 'contraindication');
    await expect($(byTest('sign-session'))).not.toBeExisting();
  });
});
