import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { reportAround, ReportIndex, scanTable, TextLines, type Report } from '../../server/src/scan';
import { Analysis, type ContentChange } from '../../server/src/service';
import { repoPath } from '../support/paths';

const fixture = (name: string) => readFileSync(repoPath('test', 'fixtures', 'dsn', name), 'utf8');
const index = (text: string) => ReportIndex.build(new TextLines(text), scanTable(text, 'log'));
/** A report's blocks as `kind first-last` (1-based lines) and its fields' names. */
const shape = (r: Report) =>
  r.blocks.map((b) => `${b.kind} ${b.firstLine + 1}-${b.lastLine + 1}: ${b.fields.map((f) => f.name).join(' ')}`);

describe('reports: delivery status notifications read as structures', () => {
  test('per-message fields and one block per recipient, separated by blank lines', () => {
    const [report, ...more] = index(fixture('several-recipients.eml')).reports;
    assert.equal(more.length, 0);
    assert.equal(report.kind, 'dsn');
    assert.deepEqual(shape(report), [
      'per-message 18-20: Reporting-MTA X-Postfix-Queue-ID Arrival-Date',
      'recipient 22-28: Final-Recipient Original-Recipient Action Status Remote-MTA Diagnostic-Code',
      'recipient 30-37: Final-Recipient Action Status Remote-MTA Diagnostic-Code Last-Attempt-Date Will-Retry-Until',
      'recipient 39-43: Final-Recipient Action Status Diagnostic-Code',
    ]);
  });

  test('folded fields are joined, with the line each starts and ends on', () => {
    const report = index(fixture('several-recipients.eml')).reports[0];
    const diagnostic = report.blocks[1].fields.find((f) => f.key === 'diagnostic-code')!;
    assert.equal(
      diagnostic.value,
      'smtp; 550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in virtual mailbox table',
    );
    assert.deepEqual([diagnostic.line + 1, diagnostic.lastLine + 1, diagnostic.valueStart], [27, 28, 17]);
  });

  test('field names in any case; up to two blank lines between blocks; a CRLF document reads the same', () => {
    const text = [
      'reporting-mta: dns; a.example',
      '',
      '',
      'FINAL-RECIPIENT: rfc822; x@y.example',
      'action: Failed',
      'status: 5.1.1',
      '',
    ].join('\r\n');
    const [report] = index(text).reports;
    assert.deepEqual(shape(report), ['per-message 1-1: reporting-mta', 'recipient 4-6: FINAL-RECIPIENT action status']);
    // Three blank lines end a report.
    const apart = ['Reporting-MTA: dns; a.example', '', '', '', 'Final-Recipient: rfc822; x@y.example', 'Status: 5.1.1'].join('\n');
    assert.deepEqual(shape(index(apart).reports[0]), ['recipient 5-6: Final-Recipient Status']);
  });

  test('a block without a DSN field (MIME part headers, the message headers) is not part of the report', () => {
    const report = index(fixture('several-recipients.eml')).reports[0];
    assert.equal(report.firstLine + 1, 18, 'the part header Content-Type: message/delivery-status two lines above is not in it');
  });

  test('the per-message fields run into the recipient fields: one mixed block', () => {
    const [report] = index(fixture('run-on.eml')).reports;
    assert.deepEqual(shape(report), ['mixed 7-12: Reporting-MTA Arrival-Date Final-Recipient Action Status Diagnostic-Code']);
  });

  test('only a Status or Diagnostic-Code code at the start of a line opens a report: a log of dsn= fields has none', () => {
    const log = [
      'Nov 22 10:00:01 mx postfix/smtp[1]: A1: to=<a@b.example>, dsn=5.1.1, status=bounced (host b said: 550 5.1.1 unknown)',
      '  Status: 5.1.1 (indented: the continuation of something else)',
      'Action: failed',
    ].join('\n');
    assert.deepEqual(index(log).reports, []);
    // A feedback report has no status code: the index does not hold it, the hover reads it when asked.
    assert.deepEqual(index(fixture('feedback-report.eml')).reports, []);
  });

  test('a feedback report around a line, read when asked; a lone mailbox Status: RO is none', () => {
    const text = fixture('feedback-report.eml');
    const lines = new TextLines(text);
    const line = text.split('\n').indexOf('Source-IP: 192.0.2.1');
    const report = reportAround(lines, line, 2)!;
    assert.equal(report.kind, 'feedback');
    assert.deepEqual(
      report.blocks.map((b) => b.kind),
      ['feedback'],
    );
    assert.equal(
      report.blocks[0].fields.find((f) => f.key === 'authentication-results')!.value.endsWith('smtp.mail=somespammer@sender.example'),
      true,
    );
    const mbox = ['From: a@b.example', 'Status: RO', 'Subject: hello'].join('\n');
    assert.equal(reportAround(new TextLines(mbox), 1, 2), undefined);
  });

  test("a recipient's vendor comes from its Remote-MTA, the message's from its Reporting-MTA or the markers in it", () => {
    const [sendmail] = index(fixture('sendmail-refused-by-microsoft.eml')).reports;
    assert.equal(sendmail.blocks[1].vendor, 'microsoft', 'Remote-MTA: example-com.mail.protection.outlook.com');
    assert.equal(sendmail.vendor, 'microsoft', 'the transcript names Exchange Online (and nothing else)');
    assert.equal(sendmail.windowStart, 0, 'the message starts at the top of the document');
    const [exchange] = index(fixture('exchange-online-ndr.eml')).reports;
    assert.equal(exchange.vendor, 'microsoft', 'Reporting-MTA: dns;...prod.outlook.com');
    assert.equal(index(fixture('several-recipients.eml')).reports[0].vendor, undefined);
  });

  test('an mbox separator ends a message: the vendor of one bounce is not the next one', () => {
    const microsoft = fixture('sendmail-refused-by-microsoft.eml');
    const plain = fixture('several-recipients.eml');
    const mbox = `From MAILER-DAEMON Mon Nov  3 14:45:22 2025\n${microsoft}\nFrom MAILER-DAEMON Mon Nov  3 09:14:02 2025\n${plain}`;
    const reports = index(mbox).reports;
    assert.deepEqual(
      reports.map((r) => r.vendor),
      ['microsoft', undefined],
    );
    assert.equal(reports[1].windowStart, mbox.split('\n').indexOf('From MAILER-DAEMON Mon Nov  3 09:14:02 2025'));
    assert.equal(reports[0].windowEnd, reports[1].windowStart - 1);
  });

  test('text lines split at \\r\\n, \\n and a lone \\r, as LSP does', () => {
    const lines = new TextLines('a\r\nb\rc\nd');
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((n) => lines.text(n)),
      ['a', 'b', 'c', 'd', undefined],
    );
    assert.deepEqual(
      [0, 1].map((n) => new TextLines('x\n').text(n)),
      ['x', ''],
    );
  });

  test('reading is bounded: a header block longer than a report holds is not read as one', () => {
    const long = [
      'Final-Recipient: rfc822; a@b.example',
      ...Array.from({ length: 150 }, (_, i) => `X-Field-${i}: x`),
      'Status: 5.1.1',
    ].join('\n');
    assert.deepEqual(index(long).reports, []);
  });
});

