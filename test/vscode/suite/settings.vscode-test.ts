/// <reference types="mocha" />
// Changing the extension's settings takes effect in open documents without a reload.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, hoverText, openFixture, positionOf, ruleIds, waitForDiagnostics, withSetting } from './support';

const hasRule = (rule: string) => (rules: string[]) => rules.includes(rule);

describe('settings', () => {
  before(activeExtension);

  it('smtpStatus.severity.class-mismatch "off" removes the class-mismatch diagnostic, and only it', async () => {
    const document = await openFixture('mail.log');
    const before = ruleIds(await waitForDiagnostics(document.uri, (d) => hasRule('class-mismatch')(ruleIds(d)), 'class-mismatch'));
    await withSetting('severity.class-mismatch', 'off', async () => {
      const after = ruleIds(await waitForDiagnostics(document.uri, (d) => !hasRule('class-mismatch')(ruleIds(d)), 'class-mismatch to go'));
      assert.deepEqual(
        after,
        before.filter((r) => r !== 'class-mismatch'),
      );
    });
    await waitForDiagnostics(document.uri, (d) => hasRule('class-mismatch')(ruleIds(d)), 'class-mismatch to come back');
  });

  it('smtpStatus.severity.unregistered "error" raises the severity', async () => {
    const document = await openFixture('mail.log');
    await withSetting('severity.unregistered', 'error', async () => {
      await waitForDiagnostics(
        document.uri,
        (d) => d.some((x) => document.getText(x.range) === '4.7.99' && x.severity === vscode.DiagnosticSeverity.Error),
        '4.7.99 as an error',
      );
    });
  });

  it('smtpStatus.enable false removes every diagnostic and the hover; true brings them back', async () => {
    const document = await openFixture('session.smtp');
    await waitForDiagnostics(document.uri, (d) => d.length > 0, 'diagnostics');
    const where = positionOf(document, '5.1.1', '550 ');
    assert.match(await hoverText(document, where), /Bad destination mailbox address/);
    await withSetting('enable', false, async () => {
      await waitForDiagnostics(document.uri, (d) => d.length === 0, 'no diagnostics');
      assert.equal(await hoverText(document, where), '');
    });
    await waitForDiagnostics(document.uri, (d) => d.length > 0, 'diagnostics to come back');
    assert.match(await hoverText(document, where), /Bad destination mailbox address/);
  });
});
