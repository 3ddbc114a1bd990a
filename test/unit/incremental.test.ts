import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis, type ContentChange } from '../../server/src/service';

/** Pieces of text that matter to the scanner: codes, replies, line breaks, quotes, comment markers. */
const PIECES = [
  '550 5.1.1 <a@b.example>: User unknown',
  '550-5.7.26 folded ',
  'said: 451 4.7.1 try later',
  'dsn=4.4.1, status=deferred',
  'Status: 5.1.1 (x)',
  '10.5.1.2',
  'version 2.10.1',
  '5.01.1',
  '354 2.0.0 go',
  '"550 5.7.1 denied"',
  "'4.7.1'",
  '"""',
  '`',
  '/*',
  '*/',
  '//',
  '# ',
  '\\',
  '"',
  "'",
  'Code: 550,',
  'EnhancedCode{5, 1, 1}',
  '}',
  'REJECT 4.7.1 x',
  'ERROR:5.7.1:550 y',
  '\n',
  '\r\n',
  '\r',
  ' ',
  'x',
];

const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

/** An edit as fractions of the current text (start, length) and the text to insert. */
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.double({ min: 0, max: 0.3, noNaN: true }),
  insert: text,
});

/** The offset, moved past the `\n` when it falls between `\r` and `\n`. */
const withinLineBreak = (text: string, offset: number) => (text[offset - 1] === '\r' && text[offset] === '\n' ? offset + 1 : offset);

/** Applies batches of edits both incrementally and from scratch, and compares the two. */
function check(languageId: string, uri: string, initial: string, batches: { at: number; length: number; insert: string }[][]): void {
  let document = TextDocument.create(uri, languageId, 1, initial);
  const analysis = new Analysis(document);
  let version = 1;
  for (const batch of batches) {
    // Each change's range refers to the text the previous change left, as in LSP.
    version++;
    for (const e of batch) {
      const text = document.getText();
      // Offsets inside a \r\n have no position; editors never send them.
      const start = withinLineBreak(text, Math.floor(e.at * text.length));
      const end = withinLineBreak(text, Math.min(text.length, start + Math.floor(e.length * text.length)));
      const change: ContentChange = { range: { start: document.positionAt(start), end: document.positionAt(end) }, text: e.insert };
      const lineCount = document.lineCount;
      document = TextDocument.update(document, [change], version);
      analysis.applyChange(document, change, lineCount);
    }
    const fresh = new Analysis(document);
    assert.deepEqual(analysis.codes.toArray(), fresh.codes.toArray(), `codes after edits, text now ${JSON.stringify(document.getText())}`);
    assert.deepEqual(
      analysis.reports.reports,
      fresh.reports.reports,
      `reports after edits, text now ${JSON.stringify(document.getText())}`,
    );
  }
}

/** Pieces of delivery status reports: fields, folded lines, blank lines, vendor markers, mbox separators. */
const REPORT_PIECES = [
  'Reporting-MTA: dns; mx.example.net\n',
  'Reporting-MTA: dns; a.prod.outlook.com\n',
  'Arrival-Date: Mon, 3 Nov 2025\n',
  'Final-Recipient: rfc822; a@b.example\n',
  'Action: failed\n',
  'Action: delayed\n',
  'Status: 5.1.1\n',
  'Status: 4.4.7\n',
  'Remote-MTA: dns; x.mail.protection.outlook.com\n',
  'Diagnostic-Code: smtp; 550 5.7.606 banned\n',
  '    folded text - gsmtp\n',
  'Will-Retry-Until: Tue\n',
  'X-Postfix-Queue-ID: 4B\n',
  'Received: from a by b.prod.outlook.com\n',
  'From MAILER-DAEMON Mon Nov  3\n',
  '--boundary\n',
  'prose line\n',
  '\n',
  '\n',
  '\r\n',
  'Status',
  ': ',
  '5.4.316',
];

const reportText = fc.array(fc.constantFrom(...REPORT_PIECES), { maxLength: 60 }).map((parts) => parts.join(''));
const reportEdit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.double({ min: 0, max: 0.3, noNaN: true }),
  insert: reportText,
});

/** Long pieces that reach the reader's bounds: a block of 60 header lines, 1,000 lines of prose (a message reaches 2,000 lines at most). */
const LONG_PIECES = [...REPORT_PIECES, 'X-Filler: a\n'.repeat(60), 'prose\n'.repeat(1000)];
const longText = fc.array(fc.constantFrom(...LONG_PIECES), { maxLength: 30 }).map((parts) => parts.join(''));
const longEdit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.double({ min: 0, max: 0.05, noNaN: true }),
  insert: fc.oneof(reportText, longText),
});

describe('incremental analysis keeps the same delivery status reports as a full scan', () => {
  test('long documents, where the bounds of a block and a message are reached', () => {
    fc.assert(
      fc.property(
        longText,
        fc.array(fc.array(longEdit, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 4 }),
        (initial, batches) => {
          check('email', 'file:///x/mbox.eml', initial, batches);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('email (bounce.eml)', () => {
    fc.assert(
      fc.property(
        reportText,
        fc.array(fc.array(reportEdit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        (initial, batches) => {
          check('email', 'file:///x/bounce.eml', initial, batches);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('incremental analysis gives the same matches as a full scan', () => {
  for (const [languageId, uri] of [
    ['log', 'file:///x/mail.log'],
    ['python', 'file:///x/a.py'],
    ['go', 'file:///x/a.go'],
    ['c', 'file:///x/a.c'],
    ['plaintext', 'file:///etc/postfix/access'],
  ]) {
    test(`${languageId} (${uri.split('/').pop()})`, () => {
      fc.assert(
        fc.property(text, fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }), (initial, batches) => {
          check(languageId, uri, initial, batches);
        }),
        { numRuns: 300 },
      );
    });
  }

  test('a whole-text change rescans everything', () => {
    let document = TextDocument.create('file:///x/a.log', 'log', 1, '550 5.1.1 a');
    const analysis = new Analysis(document);
    document = TextDocument.update(document, [{ text: 'x\n451 4.7.1 b' }], 2);
    analysis.applyChange(document, { text: 'x\n451 4.7.1 b' }, 1);
    assert.deepEqual(
      analysis.codes.toArray().map((m) => [m.line, m.text]),
      [[1, '4.7.1']],
    );
  });

  test('an edit inside a block comment re-scans the lines after it until their state settles', () => {
    const lines = ['x = "550 5.1.1 a";', 'y = "451 4.7.1 b";', 'z = "552 5.2.2 c";'];
    let document = TextDocument.create('file:///x/a.c', 'c', 1, lines.join('\n'));
    const analysis = new Analysis(document);
    const open = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '/* ' };
    document = TextDocument.update(document, [open], 2);
    analysis.applyChange(document, open, 3);
    assert.equal(analysis.codes.length, 0);
    const close = { range: { start: { line: 1, character: 18 }, end: { line: 1, character: 18 } }, text: ' */' };
    document = TextDocument.update(document, [close], 3);
    analysis.applyChange(document, close, 3);
    assert.deepEqual(
      analysis.codes.toArray().map((m) => m.text),
      ['5.2.2'],
    );
  });
});
