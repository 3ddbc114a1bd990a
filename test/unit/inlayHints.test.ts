// Inlay hints, called directly: the title after each code, from the site's, the vendor's or the
// registry's meaning, only when switched on, only in the range asked for.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lookupCode, lookupVendorCode } from '../../server/src/registry';
import { analyze, DEFAULT_SETTINGS, inlayHints, readSettings } from '../../server/src/service';

const LOG = [
  'host said: 552 5.2.2 <a@b.example>: Mailbox full',
  'said: 550 5.7.606 Access denied [BN8NAM11FT024.eop-nam11.prod.protection.outlook.com]',
  'said: 550 5.7.900 local policy',
  'said: 550 5.01.1 malformed',
].join('\n');
const document = TextDocument.create('file:///f/mail.log', 'log', 1, LOG);
const whole = { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } };
const on = readSettings({ inlayHints: { enabled: true }, siteCodes: { 'X.7.900': 'Our policy block' } });

describe('inlay hints', () => {
  test('off by default', () => {
    assert.deepEqual(inlayHints(analyze(document), document, whole, DEFAULT_SETTINGS), []);
  });

  test("the registry's, the vendor's and the site's titles after their codes; none for a malformed code", () => {
    const hints = inlayHints(analyze(document), document, whole, on);
    assert.deepEqual(
      hints.map((h) => [h.position.line, h.position.character, h.label]),
      [
        [0, 20, `▸ ${lookupCode(2, 2)!.title}`],
        [1, 17, `▸ ${lookupVendorCode('microsoft', 5, 7, 606)!.title}`],
        [2, 17, '▸ Our policy block'],
      ],
    );
    for (const hint of hints) assert.equal(hint.paddingLeft, true);
  });

  test("a registered code a vendor gives its own meaning shows the vendor's title where the reply names the vendor", () => {
    const text = [
      '550-5.7.26 This mail is unauthenticated.',
      '550 5.7.26 https://support.google.com/mail/answer/81126 - gsmtp',
      'said: 550 5.7.26 no',
    ].join('\n');
    const transcript = TextDocument.create('file:///f/transcript.log', 'log', 1, text);
    const hints = inlayHints(analyze(transcript), transcript, whole, on);
    const google = lookupVendorCode('google', 5, 7, 26)!.title;
    assert.notEqual(google, lookupCode(7, 26)!.title, "the test needs Google's title to differ from IANA's");
    assert.deepEqual(
      hints.map((h) => h.label),
      [`▸ ${google}`, `▸ ${google}`, `▸ ${lookupCode(7, 26)!.title}`],
    );
  });

  test('only the lines of the range', () => {
    const hints = inlayHints(analyze(document), document, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, on);
    assert.deepEqual(
      hints.map((h) => h.position.line),
      [1],
    );
  });

  test('a huge range stays bounded', () => {
    const big = TextDocument.create('file:///f/big.log', 'log', 1, 'said: 550 5.1.1 x\n'.repeat(10_000));
    const hints = inlayHints(analyze(big), big, { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } }, on);
    assert.ok(hints.length > 0 && hints.length < 10_000, `${hints.length} hints`);
  });
});
