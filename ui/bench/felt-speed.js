// The felt-speed benchmark: the release app on the 100k-client clinic, driven through WebDriver,
// each row of issue 13's table timed inside the page — from the triggering input or click event
// to the second requestAnimationFrame after the content is in the DOM — plus the start times
// (from the app's launch to its own `hairline:first-paint` and `hairline:usable` marks) and the
// idle memory (PSS) of the app and its WebKit processes. Run through `scripts/bench-ui`, which
// builds the app, prepares the clinic and passes what this needs in the environment.
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { remote } from 'webdriverio';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through scripts/bench-ui`);
  return value;
};
const APP = env('HAIRLINE_BENCH_APP');
const DATA = env('HAIRLINE_BENCH_DATA');
const OWNER = env('HAIRLINE_BENCH_OWNER');
const PASSWORD = env('HAIRLINE_BENCH_PASSWORD');
const BUSY_DAY = env('HAIRLINE_BENCH_BUSY_DAY');
const EMPTY_DAY = env('HAIRLINE_BENCH_EMPTY_DAY');
const HEAVY = env('HAIRLINE_BENCH_HEAVY_CLIENT');
const PREFIXES = env('HAIRLINE_BENCH_PREFIXES').split(',');
const PORT = Number(process.env.HAIRLINE_E2E_PORT ?? 4444);
const SAMPLES = Number(process.env.HAIRLINE_BENCH_SAMPLES ?? 5);
const STARTS = Number(process.env.HAIRLINE_BENCH_STARTS ?? 5);

const SHOTS = process.env.HAIRLINE_BENCH_SHOTS;
/** HAIRLINE_BENCH_TRACE=1: prints each sample's calls to the core and the page's busy stretches. */
const TRACE = Boolean(process.env.HAIRLINE_BENCH_TRACE);

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/** With HAIRLINE_BENCH_SHOTS set: photographs the X screen (1280×800) into that folder (made
 * if missing). */
function shot(name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  execSync(`import -window root ${join(SHOTS, `${name}.png`)}`);
}
const byTest = (id) => `[data-testid="${id}"]`;

/** Results by row: [name, samples in ms, target in ms (null: a diagnostic row), which quantile
 * the target is for]. */
const results = [];
const record = (name, samples, target, quantile = 'p99') => {
  results.push({ name, samples, target, quantile });
  console.log(`  ${name}: ${samples.map((s) => s.toFixed(0)).join(', ')} ms`);
};

// ---- inside the page ----

/**
 * Runs in the page: performs `trigger`, then waits until `until` holds in the DOM and two
 * animation frames have passed; answers the milliseconds since the trigger (or an error), and
 * `dom`: when the content was in the DOM (the rest, to `ms`, is style, layout and paint).
 * trigger: {kind: 'click', selector, text?} | {kind: 'input' | 'change', selector, value}
 * until:   {selector, min?, max?, text?, wordStart?, changedFrom?: {selector, text}}
 * trace:   also answer the calls made and the page's busy stretches (HAIRLINE_BENCH_TRACE)
 */
function measureInPage(trigger, until, timeoutMs, trace, done) {
  const find = () => {
    const all = [...document.querySelectorAll(trigger.selector)];
    return trigger.text ? all.find((e) => e.textContent.includes(trigger.text)) : all[0];
  };
  const holds = () => {
    const nodes = [...document.querySelectorAll(until.selector)];
    if (nodes.length < (until.min ?? 1)) return false;
    if (until.max !== undefined && nodes.length > until.max) return false;
    if (until.text && !nodes.some((n) => n.textContent.includes(until.text))) return false;
    if (until.wordStart) {
      const word = new RegExp(`(^|[^\\p{L}])${until.wordStart}`, 'iu');
      if (!nodes.slice(0, 10).every((n) => word.test(n.textContent))) return false;
    }
    if (until.changedFrom) {
      const other = document.querySelector(until.changedFrom.selector);
      if (!other || other.textContent === until.changedFrom.text) return false;
    }
    return true;
  };
  const target = find();
  if (!target) return done({ error: `nothing matches ${trigger.selector} ${trigger.text ?? ''}` });
  // With `trace`: each call to the core (name, sent, answered; recorded by the page's own
  // `traceCall`) and each stretch the page's thread was busy for about 4 ms or more (script,
  // style, layout or paint), in ms since the trigger.
  const calls = [];
  const busy = [];
  if (trace) {
    window.hairlineCallTrace = calls;
    // A timer chain: each turn comes back within ~4 ms (the timer clamp) unless the thread was busy.
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      if (now - last >= 8) busy.push([last - start, now - start].map(Math.round));
      last = now;
      if (!finished) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
  }
  let finished = false;
  const observer = new MutationObserver(check);
  const timer = setTimeout(() => finish({ error: `timed out waiting for ${JSON.stringify(until)}` }), timeoutMs);
  function finish(answer) {
    if (finished) return;
    finished = true;
    if (trace) {
      delete window.hairlineCallTrace;
      const since = (at) => (at === undefined ? undefined : at - start);
      Object.assign(answer, { nodes: document.getElementsByTagName('*').length, calls: calls.map((c) => ({ command: c.command, sent: since(c.sent), answered: since(c.answered) })), busy });
    }
    observer.disconnect();
    clearTimeout(timer);
    done(answer);
  }
  function check() {
    if (finished || !holds()) return;
    observer.disconnect();
    const dom = performance.now() - start;
    // Traced: style and layout forced at once, to tell their share from the paint's.
    const layout = trace ? (document.body.getBoundingClientRect(), performance.now() - start - dom) : undefined;
    requestAnimationFrame(() => requestAnimationFrame(() => finish({ ms: performance.now() - start, dom, layout })));
  }
  observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  const start = performance.now();
  if (trigger.kind === 'click') {
    target.click();
  } else {
    target.value = trigger.value;
    target.dispatchEvent(new Event(trigger.kind, { bubbles: true }));
    if (trigger.kind === 'change') target.dispatchEvent(new Event('input', { bubbles: true }));
  }
  queueMicrotask(check);
}

/** Where the time of the rows measured so far went, by row: `{ms, dom}` per sample. */
const breakdowns = new Map();

async function measure(browser, trigger, until, timeoutMs = 60_000, row = null) {
  const answer = await browser.executeAsync(measureInPage, trigger, until, timeoutMs, TRACE);
  if (answer.error) throw new Error(answer.error);
  if (TRACE && row) {
    const calls = answer.calls.map((c) => `${c.command} ${c.sent.toFixed(0)}→${c.answered?.toFixed(0) ?? '…'}`);
    const busy = answer.busy.map(([from, to]) => `${from}–${to}`);
    console.log(
      `    ${row}: in the DOM at ${answer.dom.toFixed(0)} (${answer.nodes} elements), style and layout ${answer.layout.toFixed(0)}, painted at ${answer.ms.toFixed(0)}; calls ${calls.join(', ')}; busy ${busy.join(' ')}`,
    );
  }
  if (row) breakdowns.set(row, [...(breakdowns.get(row) ?? []), answer]);
  return answer.ms;
}

/** A diagnostic row under `row`: how long until the DOM held the content (the core's answer and
 * the page's script); the rest of the row's time is style, layout and paint. (The core's own
 * share is not seen from the page: its calls leave no resource timing.) */
function recordBreakdown(row) {
  const samples = breakdowns.get(row) ?? [];
  record('  of it: until the content was in the DOM', samples.map((s) => s.dom), null);
}

/** Sets an input's value the way typing lands (no timing). */
const setValue = (browser, selector, value) =>
  browser.execute(
    (s, v) => {
      const node = document.querySelector(s);
      node.value = v;
      node.dispatchEvent(new Event('input', { bubbles: true }));
      node.dispatchEvent(new Event('change', { bubbles: true }));
    },
    selector,
    value,
  );

const textOf = (browser, selector) =>
  browser.execute((s) => document.querySelector(s)?.textContent ?? '', selector);

async function waitFor(browser, selector, timeout = 120_000) {
  await (await browser.$(selector)).waitForExist({ timeout });
}

// ---- starting the app ----

/** Launches the app; answers the session and the milliseconds to its first paint and to usable. */
async function launch() {
  const launched = Date.now();
  const browser = await remote({
    hostname: '127.0.0.1',
    port: PORT,
    logLevel: 'error',
    connectionRetryTimeout: 180_000,
    capabilities: {
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application: APP, args: ['--data-dir', DATA] },
    },
  });
  const marks = await browser.waitUntil(
    () =>
      browser.execute(() => {
        const at = (name) => performance.getEntriesByName(`hairline:${name}`)[0]?.startTime;
        const painted = at('first-paint');
        const usable = at('usable');
        if (painted === undefined || usable === undefined) return false;
        return { painted: performance.timeOrigin + painted, usable: performance.timeOrigin + usable };
      }),
    { timeout: 180_000, interval: 50, timeoutMsg: 'the app never showed its sign-in screen' },
  );
  return { browser, painted: marks.painted - launched, usable: marks.usable - launched };
}

async function signIn(browser) {
  await waitFor(browser, `${byTest('sign-in-as')}[data-name="${OWNER}"]`);
  await (await browser.$(`${byTest('sign-in-as')}[data-name="${OWNER}"]`)).click();
  await (await browser.$(byTest('password'))).setValue(PASSWORD);
  return measure(browser, { kind: 'click', selector: byTest('sign-in') }, { selector: byTest('client-row') });
}

/** Empties the backups folder, so that the next start has its daily backup due. */
function makeDailyBackupDue() {
  const folder = join(DATA, 'backups');
  for (const name of safeList(folder)) rmSync(join(folder, name), { recursive: true, force: true });
}
const safeList = (folder) => {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
};

function dropCaches() {
  try {
    execSync('sync');
    execSync('sh -c "echo 3 > /proc/sys/vm/drop_caches"', { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
async function starts() {
  console.log('starts');
  const firstPaint = [];
  const firstUsable = [];
  const coldPaint = [];
  const coldUsable = [];
  const laterPaint = [];
  const laterUsable = [];
  const signIns = [];
  for (let i = 0; i < 2; i++) {
    makeDailyBackupDue();
    const cold = dropCaches();
    const { browser, painted, usable } = await launch();
    (cold ? coldPaint : firstPaint).push(painted);
    (cold ? coldUsable : firstUsable).push(usable);
    signIns.push(await signIn(browser));
    await waitForUpkeep(browser);
    await browser.deleteSession();
  }
  for (let i = 0; i < STARTS; i++) {
    const { browser, painted, usable } = await launch();
    laterPaint.push(painted);
    laterUsable.push(usable);
    signIns.push(await signIn(browser));
    await browser.deleteSession();
  }
  if (coldPaint.length) {
    record('first start of the day, cold cache: first paint', coldPaint, 1000, 'p50');
    record('first start of the day, cold cache: usable', coldUsable, 1500, 'p50');
  }
  if (firstPaint.length) {
    record('first start of the day, warm cache: first paint', firstPaint, 1000, 'p50');
    record('first start of the day, warm cache: usable', firstUsable, 1500, 'p50');
  }
  record('later starts: first paint', laterPaint, 1000, 'p50');
  record('later starts: usable (sign-in screen)', laterUsable, 1000, 'p50');
  record('sign in → client list painted', signIns, 1000, 'p50');
}

/** Waits until the start's upkeep (the daily backup) has finished, so it does not spill over. */
async function waitForUpkeep(browser) {
  const folder = join(DATA, 'backups');
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const names = safeList(folder);
    if (names.some((n) => n.endsWith('.sqlite')) && !names.some((n) => n.endsWith('.partial'))) break;
    await pause(500);
  }
  await pause(1000);
  return browser;
}

async function goTo(browser, nav, ready) {
  await (await browser.$(byTest(nav))).click();
  await waitFor(browser, ready);
}

async function search(browser) {
  console.log('search');
  await goTo(browser, 'nav-clients', byTest('client-search'));
  const box = byTest('client-search');
  const samples = [];
  for (const prefix of PREFIXES) {
    await setValue(browser, box, prefix.slice(0, 2));
    await pause(400);
    const before = await textOf(browser, byTest('client-count'));
    samples.push(
      await measure(
        browser,
        { kind: 'input', selector: box, value: prefix },
        { selector: byTest('client-row'), wordStart: prefix, changedFrom: { selector: byTest('client-count'), text: before } },
        60_000,
        'search',
      ),
    );
    await setValue(browser, box, '');
    await pause(300);
  }
  record('search, 3rd letter → results painted', samples, 50);
  recordBreakdown('search');
  // The same calls alone, straight through Tauri's IPC from the page (the core's answer, its
  // JSON both ways and the IPC itself), and the smallest call for the IPC's own floor: the rest
  // of the row above is the page's script, style, layout and paint.
  const alone = [];
  const floor = [];
  for (const prefix of PREFIXES) {
    alone.push(await invokeTimed(browser, 'search_clients', { typed: prefix, filter: 'active', offset: 0, limit: 100 }));
    floor.push(await invokeTimed(browser, 'app_info', {}));
  }
  record('  the search call alone, over IPC (page of 100)', alone, null);
  record('  the smallest call (app_info), over IPC', floor, null);
}

/** In the page: one call to the core through Tauri's IPC, timed from the page. */
function invokeInPage(command, args, done) {
  const start = performance.now();
  window.__TAURI_INTERNALS__.invoke(command, args).then(
    () => done({ ms: performance.now() - start }),
    (e) => done({ error: `${command}: ${JSON.stringify(e)}` }),
  );
}

async function invokeTimed(browser, command, args) {
  const answer = await browser.executeAsync(invokeInPage, command, args);
  if (answer.error) throw new Error(answer.error);
  return answer.ms;
}

async function heavyRecord(browser) {
  console.log('the client with 500 sessions');
  const samples = [];
  for (let i = 0; i < SAMPLES; i++) {
    await goTo(browser, 'nav-clients', byTest('client-search'));
    await setValue(browser, byTest('client-search'), HEAVY);
    await browser.waitUntil(async () => (await textOf(browser, byTest('client-list'))).includes(HEAVY), { timeout: 30_000 });
    samples.push(
      await measure(
        browser,
        { kind: 'click', selector: byTest('client-name'), text: HEAVY },
        { selector: byTest('timeline-session') },
        60_000,
        'record',
      ),
    );
    if (i === 0) {
      await pause(500);
      shot('bench-record-500-sessions');
      if (TRACE) {
        const parts = await browser.execute(() =>
          [...document.querySelector('[data-testid="client-record"]').children].map(
            (e) => `${e.dataset.testid ?? e.className ?? e.tagName} ${e.getElementsByTagName('*').length}`,
          ),
        );
        console.log(`    the record's elements by part: ${parts.join(', ')}`);
      }
    }
  }
  record('open the client with 500 sessions', samples, 100);
  recordBreakdown('record');
}

