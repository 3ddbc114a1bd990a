// Message ids through the built server: highlights, references, definition, the hover's story, the
// note on a code's hover, and the line lists of the Show This Message and Show Failures views.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { DocumentHighlight, Location } from 'vscode-languageserver-protocol';
import { FailureLinesRequest, MessageLinesRequest, type FailureLinesResult, type MessageLinesResult } from '../../common';
import { repoPath } from '../support/paths';
import { PULL_CAPABILITIES, startForSuite } from './support/lspClient';
import { hoverText, positionAt } from './support/text';

const fixture = (name: string) => readFileSync(repoPath('test', 'fixtures', 'messages', name), 'utf8');
const POSTFIX = fixture('postfix.log');
const EXIM = fixture('exim.log');
const POSTFIX_URI = 'file:///lsp-tests/messages/mail.log';
const EXIM_URI = 'file:///lsp-tests/messages/mainlog';
const CHAIN = ['4Y8kQ2T5mPz7Hd', '4Y8kQ2VbNTz7Hf', '4Y8kQ3Cx9Rz7Hg'];

/** The 0-based lines that hold any of the needles: what a plain search finds. */
const linesWith = (text: string, ...needles: string[]) =>
  text.split('\n').flatMap((line, k) => (needles.some((n) => line.includes(n)) ? [k] : []));
const inside = (text: string, needle: string, nth = 0) => {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, needle);
  return positionAt(text, at + 1);
};

