/// <reference types="mocha" />
// The problems VS Code shows for the fixtures: exactly the known ones, with rule ids, links and
// the default severities.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, closeWithoutSaving, openFixture, openUntitled, ruleIds, ruleOf, waitForDiagnostics } from './support';

/**
 * The problems each fixture was written to contain (test/fixtures/e2e/README.md). In logs and
 * messages a finding that repeats is reported once, with a count.
 */
const EXPECTED_RULES: Record<string, string[]> = {
  'mail.log': ['class-mismatch', 'deprecated', 'unregistered'],
  mainlog: ['class-mismatch', 'unknown-subject'],
  'session.smtp': ['class-mismatch'],
  'bounce.eml': ['class-mismatch', 'status-diagnostic-mismatch'],
  'handler.py': ['class-mismatch'],
};

describe('diagnostics', () => {
  before(activeExtension);

  for (const [name, expected] of Object.entries(EXPECTED_RULES)) {
    it(`${name}: ${expected.join(', ')} and nothing else`, async () => {
      const document = await openFixture(name);
      const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length >= expected.length, `${expected.length} diagnostics`);
      assert.deepEqual(ruleIds(diagnostics), expected);
    });
  }

  it('marks 550 4.1.1 as an error with a link to RFC 2034 section 4', async () => {
    const document = await openFixture('mail.log');
    const diagnostics = await waitForDiagnostics(document.uri, (d) => d.some((x) => ruleOf(x) === 'class-mismatch'), 'class-mismatch');
    const mismatch = diagnostics.find((d) => ruleOf(d) === 'class-mismatch');
    assert.ok(mismatch);
    assert.equal(document.getText(mismatch.range), '4.1.1');
    assert.equal(mismatch.severity, vscode.DiagnosticSeverity.Error);
    assert.match(mismatch.message, /550/);
    const code = mismatch.code as { value: string; target: vscode.Uri };
    assert.equal(code.target.toString(true), 'https://www.rfc-editor.org/rfc/rfc2034#section-4');
  });

  it('marks the deprecated 5.6.10 (dsn= and reply) once, as a warning tagged deprecated, with a count', async () => {
    const document = await openFixture('mail.log');
    const diagnostics = await waitForDiagnostics(document.uri, (d) => d.some((x) => ruleOf(x) === 'deprecated'), 'deprecated');
    const deprecated = diagnostics.filter((d) => ruleOf(d) === 'deprecated');
    assert.equal(deprecated.length, 1);
    const [d] = deprecated;
    assert.equal(document.getText(d.range), '5.6.10');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(d.tags, [vscode.DiagnosticTag.Deprecated]);
    assert.match(d.message, /use 5\.6\.8 instead.*2 times/);
    assert.equal(d.relatedInformation?.length, 1, 'the other occurrence is listed');
  });

  it("an SES payload's action against its status, in JSON and YAML", async () => {
    for (const [language, content] of [
      ['json', '{"bouncedRecipients": [{"action": "delivered", "status": "5.1.1"}], "version": "5.1.1"}\n'],
      ['yaml', 'bouncedRecipients:\n  - action: delivered\n    status: 5.1.1\nversion: 5.1.1\n'],
    ] as const) {
      const document = await openUntitled(language, content);
      const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length >= 1, `a diagnostic in ${language}`);
      assert.deepEqual(ruleIds(diagnostics), ['action-status-mismatch'], language);
      assert.equal(document.getText(diagnostics[0].range), 'delivered');
      await closeWithoutSaving(document);
    }
  });

  it('Kotlin, Erlang and TOML files open in languages the extension declares, and their strings are checked', async () => {
    for (const [language, content] of [
      ['kotlin', 'val reply = """550 4.1.1 unknown"""\n'],
      ['erlang', '-define(REPLY, <<"550 4.1.1 unknown">>).\n'],
      ['toml', 'reject = "550 4.1.1 unknown"\n'],
    ] as const) {
      const document = await openUntitled(language, content);
      const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length >= 1, `a diagnostic in ${language}`);
      assert.deepEqual(ruleIds(diagnostics), ['class-mismatch'], language);
      await closeWithoutSaving(document);
    }
  });
});
