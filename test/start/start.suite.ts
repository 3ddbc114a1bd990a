// `npm start` as a person uses it: run in a terminal of its own (its own process group), it prints
// an address; the workbench there has the extension working on the sample workspace (a hover on
// 5.1.1 in mail.log, in headless Chromium); Ctrl+C, SIGTERM or a closed terminal stops it, and no
// process it started is left. Every process started is found by a variable only this run puts in
// its environment (child processes inherit it), so a process that outlived its parent counts too.
// `npm run test:start` runs this suite (the first run installs VS Code's server, as npm start does);
// SMTP_STATUS_KEEP_SCREENSHOTS=1 keeps the screenshots (the hover, the terminal), and
// SMTP_STATUS_UPDATE_SCREENSHOTS=1 writes the terminal's into docs/images/ (the walkthrough's picture).
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { SESSION_KEY } from '../e2e/support/session';
import { Workbench } from '../e2e/support/workbench';
import { ROOT } from '../support/paths';

/** The first run installs Node 24 and code-server (about 2 minutes), then packages the extension. */
const URL_TIMEOUT_MS = 10 * 60_000;
const STOP_TIMEOUT_MS = 30_000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Started {
  child: ChildProcessWithoutNullStreams;
  marker: string;
  url: string;
  workspace: string;
  output: () => string;
}

