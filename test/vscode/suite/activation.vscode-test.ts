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
  it('wakes only for what it serves: no start-up event, and active whenever a served document is open', () => {
    // Nothing at start-up: every event is a language it serves or its own command.
    for (const event of manifest().activationEvents) assert.match(event, /^(onLanguage|onCommand):/, event);
    // Whether it is active before any fixture opens cannot say more: VS Code opens models of its
    // own at start-up (a settings JSON, an output channel) and may have closed them by now. What
    // can be checked is the other way round: a served document open means an active extension.
    const served = vscode.workspace.textDocuments.filter((d) => manifest().activationEvents.includes(`onLanguage:${d.languageId}`));
    if (served.length > 0)
      assert.equal(extension().isActive, true, `served documents open: ${served.map((d) => d.uri.toString()).join(', ')}`);
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
