// The hover on a message id tells the message's story from its own lines; on a code, which
// message and recipient the code is about. Log text is escaped like any other.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis, hover, messageHover } from '../../server/src/service';
import { assertSafeMarkdown } from '../fuzz/support/invariants';
import { fixtureLog, inside, logOf, type Log } from './support/messageLogs';

function markdownAt(log: Log, needle: string, nth = 0): string {
  const result: Hover | null = hover(log.analysis, log.document, inside(log, needle, nth));
  assert.ok(result, `a hover on ${needle}`);
  return (result.contents as MarkupContent).value;
}

describe('hover on a message id', () => {
  const postfix = fixtureLog('postfix.log');

  test('Postfix, after a content filter: times, sender, size, each recipient with outcome, relay, delay, code and title, the hops', () => {
    const text = markdownAt(postfix, '4Y8kQ2VbNTz7Hf');
    assert.match(text, /^\*\*4Y8kQ2VbNTz7Hf\*\* Postfix queue ID: 7 lines, Dec {2}6 10:20:03 to Dec {2}6 10:20:05/);
    assert.match(text, /From \*\*alice\\@example\.org\*\*, 4987 bytes\./);
    assert.match(
      text,
      /\| bob\\@example\.com \| sent \| mx\.example\.com\\\[203\.0\.113\.10\\\]:25 \| 1 \| \*\*2\.0\.0\*\* Other undefined Status \|/,
    );
    assert.match(
      text,
      /\| nobody\\@example\.net \| bounced \| mx\.example\.net\\\[192\.0\.2\.25\\\]:25 \| 2 \| \*\*5\.1\.1\*\* Bad destination mailbox address \|/,
    );
    assert.match(text, /Queued again from \*\*4Y8kQ2T5mPz7Hd\*\*/);
    assert.match(text, /Caused the sender non-delivery notification \*\*4Y8kQ3Cx9Rz7Hg\*\*/);
    assert.match(text, /Accepted by mx\.example\.com\\\[203\.0\.113\.10\\\]:25 as \*\*1tJbZk-000DxF-5T\*\*/);
    assertSafeMarkdown(text, 'the story');
  });

  test('the message before the content filter names the filter; the bounce names the sender <> and its cause', () => {
    assert.match(
      markdownAt(postfix, '4Y8kQ2T5mPz7Hd'),
      /Passed to the content filter at 127\.0\.0\.1\\\[127\.0\.0\.1\\\]:10024, which queued it again as \*\*4Y8kQ2VbNTz7Hf\*\*/,
    );
    const bounce = markdownAt(postfix, '4Y8kQ3Cx9Rz7Hg');
    assert.match(bounce, /From \*\*&lt;&gt; \(the null sender: a bounce\)\*\*, 6543 bytes/);
    assert.match(bounce, /A notification about \*\*4Y8kQ2VbNTz7Hf\*\*/);
  });

  test('the same story from any place the id is written (the bounce’s own line or the line that caused it)', () => {
    // The first is the id at the start of its own line, the third the notification's on the bounce line.
    assert.equal(markdownAt(postfix, '4Y8kQ3Cx9Rz7Hg', 0), markdownAt(postfix, '4Y8kQ3Cx9Rz7Hg', 2));
  });

  test('a recipient tried twice: its last outcome and the number of attempts', () => {
    assert.match(
      markdownAt(postfix, '9C1F24A0B3'),
      /\| dave\\@example\.org \| sent \(2 attempts\) \| mx\.example\.org\\\[198\.51\.100\.8\\\]:25 \| 302 \| \*\*2\.0\.0\*\*/,
    );
  });

  test('an id only named here: said so', () => {
    assert.match(markdownAt(postfix, '7RtM2kPq9Wz3Lc'), /named here, its own lines are not in this log/);
  });

  test('Exim, Sendmail and OpenSMTPD stories', () => {
    const exim = markdownAt(fixtureLog('exim.log'), '1tJcAa-000BcD-7e');
    assert.match(exim, /Exim message ID: 4 lines/);
    assert.match(
      exim,
      /\| nobody\\@example\.net \| bounced \| mx\.example\.net \\\[192\.0\.2\.25\\\] \| {2}\| \*\*5\.1\.1\*\* Bad destination mailbox address \|/,
    );
    assert.match(exim, /Caused the notification \*\*1tJcAb-000BcE-8f\*\*/);
    const sendmail = markdownAt(fixtureLog('sendmail.log'), '4B6AeAae024715');
    assert.match(sendmail, /\| ivan\\@example\.net \| bounced \| mx\.example\.net\. \\\[192\.0\.2\.25\\\] \| 00:00:01 \| \*\*5\.1\.1\*\*/);
    assert.match(sendmail, /Caused the delivery status notification \*\*4B6AeBae024717\*\*/);
    const smtpd = markdownAt(fixtureLog('opensmtpd.log'), '5d1e2f3a');
    assert.match(smtpd, /OpenSMTPD message ID: 5 lines/);
    assert.match(smtpd, /\| nobody\\@example\.net \| bounced \| 192\.0\.2\.25 \(mx\.example\.net\) \| 6s \| \*\*5\.1\.1\*\*/);
    assert.match(smtpd, /Received or delivered in OpenSMTPD session \*\*3c5e7f9a1b2d4e60\*\*/);
  });

  test('hostile text in the fields comes out inert', () => {
    const log = logOf(
      [
        'Dec  6 10:00:00 mx postfix/qmgr[1]: 9C1F24A0B3: from=<[x](command:evil)@e.example>, size=<b>1</b>, nrcpt=1 (queue active)',
        'Dec  6 10:00:01 mx postfix/smtp[2]: 9C1F24A0B3: to=<`a`|*b*@http://evil.example/>, relay=<img src=x>, delay=\u001b[31m, dsn=5.1.1, status=bounced (x)',
      ].join('\n'),
    );
    const text = markdownAt(log, '9C1F24A0B3');
    assertSafeMarkdown(text, 'hostile fields');
    assert.doesNotMatch(text, /(?<!\\)\]\(command:/, 'no link to a command');
  });

  test('nothing off an id, and nothing in source code', () => {
    assert.equal(messageHover(postfix.analysis, postfix.document, { line: 0, character: 3 }), null);
    const text = 'x = "Dec  6 10:00:00 mx postfix/qmgr[1]: 9C1F24A0B3: removed"';
    const python = TextDocument.create('file:///src/a.py', 'python', 1, text);
    assert.equal(messageHover(new Analysis(python), python, python.positionAt(text.indexOf('9C1F') + 1)), null);
  });
});

