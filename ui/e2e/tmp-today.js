import { startTour } from './tour-start.js';
const { browser, $, byTest, pause, shot, click, choose, firstRun, sampleClinic, run } = await startTour('tmp-today', { settle: 300 });
await run(async () => {
  await firstRun();
  await sampleClinic();
  await pause(500);
  await click('nav-today');
  await (await $(byTest('today-page'))).waitForDisplayed();
  await pause(800);
  const who = await $(byTest('today-practitioner'));
  const people = await browser.execute((node) => [...node.options].map((o) => o.value + '=' + o.textContent), who);
  console.log('people', people);
  for (const d of ['2026-11-30', '2026-12-01']) {
    for (const person of people.map((p) => p.split('=')[0])) {
      await choose(who, person);
      await choose(await $(byTest('today-day')), d);
      await pause(400);
      const text = await browser.execute(() => document.querySelector('[data-testid="today-page"]').innerText.replace(/\s+/g, ' ').slice(0, 200));
      console.log(d, person, text);
    }
  }
});
