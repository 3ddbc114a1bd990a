// Debian's Chromium driven by playwright-core: headless, with a fresh profile, and unable to
// resolve any host name but the loopback one, so nothing the workbench or Chromium tries reaches
// the network.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { onFinish } from './lifetime.mjs';
import { step } from './progress.mjs';
import { makeTemporaryFolder } from './workdir.mjs';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

export async function launchBrowser(executablePath) {
  // Chromium also writes outside its profile (~/.config, ~/.cache, /tmp): keep that in the run's folder.
  const home = makeTemporaryFolder('chromium');
  const tmp = join(home, 'tmp');
  mkdirSync(tmp);
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache'), TMPDIR: tmp };
  // The harness stops the browser itself (lifetime.mjs); Playwright's own Ctrl+C handler would end
  // the process before the VS Code server is stopped.
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ARGS,
    env,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  onFinish('Chromium', async () => {
    await browser.close();
    step('Chromium closed');
  });
  return browser;
}
