// Document links, called directly: codes link to the document that defines them, RFC references
// to the RFC; every target is built from numbers, never taken from the text.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { IANA_REGISTRY_URL, lookupCode, rfcUrl } from '../../server/src/registry';
import { analyze, DEFAULT_SETTINGS, documentLinks } from '../../server/src/service';

const links = (text: string) => {
  const document = TextDocument.create('file:///f/mail.log', 'log', 1, text);
  return documentLinks(analyze(document), document, DEFAULT_SETTINGS);
};

describe('document links', () => {
  test("a code links to its entry's reference; an unregistered one to the registry", () => {
    const found = links('said: 550 5.1.1 unknown\nsaid: 451 4.7.99 later');
    assert.deepEqual(
      found.map((l) => [l.range.start.line, l.range.start.character, l.target]),
      [
        [0, 10, lookupCode(1, 1)!.reference.citations[0].url],
        [1, 10, IANA_REGISTRY_URL],
      ],
    );
    assert.match(found[0].tooltip ?? '', /5\.1\.1: Bad destination mailbox address/);
  });

  test('RFC references, with and without a section', () => {
    const found = links('see RFC 3463 section 3.3, rfc5321 and RFC 2034 §4');
    assert.deepEqual(
      found.map((l) => l.target),
      [rfcUrl(3463, '3.3'), rfcUrl(5321), rfcUrl(2034, '4')],
    );
  });

  test('bare and malformed codes get no link, and the text never chooses a target', () => {
    assert.deepEqual(links('version 5.1.1 and said: 550 5.01.1'), []);
    for (const link of links('said: 550 5.1.1 see https://evil.example/x and command:workbench.action.quit RFC 1234')) {
      assert.match(link.target ?? '', /^https:\/\/www\.(rfc-editor|iana)\.org\//);
    }
  });

  test('a huge log is bounded', () => {
    const found = links('said: 550 5.1.1 x\n'.repeat(20_000));
    assert.ok(found.length > 0 && found.length < 20_000, `${found.length} links`);
  });
});
