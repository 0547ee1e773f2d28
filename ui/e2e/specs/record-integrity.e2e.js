// The record holds exactly what was entered: a new client's four problems are all shown at once,
// and a save from a form opened before someone else's change (here the command-line tool, as a
// second copy of the app would) is refused with who changed what, then reloads to their version.
import { expect } from '@wdio/globals';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { byTest, choose, click, el, expectText, isoDay, shotIfAsked, startEmpty, type } from '../helpers.js';

const PRACTITIONER = 'Dana Reyes';

/** Runs one command of the app's command table on the open app's database. The tool acts as
 * itself (an administrator's act on the file: "the command-line tool (OS user …)"). */
function hairlineCall(command, request) {
  const database = join(process.env.HAIRLINE_E2E_DATA_DIR, 'hairline.sqlite');
  const out = execFileSync(process.env.HAIRLINE_E2E_CLI, ['call', database, command, JSON.stringify(request)], {
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

describe('the record holds exactly what was entered', () => {
  it('shows all six problems of a new client at once, the unasked questions among them', async () => {
    await startEmpty(PRACTITIONER);
    await click('nav-clients');
    await click('new-client');
    await type('last_name', 'Okafor');
    await choose('date_of_birth', isoDay(400));
    await type('phone', 'call me');
    await type('email', 'ngozi@');
    await click('save-client');
    await expectText(byTest('problem-count'), '6 problems to correct');
    for (const field of ['first_name', 'date_of_birth', 'phone', 'email', 'preferred_contact']) {
      await expect($(`[data-field="${field}"]`)).toBeDisplayed();
      await expect($(byTest(field))).toHaveAttribute('aria-invalid', 'true');
    }
    // No channel and neither answer was chosen for the client: each is marked until answered.
    expect(await browser.execute((select) => select.selectedIndex, await el('preferred_contact'))).toBe(0);
    await expect($('[data-field="care_reminders_consent"]')).toBeDisplayed();
    await expect($(byTest('care-reminders'))).toHaveAttribute('aria-invalid', 'true');
    expect(await $(byTest('care-reminders-yes')).isSelected()).toBe(false);
    expect(await $(byTest('care-reminders-no')).isSelected()).toBe(false);
    await shotIfAsked('40-client-form-six-problems');
    await click('care-reminders-yes');
    await choose('preferred_contact', 'phone');

    await type('first_name', 'Ngozi');
    await choose('date_of_birth', '1979-04-02');
    await (await el('phone')).setValue('07700 900456');
    await (await el('email')).setValue('ngozi@example.org');
    await click('save-client');
    await expect($(byTest('record-name'))).toHaveText('Ngozi Okafor');
  });

  it('refuses a save based on an old version and reloads what the other copy saved', async () => {
    await click('edit-client');
    await el('client-form');

    // Meanwhile, beside the app, a pigment allergy is added to the same client.
    const [found] = hairlineCall('search_clients', { typed: 'Okafor', filter: 'active', offset: 0, limit: 5 }).clients;
    const client = hairlineCall('get_client', { id: found.id });
    const { id, number, version, archived_at, created_at, updated_at, contraindications, ...input } = client;
    hairlineCall('update_client', {
      id,
      version,
      input: {
        ...input,
        contraindications: [{ id: null, condition: 'pigment_allergy', detail: 'reacted to a patch test', kind: { kind: 'absolute' }, clearance: null }],
      },
    });

    await (await el('address')).setValue('9 New Road, Leeds');
    await click('save-client');
    const banner = await el('error-banner');
    await expect(banner).toHaveAttribute('data-code', 'stale');
    await expectText(banner, 'the command-line tool (OS user');
    await expectText(banner, 'changed it');
    await expectText(banner, 'contraindications');
    await shotIfAsked('41-client-form-stale-save');

    await click('reload-latest');
    await expect($(byTest('error-banner'))).not.toBeExisting();
    await expect($$(byTest('contra-condition'))).toBeElementsArrayOfSize(1);
    await expect($(byTest('address'))).toHaveValue('');
    await (await el('address')).setValue('9 New Road, Leeds');
    await click('save-client');
    await expectText(byTest('contra-banner'), 'Pigment allergy');
  });
});
