import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic, type MarkupContent } from 'vscode-languageserver-types';
import { analyze, computeDiagnostics, DEFAULT_SETTINGS, hover, readSettings, type Settings } from '../../server/src/service';
import { actionStatusConflict } from '../../server/src/service/reportFindings';
import { repoPath } from '../support/paths';

const fixture = (name: string) => readFileSync(repoPath('test', 'fixtures', 'dsn', name), 'utf8');
const doc = (text: string, languageId = 'email') => TextDocument.create('file:///x/bounce.eml', languageId, 1, text);
const diagnose = (text: string, settings: Settings = DEFAULT_SETTINGS, languageId = 'email') => {
  const document = doc(text, languageId);
  return computeDiagnostics(analyze(document), document, {}, settings);
};
/** `line:column rule` (1-based), in order. */
const brief = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);
const hoverAt = (text: string, line: number, character: number) => {
  const document = doc(text);
  const result = hover(analyze(document), document, { line, character });
  return result === null ? null : (result.contents as MarkupContent).value.replace(/\\/g, '');
};
/** The 0-based line of the first line that starts with `start`. */
const lineOf = (text: string, start: string) => {
  const line = text.split('\n').findIndex((l) => l.startsWith(start));
  assert.ok(line >= 0, start);
  return line;
};

const dsn = (...recipients: string[][]) => ['Reporting-MTA: dns; mx.example.net', '', ...recipients.flatMap((r) => [...r, ''])].join('\n');