describe('hover on a code: which message and recipient', () => {
  test('under the title: the message id and the recipient, with its outcome', () => {
    const text = markdownAt(fixtureLog('postfix.log'), '5.1.1');
    const [title, note] = text.split('\n\n');
    assert.match(title, /^\*\*5\.1\.1\*\* Bad destination mailbox address/);
    assert.equal(note, 'In Postfix queue ID **4Y8kQ2VbNTz7Hf**, recipient **nobody\\@example.net** (bounced).');
  });

  test('Exim and OpenSMTPD lines', () => {
    assert.match(
      markdownAt(fixtureLog('exim.log'), '4.7.1'),
      /In Exim message ID \*\*1tJcBf-00000001xQr-2Bcd\*\*, recipient \*\*dave\\@example\.org\*\* \(deferred\)\./,
    );
    assert.match(
      markdownAt(fixtureLog('opensmtpd.log'), '5.1.1'),
      /In OpenSMTPD message ID \*\*5d1e2f3a\*\*, recipient \*\*nobody\\@example\.net\*\* \(bounced\)\./,
    );
  });

  test('a NOQUEUE refusal: refused before it was queued, for whom', () => {
    assert.match(
      markdownAt(fixtureLog('postfix.log'), '5.7.1'),
      /Refused before it was queued \(`NOQUEUE`\), for \*\*spam\\@example\.com\*\*\./,
    );
  });

  test('a code on a line of no message gets no such line', () => {
    const text = markdownAt(logOf('host said: 550 5.1.1 <a@b.example>: unknown'), '5.1.1');
    assert.doesNotMatch(text, /queue ID|message ID|NOQUEUE/);
  });
});
