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
}

export const SESSION_KEY = Symbol.for('smtp-status-codes.e2e-session');

export function session(): E2ESession {
  const found = (globalThis as Record<symbol, E2ESession | undefined>)[SESSION_KEY];
  if (found === undefined) throw new Error('the UI specs run under the harness: npm run test:e2e');
  return found;
}