describe('message ids through the server', () => {
  const client = startForSuite({ before, after }, { capabilities: PULL_CAPABILITIES, settings: null });
  before(async () => {
    await client().open(POSTFIX_URI, 'log', POSTFIX);
    await client().open(EXIM_URI, 'log', EXIM);
  });

  test('the server offers highlights, references and definitions', () => {
    const { capabilities } = client().initializeResult;
    assert.equal(capabilities.documentHighlightProvider, true);
    assert.equal(capabilities.referencesProvider, true);
    assert.equal(capabilities.definitionProvider, true);
  });

  test('document highlights: every place the queue id is written', async () => {
    const highlights = await client().request<DocumentHighlight[]>('textDocument/documentHighlight', {
      textDocument: { uri: POSTFIX_URI },
      position: inside(POSTFIX, '9C1F24A0B3'),
    });
    assert.deepEqual(
      highlights.map((h) => h.range.start.line),
      linesWith(POSTFIX, '9C1F24A0B3'),
    );
  });

  test('references: the lines of the message, of the one a content filter queued it as, and of its bounce', async () => {
    for (const id of CHAIN) {
      const locations = await client().request<Location[]>('textDocument/references', {
        textDocument: { uri: POSTFIX_URI },
        position: inside(POSTFIX, id),
        context: { includeDeclaration: true },
      });
      assert.deepEqual(
        locations.map((l) => l.range.start.line),
        linesWith(POSTFIX, ...CHAIN),
        id,
      );
      assert.ok(locations.every((l) => l.uri === POSTFIX_URI));
    }
  });

  test('references in Exim’s log: a message and its bounce (<= <> R=)', async () => {
    const locations = await client().request<Location[]>('textDocument/references', {
      textDocument: { uri: EXIM_URI },
      position: inside(EXIM, '1tJcAa-000BcD-7e', 2),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      locations.map((l) => l.range.start.line),
      linesWith(EXIM, '1tJcAa-000BcD-7e', '1tJcAb-000BcE-8f'),
    );
  });

  test('definition: the first line of the message', async () => {
    const location = await client().request<Location>('textDocument/definition', {
      textDocument: { uri: POSTFIX_URI },
      position: inside(POSTFIX, '4Y8kQ2T5mPz7Hd', 4),
    });
    assert.equal(location.uri, POSTFIX_URI);
    assert.equal(location.range.start.line, linesWith(POSTFIX, '4Y8kQ2T5mPz7Hd')[0]);
  });

  test('hover on an id: sender, recipients and outcomes with the codes’ titles, the hops', async () => {
    const hover = await client().hover(POSTFIX_URI, inside(POSTFIX, '4Y8kQ2VbNTz7Hf'));
    const text = hoverText(hover?.contents);
    assert.match(text, /\*\*4Y8kQ2VbNTz7Hf\*\* Postfix queue ID/);
    assert.match(text, /From \*\*alice\\@example\.org\*\*/);
    assert.match(text, /bob\\@example\.com \| sent .* \*\*2\.0\.0\*\* Other undefined Status/);
    assert.match(text, /nobody\\@example\.net \| bounced .* \*\*5\.1\.1\*\* Bad destination mailbox address/);
    assert.match(text, /Queued again from \*\*4Y8kQ2T5mPz7Hd\*\*/);
    assert.match(text, /non-delivery notification \*\*4Y8kQ3Cx9Rz7Hg\*\*/);
  });

  test('hover on a code: the message and recipient it is about', async () => {
    const hover = await client().hover(POSTFIX_URI, inside(POSTFIX, '5.1.1'));
    assert.match(
      hoverText(hover?.contents),
      /In Postfix queue ID \*\*4Y8kQ2VbNTz7Hf\*\*, recipient \*\*nobody\\@example\.net\*\* \(bounced\)/,
    );
  });

  test('smtpStatus/messageLines: the lines of the message at a position; null on a line of none, or an unknown document', async () => {
    const line = linesWith(POSTFIX, 'sender non-delivery notification')[0];
    const result = await client().request<MessageLinesResult | null>(MessageLinesRequest.method, {
      uri: POSTFIX_URI,
      position: { line, character: 0 },
    });
    assert.deepEqual(result, { id: '4Y8kQ2VbNTz7Hf', lines: linesWith(POSTFIX, ...CHAIN), messages: 3 });
    const none = linesWith(POSTFIX, 'NOQUEUE')[0];
    assert.equal(await client().request(MessageLinesRequest.method, { uri: POSTFIX_URI, position: { line: none, character: 0 } }), null);
    assert.equal(
      await client().request(MessageLinesRequest.method, { uri: 'file:///not/open.log', position: { line: 0, character: 0 } }),
      null,
    );
    assert.equal(await client().request(MessageLinesRequest.method, { uri: POSTFIX_URI, position: { line: 'x' } }), null);
    const far = await client().request<MessageLinesResult | null>(MessageLinesRequest.method, {
      uri: POSTFIX_URI,
      position: { line: 1e9, character: -4 },
    });
    assert.equal(far, null, 'a position past the end is on the last line, empty after the last line break');
  });

  test('smtpStatus/failureLines: the failing lines, and with their messages', async () => {
    const failing = linesWith(POSTFIX, 'dsn=5.', 'dsn=4.', 'NOQUEUE: reject');
    const only = await client().request<FailureLinesResult>(FailureLinesRequest.method, { uri: POSTFIX_URI, withMessages: false });
    assert.deepEqual(only, { lines: failing, failures: failing.length, messages: 0 });
    const withMessages = await client().request<FailureLinesResult>(FailureLinesRequest.method, { uri: POSTFIX_URI, withMessages: true });
    assert.ok(failing.every((l) => withMessages.lines.includes(l)));
    assert.deepEqual(
      withMessages.lines.filter((l) => !failing.includes(l)),
      linesWith(POSTFIX, ...CHAIN, '9C1F24A0B3').filter((l) => !failing.includes(l)),
    );
    assert.equal(await client().request(FailureLinesRequest.method, { uri: 'file:///not/open.log', withMessages: true }), null);
  });

  test('edits keep the index: a new line of the message is found, a removed one is gone', async () => {
    const uri = 'file:///lsp-tests/messages/edited.log';
    await client().open(uri, 'log', POSTFIX);
    const line = 'Dec  6 10:25:07 mx1 postfix/postsuper[5300]: 9C1F24A0B3: removed\n';
    await client().change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: line }]);
    const text = client().document(uri).getText();
    const highlights = await client().request<DocumentHighlight[]>('textDocument/documentHighlight', {
      textDocument: { uri },
      position: inside(text, '9C1F24A0B3'),
    });
    assert.deepEqual(
      highlights.map((h) => h.range.start.line),
      linesWith(text, '9C1F24A0B3'),
    );
    assert.equal(highlights[0].range.start.line, 1);
  });
});
