import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { repoPath } from '../support/paths';
import { PULL_CAPABILITIES, startForSuite, type Diagnostic, type Hover } from './support/lspClient';

// Delivery status notifications and feedback reports through the built server: the rules that read a
// recipient's fields together, the vendor a bounce names for every code in it, hovers on fields.

const fixture = (name: string) => readFileSync(repoPath('test', 'fixtures', 'dsn', name), 'utf8');

let documents = 0;
const uriFor = (name: string) => `file:///lsp-tests/reports/${++documents}/${name}`;

/** `line:character code` (0-based) of each diagnostic. */
const brief = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`);

function markdown(hover: Hover | null, where: string): string {
  assert.ok(hover, `a hover ${where}`);
  assert.ok(typeof hover.contents === 'object' && 'kind' in hover.contents && hover.contents.kind === 'markdown', where);
  return hover.contents.value.replace(/\\/g, '');
}

const DSN = [
  'Reporting-MTA: dns; mx.example.net',
  '',
  'Final-Recipient: rfc822; gone@example.com',
  'Action: delayed',
  'Status: 5.1.1',
  '',
  'Final-Recipient: rfc822; expired@example.com',
  'Action: failed',
  'Status: 4.4.7',
  'Diagnostic-Code: smtp; 421 4.4.7 Message expired',
  '',
  'Final-Recipient: rfc822; precise@example.com',
  'Action: failed',
  'Status: 5.0.0',
  'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
  '',
].join('\n');

describe('delivery status notifications over the built server', () => {
  const client = startForSuite({ before, after }, { capabilities: PULL_CAPABILITIES, settings: null });

  test('Action: delayed with Status: 5.1.1 is action-status-mismatch; Action: failed with Status: 4.4.7 is not', async () => {
    const uri = uriFor('bounce.eml');
    await client().open(uri, 'email', DSN);
    const diagnostics = await client().diagnostics(uri);
    assert.deepEqual(brief(diagnostics), ['3:8 action-status-mismatch', '13:8 status-diagnostic-mismatch']);
    const [mismatch, diagnostic] = diagnostics;
    assert.match(String(mismatch.message), /^Action delayed with Status 5\.1\.1/);
    assert.equal(mismatch.severity, 2, 'warning');
    assert.deepEqual(mismatch.relatedInformation?.[0].location.range, {
      start: { line: 4, character: 8 },
      end: { line: 4, character: 13 },
    });
    assert.match(String(diagnostic.message), /Status 5\.0\.0 is less precise than 5\.1\.1 in the Diagnostic-Code/);
    assert.equal(diagnostic.severity, 3, 'information');
  });

  test('an edit to an Action is seen: the report is read again', async () => {
    const uri = uriFor('edited.eml');
    await client().open(uri, 'email', DSN);
    await client().change(uri, [{ range: { start: { line: 7, character: 8 }, end: { line: 7, character: 14 } }, text: 'delivered' }]);
    assert.deepEqual(brief(await client().diagnostics(uri)), [
      '3:8 action-status-mismatch',
      '7:8 action-status-mismatch',
      '13:8 status-diagnostic-mismatch',
    ]);
    await client().change(uri, [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 15 } }, text: 'failed' }]);
    assert.deepEqual(brief(await client().diagnostics(uri)), ['7:8 action-status-mismatch', '13:8 status-diagnostic-mismatch']);
  });

  test("every code of a Microsoft NDR is Microsoft's: vendor-specific, never unregistered", async () => {
    const sendmail = uriFor('refused.eml');
    await client().open(sendmail, 'email', fixture('sendmail-refused-by-microsoft.eml'));
    const [only, ...more] = await client().diagnostics(sendmail);
    assert.equal(more.length, 0, 'the four 5.7.606 are one finding');
    assert.equal(only.code, 'vendor-specific');
    assert.match(
      String(only.message),
      /^5\.7\.606 is Microsoft 365 \/ Exchange Online's own code \(Banned sending IP address\).*\(4 times in this file\)$/,
    );
    assert.equal(only.relatedInformation?.length, 3);

    const exchange = uriFor('ndr.eml');
    await client().open(exchange, 'email', fixture('exchange-online-ndr.eml'));
    const codes = (await client().diagnostics(exchange)).map((d) => `${d.code} ${/^\d\.\d+\.\d+/.exec(String(d.message))?.[0]}`);
    assert.deepEqual(codes.sort(), ['unregistered 5.1.351', 'vendor-specific 5.4.316', 'vendor-specific 5.7.509']);
  });

  test('hover on a field name, on an Action, on a Feedback-Type, on a code in a Microsoft report', async () => {
    const uri = uriFor('hover.eml');
    await client().open(uri, 'email', DSN);
    assert.match(
      markdown(await client().hover(uri, { line: 2, character: 3 }), 'on Final-Recipient'),
      /\*\*Final-Recipient\*\* _per-recipient field.*RFC 3464 section 2\.3\.2/s,
    );
    const action = markdown(await client().hover(uri, { line: 7, character: 10 }), 'on failed');
    assert.match(action, /\*\*Action: failed\*\*/);
    assert.match(action, /With Status 4\.4\.7, a transient failure/);

    const arf = uriFor('arf.eml');
    const text = fixture('feedback-report.eml');
    await client().open(arf, 'email', text);
    const line = text.split('\n').indexOf('Feedback-Type: abuse');
    assert.match(
      markdown(await client().hover(arf, { line, character: 16 }), 'on abuse'),
      /\*\*Feedback-Type: abuse\*\*.*RFC 5965 section 7\.3/s,
    );

    const ndr = uriFor('ndr-hover.eml');
    const ndrText = fixture('exchange-online-ndr.eml');
    await client().open(ndr, 'email', ndrText);
    const status = ndrText.split('\n').indexOf('Status: 5.4.316');
    assert.match(
      markdown(await client().hover(ndr, { line: status, character: 10 }), 'on 5.4.316'),
      /Microsoft 365 \/ Exchange Online \(vendor-specific\).*Fix:/s,
    );
  });
  test("providers' payloads: an SES recipient's action against its status, in JSON and in YAML", async () => {
    const payload = (name: string) => readFileSync(repoPath('test', 'fixtures', 'payloads', name), 'utf8');
    for (const [name, languageId, expected] of [
      ['ses-contradictions.json', 'json', ['9 delivered action-status-mismatch', '10 5.0.0 status-diagnostic-mismatch']],
      ['ses-contradictions.yaml', 'yaml', ['11 delayed action-status-mismatch', '16 5.0.0 status-diagnostic-mismatch']],
    ] as const) {
      const uri = uriFor(name);
      const text = payload(name);
      await client().open(uri, languageId, text);
      const diagnostics = await client().diagnostics(uri);
      const lines = text.split('\n');
      const placed = diagnostics.map(
        (d) => `${d.range.start.line} ${lines[d.range.start.line].slice(d.range.start.character, d.range.end.character)} ${d.code}`,
      );
      assert.deepEqual(placed, expected, name);
      assert.equal(diagnostics[0].relatedInformation?.[0].location.uri, uri, 'the status it disagrees with, in the same payload');
    }
  });
});
