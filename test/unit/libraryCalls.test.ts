// Codes that mail libraries' calls build without writing them: Haraka's haraka-dsn helpers and
// Apache James's DSNStatus.getStatus, called directly through hover, inlay hints, completion and
// diagnostics.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-types';
import { lookupCode } from '../../server/src/registry';
import { HARAKA_HELPERS } from '../../server/src/scan';
import { analyze, complete, computeDiagnostics, DEFAULT_SETTINGS, hover, inlayHints, readSettings } from '../../server/src/service';

const HARAKA_PLUGIN = [
  "const DSN = require('haraka-dsn');",
  'exports.hook_rcpt = function (next, connection, params) {',
  '  if (!known(params[0])) return next(DENY, DSN.no_such_user());',
  "  if (full(params[0])) return next(DENYSOFT, DSN.mbox_full('Mailbox is full'));",
  "  if (over(params[0])) return next(DENY, DSN.mbox_full('Over quota', 552));",
  "  const note = 'DSN.no_such_user() in a string is text';",
  '  return next(DENY, DSN.not_a_helper());',
  '};',
].join('\n');

const JAMES = [
  'import org.apache.james.transport.mailets.DSNStatus;',
  'class Bounce {',
  '  String status = DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.ADDRESS_MAILBOX);',
  '  String later = DSNStatus.getStatus(DSNStatus.TRANSIENT, DSNStatus.NETWORK_EXPIRED);',
  '}',
].join('\n');

const open = (text: string, languageId: string, name: string) => TextDocument.create(`file:///src/${name}`, languageId, 1, text);
const hoverText = (document: TextDocument, line: number, name: string) => {
  const character = document.getText().split('\n')[line].indexOf(name) + 1;
  const found = hover(analyze(document), document, { line, character });
  return found === null ? null : (found.contents as MarkupContent).value.replace(/\\/g, '');
};

describe('haraka-dsn helpers', () => {
  const document = open(HARAKA_PLUGIN, 'javascript', 'rcpt.js');

  test('hover on DSN.no_such_user() explains 5.1.1, and says where its class comes from', () => {
    const text = hoverText(document, 2, 'no_such_user');
    assert.ok(text, 'a hover on the helper');
    assert.match(text, /^\*\*DSN\.no_such_user\(\)\*\* builds \*\*5\.1\.1\*\* with reply code 550, haraka-dsn's default/);
    assert.ok(text.includes(lookupCode(1, 1)!.title), 'the title of X.1.1');
  });

  test("DSN.mbox_full() is 4.2.2 with haraka-dsn's 450, and 5.2.2 with the 552 the call passes", () => {
    assert.match(hoverText(document, 3, 'mbox_full') ?? '', /builds \*\*4\.2\.2\*\* with reply code 450, haraka-dsn's default/);
    assert.match(hoverText(document, 4, 'mbox_full') ?? '', /builds \*\*5\.2\.2\*\* with reply code 552, the one the call passes/);
  });

  test('a helper name in a string, and a name haraka-dsn does not have, build nothing', () => {
    assert.equal(hoverText(document, 5, 'no_such_user'), null);
    assert.equal(hoverText(document, 6, 'not_a_helper'), null);
  });

  test('the inlay hint after each call is the code it builds', () => {
    const settings = readSettings({ inlayHints: { enabled: true } });
    const hints = inlayHints(analyze(document), document, { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } }, settings);
    const lines = HARAKA_PLUGIN.split('\n');
    assert.deepEqual(
      hints.map((h) => [h.position.line, lines[h.position.line].slice(0, h.position.character).split('DSN.').at(-1), h.label]),
      [
        [2, 'no_such_user()', '▸ 5.1.1'],
        [3, "mbox_full('Mailbox is full')", '▸ 4.2.2'],
        [4, "mbox_full('Over quota', 552)", '▸ 5.2.2'],
      ],
    );
  });

  test('completion after DSN. offers every haraka-dsn helper with its reply code and code, in code only', () => {
    const text = 'const DSN = require("haraka-dsn");\nnext(DENY, DSN.no';
    const doc = open(text, 'javascript', 'plugin.js');
    const list = complete(analyze(doc), doc, doc.positionAt(text.length));
    assert.ok(list, 'completion after DSN.');
    assert.equal(list.items.length, HARAKA_HELPERS.size);
    const item = list.items.find((i) => i.label === 'no_such_user')!;
    assert.equal(item.labelDetails?.description, '550 5.1.1');
    assert.deepEqual(item.textEdit && 'range' in item.textEdit ? item.textEdit.range.start : undefined, { line: 1, character: 15 });
    const inString = 'next(DENY, "DSN.no';
    const stringDoc = open(inString, 'javascript', 'string.js');
    assert.equal(complete(analyze(stringDoc), stringDoc, stringDoc.positionAt(inString.length)), null, 'nothing inside a string');
  });

  test('the codes the calls build get no diagnostics of their own', () => {
    assert.deepEqual(computeDiagnostics(analyze(document), document, {}, DEFAULT_SETTINGS), []);
  });
});

describe("Apache James's DSNStatus.getStatus", () => {
  const document = open(JAMES, 'java', 'Bounce.java');

  test('hover on getStatus says the code it builds: PERMANENT, ADDRESS_MAILBOX is 5.1.1', () => {
    const text = hoverText(document, 2, 'getStatus');
    assert.ok(text);
    assert.match(text, /^\*\*DSNStatus\.getStatus\(\)\*\* builds \*\*5\.1\.1\*\* \(Apache James\)\./);
    assert.ok(text.includes(lookupCode(1, 1)!.title));
    assert.match(hoverText(document, 3, 'getStatus') ?? '', /builds \*\*4\.4\.7\*\*/);
  });
});