async function recalls(browser) {
  console.log('recalls');
  const samples = [];
  for (let i = 0; i < SAMPLES; i++) {
    await goTo(browser, 'nav-clients', byTest('client-row'));
    samples.push(await measure(browser, { kind: 'click', selector: byTest('nav-recalls') }, { selector: byTest('recall-row') }));
  }
  await pause(500);
  shot('bench-recalls');
  record('Recalls page (500 rows)', samples, 100);
}

/** The whole clinic's week summary showing the week of `day`. */
const summaryOf = (day) => `${byTest('summary-cell')}[data-day="${day}"]`;
const CALENDAR_DATE = `${byTest('calendar-page')} input[type="date"]`;

async function calendar(browser) {
  console.log('calendar');
  await goTo(browser, 'nav-calendar', byTest('calendar-page'));
  const week = byTest('calendar-week');
  if (await (await browser.$(week)).isExisting()) await (await browser.$(week)).click();
  const samples = [];
  for (let i = 0; i < SAMPLES; i++) {
    await setValue(browser, CALENDAR_DATE, EMPTY_DAY);
    await waitFor(browser, summaryOf(EMPTY_DAY), 30_000);
    await pause(300);
    samples.push(await measure(browser, { kind: 'change', selector: CALENDAR_DATE, value: BUSY_DAY }, { selector: summaryOf(BUSY_DAY) }));
  }
  await pause(500);
  shot('bench-busiest-week-summary');
  record('Calendar, whole clinic, busiest week', samples, 150);
  // The busiest day, one lane per practitioner of every site: opened from the summary's heading.
  const lanes = [];
  for (let i = 0; i < SAMPLES; i++) {
    await setValue(browser, CALENDAR_DATE, BUSY_DAY);
    await waitFor(browser, summaryOf(BUSY_DAY), 30_000);
    await pause(300);
    const heading = `${byTest('summary-day')}[data-day="${BUSY_DAY}"]`;
    lanes.push(await measure(browser, { kind: 'click', selector: heading }, { selector: byTest('calendar-appointment') }, 60_000, 'lanes'));
    if (i === 0) {
      await pause(500);
      shot('bench-busiest-day-lanes');
    }
    await (await browser.$(byTest('calendar-week'))).click();
  }
  record('Calendar, whole clinic, busiest day in lanes', lanes, 150);
  recordBreakdown('lanes');
}