/** `npm start` in a process group of its own, as a terminal runs it; resolves once it prints the address. */
async function start(): Promise<Started> {
  const marker = randomUUID();
  // Port 0: any free port, so that a developer's own `npm start` on 8017 is left alone.
  const child = spawn('npm', ['start', '--', '--no-open', '--port', '0'], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, SMTP_STATUS_START_TEST: marker, DISPLAY: '', WAYLAND_DISPLAY: '' },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const { url, workspace } = await new Promise<{ url: string; workspace: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address within ${URL_TIMEOUT_MS / 1000}s:\n${output}`)), URL_TIMEOUT_MS);
    const look = () => {
      const url = /^ {4}(http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(output)?.[1];
      const workspace = /Sample workspace: (\S+)/.exec(output)?.[1];
      if (url === undefined || workspace === undefined) return;
      clearTimeout(timer);
      resolve({ url, workspace });
    };
    child.stdout.on('data', look);
    child.on('exit', (code, signal) => reject(new Error(`npm start exited (${signal ?? code}) before printing an address:\n${output}`)));
  });
  return { child, marker, url, workspace, output: () => output };
}

/** The pids of the processes whose environment holds `marker`. */
function processesWith(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(`SMTP_STATUS_START_TEST=${marker}`))
        found.push(Number(entry));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

/**
 * Sends `signal` to the run's process group (as a terminal does), waits until none of its
 * processes is left, and checks that its temporary folder went with them.
 */
async function stop(started: Started, signal: NodeJS.Signals): Promise<void> {
  const { child } = started;
  const exited = new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', resolve)));
  process.kill(-child.pid!, signal);
  await exited;
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  let left = processesWith(started.marker);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    left = processesWith(started.marker);
  }
  const commands = left.map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 200));
  assert.deepEqual(commands, [], `processes left after ${signal}:\n${commands.join('\n')}\n${started.output()}`);
  assert.ok(!existsSync(started.workspace), 'the temporary sample workspace is removed');
  // npm passes the signal on and then ends by it; start.mjs says it stopped cleanly (where its
  // output is still read).
  if (!child.stdout.destroyed)
    assert.match(started.output(), new RegExp(`received ${signal}: stopping what was started\\n.*VS Code server stopped`));
}

/** The workbench page the server answers at `url`, fetched on the loopback interface. */
async function fetchWorkbench(url: string): Promise<string> {
  const response = await fetch(url);
  assert.equal(response.status, 200);
  return response.text();
}

describe('npm start', () => {
  const running = new Set<Started>();
  after(async () => {
    // A failed test must not leave a server running either: stopped as Ctrl+C stops it (which
    // also removes its folders), and killed if that does not do.
    for (const started of running) {
      if (processesWith(started.marker).length === 0) continue;
      try {
        process.kill(-started.child.pid!, 'SIGINT');
        const deadline = Date.now() + STOP_TIMEOUT_MS;
        while (processesWith(started.marker).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
      } catch {
        // The group is gone.
      }
      for (const pid of processesWith(started.marker)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Gone meanwhile.
        }
      }
    }
  });

  test('prints an address where VS Code has the extension working on the sample workspace; Ctrl+C stops everything', async (t) => {
    const started = await start();
    running.add(started);
    assert.match(started.output(), /SMTP Status Codes in VS Code \d+\.\d+\.\d+, on a sample workspace/);
    for (const file of ['mail.log', 'mainlog', 'session.smtp', 'bounce.eml', 'handler.py', 'ses-bounce.json'])
      assert.ok(existsSync(join(started.workspace, file)), `${file} in the sample workspace`);
    const page = await fetchWorkbench(started.url);
    assert.match(page.replace(/&quot;/g, '"'), new RegExp(`"path":"${started.workspace.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));

    if (!existsSync(CHROMIUM))
      t.diagnostic(`${CHROMIUM} is missing: the hover in the browser is not checked (npm run test:start installs Chromium)`);
    else {
      const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
      const screenshotDir = mkdtempSync(join(tmpdir(), 'smtp-status-start-test-'));
      try {
        (globalThis as Record<symbol, unknown>)[SESSION_KEY] = {
          browser,
          origin: started.url.replace(/\/$/, ''),
          workspace: started.workspace,
          screenshotDir,
        };
        const workbench = await Workbench.open();
        await workbench.openFile('mail.log');
        await workbench.waitForSquiggles();
        const hover = await workbench.hover('mail.log', '5.1.1', '550 ');
        assert.match(hover.text, /Bad destination mailbox address/);
        const screenshot = await workbench.screenshot('npm-start-hover.png');
        if (process.env.SMTP_STATUS_KEEP_SCREENSHOTS) t.diagnostic(`screenshot: ${screenshot}`);
        await workbench.page.keyboard.press('Escape');

        // The walkthrough's last step: smtp-status in VS Code's terminal, on the workspace. The
        // terminal draws on a canvas, so what it prints is read from a file it is also sent to.
        await workbench.runCommand('Terminal: Create New Terminal');
        await workbench.page.locator('.terminal-wrapper.active .xterm-screen').waitFor({ timeout: 20_000 });
        const printed = join(started.workspace, '..', 'check.txt');
        await workbench.page.keyboard.type('smtp-status check . > ../check.txt; clear\n', { delay: 20 });
        const deadline = Date.now() + 20_000;
        while (!/\d+ problems \(.*\) in \d+ files/.test(existsSync(printed) ? readFileSync(printed, 'utf8') : '') && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 200));
        assert.match(readFileSync(printed, 'utf8'), /^mail\.log:\d+:\d+: error class-mismatch /m);
        await workbench.page.keyboard.type('smtp-status check .\n', { delay: 20 });
        await workbench.page.waitForTimeout(2_000);
        const terminalShot = await workbench.screenshot('terminal-check.png');
        // The walkthrough's picture of this step.
        if (process.env.SMTP_STATUS_UPDATE_SCREENSHOTS) copyFileSync(terminalShot, join(ROOT, 'docs', 'images', 'terminal-check.png'));
        // The extension host started the language server: it is among the processes to be stopped.
        const serverRuns = processesWith(started.marker).some((pid) =>
          readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('dist/server.js'),
        );
        assert.ok(serverRuns, 'the language server runs');
        await workbench.close();
      } finally {
        await browser.close();
        if (!process.env.SMTP_STATUS_KEEP_SCREENSHOTS) rmSync(screenshotDir, { recursive: true, force: true });
      }
    }

    await stop(started, 'SIGINT');
  });

  test('SIGTERM stops everything', async () => {
    const started = await start();
    running.add(started);
    await fetchWorkbench(started.url);
    await stop(started, 'SIGTERM');
  });

  test('a closed terminal (SIGHUP, and no one reading its output) stops everything', async () => {
    const started = await start();
    running.add(started);
    await fetchWorkbench(started.url);
    // The terminal is gone: what is still written has nowhere to go.
    started.child.stdout.destroy();
    started.child.stderr.destroy();
    await stop(started, 'SIGHUP');
  });
});
