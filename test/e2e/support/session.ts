// What the harness (scripts/vscode-harness/run-ui-tests.mjs) hands the UI specs: it owns the
// VS Code server and the browser, and stops them whatever the specs do.
import type { Browser } from 'playwright-core';

export interface E2ESession {
  browser: Browser;
  /** The VS Code server's web address, http://127.0.0.1:PORT */
  origin: string;
  /** The folder VS Code opens: a copy of test/fixtures/e2e. */
  workspace: string;
  /** Where this run's screenshots go. */
  screenshotDir: string;
  /** Also copy the named screenshots here (docs/images), when the run was asked to. */
  publishDir?: string;
  /** The user settings.json the server was seeded with; VS Code applies changes made to it. */
  userSettingsFile: string;
  /**
   * A second VS Code server, without the extension, behind a front door that also serves the
   * unpacked .vsix (scripts/vscode-harness/same-origin.mjs): installed from there, the extension
   * runs in the browser's web worker extension host.
   */
  web: { origin: string; extensionUrl: string };
  /** The two servers' processes (the extension hosts of their windows are their descendants). */
  serverPids: { withExtension: number; withoutExtension: number };
}

export const SESSION_KEY = Symbol.for('smtp-status-codes.e2e-session');

export function session(): E2ESession {
  const found = (globalThis as Record<symbol, E2ESession | undefined>)[SESSION_KEY];
  if (found === undefined) throw new Error('the UI specs run under the harness: npm run test:e2e');
  return found;
}
