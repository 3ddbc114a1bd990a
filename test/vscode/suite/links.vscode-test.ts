/// <reference types="mocha" />
// Document links through VS Code's own link command: a code links to the document that defines
// it, and an RFC reference to the RFC.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, closeWithoutSaving, openFixture, openUntitled } from './support';

const linksOf = async (document: vscode.TextDocument) =>
  (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri)) ?? [];

describe('document links', () => {
  before(activeExtension);

  it('5.1.1 in a Postfix log links to RFC 3463', async () => {
    const document = await openFixture('mail.log');
    const links = await linksOf(document);
    const line = document.positionAt(document.getText().indexOf('said: 550 5.1.1')).line;
    const onCode = links.filter((l) => l.range.start.line === line && document.getText(l.range) === '5.1.1');
    assert.equal(onCode.length, 2, 'dsn=5.1.1 and the reply');
    for (const link of onCode) assert.match(link.target?.toString(true) ?? '', /^https:\/\/www\.rfc-editor\.org\/rfc\/rfc3463(#.*)?$/);
    assert.ok(
      links.every((l) => l.target !== undefined && l.target.scheme === 'https'),
      'every link is an https address',
    );
  });

  it('"RFC 3463 section 3.2" in text links to that section', async () => {
    const document = await openUntitled('plaintext', 'Enhanced codes are defined in RFC 3463 section 3.2, the reply codes in RFC5321.\n');
    try {
      const links = await linksOf(document);
      const targets = links.map((l) => [document.getText(l.range), l.target?.toString(true)]);
      assert.deepEqual(targets, [
        ['RFC 3463 section 3.2', 'https://www.rfc-editor.org/rfc/rfc3463#section-3.2'],
        ['RFC5321', 'https://www.rfc-editor.org/rfc/rfc5321'],
      ]);
    } finally {
      await closeWithoutSaving(document);
    }
  });
});
