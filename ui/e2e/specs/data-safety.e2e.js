// Data safety in the real app: a backup taken on demand with its progress, listed and
// verified; the full integrity check finds nothing wrong.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@wdio/globals';
import { appReady, byTest, choose, click, el, expectNoSidewaysScroll, expectText, shotIfAsked, startEmpty, textOf, type } from '../helpers.js';

describe('data safety', () => {
  before(async () => {
    await appReady();
    await startEmpty('Dana Whitfield');
  });

  it('backs up on demand and lists the verified backup', async () => {
    await click('nav-data');
    await el('data-page');
    await click('back-up-now');
    await expectText(byTest('data-notice'), 'Backed up and verified');
    // The notice names the new file; the list (rotated: one backup a day is kept) shows it.
    const notice = await textOf(byTest('data-notice'));
    const file = notice.match(/verified: (\S+\.sqlite)/)[1];
    await browser.waitUntil(async () => (await textOf(byTest('backup-list'))).includes(file), {
      timeoutMsg: `${file} is listed`,
    });
    await expectNoSidewaysScroll('the Data safety page');
    await shotIfAsked('42-data-safety-backups');
  });

  it('checks the database on demand', async () => {
    await click('check-now');
    await expectText(byTest('check-result'), 'No problem found');
  });

  it("exports a client's record and erases them only after typed confirmation", async () => {
    await click('nav-clients');
    await click('new-client');
    await click('care-reminders-yes');
    await choose('preferred_contact', 'phone');
    await type('first_name', 'Ophelia');
    await type('last_name', 'Quennell');
    await type('phone', '07700 900555');
    await click('save-client');
    await el('record-name');
    await click('nav-data');
    await type('data-client-search', 'quen');
    await click('data-client-pick');
    await click('export-client');
    await expectText(byTest('data-notice'), 'client-1-');
    await click('print-client');
    await expectText(byTest('print-page'), 'Everything held about Ophelia Quennell (#1)');
    await click('nav-data');
    await type('data-client-search', 'quen');
    await click('data-client-pick');
    await click('erase-client');
    await type('erase-confirmation', 'Someone Else');
    await click('erase-go');
    await expectText(byTest('error-banner'), 'Ophelia Quennell');
    await type('erase-confirmation', 'Ophelia Quennell');
    await click('erase-go');
    await expectText(byTest('data-notice'), 'Erased client #1');
    // The name is gone from search.
    await click('nav-clients');
    await type('client-search', 'quen');
    await el('clients-empty');
  });

  it('imports clients from a CSV file: bad rows listed by line, then all at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hairline-csv-'));
    const bad = join(dir, 'bad.csv');
    const good = join(dir, 'good.csv');
    writeFileSync(bad, 'First Name,Surname,DOB,Mobile\nAda,Lovelace,10/12/1985,07700 900001\nBo,,31/02/1990,07700 900002\n');
    writeFileSync(good, '\ufeffFirst Name,Surname,DOB,Mobile\nAda,Lovelace,10/12/1985,07700 900001\n"Ng, Jr",Chen,01/03/1979,07700 900003\n');
    await click('nav-data');
    await (await el('import-file')).setValue(bad);
    await click('import-check');
    await expectText(byTest('import-problems'), 'Line 3');
    await expect($(byTest('import-go'))).not.toBeExisting();
    await (await el('import-file')).setValue(good);
    // Its dates (10/12/1985, 01/03/1979) read both ways: no order is chosen for the user.
    const order = await el('import-date-order');
    expect(await browser.execute((node) => node.selectedOptions[0]?.textContent, order)).toBe('Choose…');
    await click('import-check');
    await expectText('[data-field="date_order"]', 'could be read day first or month first');
    await expect($(byTest('import-go'))).not.toBeExisting();
    await choose('import-date-order', 'day_first');
    await click('import-check');
    await shotIfAsked('43-import-ready');
    await click('import-go');
    await expectText(byTest('data-notice'), 'Imported 2 clients');
    await click('nav-clients');
    await type('client-search', 'lovel');
    await expectText(byTest('client-list'), 'Lovelace');
  });

  it('exports the whole practice as an archive', async () => {
    await click('nav-data');
    await click('export-practice');
    await expectText(byTest('data-notice'), 'practice-');
  });

  it('asks before restoring and restores all or nothing', async () => {
    const rows = await $$(byTest('backup-row'));
    await (await rows[0].$('button')).click();
    await el('restore-confirm');
    await click('restore-go');
    await expectText(byTest('data-notice'), 'Restored from');
    await expect($(byTest('restore-confirm'))).not.toBeExisting();
  });
});
