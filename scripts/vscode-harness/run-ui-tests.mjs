#!/usr/bin/env node
// `npm run test:e2e`: the packaged extension installed into a real VS Code (VS Code's server from
// code-server) the way a user installs a .vsix, driven in headless Chromium by the mocha specs in
// test/e2e/ (Quick Open, hover, Problems panel, completion, colours, summary, quick fixes, inlay
// hints), with Dark+ screenshots; and the web package (`--target web`) in the browser's web worker
// extension host, served by same-origin.mjs in front of a second server that lacks it.
//
//   --vsix FILE           install this package instead of making both with `npm run package`
//   --web-vsix FILE       serve this web package (with --vsix; default: its -web.vsix sibling)
//   --update-screenshots  also write the screenshots into docs/images/
//   --keep                keep the temporary folder (screenshots, logs) even when the run passes
//   --grep TEXT           run only the tests whose full title contains TEXT (mocha's grep)
//   --measure             instead of the specs, the measurements of test/e2e/measure/ (`npm run
//                         bench:vscode`: opening large logs; they write docs/performance.md)
import Mocha from 'mocha';
import { cpSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { buildUiTests, packageExtension } from './build.mjs';
import { launchBrowser } from './browser.mjs';
import { runHarness } from './lifetime.mjs';
import { runCommand } from './processes.mjs';
import { repoRoot } from './paths.mjs';
import { startSameOriginServer } from './same-origin.mjs';
import { step } from './progress.mjs';
import { startVSCodeServer } from './server.mjs';
import { LOG_READING_SETTINGS, QUIET_SETTINGS } from './settings.mjs';
import { ensureChromium, ensureUnzip, ensureVSCodeServer } from './tools.mjs';
import { keepTemporaryFolders, makeTemporaryFolder } from './workdir.mjs';

const { values: options } = parseArgs({
  options: {
    vsix: { type: 'string' },
    'web-vsix': { type: 'string' },
    'update-screenshots': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    grep: { type: 'string' },
    measure: { type: 'boolean', default: false },
  },
});

/** What a person would see: Dark+, long log lines wrapped, and no Restricted Mode banner. */
const UI_SETTINGS = {
  ...QUIET_SETTINGS,
  'workbench.colorTheme': 'Default Dark+',
  ...LOG_READING_SETTINGS,
  'editor.fontSize': 14,
  'security.workspace.trust.enabled': false,
  'editor.hover.delay': 300,
  // No boxes around the word under the cursor and its other occurrences in screenshots.
  'editor.occurrencesHighlight': 'off',
  'editor.selectionHighlight': false,
  // The web client asks before opening a file over 10 MB; the desktop one, as a user has it, opens logs of 45 MB.
  'workbench.editorLargeFileConfirmation': 100,
};

async function main() {
  if (options.keep) keepTemporaryFolders();
  const specs = await buildUiTests({ measure: options.measure });
  const tools = await ensureVSCodeServer();
  const chromiumPath = ensureChromium();
  ensureUnzip();
  const work = makeTemporaryFolder('e2e');
  const { vsix, webVsix } = await packageExtension({
    given: options.vsix,
    givenWeb: options['web-vsix'],
    logFile: join(work, 'package.log'),
  });

  // Named as a postmaster's folder would be: its name shows in the screenshots.
  const workspace = join(work, 'postmaster');
  cpSync(join(repoRoot, 'test', 'fixtures', 'e2e'), workspace, { recursive: true, filter: (path) => !path.endsWith('README.md') });
  const screenshotDir = join(work, 'screenshots');
  mkdirSync(screenshotDir);
  const publishDir = options['update-screenshots'] ? join(repoRoot, 'docs', 'images') : undefined;
  if (publishDir) mkdirSync(publishDir, { recursive: true });

  const server = await startVSCodeServer(tools, { label: 'e2e-server', settings: UI_SETTINGS, install: [vsix] });
  // The web package, unpacked and served from the workbench's own origin by a server that does
  // not have it installed, so that it can only run in the browser.
  const unpacked = join(work, 'unpacked');
  await runCommand('unzip', ['-q', webVsix, 'extension/*', '-d', unpacked], {
    cwd: work,
    env: process.env,
    logFile: join(work, 'unzip.log'),
  });
  const webServer = await startVSCodeServer(tools, { label: 'web-e2e-server', settings: UI_SETTINGS });
  const web = await startSameOriginServer(webServer, join(unpacked, 'extension'));
  const browser = await launchBrowser(chromiumPath);
  const userSettingsFile = join(server.dirs.userData, 'User', 'settings.json');
  globalThis[Symbol.for('smtp-status-codes.e2e-session')] = {
    browser,
    origin: server.origin,
    workspace,
    screenshotDir,
    publishDir,
    userSettingsFile,
    web,
    serverPids: { withExtension: server.pid, withoutExtension: webServer.pid },
  };

  step(`running ${specs.length} UI spec files in Chromium`);
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: options.measure ? 10 * 60_000 : 90_000, color: process.stdout.isTTY });
  if (options.grep) mocha.grep(options.grep);
  for (const spec of specs) mocha.addFile(spec);
  const stats = await new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
  const failures = stats.failures;
  // The plain closing line CI reads (mocha's own summary says "passing").
  console.log(`e2e: ${stats.passes} passed, ${stats.failures} failed, ${stats.pending} skipped`);
  step(`screenshots: ${screenshotDir}${publishDir ? ` (also written to ${relative(repoRoot, publishDir)}/)` : ''}`);
  if (failures > 0) {
    keepTemporaryFolders();
    step(`FAILED: ${failures} UI test(s) failed (server log: ${server.logFile})`);
    return 1;
  }
  step('UI tests passed');
  return 0;
}

await runHarness(main, { deadlineSeconds: 10 * 60 });