describe('action-status-mismatch (RFC 3464 sections 2.3.3, 2.3.4)', () => {
  test('delayed with 5.X.X or 2.X.X, delivered or expanded with a failure, failed with a success', () => {
    for (const [action, cls, conflicts] of [
      ['delayed', 5, true],
      ['delayed', 2, true],
      ['delayed', 4, false],
      ['delivered', 5, true],
      ['delivered', 4, true],
      ['delivered', 2, false],
      ['expanded', 4, true],
      ['expanded', 2, false],
      ['failed', 2, true],
      ['failed', 5, false],
      ['failed', 4, false],
      ['relayed', 5, false],
      ['relayed', 4, false],
      ['relayed', 2, false],
    ] as const) {
      assert.equal(actionStatusConflict(action, cls) !== undefined, conflicts, `${action} with ${cls}.X.X`);
    }
  });

  test('Action: delayed with Status: 5.1.1 is flagged on the Action, with the Status as related information', () => {
    const text = dsn(['Final-Recipient: rfc822; a@b.example', 'Action: delayed', 'Status: 5.1.1']);
    const [d, ...more] = diagnose(text);
    assert.equal(more.length, 0);
    assert.equal(d.code, 'action-status-mismatch');
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(d.range, { start: { line: 3, character: 8 }, end: { line: 3, character: 15 } });
    assert.match(String(d.message), /^Action delayed with Status 5\.1\.1: .*permanent failure.*RFC 3464 sections 2\.3\.3 and 2\.3\.4/);
    assert.match(d.codeDescription!.href, /rfc3464#section-2\.3\.3/);
    assert.deepEqual(d.relatedInformation, [
      {
        location: { uri: 'file:///x/bounce.eml', range: { start: { line: 4, character: 8 }, end: { line: 4, character: 13 } } },
        message: 'Status 5.1.1',
      },
    ]);
  });

  test('Action: failed with Status: 4.4.7 (an MTA that gave up) and relayed with a failure are fine', () => {
    assert.deepEqual(diagnose(dsn(['Final-Recipient: rfc822; a@b.example', 'Action: failed', 'Status: 4.4.7'])), []);
    assert.deepEqual(diagnose(dsn(['Final-Recipient: rfc822; a@b.example', 'Action: relayed', 'Status: 5.3.0'])), []);
  });

  test('each recipient group is read on its own', () => {
    assert.deepEqual(brief(diagnose(fixture('contradictions.eml'))), [
      '12:9 action-status-mismatch',
      '17:9 action-status-mismatch',
      '23:9 status-diagnostic-mismatch',
      '25:1 dsn-field-misplaced',
    ]);
    assert.deepEqual(diagnose(fixture('several-recipients.eml')), []);
  });

  test('a case or a comment after the Action word changes nothing; an unknown Action is left alone', () => {
    assert.equal(
      diagnose(dsn(['Final-Recipient: rfc822; a@b.example', 'Action: Delayed (still trying)', 'Status: 5.1.1']))[0].code,
      'action-status-mismatch',
    );
    assert.deepEqual(diagnose(dsn(['Final-Recipient: rfc822; a@b.example', 'Action: deliverable', 'Status: 2.0.0'])), []);
  });

  test('in a log too, wherever the fields stand; a severity setting switches it off', () => {
    const log = [
      'Nov 3 10:00:00 mx bounce text follows:',
      'Final-Recipient: rfc822; a@b.example',
      'Action: delivered',
      'Status: 5.2.2',
      '',
    ].join('\n');
    assert.deepEqual(brief(diagnose(log, DEFAULT_SETTINGS, 'log')), ['3:9 action-status-mismatch']);
    assert.deepEqual(diagnose(log, readSettings({ severity: { 'action-status-mismatch': 'off' } }), 'log'), []);
    assert.deepEqual(diagnose(log, DEFAULT_SETTINGS, 'python'), [], 'source code holds no reports');
  });
});

describe('dsn-field-misplaced', () => {
  test('Will-Retry-Until on a recipient whose Action is not delayed (RFC 3464 section 2.3.9)', () => {
    const text = dsn([
      'Final-Recipient: rfc822; a@b.example',
      'Action: failed',
      'Status: 5.1.1',
      'Will-Retry-Until: Fri, 7 Nov 2025 10:00:00 +0000',
    ]);
    const [d] = diagnose(text);
    assert.equal(d.code, 'dsn-field-misplaced');
    assert.deepEqual(d.range, { start: { line: 5, character: 0 }, end: { line: 5, character: 16 } });
    assert.match(String(d.message), /Action is failed \(RFC 3464 section 2\.3\.9\)/);
    const delayed = dsn(['Final-Recipient: rfc822; a@b.example', 'Action: delayed', 'Status: 4.4.1', 'Will-Retry-Until: Fri, 7 Nov 2025']);
    assert.deepEqual(diagnose(delayed), []);
  });

  test("a recipient's fields among the per-message fields, with no blank line between", () => {
    const [d] = diagnose(fixture('run-on.eml'));
    assert.equal(d.code, 'dsn-field-misplaced');
    assert.equal(d.range.start.line + 1, 9);
    assert.match(String(d.message), /^Final-Recipient is a recipient's field, but it stands among the per-message fields/);
    assert.match(d.codeDescription!.href, /rfc3464#section-2\.1/);
  });
});

describe('status-diagnostic-mismatch (RFC 3464 section 2.3.6)', () => {
  test('a Status that differs from the code in the Diagnostic-Code is information, on the Status', () => {
    const text = dsn([
      'Final-Recipient: rfc822; a@b.example',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.10 RESOLVER.ADR.RecipientNotFound',
    ]);
    const found = diagnose(text).filter((d) => d.code === 'status-diagnostic-mismatch');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, DiagnosticSeverity.Information);
    assert.equal(found[0].range.start.line, 4);
    assert.match(String(found[0].message), /Status 5\.1\.1 differs from 5\.1\.10 in the Diagnostic-Code/);
  });

  test('a less precise Status says so; a folded Diagnostic-Code is read to its end; the same code is fine', () => {
    const less = dsn([
      'Final-Recipient: rfc822; a@b.example',
      'Action: failed',
      'Status: 5.0.0',
      'Diagnostic-Code: smtp; 550-Mailbox',
      '    550 5.1.1 unknown',
    ]);
    assert.match(String(diagnose(less)[0].message), /Status 5\.0\.0 is less precise than 5\.1\.1/);
    assert.deepEqual(
      diagnose(
        dsn(['Final-Recipient: rfc822; a@b.example', 'Action: failed', 'Status: 5.1.1', 'Diagnostic-Code: smtp; 550 5.1.1 unknown']),
      ),
      [],
    );
    assert.deepEqual(
      diagnose(dsn(['Final-Recipient: rfc822; a@b.example', 'Action: failed', 'Status: 5.1.1', 'Diagnostic-Code: smtp; 550 unknown'])),
      [],
    );
  });
});

describe("the vendor of a report: a Microsoft NDR's codes are Microsoft's on every line", () => {
  test('Sendmail bounced what Exchange Online refused: 5.7.606 is vendor-specific on the Status, the reason and the transcript', () => {
    const text = fixture('sendmail-refused-by-microsoft.eml');
    const ds = diagnose(text);
    assert.deepEqual(
      ds.map((d) => d.code),
      ['vendor-specific', 'vendor-specific', 'vendor-specific', 'vendor-specific'],
    );
    for (const d of ds)
      assert.match(String(d.message), /^5\.7\.606 is Microsoft 365 \/ Exchange Online's own code \(Banned sending IP address\)/);
    const status = lineOf(text, 'Status:');
    assert.match(hoverAt(text, status, 10)!, /Microsoft 365 \/ Exchange Online \(vendor-specific\)/);
  });

  test('an Exchange Online NDR: codes it documents are never unregistered; 5.1.351, which it does not, says whose report it is in', () => {
    const ds = diagnose(fixture('exchange-online-ndr.eml'));
    const messages = ds.map((d) => String(d.message));
    const codes = new Map<string, Set<string>>();
    for (const [i, d] of ds.entries()) {
      const code = /^\d\.\d+\.\d+/.exec(messages[i])![0];
      codes.set(code, (codes.get(code) ?? new Set()).add(String(d.code)));
    }
    assert.deepEqual(codes.get('5.4.316'), new Set(['vendor-specific']));
    assert.deepEqual(codes.get('5.7.509'), new Set(['vendor-specific']));
    assert.deepEqual(codes.get('5.1.351'), new Set(['unregistered']));
    assert.match(messages.find((m) => m.startsWith('5.1.351'))!, /stands in a report of Microsoft 365 \/ Exchange Online/);
  });

  test("a registered code in Microsoft's report shows Microsoft's cause and fix; without a report it shows IANA's alone", () => {
    const text = dsn([
      'Final-Recipient: rfc822; a@b.example',
      'Action: failed',
      'Status: 5.1.1',
      'Remote-MTA: dns; b-example.mail.protection.outlook.com',
    ]);
    const inReport = hoverAt(text, 4, 10)!;
    assert.match(inReport, /\*\*Microsoft 365 \/ Exchange Online:\*\* _Bad destination mailbox address_/);
    assert.match(inReport, /Fix:.*Auto-Complete/);
    assert.match(inReport, /fix-error-code-550-5-1-1-through-5-1-20/);
    assert.match(inReport, /\*\*IANA:\*\*/);
    assert.doesNotMatch(hoverAt('Status: 5.1.1\n', 0, 10)!, /Microsoft/);
    // On a line that names Exchange Online, outside any report.
    assert.match(hoverAt('550 5.1.1 RESOLVER.ADR.RecipNotFound; not found\n', 0, 6)!, /Microsoft 365/);
  });
});

describe('hover on the fields of a report', () => {
  const text = fixture('contradictions.eml');

  test('a field name: what it says, where it stands, its RFC 3464 section', () => {
    const value = hoverAt(text, lineOf(text, 'Will-Retry-Until'), 3)!;
    assert.match(value, /^\*\*Will-Retry-Until\*\* _per-recipient field of a delivery status notification_/);
    assert.match(value, /\[RFC 3464 section 2\.3\.9\]\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc3464#section-2\.3\.9\)/);
    assert.match(hoverAt(text, lineOf(text, 'Reporting-MTA'), 0)!, /per-message field.*\n\n.*\n\n\[RFC 3464 section 2\.2\.2\]/);
    const several = fixture('several-recipients.eml');
    assert.match(hoverAt(several, lineOf(several, 'X-Postfix-Queue-ID'), 2)!, /extension field.*RFC 3464 section 2\.4/s);
  });

  test('an Action value: its meaning, and what it means with the Status beside it', () => {
    const failed447 = hoverAt(text, lineOf(text, 'Final-Recipient: rfc822; given-up') + 1, 10)!;
    assert.match(failed447, /^\*\*Action: failed\*\*/);
    assert.match(failed447, /With Status 4\.4\.7, a transient failure: the MTA gave up/);
    assert.match(failed447, /RFC 3464 allows the pair/);
    const relayed = hoverAt(text, lineOf(text, 'Action: relayed'), 10)!;
    assert.match(relayed, /a failure status on a relayed recipient/);
    const delayed = hoverAt(text, lineOf(text, 'Action: delayed'), 10)!;
    assert.match(delayed, /they contradict each other.*\(action-status-mismatch\)/);
    assert.equal(hoverAt(text, lineOf(text, 'Action: delayed'), 16), null, 'past the value');
  });

  test('a feedback report (RFC 5965): its fields and the Feedback-Type', () => {
    const arf = fixture('feedback-report.eml');
    const type = hoverAt(arf, lineOf(arf, 'Feedback-Type'), 16)!;
    assert.match(type, /^\*\*Feedback-Type: abuse\*\*/);
    assert.match(type, /RFC 5965 section 7\.3/);
    assert.match(hoverAt(arf, lineOf(arf, 'Feedback-Type'), 2)!, /field of a feedback report \(ARF\).*RFC 5965 section 3\.1/s);
    assert.match(hoverAt(arf, lineOf(arf, 'Arrival-Date'), 2)!, /arrived at the reporting party.*RFC 5965 section 3\.2/s);
    assert.match(hoverAt(arf, lineOf(arf, 'Source-IP'), 2)!, /IP address the reported message came from/);
  });

  test('no hover on a header field of a message, nor on a lone Status of a mailbox', () => {
    const eml = fixture('several-recipients.eml');
    assert.equal(hoverAt(eml, lineOf(eml, 'Subject:'), 2), null);
    assert.equal(hoverAt('From: a@b.example\nStatus: RO\nSubject: x\n', 1, 2), null);
  });
});

describe('the class a code is useful in (from the registry descriptions)', () => {
  test('4.7.1 gets a note: the registry says X.7.1 is useful only as a permanent error', () => {
    const value = hoverAt('451 4.7.1 Greylisted, try again later\n', 0, 6)!;
    assert.match(value, /Note: the registry says X\.7\.1 is useful only as a permanent error \(5\.X\.X\); here it stands as 4\.7\.1\./);
    assert.doesNotMatch(hoverAt('550 5.7.1 Relay denied\n', 0, 6)!, /Note:/);
    assert.match(
      hoverAt('550 5.4.1 No answer\n', 0, 6)!,
      /X\.4\.1 is useful only as a persistent transient error \(4\.X\.X\); here it stands as 5\.4\.1/,
    );
    assert.match(hoverAt('450 4.1.1 unknown\n', 0, 6)!, /X\.1\.1 is useful only as a permanent error/);
    // A note, not a diagnostic.
    assert.deepEqual(diagnose('451 4.7.1 Greylisted\n', DEFAULT_SETTINGS, 'log'), []);
  });
});

describe("the DSN rules in providers' payloads (JSON, JSONC, YAML)", () => {
  const payload = (name: string) => readFileSync(repoPath('test', 'fixtures', 'payloads', name), 'utf8');
  const diagnosePayload = (name: string, languageId: string) => {
    const document = TextDocument.create(`file:///x/${name}`, languageId, 1, payload(name));
    return { text: document.getText(), diagnostics: computeDiagnostics(analyze(document), document, {}, DEFAULT_SETTINGS) };
  };
  const at = (text: string, range: Diagnostic['range']) =>
    text.split('\n')[range.start.line].slice(range.start.character, range.end.character);
  /** `line text rule` (1-based line, the text the range covers). */
  const placed = (text: string, ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1} ${at(text, d.range)} ${d.code}`);

  test('an SES recipient delivered with 5.1.1 is action-status-mismatch; failed with 5.1.1 or 4.4.7 is not', () => {
    for (const languageId of ['json', 'jsonc']) {
      const { text, diagnostics } = diagnosePayload('ses-contradictions.json', languageId);
      assert.deepEqual(
        placed(text, diagnostics),
        ['10 delivered action-status-mismatch', '11 5.0.0 status-diagnostic-mismatch'],
        languageId,
      );
      const [mismatch, generic] = diagnostics;
      assert.equal(at(text, mismatch.relatedInformation![0].location.range), '5.1.1', 'the status it disagrees with');
      assert.match(String(mismatch.message), /^Action delivered with Status 5\.1\.1: /);
      assert.equal(mismatch.severity, DiagnosticSeverity.Warning);
      assert.match(String(generic.message), /^Status 5\.0\.0 is less precise than 5\.7\.1 in the diagnosticCode beside it/);
      assert.equal(generic.severity, DiagnosticSeverity.Information);
    }
  });

  test('YAML: list items are recipients; plain, quoted and commented scalars are read', () => {
    const { text, diagnostics } = diagnosePayload('ses-contradictions.yaml', 'yaml');
    assert.deepEqual(placed(text, diagnostics), ['12 delayed action-status-mismatch', '17 5.0.0 status-diagnostic-mismatch']);
    assert.match(String(diagnostics[1].message), /than 5\.7\.1 in the diagnosticCode/);
  });

  test("Mailgun's enhanced-code 5.0.0 beside the 5.1.1 of its message", () => {
    const { text, diagnostics } = diagnosePayload('mailgun-generic.json', 'json');
    assert.deepEqual(placed(text, diagnostics), ['6 5.0.0 status-diagnostic-mismatch']);
    const related = diagnostics[0].relatedInformation![0];
    assert.deepEqual(
      [related.location.range.start.line + 1, at(text, related.location.range), related.message],
      [7, '5.1.1', 'message 5.1.1'],
    );
  });

  test('an action in another object than the status is not read with it; source code is not read as a payload', () => {
    const json = '{"recipient": {"action": "delivered"}, "status": "5.1.1", "diagnosticCode": "550 5.1.1 unknown"}';
    assert.deepEqual(brief(diagnose(json, DEFAULT_SETTINGS, 'json')), []);
    const yaml = ['recipient:', '  action: delivered', 'status: 5.1.1', ''].join('\n');
    assert.deepEqual(brief(diagnose(yaml, DEFAULT_SETTINGS, 'yaml')), []);
    const js = 'const event = { action: "delivered", status: "5.1.1" };';
    assert.ok(!brief(diagnose(js, DEFAULT_SETTINGS, 'javascript')).some((d) => d.endsWith('action-status-mismatch')));
  });

  test('the rules follow their severity settings', () => {
    const document = TextDocument.create('file:///x/p.json', 'json', 1, payload('ses-contradictions.json'));
    const settings = readSettings({ severity: { 'action-status-mismatch': 'off', 'status-diagnostic-mismatch': 'error' } });
    const found = computeDiagnostics(analyze(document), document, {}, settings);
    assert.deepEqual(placed(document.getText(), found), ['11 5.0.0 status-diagnostic-mismatch']);
    assert.equal(found[0].severity, DiagnosticSeverity.Error);
  });
});