describe('reports: kept current edit by edit', () => {
  const edit = (text: string, from: string, to: string) => {
    let document = TextDocument.create('file:///x/bounce.eml', 'email', 1, text);
    const analysis = new Analysis(document);
    const at = text.indexOf(from);
    assert.ok(at >= 0, from);
    const change: ContentChange = { range: { start: document.positionAt(at), end: document.positionAt(at + from.length) }, text: to };
    const lineCount = document.lineCount;
    document = TextDocument.update(document, [change], 2);
    analysis.applyChange(document, change, lineCount);
    assert.deepEqual(
      analysis.reports.reports,
      new Analysis(document).reports.reports,
      `after ${JSON.stringify(from)} -> ${JSON.stringify(to)}`,
    );
    return analysis;
  };

  test('an edit inside a report, one that splits it, one that joins two, one far from it', () => {
    const text = fixture('several-recipients.eml');
    assert.equal(edit(text, 'Action: delayed', 'Action: failed').reports.reports.length, 1);
    edit(text, 'Will-Retry-Until: Thu', 'this is prose now: Thu');
    edit(text, 'Final-Recipient: rfc822; expired@example.com\n', 'Some prose\n\n');
    edit(text, '\nFinal-Recipient: rfc822; later@example.com', '\n\n\n\nFinal-Recipient: rfc822; later@example.com');
    edit(text, 'Subject: Quarterly figures', 'Subject: Quarterly figures\nReceived: from x.eop-nam11.prod.protection.outlook.com');
    edit(text, 'Status: 5.1.1', 'Status: 5.1.1\n\nFinal-Recipient: rfc822; new@example.com\nStatus: 4.2.2');
    edit(text, 'Reporting-MTA: dns; mx1.example.net', 'Reporting-MTA: dns; mx1.prod.outlook.com');
  });
});
