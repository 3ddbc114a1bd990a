/// <reference types="mocha" />
// "Summarise SMTP Status Codes" opens the summary of the active log in a webview beside it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, openFixture } from './support';

const WAIT_MS = 20_000;

function summaryTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.label.startsWith('SMTP status codes in'));
}

/** Resolves once `accept` holds for the summary tabs, checking now and on every tab change. */
function waitForSummaryTabs(accept: (tabs: vscode.Tab[]) => boolean, what: string): Promise<vscode.Tab[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const tabs = summaryTabs();
      if (!accept(tabs)) return;
      subscription.dispose();
      clearTimeout(deadline);
      resolve(tabs);
    };
    const subscription = vscode.window.tabGroups.onDidChangeTabs(check);
    const deadline = setTimeout(() => {
      subscription.dispose();
      reject(
        new Error(
          `timed out after ${WAIT_MS} ms waiting for ${what}; tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)).join(', ')}`,
        ),
      );
    }, WAIT_MS);
    check();
  });
}

describe('summary', () => {
  before(activeExtension);

  it('smtpStatus.summarize on mail.log opens a webview tab "SMTP status codes in mail.log" beside the log', async () => {
    await vscode.window.tabGroups.close(summaryTabs());
    const document = await openFixture('mail.log');
    await vscode.commands.executeCommand('smtpStatus.summarize');
    const [tab] = await waitForSummaryTabs((tabs) => tabs.length === 1, 'one summary tab');
    assert.equal(tab.label, 'SMTP status codes in mail.log');
    const input = tab.input as vscode.TabInputWebview;
    assert.match(input.viewType, /smtpStatus\.summary$/);
    assert.notEqual(tab.group.viewColumn, vscode.ViewColumn.One, 'beside the log, not over it');
    assert.equal(
      vscode.window.visibleTextEditors.some((e) => e.document === document),
      true,
      'the log stays visible',
    );
    await vscode.window.tabGroups.close(tab);
    await waitForSummaryTabs((tabs) => tabs.length === 0, 'the summary tab to close');
  });
});
