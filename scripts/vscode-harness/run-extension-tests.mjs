#!/usr/bin/env node
// `npm run test:vscode`: the mocha suite in test/vscode/ run inside a real VS Code's extension
// host (VS Code's server from code-server, its web client in headless Chromium), with the
// fixtures folder open as an untrusted workspace.
//
//   --desktop      run it in desktop VS Code with @vscode/test-electron instead (downloads VS Code;
//                  needs its download host and, without a display, xvfb-run)
//   --build-only   only build the suite into out/vscode-test/ (for @vscode/test-cli, see docs/testing.md)
//   --keep         keep the temporary folder (logs, settings) even when the run passes
import { cpSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildExtension, buildExtensionTests, extensionTestsOutDir } from './build.mjs';
import { launchBrowser } from './browser.mjs';
import { runHarness } from './lifetime.mjs';
import { repoRoot } from './paths.mjs';
import { step } from './progress.mjs';
import { startVSCodeServer } from './server.mjs';
import { QUIET_SETTINGS } from './settings.mjs';
import { ensureChromium, ensureVSCodeServer } from './tools.mjs';
import { keepTemporaryFolders, makeTemporaryFolder } from './workdir.mjs';

const args = new Set(process.argv.slice(2));
const TEST_TIMEOUT_MS = 5 * 60_000;

async function main() {
  if (args.has('--keep')) keepTemporaryFolders();
  await buildExtensionTests();
  if (args.has('--build-only')) return 0;
  if (args.has('--desktop')) return runInDesktopVSCode();

  const tools = await ensureVSCodeServer();
  const chromiumPath = ensureChromium();
  const work = makeTemporaryFolder('vscode-test');
  await buildExtension(join(work, 'build.log'));

  // A copy, so that nothing the tests or VS Code write lands in the repository.
  const workspace = join(work, 'workspace');
  cpSync(join(repoRoot, 'test', 'fixtures', 'e2e'), workspace, { recursive: true });
  const report = join(work, 'mocha-report.txt');
  writeFileSync(report, '');

  const server = await startVSCodeServer(tools, {
    label: 'vscode-test-server',
    // Trust stays on (the default), so the workspace opens in Restricted Mode.
    settings: QUIET_SETTINGS,
    env: { SMTP_STATUS_VSCODE_TEST_REPORT: report, SMTP_STATUS_EXPECT_UNTRUSTED: '1' },
    testDriver: true,
  });
  const browser = await launchBrowser(chromiumPath);
  const page = await browser.newPage();
  const consoleLog = join(work, 'browser-console.log');
  page.on('console', (message) => writeFileSync(consoleLog, `[${message.type()}] ${message.text()}\n`, { flag: 'a' }));

  const exitCode = new Promise((resolve) => void page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
  const payload = [
    ['extensionDevelopmentPath', server.remoteUri(repoRoot)],
    ['extensionTestsPath', server.remoteUri(extensionTestsOutDir)],
  ];
  const url = `${server.origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  step('opening the workbench; the extension host runs the suite');
  const stopEcho = echoWhileGrowing(report);
  await page.goto(url);
  const code = await Promise.race([exitCode, new Promise((resolve) => setTimeout(() => resolve('timeout'), TEST_TIMEOUT_MS).unref())]);
  stopEcho();
  if (code === 'timeout') {
    step(
      `FAILED: the suite did not finish within ${TEST_TIMEOUT_MS / 60_000} minutes (browser console: ${consoleLog}, server log: ${server.logFile})`,
    );
    keepTemporaryFolders();
    return 1;
  }
  const reported = readFileSync(report, 'utf8');
  if (reported.trim() === '') {
    step(`FAILED: the extension host exited (${code}) without running the suite; see ${consoleLog} and ${server.logFile}`);
    keepTemporaryFolders();
    return 1;
  }
  // The plain closing line CI reads (mocha's own summary says "passing").
  const count = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(reported)?.[1] ?? 0);
  console.log(`vscode: ${count('passing')} passed, ${count('failing')} failed, ${count('pending')} skipped`);
  if (code !== 0) {
    keepTemporaryFolders();
    step(`FAILED: extension tests exited with ${code} (browser console: ${consoleLog})`);
    return 1;
  }
  step('extension tests passed');
  return 0;
}

/** The same suite in desktop VS Code, downloaded by @vscode/test-electron into .vscode-test/. */
async function runInDesktopVSCode() {
  const { runTests } = await import('@vscode/test-electron');
  const work = makeTemporaryFolder('vscode-test-desktop');
  await buildExtension(join(work, 'build.log'));
  const workspace = join(work, 'workspace');
  cpSync(join(repoRoot, 'test', 'fixtures', 'e2e'), workspace, { recursive: true });
  step('running the suite in desktop VS Code (@vscode/test-electron)');
  try {
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(extensionTestsOutDir, 'index.js'),
      launchArgs: [workspace, '--disable-extensions'],
    });
  } catch (error) {
    keepTemporaryFolders();
    step(`FAILED: ${error?.message ?? error}`);
    return 1;
  }
  step('extension tests passed');
  return 0;
}

/** Prints what the suite appends to `file` as it goes; returns a function that prints the rest and stops. */
function echoWhileGrowing(file) {
  let printed = 0;
  const flush = () => {
    if (!existsSync(file) || statSync(file).size <= printed) return;
    const bytes = readFileSync(file);
    process.stdout.write(bytes.subarray(printed));
    printed = bytes.length;
  };
  const timer = setInterval(flush, 250);
  return () => {
    clearInterval(timer);
    flush();
  };
}

await runHarness(main, { deadlineSeconds: 10 * 60 });
