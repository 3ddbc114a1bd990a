// Pulled diagnostics carry a result id: a pull that names the result it has is told it is
// unchanged while neither the document nor the settings changed, and pulls that arrive together
// are answered from one computation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DocumentDiagnosticRequest, type DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { PULL_CAPABILITIES, startForSuite } from './support/lspClient';

const LOG = 'Nov 22 10:00:01 mx postfix/smtp[1]: A: to=<a@b.example>, dsn=4.1.1, status=bounced (said: 550 4.1.1 unknown)\n';

describe('pull diagnostics: result ids', () => {
  const client = startForSuite({ before, after }, { capabilities: PULL_CAPABILITIES, settings: null });
  let documents = 0;
  const pull = (uri: string, previousResultId?: string) =>
    client().request<DocumentDiagnosticReport>(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId });
  const full = (report: DocumentDiagnosticReport) => {
    assert.equal(report.kind, 'full', JSON.stringify(report));
    return report as DocumentDiagnosticReport & { kind: 'full'; resultId?: string };
  };

  test('unchanged while nothing changed; a new result after an edit, a settings change, a reopen', async () => {
    const uri = `file:///lsp-tests/pull/${++documents}/mail.log`;
    await client().open(uri, 'log', LOG);
    const first = full(await pull(uri));
    assert.deepEqual(
      first.items.map((d) => d.code),
      ['class-mismatch'],
    );
    assert.ok(first.resultId, 'a result id');
    assert.deepEqual(await pull(uri, first.resultId), { kind: 'unchanged', resultId: first.resultId });
    // A result id the server never gave gets the full report.
    assert.equal((await pull(uri, 'not-a-result-id')).kind, 'full');

    await client().change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'x\n' }]);
    const edited = full(await pull(uri, first.resultId));
    assert.notEqual(edited.resultId, first.resultId);
    assert.equal(edited.items.length, 1);

    await client().changeSettings({ severity: { 'class-mismatch': 'off' } });
    const silenced = full(await pull(uri, edited.resultId));
    assert.deepEqual(silenced.items, []);
    assert.notEqual(silenced.resultId, edited.resultId);

    await client().close(uri);
    await client().changeSettings(null);
    await client().open(uri, 'log', LOG);
    const reopened = full(await pull(uri, silenced.resultId));
    assert.notEqual(reopened.resultId, silenced.resultId, 'a document opened again is another document, even at version 1');
    assert.equal(reopened.items.length, 1);
  });

  test('pulls that arrive together get one answer, with one result id', async () => {
    const uri = `file:///lsp-tests/pull/${++documents}/mail.log`;
    await client().open(uri, 'log', LOG.repeat(2000));
    const reports = (await Promise.all([pull(uri), pull(uri), pull(uri)])).map(full);
    assert.equal(new Set(reports.map((r) => r.resultId)).size, 1);
    for (const report of reports) assert.deepEqual(report.items, reports[0].items);
    assert.equal(reports[0].items.length, 1, 'a log groups one repeated finding');
    assert.match(String(reports[0].items[0].message), /\(2000 times in this file\)/);
  });
});
