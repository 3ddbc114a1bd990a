/// <reference types="mocha" />
// The manifest says the extension is fully supported in untrusted workspaces (it only reads the
// open documents), so Restricted Mode must not take anything away.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, hoverText, openFixture, positionOf, ruleIds, waitForDiagnostics } from './support';

describe('untrusted workspace', () => {
  it('hovers and diagnoses in Restricted Mode', async function () {
    // @vscode/test-electron always starts VS Code with --disable-workspace-trust; the harness
    // leaves trust on and says so.
    if (process.env.SMTP_STATUS_EXPECT_UNTRUSTED !== '1') this.skip();
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace is untrusted');
    assert.equal((await activeExtension()).isActive, true);
    const document = await openFixture('bounce.eml');
    assert.match(await hoverText(document, positionOf(document, '5.1.1', 'Status: ')), /Bad destination mailbox address/);
    const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length > 0, 'diagnostics');
    assert.ok(ruleIds(diagnostics).includes('class-mismatch'));
  });
});