async function duringBackup(browser) {
  console.log('while "Back up now" runs');
  await goTo(browser, 'nav-data', byTest('back-up-now'));
  await (await browser.$(byTest('back-up-now'))).click();
  await waitFor(browser, byTest('backup-progress'), 30_000);
  const samples = [];
  for (let i = 0; i < SAMPLES; i++) {
    await goTo(browser, 'nav-catalogue', 'main');
    await pause(200);
    samples.push(await measure(browser, { kind: 'click', selector: byTest('nav-clients') }, { selector: byTest('client-row') }, 60_000, 'backup'));
  }
  record('while "Back up now" runs, open Clients', samples, 100);
  recordBreakdown('backup');
  await waitForUpkeep(browser);
}

/** Proportional set size of the app and every process under it (WebKit's), in MiB. */
function idlePss() {
  // The app is the process whose executable is APP (pgrep -f would also match its own shell).
  const app = readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .find((pid) => {
      try {
        return readlinkSync(`/proc/${pid}/exe`) === APP;
      } catch {
        return false;
      }
    });
  if (!app) throw new Error(`no running ${APP}`);
  const tree = [app];
  for (let i = 0; i < tree.length; i++) {
    const children = execSync(`pgrep -P ${tree[i]} || true`).toString().split(/\s+/).filter(Boolean);
    tree.push(...children);
  }
  let kib = 0;
  let ownKib = 0;
  const mib = (k) => (k / 1024).toFixed(0);
  for (const pid of tree) {
    // A helper process may have ended since it was listed.
    let maps = '';
    let name = '';
    try {
      maps = readFileSync(`/proc/${pid}/smaps`, 'utf8');
      name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    const { pss, own } = pssOf(maps);
    console.log(
      `  ${name} (${pid}): PSS ${mib(pss)} MiB: heap and other anonymous memory ${mib(own)}, ` +
        `mapped files (libraries with their relocations, fonts, code) ${mib(pss - own)}`,
    );
    kib += pss;
    ownKib += own;
  }
  console.log(`  in all ${mib(kib)} MiB, of it mapped files ${mib(kib - ownKib)}`);
  return { mib: kib / 1024, processes: tree.length };
}

/** A process's PSS in KiB from its smaps, and the part of it in mappings of no file (the heap,
 * the stacks, anonymous memory): what the process allocated, apart from the libraries it maps
 * (their pages shared between the processes and the pages their relocations dirtied). */
function pssOf(maps) {
  let pss = 0;
  let own = 0;
  let anonymousMapping = false;
  for (const line of maps.split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      const path = header[1];
      anonymousMapping = path === '' || (path.startsWith('[') && path !== '[vdso]' && path !== '[vvar]');
      continue;
    }
    const field = /^Pss:\s+(\d+)/.exec(line);
    if (field) {
      pss += Number(field[1]);
      if (anonymousMapping) own += Number(field[1]);
    }
  }
  return { pss, own };
}

