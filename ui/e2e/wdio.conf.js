// End-to-end tests in the real Tauri webview: WebdriverIO → tauri-driver → WebKitWebDriver.
// Run through `scripts/e2e` (it builds the app and starts Xvfb). Each spec file gets a fresh
// data folder (passed as `--data-dir`, since the app inherits tauri-driver's environment, not
// ours) and the whole run its own HOME, so WebKit's own storage starts empty too.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { join, resolve } from 'node:path';

const application = resolve(process.env.HAIRLINE_E2E_APP ?? '../target/debug/hairline-app');
const runRoot = mkdtempSync(join(tmpdir(), 'hairline-e2e-'));
const runHome = join(runRoot, 'home');
mkdirSync(runHome, { recursive: true });
let driver;
// Two runs on one machine (or two drivers in one run) need their own ports: HAIRLINE_E2E_PORT
// sets tauri-driver's, and WebKitWebDriver's is the next one.
const driverPort = Number(process.env.HAIRLINE_E2E_PORT ?? 4444);

async function waitForDriver() {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${driverPort}/status`);
      if (res.ok) return;
    } catch {
      // tauri-driver is still starting WebKitWebDriver: keep polling.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`tauri-driver did not answer on 127.0.0.1:${driverPort} within 30 s`);
}

export const config = {
  runner: 'local',
  hostname: '127.0.0.1',
  port: driverPort,
  specs: ['./specs/**/*.e2e.js'],
  maxInstances: 1,
  capabilities: [
    {
      maxInstances: 1,
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application, args: [] },
    },
  ],
  logLevel: 'warn',
  bail: 0,
  waitforTimeout: 10_000,
  connectionRetryTimeout: 60_000,
  connectionRetryCount: 2,
  framework: 'mocha',
  reporters: ['spec'],
  mochaOpts: { ui: 'bdd', timeout: 120_000 },

  onPrepare() {
    const cargoBin = join(homedir(), '.cargo', 'bin');
    driver = spawn(
      process.env.TAURI_DRIVER ?? 'tauri-driver',
      ['--port', String(driverPort), '--native-port', String(driverPort + 1)],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, HOME: runHome, PATH: `${cargoBin}:${process.env.PATH}` },
      },
    );
    driver.on('error', (e) => {
      console.error(`could not start tauri-driver: ${e.message}`);
      process.exit(1);
    });
    return waitForDriver();
  },

  /** A fresh data folder for each spec file; `reloadSession()` keeps it (an app restart). */
  beforeSession(_config, capabilities, specs) {
    const name = specs[0].split('/').pop().replace(/\W+/g, '-');
    const dataDir = mkdtempSync(join(runRoot, `${name}-`));
    capabilities['tauri:options'].args = ['--data-dir', dataDir];
    // For specs that work on the same data folder beside the app (`hairline call`).
    process.env.HAIRLINE_E2E_DATA_DIR = dataDir;
  },

  onComplete() {
    driver?.kill();
    if (!process.env.HAIRLINE_E2E_KEEP) rmSync(runRoot, { recursive: true, force: true });
  },
};
