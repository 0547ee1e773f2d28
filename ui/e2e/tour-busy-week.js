// The calendar on a large clinic's busiest week (run through `scripts/busy-week-shots`, which
// starts Xvfb and tauri-driver on an existing data folder): photographs the whole clinic's week
// summary, the busiest day's lanes (the busiest site's, and the whole clinic's) and the busiest
// site's week grid at 1280×800, and times opening the week in the page — from the click on "Next"
// to the second animation frame after the summary is in the document — BUSY_SAMPLES times.
import { startTour } from './tour-start.js';
import { OWNER_PASSWORD } from './helpers.js';

const week = process.env.BUSY_WEEK; // its Monday
const day = process.env.BUSY_DAY;
const site = process.env.BUSY_SITE; // the busiest site's name
const samples = Number(process.env.BUSY_SAMPLES ?? 5);
const { browser, $, byTest, pause, shot, click, choose, run } = await startTour('busy-week', {
  settle: 600,
  dataDir: process.env.BUSY_DATA_DIR,
});

/** Clicks `button` inside the page and answers the milliseconds until the second frame after
 * `selector` is in the document. */
function timeOpening(button, selector, done) {
  const started = performance.now();
  const painted = () =>
    requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - started)));
  const observer = new MutationObserver(() => {
    if (document.querySelector(selector)) {
      observer.disconnect();
      painted();
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  button.click();
}

/** Logs how far the page reaches past the window's width (0: nothing scrolls sideways). */
async function sideways(screen) {
  const past = await browser.execute(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  console.log(`${screen}: ${past}px past the window's width`);
}

await run(async () => {
  const owner = await $(byTest('owner-screen'));
  await owner.waitForDisplayed({ timeout: 120_000 });
  await (await $(byTest('owner-name'))).setValue('Olive Oduya');
  await (await $(byTest('owner-password'))).setValue(OWNER_PASSWORD);
  await (await $(byTest('owner-repeat'))).setValue(OWNER_PASSWORD);
  await click('create-owner');
  await (await $(byTest('nav-calendar'))).waitForDisplayed({ timeout: 120_000 });
  await click('nav-calendar');
  await (await $(byTest('calendar-summary'))).waitForDisplayed({ timeout: 60_000 });
  const dateInput = await $('input[type="date"]');
  const before = new Date(Date.parse(`${week}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
  const target = `[data-testid="summary-cell"][data-day="${week}"]`;
  const times = [];
  for (let i = 0; i < samples; i++) {
    await choose(dateInput, before);
    await (await $(`[data-testid="summary-cell"][data-day="${before}"]`)).waitForExist({ timeout: 30_000 });
    await pause(300);
    const next = await $('[aria-label="Next"]');
    times.push(await browser.executeAsync(timeOpening, next, target));
  }
  times.sort((a, b) => a - b);
  console.log(`whole clinic, busiest week (${week}) open, ms: ${times.map((t) => t.toFixed(0)).join(' ')}; median ${times[Math.floor(times.length / 2)].toFixed(0)}`);
  const count = await (await $(byTest('calendar-zone'))).getText();
  console.log(`shown: ${count}`);
  await shot('busy-01-week-summary');
  await sideways('busy-01-week-summary');

  // The busiest day of the busiest site: its practitioners' lanes.
  const siteRow = await $(`${byTest('summary-site')}*=${site}`);
  await (await siteRow.$(`[data-testid="summary-cell"][data-day="${day}"]`)).click();
  await (await $(byTest('calendar-lanes'))).waitForDisplayed({ timeout: 30_000 });
  await shot('busy-02-day-site-lanes');
  await sideways('busy-02-day-site-lanes');

  // The same day for the whole clinic: every practitioner's lane, by site.
  const siteFilter = await $(byTest('calendar-site'));
  const started = await browser.execute(() => performance.now());
  await choose(siteFilter, '');
  await (await $(byTest('lanes-site'))).waitForExist({ timeout: 30_000 });
  const lanesMs = (await browser.execute(() => performance.now())) - started;
  console.log(`whole clinic, busiest day lanes, about ${lanesMs.toFixed(0)} ms (WebDriver round trips included)`);
  await shot('busy-03-day-whole-clinic');
  await sideways('busy-03-day-whole-clinic');

  // The busiest site's week: a grid whose crowded hours fold into "+N".
  await choose(siteFilter, await browser.execute((node, name) => [...node.options].find((o) => o.textContent.includes(name))?.value ?? '', siteFilter, site));
  await click('calendar-week');
  await (await $(byTest('calendar-grid'))).waitForDisplayed({ timeout: 30_000 });
  await shot('busy-04-site-week');
  await sideways('busy-04-site-week');
});
