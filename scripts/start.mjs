#!/usr/bin/env node
// `npm start`: the extension as it stands in the working tree, in a real VS Code, on a sample
// workspace, until Ctrl+C.
//
// It packages the extension (the production build and the desktop .vsix), installs it into VS
// Code's server (the one the test harness installs and caches; the first run installs it), opens
// a copy of the end-to-end fixtures (a Postfix mail.log, an Exim mainlog, a swaks transcript, a DSN
// bounce, a Python handler, an Amazon SES payload), and prints the address to open in a browser.
// The server listens on 127.0.0.1 only: from another machine, forward the port (ssh -L).
// Ctrl+C, SIGTERM or closing the terminal stops the server with everything it started (extension
// host, language server, terminals) and removes the run's temporary folder.
//
//   --port PORT|FROM-TO   where to listen (default 8017-8099: the first free port from 8017)
//   --no-open             do not open a browser, even where there is a display
//   --vsix FILE           install this package instead of packaging the working tree
//   --keep                keep the temporary folder (logs, settings, the workspace) when it stops
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { makeVsix } from './package.mjs';
import { isFinishing, runHarness } from './vscode-harness/lifetime.mjs';
import { repoRoot } from './vscode-harness/paths.mjs';
import { runCommand } from './vscode-harness/processes.mjs';
import { step, timed } from './vscode-harness/progress.mjs';
import { startVSCodeServer } from './vscode-harness/server.mjs';
import { LOG_READING_SETTINGS, QUIET_SETTINGS } from './vscode-harness/settings.mjs';
import { ensureVSCodeServer } from './vscode-harness/tools.mjs';
import { keepTemporaryFolders, makeTemporaryFolder } from './vscode-harness/workdir.mjs';

const { values: options } = parseArgs({
  options: {
    port: { type: 'string', default: '8017-8099' },
    open: { type: 'boolean', default: true },
    vsix: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
  allowNegative: true,
});

/** A plain editor that opens on the Welcome page, where the walkthrough is, and wraps long log lines. */
const START_SETTINGS = {
  ...QUIET_SETTINGS,
  'workbench.startupEditor': 'welcomePage',
  'workbench.colorTheme': 'Default Dark Modern',
  'security.workspace.trust.enabled': false,
  ...LOG_READING_SETTINGS,
  // The walkthrough's "Go to" buttons then move the cursor in the log beside it, where it is open,
  // rather than open it again over the walkthrough.
  'workbench.editor.revealIfOpen': true,
};

async function main() {
  if (!/^\d+(-\d+)?$/.test(options.port)) throw new Error(`--port ${options.port}: give a port (8017) or a range (8017-8099)`);
  if (options.keep) keepTemporaryFolders();
  const tools = await ensureVSCodeServer();
  const work = makeTemporaryFolder('start');
  // The production build, which the .vsix packs and the terminal's smtp-status runs.
  await timed('building the extension from the working tree (node scripts/build.mjs --production)', () =>
    runCommand(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--production'], {
      cwd: repoRoot,
      env: process.env,
      logFile: join(work, 'build.log'),
    }),
  );
  const vsix = options.vsix ? resolve(options.vsix) : await makeVsix('desktop', join(work, 'smtp-status-codes.vsix'));

  // Named as a postmaster's folder would be: its name shows in the window title.
  const workspace = join(work, 'postmaster');
  cpSync(join(repoRoot, 'test', 'fixtures', 'e2e'), workspace, { recursive: true, filter: (path) => !path.endsWith('README.md') });

  // smtp-status in VS Code's terminals, ahead of whatever PATH a login shell sets up.
  const shims = commandShims(join(work, 'bin'));
  const server = await startVSCodeServer(tools, {
    label: 'start-server',
    settings: { ...START_SETTINGS, 'terminal.integrated.env.linux': { PATH: `${shims}:\${env:PATH}` } },
    install: [vsix],
    port: options.port,
    // VS Code's own Welcome page (with the walkthroughs), not code-server's.
    args: ['--default-folder', workspace, '--disable-getting-started-override'],
  });
  const url = `${server.origin}/`;
  console.log(`
  SMTP Status Codes in VS Code ${tools.vscodeVersion}, on a sample workspace:

    ${url}

  Open it in a browser (on another machine: ssh -L ${server.port}:127.0.0.1:${server.port} this-host,
  then the same address there). The Welcome page has the walkthrough "Get started with SMTP Status Codes".
  Sample workspace: ${workspace} (a copy, removed when this stops)
  Press Ctrl+C to stop.
`);
  if (options.open) openBrowser(url);
  const exit = await server.exited;
  if (isFinishing()) return 0;
  step(`FAILED: the VS Code server exited (${exit}); its log: ${server.logFile}`);
  keepTemporaryFolders();
  return 1;
}

/** `smtp-status` and `smtp-status-language-server` in `dir`, running the bundles just built. */
function commandShims(dir) {
  mkdirSync(dir, { recursive: true });
  for (const name of ['smtp-status', 'smtp-status-language-server']) {
    const shim = join(dir, name);
    writeFileSync(shim, `#!/bin/sh\nexec '${process.execPath}' '${join(repoRoot, 'bin', `${name}.js`)}' "$@"\n`);
    chmodSync(shim, 0o755);
  }
  return dir;
}

/**
 * The desktop's browser, where there is a desktop (a display and xdg-open). It is the user's
 * browser, not ours to stop: started on its own and left running.
 */
function openBrowser(url) {
  const display = process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
  if (!display || spawnSync('sh', ['-c', 'command -v xdg-open'], { stdio: 'ignore' }).status !== 0) {
    step('no display here: open the address above in a browser');
    return;
  }
  step(`opening ${url} in the desktop's browser (xdg-open)`);
  const opener = spawn('xdg-open', [url], { detached: true, stdio: 'ignore' });
  opener.on('error', (error) => step(`could not open a browser: ${error.message}`));
  opener.unref();
}

// A stop asked for (Ctrl+C, SIGTERM, a closed terminal) is how this run ends: not a failure.
await runHarness(main, { signalExitCode: 0 });
