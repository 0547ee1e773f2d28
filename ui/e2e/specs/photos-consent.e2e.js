// Photos and signed consent, end to end in the real webview: two photos of one view imported and
// compared, a treatment consent signed with drawn signatures (pointer actions on the canvas), then
// the consent shows as valid and recording a session no longer stops on the consent warning.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from '@wdio/globals';
import { byTest, choose, chooseByText, click, el, expectText, fillZone, newPlan, setUpCatalogue, signWith, startEmpty, type } from '../helpers.js';

/** With SHOTS_DIR set, photographs the X screen (the new screens' part of the screenshot tour). */
async function shot(name) {
  if (!process.env.SHOTS_DIR) return;
  await browser.pause(400);
  execFileSync('import', ['-window', 'root', join(process.env.SHOTS_DIR, `${name}.png`)]);
}

/** Puts two generated PNG photos (different colours, so two files) into the photo file input. */
async function choosePhotos() {
  const input = await $(byTest('photo-file'));
  await input.waitForExist();
  await browser.executeAsync((node, done) => {
    const make = (colour) =>
      new Promise((resolve) => {
        const canvas = document.createElement('canvas');
        canvas.width = 64;
        canvas.height = 48;
        const ctx = canvas.getContext('2d');
        ctx.fillStyle = colour;
        ctx.fillRect(0, 0, 64, 48);
        canvas.toBlob((blob) => resolve(blob), 'image/png');
      });
    Promise.all([make('#884422'), make('#224488')]).then(([a, b]) => {
      const files = new DataTransfer();
      files.items.add(new File([a], 'before.png', { type: 'image/png' }));
      files.items.add(new File([b], 'after.png', { type: 'image/png' }));
      node.files = files.files;
      node.dispatchEvent(new Event('change', { bubbles: true }));
      done();
    });
  }, input);
}

/** Draws a short zig-zag on a signature canvas with WebDriver pointer actions. */
async function draw(testid) {
  const canvas = await el(testid);
  await canvas.scrollIntoView({ block: 'center' });
  await browser
    .action('pointer', { parameters: { pointerType: 'mouse' } })
    .move({ origin: canvas, x: -120, y: 10 })
    .down()
    .move({ origin: canvas, x: -60, y: -20, duration: 50 })
    .move({ origin: canvas, x: 0, y: 20, duration: 50 })
    .move({ origin: canvas, x: 80, y: -10, duration: 50 })
    .up()
    .perform();
}

describe('photos and signed consent', () => {
  it('starts with a catalogue and a client', async () => {
    await startEmpty('Dr Ada Practitioner');
    await setUpCatalogue('LOT-2291');

    await click('nav-clients');
    await click('new-client');
    await click('care-reminders-yes');
    await choose('preferred_contact', 'phone');
    await type('first_name', 'Tomasz');
    await type('last_name', 'Wiśniewski');
    await type('phone', '07700 900456');
    await type('email', 'tomasz@example.org');
    await click('save-client');
    await expect($(byTest('record-name'))).toHaveText('Tomasz Wiśniewski');
    await expectText(byTest('consent-status'), 'No signed treatment consent');
  });

  it('imports two photos of the same view and compares them', async () => {
    await chooseByText('photo-view', 'Front');
    await choosePhotos();
    await browser.waitUntil(async () => (await $$(byTest('photo-thumb'))).length === 2, {
      timeoutMsg: 'the two photos never showed in the timeline',
    });
    await expectText(byTest('photo-view-group'), 'Front');
    for (const box of await $$(byTest('photo-select'))) await box.click();
    await click('compare-photos');
    await el('photo-compare');
    await expect($(byTest('compare-before'))).toBeDisplayed();
    // The images load through the asset protocol (the photo folder is in scope).
    await browser.waitUntil(
      () => browser.execute(() => document.querySelector('[data-testid="compare-after"]').naturalWidth === 64),
      { timeoutMsg: 'the compared photo never loaded' },
    );
    await shot('20-photos-compare');
    await click('compare-overlay');
    await el('overlay-slider');
    await shot('21-photos-overlay');
    await (await $$(byTest('photo-thumb')))[0].$('button').click();
    await el('photo-fullscreen');
    await shot('22-photo-fullscreen');
    await browser.keys('Escape');
    await expect($(byTest('photo-fullscreen'))).not.toBeExisting();
  });

  it('signs the treatment consent with drawn signatures', async () => {
    await click('sign-consent');
    await chooseByText('consent-template', 'micropigmentation');
    await expect($(byTest('consent-text'))).toBeDisplayed();
    await draw('client-signature');
    await draw('practitioner-signature');
    await (await el('client-signature')).scrollIntoView({ block: 'center' });
    await shot('23-consent-signing');
    // No question is answered for the client: saving says so and signs nothing.
    await click('save-consent');
    await expectText(byTest('consent-problem'), 'Every question needs an answer');
    // Each "No" as a keyboard user answers it: focus the choice, press Space.
    for (const no of await $$('[data-testid^="answer-no-"]')) {
      await browser.execute((input) => input.focus(), no);
      await browser.keys(' ');
    }
    await click('save-consent');
    // The countersignature is the signed-in person's, proven by their password now.
    await signWith();
    await expectText(byTest('consent-status'), 'Signed treatment consent in force');
    await expectText(byTest('signed-consent'), 'SMP treatment consent');
    await (await el('consent-panel')).scrollIntoView({ block: 'start' });
    await shot('24-consent-signed');
  });

  it('records a session without the consent warning', async () => {
    await newPlan(['crown']);
    await click('record-session');
    await el('session-form');
    await type('duration', '120');
    const [row] = await $$(byTest('zone-edit-row'));
    await fillZone(row, { zone: 'Crown', needle: '3RL', cartridge: 'CART-1', depth: '0.9', angle: '40', lot: 'LOT-2291', dilution: '1:1' });
    await click('save-session');
    await el('sign-session');
    await expect($(byTest('consent-warning'))).not.toBeExisting();
  });

  it('edits a consent form as a new version', async () => {
    await click('nav-catalogue');
    await click('tab-consent');
    // The tab lists the forms once they have loaded: wait for the row, never read a list that
    // is not there yet.
    let form;
    await browser.waitUntil(
      async () => {
        for (const row of await $$(byTest('consent-template-row'))) {
          if ((await row.getText()).includes('SMP treatment consent')) form = row;
        }
        return form !== undefined;
      },
      { timeout: 10_000, timeoutMsg: 'the consent form "SMP treatment consent" is not listed' },
    );
    const edit = await form.$(byTest('edit-template'));
    await edit.scrollIntoView({ block: 'center' });
    await edit.click();
    await type('template-title', 'Consent to scalp micropigmentation (2027)');
    await click('save-template');
    await expectText(byTest('template-history'), 'version 2');
    await shot('25-consent-templates');
  });
});
