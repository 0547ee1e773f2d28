// A look at the calendar and recall screens on the sample clinic, photographed like tour.js
// (run through `scripts/screenshots`, which starts Xvfb and tauri-driver).
import { startTour } from './tour-start.js';

const { browser, $, $$, byTest, pause, shot, click, choose, firstRun, sampleClinic, run } = await startTour('tour-calendar', {
  settle: 500,
});

await run(async () => {
  await firstRun();
  await sampleClinic();
  await pause(500);

  // Today for the first practitioner and day (from today) with appointments.
  await click('nav-today');
  await (await $(byTest('today-page'))).waitForDisplayed();
  await pause(800);
  const who = await $(byTest('today-practitioner'));
  const people = await browser.execute((node) => [...node.options].map((o) => o.value), who);
  const start = new Date();
  search: for (let d = 0; d < 10; d++) {
    const dayIso = new Date(start.getTime() + d * 86_400_000).toISOString().slice(0, 10);
    for (const person of people) {
      await choose(who, person);
      await choose(await $(byTest('today-day')), dayIso);
      await pause(250);
      if (await (await $(byTest('chair-entry'))).isExisting()) break search;
    }
  }
  await shot('20-today');

  await click('nav-calendar');
  // The whole clinic's week: its summary by site and practitioner.
  await (await $(byTest('calendar-summary'))).waitForDisplayed();
  await pause(800);
  await shot('21-calendar-week');
  // One site: its time zone named, its closed days marked.
  const siteFilter = await $(byTest('calendar-site'));
  await choose(siteFilter, await browser.execute((node) => node.options[1]?.value ?? '', siteFilter));
  await pause(600);
  await shot('21b-calendar-week-one-site');
  const appointments = await $$(byTest('calendar-appointment'));
  if (appointments.length > 0) {
    await appointments[0].click();
    await (await $(byTest('appointment-panel'))).waitForDisplayed();
    await click('appointment-reminder');
    await shot('22-calendar-appointment');
  }
  await choose(siteFilter, '');
  await pause(300);
  await click('calendar-day');
  await pause(500);
  for (let i = 0; i < 7 && !(await (await $(byTest('calendar-appointment'))).isExisting()); i++) {
    await (await $('[aria-label="Next"]')).click();
    await pause(400);
  }
  await shot('23-calendar-day');
  await click('calendar-book');
  await (await $(byTest('booking-form'))).waitForDisplayed();
  await (await $(byTest('book-client-search'))).setValue('a');
  await pause(600);
  const option = await $(byTest('book-client-option'));
  if (await option.isExisting()) await option.click();
  await pause(300);
  await click('book-save');
  await pause(600);
  await shot('24-booking-form-error');

  await click('nav-recalls');
  await (await $(byTest('recalls-page'))).waitForDisplayed();
  await pause(800);
  await shot('25-recalls-worklist');
  const log = await $(byTest('recall-log'));
  if (await log.isExisting()) {
    const rows = await $$(byTest('recall-row'));
    for (const row of rows) {
      const button = await row.$(byTest('recall-log'));
      if (await button.isEnabled()) {
        await button.click();
        break;
      }
    }
    await pause(300);
    await shot('26-recalls-log-call');
    await browser.keys(['Escape']);
  }
  const book = await $(byTest('recall-book'));
  if (await book.isExisting()) {
    await book.click();
    await pause(600);
    await shot('27-recalls-book');
    await browser.keys(['Escape']);
  }
  await click('recalls-tab-flagged');
  await pause(600);
  await shot('28-recalls-flagged');

  await click('nav-clinic');
  await (await $(byTest('clinic-page'))).waitForDisplayed();
  await pause(600);
  await shot('29-clinic');
  const edit = await $(`${byTest('site-item')} button`);
  if (await edit.isExisting()) {
    await edit.click();
    await pause(300);
    await (await $(byTest('site-form'))).scrollIntoView();
    await shot('30-clinic-site-form');
  }

  await click('nav-recalls');
  await (await $(byTest('recall-row'))).waitForDisplayed();
  await (await $(`${byTest('recall-row')} .row-link`)).click();
  await (await $(byTest('client-schedule'))).waitForDisplayed();
  await (await $(byTest('client-schedule'))).scrollIntoView();
  await pause(500);
  await shot('31-client-schedule');
});