/** The nearest-rank quantile. */
function quantile(samples, q) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

function report(pss) {
  console.log('\nfelt speed on the benchmark clinic (ms, in the page)');
  console.log(`${'row'.padEnd(52)} ${'n'.padStart(3)} ${'p50'.padStart(8)} ${'p99'.padStart(8)}  target`);
  for (const { name, samples, target, quantile: q } of results) {
    const p50 = quantile(samples, 0.5);
    const p99 = quantile(samples, 0.99);
    const judged = q === 'p50' ? p50 : p99;
    const verdict = target === null ? '(diagnostic)' : `${q} < ${target}  ${judged < target ? 'ok' : 'OVER TARGET'}`;
    console.log(`${name.padEnd(52)} ${String(samples.length).padStart(3)} ${p50.toFixed(0).padStart(8)} ${p99.toFixed(0).padStart(8)}  ${verdict}`);
  }
  const verdict = pss.mib < 250 ? 'ok' : 'OVER TARGET';
  console.log(`${'idle memory after 15 s (PSS, MiB)'.padEnd(52)} ${String(pss.processes).padStart(3)} ${pss.early.toFixed(0).padStart(8)} ${''.padStart(8)}  (diagnostic)`);
  console.log(`${'idle memory after 60 s, app + WebKit processes (PSS, MiB)'.padEnd(52)} ${String(pss.processes).padStart(3)} ${pss.mib.toFixed(0).padStart(8)} ${''.padStart(8)}  < 250  ${verdict}`);
}

async function main() {
  const only = (process.env.HAIRLINE_BENCH_ONLY ?? '').split(',').filter(Boolean);
  const wanted = (part) => only.length === 0 || only.includes(part);
  if (wanted('starts')) await starts();
  const { browser } = await launch();
  let pss = { mib: NaN, early: NaN, processes: 0 };
  try {
    await signIn(browser);
    if (wanted('search')) await search(browser);
    if (wanted('record')) await heavyRecord(browser);
    if (wanted('recalls')) await recalls(browser);
    if (wanted('calendar')) await calendar(browser);
    await goTo(browser, 'nav-clients', byTest('client-row'));
    // Idle: on the client list, 15 s after the last action and again after a minute (the app
    // hands freed memory back to the system once a minute).
    console.log('idle memory after 15 s on the client list');
    await pause(15_000);
    const early = idlePss();
    console.log('idle memory after 60 s on the client list');
    await pause(45_000);
    pss = { ...idlePss(), early: early.mib };
    if (wanted('backup')) await duringBackup(browser);
  } finally {
    await browser.deleteSession();
  }
  report(pss);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
