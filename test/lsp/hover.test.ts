import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PULL_CAPABILITIES, startForSuite, type Hover, type Position } from './support/lspClient';
import { fold, hoverText, inside, positionAt, rangeOf } from './support/text';

const LOG = [
  'Nov 22 10:00:01 mx postfix/smtp[123]: ABC: to=<a@b.example>, relay=mx.b.example[192.0.2.1]:25, delay=1, dsn=5.1.1, status=bounced (host mx.b.example[192.0.2.1] said: 550 5.1.1 <a@b.example>: User unknown (in reply to RCPT TO command))',
  'Nov 22 10:00:02 mx postfix/smtpd[200]: NOQUEUE: reject: RCPT from unknown[192.0.2.9]: 451 4.7.1 <c@d.example>: Recipient address rejected: Greylisted',
  'Nov 22 10:00:03 mx postfix/smtp[125]: GHI: to=<i@j.example>, relay=mx.j.example[192.0.2.3]:25, delay=3, dsn=5.6.8, status=bounced (host mx.j.example[192.0.2.3] said: 553 5.6.10 UTF-8 address not permitted (in reply to MAIL FROM command))',
  '',
].join('\n');
const LOG_URI = 'file:///lsp-tests/hover/mail.log';

const PYTHON = [
  '# 550 5.7.1 in a comment is not read',
  'def refuse(conn):',
  '    conn.reply("550 5.7.1 <a@b.example>: Relay access denied")',
  '',
].join('\n');
const PYTHON_URI = 'file:///lsp-tests/hover/server.py';

/** The markdown of a hover, after checking that it is markdown. */
function markdown(hover: Hover | null, where: string): string {
  assert.ok(hover, `a hover ${where}`);
  assert.ok(
    typeof hover.contents === 'object' && 'kind' in hover.contents,
    `MarkupContent expected ${where}: ${JSON.stringify(hover.contents)}`,
  );
  assert.equal(hover.contents.kind, 'markdown', `markdown ${where}`);
  return hover.contents.value;
}

