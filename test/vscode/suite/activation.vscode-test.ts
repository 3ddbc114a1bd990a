/// <reference types="mocha" />
// The extension wakes up for the languages and file names it contributes, and serves each of them.
// VS Code activates an extension once per extension host, so only the first document can prove
// activation itself; for the others the manifest must list their `onLanguage` event and the
// server must answer for them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, openFixture, ourDiagnostics, waitForDiagnostics } from './support';

const manifest = () => extension().packageJSON as { activationEvents: string[] };

describe('activation', () => {
  it('stays inactive while no document of a language it serves is open', () => {
    // JSON is served (providers' payloads), and VS Code may open a JSON model of its own at start-up
    // (settings): then the extension is rightly active, and that document says why.
    const served = vscode.workspace.textDocuments.filter((d) => manifest().activationEvents.includes(`onLanguage:${d.languageId}`));
    const open = served.map((d) => `${d.languageId} ${d.uri.toString()}`).join(', ');
    assert.equal(extension().isActive, served.length > 0, `active: ${extension().isActive}; served documents open: ${open || 'none'}`);
  });

  it('activates when a Postfix mail.log opens (the log language, by file name)', async () => {
    const document = await openFixture('mail.log');
    assert.equal(document.languageId, 'log');
    // Diagnostics come only from a running language server, so their arrival means the extension
    // was activated by the document (the tests never call activate() before this).
    await waitForDiagnostics(document.uri, (d) => d.length > 0, 'diagnostics');
    assert.equal(extension().isActive, true);
  });

  const files: [name: string, languageId: string, what: string][] = [
    ['mail.log', 'log', 'a Postfix log (mail.log* file name)'],
    ['mainlog', 'log', 'an Exim mainlog (file name)'],
    ['session.smtp', 'smtp', 'an SMTP transcript (.smtp)'],
    ['bounce.eml', 'email', 'a bounce message (.eml)'],
    ['handler.py', 'python', 'Python source (strings)'],
  ];
  for (const [name, languageId, what] of files) {
    it(`serves ${what}: ${name} opens as ${languageId}, onLanguage:${languageId} is declared, diagnostics arrive`, async () => {
      const document = await openFixture(name);
      assert.equal(document.languageId, languageId);
      assert.ok(manifest().activationEvents.includes(`onLanguage:${languageId}`), `activationEvents lists onLanguage:${languageId}`);
      const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length > 0, 'diagnostics');
      assert.deepEqual(ourDiagnostics(document.uri), diagnostics);
    });
  }

  it('declares an onLanguage event for every language of its document selector', () => {
    const events = new Set(manifest().activationEvents);
    const contributed = (extension().packageJSON as { contributes: { languages: { id: string }[] } }).contributes.languages.map(
      (l) => l.id,
    );
    for (const id of contributed) assert.ok(events.has(`onLanguage:${id}`), `onLanguage:${id}`);
  });
});
