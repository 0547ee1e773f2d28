// Data safety in the real app: a backup taken on demand with its progress, listed and
// verified; the full integrity check finds nothing wrong.
import { expect } from '@wdio/globals';
import { appReady, byTest, click, el, expectText, startEmpty, textOf } from '../helpers.js';

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
  });

  it('checks the database on demand', async () => {
    await click('check-now');
    await expectText(byTest('check-result'), 'No problem found');
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