describe('hover', () => {
  const client = startForSuite({ before, after }, { capabilities: PULL_CAPABILITIES, settings: null });

  before(async () => {
    await client().open(LOG_URI, 'log', LOG);
    await client().open(PYTHON_URI, 'python', PYTHON);
  });

  test('5.1.1 in a reply: code, title, description, class, subject, reply codes, RFC link', async () => {
    const range = rangeOf(LOG, '5.1.1', '550 5.1.1');
    const hover = await client().hover(LOG_URI, inside(range));
    const text = markdown(hover, 'on 5.1.1');
    assert.match(text, /5\.1\.1/);
    assert.match(text, /Bad destination mailbox address/);
    assert.match(fold(text), /The mailbox specified in the address does not exist/);
    assert.match(text, /Permanent Failure/);
    assert.match(text, /Addressing Status/);
    // The registry's associated basic status codes for X.1.1 are 451 and 550.
    assert.match(text, /451/);
    assert.match(text, /550/);
    assert.match(text, /https:\/\/www\.rfc-editor\.org\/rfc\/rfc3463/);
    assert.deepEqual(hover!.range, range, 'range covers the code');
  });

  test('the hover range is the same from the first and the last character of the code', async () => {
    const range = rangeOf(LOG, '5.1.1', '550 5.1.1');
    const fromStart = await client().hover(LOG_URI, range.start);
    const fromLast = await client().hover(LOG_URI, { line: range.end.line, character: range.end.character - 1 });
    assert.deepEqual(fromStart?.range, range);
    assert.deepEqual(fromLast?.range, range);
  });

  test('5.1.1 in a dsn= field has the same meaning', async () => {
    const range = rangeOf(LOG, '5.1.1', 'dsn=5.1.1');
    const hover = await client().hover(LOG_URI, inside(range));
    assert.match(markdown(hover, 'on dsn=5.1.1'), /Bad destination mailbox address/);
    assert.deepEqual(hover!.range, range);
  });

  test('4.7.1: class 4 and subject 7 meanings', async () => {
    const range = rangeOf(LOG, '4.7.1', '451 4.7.1');
    const hover = await client().hover(LOG_URI, inside(range));
    const text = markdown(hover, 'on 4.7.1');
    assert.match(text, /Delivery not authorized, message refused/);
    assert.match(text, /Persistent Transient Failure/);
    assert.match(text, /Security or Policy Status/);
    assert.deepEqual(hover!.range, range);
  });

  test('deprecated 5.6.10 names its replacement 5.6.8', async () => {
    const range = rangeOf(LOG, '5.6.10', '553 5.6.10');
    const hover = await client().hover(LOG_URI, inside(range));
    const text = markdown(hover, 'on 5.6.10');
    assert.match(text, /5\.6\.10/);
    assert.match(text, /deprecated/i);
    assert.match(text, /5\.6\.8/);
    assert.deepEqual(hover!.range, range);
  });

  test('reply code 550 before 5.1.1: its RFC 5321 meaning', async () => {
    const range = rangeOf(LOG, '550', '550 5.1.1');
    const hover = await client().hover(LOG_URI, inside(range));
    const text = markdown(hover, 'on 550');
    assert.match(text, /Requested action not taken: mailbox unavailable/);
    assert.match(text, /RFC 5321/);
    if (hover!.range) assert.deepEqual(hover!.range, range, 'a reply-code hover range covers the reply code');
  });

  test('a code in a python string literal', async () => {
    const range = rangeOf(PYTHON, '5.7.1', '"550 5.7.1');
    const hover = await client().hover(PYTHON_URI, inside(range));
    assert.match(markdown(hover, 'in a python string'), /Delivery not authorized, message refused/);
    assert.deepEqual(hover!.range, range);
  });

  const nowhere: [string, () => Position][] = [
    ['the timestamp', () => positionAt(LOG, 2)],
    ['the program name', () => inside(rangeOf(LOG, 'postfix', 'postfix/smtpd'))],
    ['an address', () => inside(rangeOf(LOG, 'c@d.example'))],
    ['an IP address', () => inside(rangeOf(LOG, '192.0.2.9'))],
    ['a word of the reply text', () => inside(rangeOf(LOG, 'Greylisted'))],
    ['the empty last line', () => ({ line: 3, character: 0 })],
  ];
  for (const [where, position] of nowhere) {
    test(`null on ${where}`, async () => {
      assert.equal(await client().hover(LOG_URI, position()), null);
    });
  }

  test('null on a code in a python comment and on python code', async () => {
    assert.equal(await client().hover(PYTHON_URI, inside(rangeOf(PYTHON, '5.7.1', '# 550 5.7.1'))), null);
    assert.equal(await client().hover(PYTHON_URI, inside(rangeOf(PYTHON, 'refuse'))), null);
  });

  test('hover follows edits (the code moved by an insertion)', async () => {
    const uri = 'file:///lsp-tests/hover/edited.log';
    await client().open(uri, 'log', 'x: 550 5.1.1 user unknown\n');
    await client().change(uri, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'y: 452 4.2.2 mailbox full\n' },
    ]);
    const text = client().document(uri).getText();
    const full = await client().hover(uri, inside(rangeOf(text, '4.2.2')));
    assert.match(markdown(full, 'on the inserted 4.2.2'), /Mailbox full/);
    const moved = rangeOf(text, '5.1.1');
    const hover = await client().hover(uri, inside(moved));
    assert.match(markdown(hover, 'on the moved 5.1.1'), /Bad destination mailbox address/);
    assert.deepEqual(hover!.range, moved);
  });
});

describe('hover contents when the client only takes plaintext', () => {
  const client = startForSuite(
    { before, after },
    {
      capabilities: { ...PULL_CAPABILITIES, textDocument: { ...PULL_CAPABILITIES.textDocument, hover: { contentFormat: ['plaintext'] } } },
      settings: null,
    },
  );

  test('still a hover with the title (markdown or plain text)', async () => {
    const uri = 'file:///lsp-tests/hover/plain.log';
    const text = 'x: 550 5.1.1 user unknown\n';
    await client().open(uri, 'log', text);
    const hover = await client().hover(uri, inside(rangeOf(text, '5.1.1')));
    assert.ok(hover);
    assert.match(hoverText(hover.contents), /Bad destination mailbox address/);
  });
});
