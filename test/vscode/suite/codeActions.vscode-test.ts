/// <reference types="mocha" />
// Quick fixes through VS Code's own code-action command, on the diagnostics VS Code holds for the
// document, so the request goes editor -> client -> server with real diagnostics in its context.
// The edits are made in unsaved documents, never in the fixtures other suites read.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, closeWithoutSaving, openUntitled, quickFixes, ruleOf, waitForDiagnostics } from './support';

const POSTFIX_REJECT =
  'Dec  6 10:15:07 mx1 postfix/smtpd[4150]: NOQUEUE: reject: RCPT from unknown[203.0.113.77]: 550 4.1.1 <dave@example.com>: Recipient address rejected: User unknown in virtual mailbox table\n';

/** The one diagnostic of `rule` once it has arrived. */
async function diagnosticOf(document: vscode.TextDocument, rule: string): Promise<vscode.Diagnostic> {
  const diagnostics = await waitForDiagnostics(document.uri, (d) => d.some((x) => ruleOf(x) === rule), rule);
  const found = diagnostics.filter((d) => ruleOf(d) === rule);
  assert.equal(found.length, 1, `one ${rule} diagnostic: ${JSON.stringify(found)}`);
  return found[0];
}

describe('quick fixes', () => {
  before(activeExtension);

  const opened: vscode.TextDocument[] = [];
  const open = async (language: string, content: string) => {
    const document = await openUntitled(language, content);
    opened.push(document);
    return document;
  };
  afterEach(async () => {
    for (const document of opened.splice(0)) await closeWithoutSaving(document);
  });

  it('550 4.1.1: "Change the class: 5.1.1" (preferred) and "Change the reply code: 450"; the preferred one clears the diagnostic', async () => {
    const document = await open('log', POSTFIX_REJECT);
    const mismatch = await diagnosticOf(document, 'class-mismatch');
    assert.equal(document.getText(mismatch.range), '4.1.1');
    const fixes = await quickFixes(document, mismatch.range);
    assert.deepEqual(fixes.map((f) => f.title).sort(), ['Change the class: 5.1.1', 'Change the reply code: 450']);
    const preferred = fixes.filter((f) => f.isPreferred);
    assert.deepEqual(
      preferred.map((f) => f.title),
      ['Change the class: 5.1.1'],
    );
    // vscode.executeCodeActionProvider hands back title, kind, edit, command and isPreferred, but
    // not the diagnostics an action names, so the diagnostic is known here by its range alone.
    for (const fix of fixes) assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);

    assert.ok(preferred[0].edit, 'the fix is an edit');
    assert.equal(await vscode.workspace.applyEdit(preferred[0].edit), true);
    assert.match(document.lineAt(0).text, /: 550 5\.1\.1 <dave@example\.com>/);
    await waitForDiagnostics(document.uri, (d) => !d.some((x) => ruleOf(x) === 'class-mismatch'), 'class-mismatch to go');
  });

  it('550 4.1.1: "Change the reply code: 450" edits the reply code only', async () => {
    const document = await open('log', POSTFIX_REJECT);
    const mismatch = await diagnosticOf(document, 'class-mismatch');
    const byReply = (await quickFixes(document, mismatch.range)).find((f) => f.title === 'Change the reply code: 450');
    assert.ok(byReply?.edit);
    assert.equal(await vscode.workspace.applyEdit(byReply.edit), true);
    assert.match(document.lineAt(0).text, /: 450 4\.1\.1 <dave@example\.com>/);
    await waitForDiagnostics(document.uri, (d) => d.length === 0, 'no diagnostics');
  });

  it('553 5.6.10: "Replace 5.6.10 with 5.6.8" clears the deprecated diagnostic', async () => {
    const document = await open('smtp', '<-  553 5.6.10 <frank@example.net>: non-ASCII addresses are not permitted\n');
    const deprecated = await diagnosticOf(document, 'deprecated');
    assert.equal(document.getText(deprecated.range), '5.6.10');
    const fixes = await quickFixes(document, deprecated.range);
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Replace 5.6.10 with 5.6.8'],
    );
    assert.equal(fixes[0].isPreferred, true);
    assert.ok(fixes[0].edit);
    assert.equal(await vscode.workspace.applyEdit(fixes[0].edit), true);
    assert.equal(document.lineAt(0).text, '<-  553 5.6.8 <frank@example.net>: non-ASCII addresses are not permitted');
    await waitForDiagnostics(document.uri, (d) => d.length === 0, 'no diagnostics');
  });

  it('a multi-line reply whose last line differs: "Use 552 5.3.4, as on the line before" fixes reply code and code', async () => {
    const document = await open('smtp', '<-  552-5.3.4 Message too big\n<-  551 5.3.5 for this system\n');
    const inconsistent = await diagnosticOf(document, 'multiline-inconsistent');
    assert.equal(inconsistent.range.start.line, 1);
    const fixes = await quickFixes(document, inconsistent.range);
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Use 552 5.3.4, as on the line before'],
    );
    assert.ok(fixes[0].edit);
    assert.equal(await vscode.workspace.applyEdit(fixes[0].edit), true);
    assert.equal(document.lineAt(1).text, '<-  552 5.3.4 for this system');
    await waitForDiagnostics(document.uri, (d) => !d.some((x) => ruleOf(x) === 'multiline-inconsistent'), 'multiline-inconsistent to go');
  });

  it('451 4.7.99: "Accept 4.7.99 as a site-specific code" runs smtpStatus.addSiteCode, which writes smtpStatus.siteCodes', async () => {
    const configuration = () => vscode.workspace.getConfiguration('smtpStatus');
    const before = configuration().inspect<Record<string, unknown>>('siteCodes')?.workspaceValue;
    const document = await open('smtp', '<-  451 4.7.99 Policy service temporarily unavailable\n');
    const unregistered = await diagnosticOf(document, 'unregistered');
    const fixes = await quickFixes(document, unregistered.range);
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Accept 4.7.99 as a site-specific code (workspace setting)'],
    );
    const command = fixes[0].command;
    assert.ok(command, 'the fix is a command, not an edit');
    assert.equal(command.command, 'smtpStatus.addSiteCode');
    assert.deepEqual(command.arguments, ['4.7.99']);
    try {
      await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
      const siteCodes = configuration().get<Record<string, unknown>>('siteCodes') ?? {};
      assert.ok('4.7.99' in siteCodes, `smtpStatus.siteCodes holds 4.7.99: ${JSON.stringify(siteCodes)}`);
      assert.ok(
        configuration().inspect<Record<string, unknown>>('siteCodes')?.workspaceValue?.['4.7.99'],
        'written to the workspace settings',
      );
      await waitForDiagnostics(document.uri, (d) => d.length === 0, 'the unregistered diagnostic to go');
    } finally {
      await configuration().update('siteCodes', before, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(document.uri, (d) => d.some((x) => ruleOf(x) === 'unregistered'), 'the unregistered diagnostic to come back');
  });
});
