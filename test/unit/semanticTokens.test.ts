// Semantic tokens, called directly and decoded from LSP's relative encoding: reply codes and
// enhanced codes with their class, deprecated, unregistered and vendor modifiers.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, DEFAULT_SETTINGS, SEMANTIC_LEGEND, semanticTokens } from '../../server/src/service';

/** `[line, start, length, type, modifiers]` per token, in absolute positions. */
function decoded(text: string, range?: { start: { line: number; character: number }; end: { line: number; character: number } }) {
  const document = TextDocument.create('file:///f/mail.log', 'log', 1, text);
  const data = semanticTokens(analyze(document), document, range, DEFAULT_SETTINGS).data;
  const tokens: [number, number, number, string, string[]][] = [];
  let line = 0;
  let start = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    start = data[i] === 0 ? start + data[i + 1] : data[i + 1];
    const modifiers = SEMANTIC_LEGEND.tokenModifiers.filter((_, bit) => (data[i + 4] & (1 << bit)) !== 0);
    tokens.push([line, start, data[i + 2], SEMANTIC_LEGEND.tokenTypes[data[i + 3]], modifiers]);
  }
  return tokens;
}

describe('semantic tokens', () => {
  test('a reply code and its enhanced code, by class', () => {
    assert.deepEqual(decoded('said: 550 5.1.1 unknown\nsaid: 451 4.7.1 later\nS: 250 2.0.0 Ok'), [
      [0, 6, 3, 'smtpReplyCode', ['class5']],
      [0, 10, 5, 'smtpStatusCode', ['class5']],
      [1, 6, 3, 'smtpReplyCode', ['class4']],
      [1, 10, 5, 'smtpStatusCode', ['class4']],
      [2, 3, 3, 'smtpReplyCode', ['class2']],
      [2, 7, 5, 'smtpStatusCode', ['class2']],
    ]);
  });

  test('deprecated, unregistered and vendor codes carry their modifier', () => {
    const tokens = decoded(
      ['said: 553 5.6.10 bad', 'said: 451 4.7.99 later', 'said: 550 5.7.606 denied [x.eop-nam11.prod.protection.outlook.com]'].join('\n'),
    );
    const status = tokens.filter((t) => t[3] === 'smtpStatusCode').map((t) => t[4]);
    assert.deepEqual(status, [
      ['class5', 'deprecated'],
      ['class4', 'unregistered'],
      ['class5', 'vendor'],
    ]);
  });

  test("a registered code a vendor gives its own meaning is the vendor's on every line of the reply that names the vendor", () => {
    // Gmail names itself on the last line only; the scanner reads no markers around 5.7.26, which IANA registers.
    const transcript = [
      '550-5.7.26 This mail is unauthenticated.',
      '550-5.7.26 Gmail requires all senders to authenticate.',
      '550 5.7.26 https://support.google.com/mail/answer/81126 - gsmtp',
    ];
    const status = decoded(transcript.join('\n')).filter((t) => t[3] === 'smtpStatusCode');
    assert.deepEqual(
      status.map((t) => [t[0], t[4]]),
      [
        [0, ['class5', 'vendor']],
        [1, ['class5', 'vendor']],
        [2, ['class5', 'vendor']],
      ],
    );
    assert.deepEqual(decoded('said: 550 5.7.26 unauthenticated').filter((t) => t[3] === 'smtpStatusCode')[0][4], ['class5']);
  });

  test('a bare code gets a token only when the registry knows it', () => {
    assert.deepEqual(decoded('see 5.1.1 in the docs'), [[0, 4, 5, 'smtpStatusCode', ['class5']]]);
    assert.deepEqual(decoded('build 4.7.99 of the tool, then 4.7.99'), []);
  });

  test('a range keeps the tokens of its lines only', () => {
    const text = 'said: 550 5.1.1 a\nsaid: 550 5.1.2 b\nsaid: 550 5.1.3 c';
    const lines = decoded(text, { start: { line: 1, character: 0 }, end: { line: 1, character: 99 } }).map((t) => t[0]);
    assert.deepEqual(lines, [1, 1]);
  });
});
