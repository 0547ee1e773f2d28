// A look at every screen as a user would see it, on the sample clinic: drives the real app
// through tauri-driver and photographs the whole X screen with ImageMagick's `import` after
// each step. Run through `scripts/screenshots` (it starts Xvfb and tauri-driver).
import { startTour } from './tour-start.js';

const { browser, $, $$, byTest, pause, shot, click, choose, firstRun, sampleClinic, signInScreen, run } = await startTour('tour', { settle: 400 });

await run(async () => {
  await firstRun();
  await shot('01-first-run');
  await sampleClinic();
  await signInScreen('01b-sign-in-sample');
  await shot('02-clients');
  await (await $(byTest('client-search'))).setValue('mar');
  await pause(300);
  await shot('03-search');

  // A client with contraindications and signed sessions.
  await (await $(byTest('client-search'))).clearValue();
  await browser.keys(['Escape']);
  await pause(300);
  const rows = await $$(byTest('client-row'));
  let opened = false;
  for (const row of rows) {
    const text = await browser.execute((n) => n.textContent, row);
    if (text.includes('contraindication')) {
      await (await row.$(byTest('client-name'))).click();
      opened = true;
      break;
    }
  }
  if (!opened) await (await $(byTest('client-name'))).click();
  await (await $(byTest('client-record'))).waitForDisplayed();
  await shot('04-client-record');
  await browser.execute(() => window.scrollTo(0, document.body.scrollHeight));
  await shot('05-client-record-timeline');
  await browser.execute(() => window.scrollTo(0, 0));

  await click('open-plan');
  await (await $(byTest('plan-page'))).waitForDisplayed();
  await shot('06-plan');

  const sessions = await $$(byTest('plan-slot'));
  if (sessions.length > 0) {
    const open = await sessions[0].$('button');
    await open.click();
    await (await $(byTest('session-page'))).waitForDisplayed();
    await shot('07-session-signed');
  }

  // Record a new session for a client: the grid pre-filled "same as last time".
  await click('nav-clients');
  const record = await $(byTest('client-name'));
  await record.waitForDisplayed();
  await record.click();
  await (await $(byTest('client-record'))).waitForDisplayed();
  if (await (await $(byTest('record-session'))).isExisting()) {
    await click('record-session');
  } else {
    await click('new-plan');
    for (const box of await $$(byTest('plan-area'))) {
      const v = await box.getAttribute('value');
      if (v === 'frontal_hairline' || v === 'crown') await box.click();
    }
    await choose(await $(byTest('plan-look')), 'shaved_buzz');
    await click('save-plan');
    await click('record-session');
  }
  await (await $(byTest('session-form'))).waitForDisplayed();
  const depth = await $(byTest('zone-depth'));
  await depth.setValue('1.1');
  await shot('08-session-new');

  await click('nav-clients');
  await click('new-client');
  await (await $(byTest('last_name'))).setValue('A-very-long-double-barrelled-surname-that-goes-on-and-on');
  await (await $(byTest('email'))).setValue('not-an-email');
  await click('add-contra');
  await click('save-client');
  await pause(300);
  await shot('09-client-form-errors');
  await (await $(byTest('first_name'))).setValue('Aleksandra');
  await (await $(byTest('email'))).setValue('aleksandra@example.org');
  await (await $(byTest('phone'))).setValue('07700 900456');
  await click('care-reminders-yes');
  await choose(await $(byTest('preferred_contact')), 'phone');
  await choose(await $(byTest('contra-condition')), 'blood_thinners');
  await choose(await $(byTest('contra-kind')), 'needs_clearance');
  await (await $('[data-field-input="contraindications[0].detail"]')).setValue('Warfarin 5 mg daily, INR checked monthly');
  await click('save-client');
  await (await $(byTest('contra-banner'))).waitForDisplayed();
  await shot('09b-record-contraindication');

  await click('nav-catalogue');
  await (await $(byTest('pigment'))).waitForDisplayed();
  await shot('10-catalogue-pigments');
  await click('tab-needles');
  await shot('11-catalogue-needles');
  await click('tab-staff');
  await shot('12-catalogue-staff');
});
