/// <reference types="mocha" />
// Following a message through mail.log: Find All References on a queue ID lists its lines and the
// lines of the messages linked to it (the bounce notification it caused), checked against a plain
// search for the ids; Show This Message and Show Failures open a read-only view of those lines,
// each numbered and linked back to the log.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, openFixture, positionOf } from './support';

const QUEUE_ID = '4Y3p2F4b2Pz3';
/** The bounce notification the message caused (`sender non-delivery notification: ID`). */
const NOTIFICATION = '4Y3p2H1mQ7z8';
const VIEW_SCHEME = 'smtp-status-lines';
const WAIT_MS = 20_000;

/** The 0-based lines of the document that hold any of the needles: what a plain search finds. */
function linesWith(document: vscode.TextDocument, ...needles: string[]): number[] {
  const found: number[] = [];
  for (let line = 0; line < document.lineCount; line++) {
    if (needles.some((needle) => document.lineAt(line).text.includes(needle))) found.push(line);
  }
  return found;
}

/** Resolves with the view once an editor of the views' scheme whose name holds `name` is visible. */
function waitForView(name: string): Promise<vscode.TextEditor> {
  return new Promise((resolve, reject) => {
    const find = () =>
      vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === VIEW_SCHEME && e.document.uri.path.includes(name));
    const check = () => {
      const editor = find();
      if (editor === undefined) return;
      subscription.dispose();
      clearTimeout(deadline);
      resolve(editor);
    };
    const subscription = vscode.window.onDidChangeVisibleTextEditors(check);
    const deadline = setTimeout(() => {
      subscription.dispose();
      const shown = vscode.window.visibleTextEditors.map((e) => e.document.uri.toString()).join(', ');
      reject(new Error(`timed out after ${WAIT_MS} ms waiting for the view "${name}"; visible: ${shown}`));
    }, WAIT_MS);
    check();
  });
}

/** The line numbers a view shows, and the log lines its links go to (1-based, as `#L` writes them). */
async function viewLines(view: vscode.TextDocument): Promise<{ numbers: number[]; linked: number[] }> {
  const numbers = view
    .getText()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => Number(/^\s*(\d+) {2}/.exec(line)?.[1]));
  const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', view.uri);
  const linked = links.map((link) => Number(/^L(\d+)$/.exec(link.target?.fragment ?? '')?.[1]));
  return { numbers, linked };
}

describe('messages', () => {
  before(activeExtension);

  it(`Find All References on the queue ID ${QUEUE_ID} lists its lines and its notification's, as a search for both ids finds them`, async () => {
    const document = await openFixture('mail.log');
    const locations = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider',
      document.uri,
      positionOf(document, QUEUE_ID),
    );
    assert.deepEqual(
      locations.map((l) => l.range.start.line).sort((a, b) => a - b),
      linesWith(document, QUEUE_ID, NOTIFICATION),
    );
    assert.ok(
      locations.every((l) => l.uri.toString() === document.uri.toString()),
      'every reference is in mail.log',
    );
    // Each location is the id that line is about.
    for (const location of locations) assert.match(document.getText(location.range), /^4Y3p2[A-Za-z0-9]{7}$/);
  });

  it('Go to Definition on the queue ID (on its bounce line) goes to the first line of the message', async () => {
    const document = await openFixture('mail.log');
    const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      document.uri,
      positionOf(document, QUEUE_ID, 'postfix/bounce[4140]: '),
    );
    assert.equal(found.length, 1);
    const range = 'targetRange' in found[0] ? found[0].targetRange : found[0].range;
    assert.equal(range.start.line, linesWith(document, QUEUE_ID)[0]);
  });

  it('Show Failures opens a view of the failing lines, numbered and linked back to the log', async () => {
    const document = await openFixture('mail.log');
    await vscode.commands.executeCommand('smtpStatus.showFailures', { withMessages: false });
    const editor = await waitForView('failures');
    const view = editor.document;
    assert.equal(view.uri.scheme, VIEW_SCHEME);
    assert.match(view.uri.path, /mail\.log · failures$/);
    // The failing lines of mail.log: dsn=5.1.1, dsn=4.7.1, the two NOQUEUE refusals, dsn=5.6.10.
    const failing = linesWith(document, 'dsn=5', 'dsn=4', ': 550 ', ': 450 ');
    const { numbers, linked } = await viewLines(view);
    assert.deepEqual(
      numbers,
      failing.map((line) => line + 1),
    );
    assert.deepEqual(linked, numbers, 'each number links to its line of the log');
    // The text after each number is the log's line.
    const texts = view
      .getText()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.replace(/^\s*\d+ {2}/, ''));
    assert.deepEqual(
      texts,
      failing.map((line) => document.lineAt(line).text),
    );
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', view.uri);
    assert.ok(links.every((link) => link.target?.with({ fragment: '' }).toString() === document.uri.toString()));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Show Failures with their messages adds the other lines of the failing messages', async () => {
    const document = await openFixture('mail.log');
    await vscode.commands.executeCommand('smtpStatus.showFailures', { withMessages: true });
    const editor = await waitForView('failures and their messages');
    const { numbers } = await viewLines(editor.document);
    // The failures, and every line of 4Y3p2F4b2Pz3 (a bounce and a deferral), its notification and 4Y3p2K3fRbz9 (a bounce).
    const expected = [
      ...new Set([
        ...linesWith(document, 'dsn=5', 'dsn=4', ': 550 ', ': 450 '),
        ...linesWith(document, QUEUE_ID, NOTIFICATION, '4Y3p2K3fRbz9'),
      ]),
    ]
      .sort((a, b) => a - b)
      .map((line) => line + 1);
    assert.deepEqual(numbers, expected);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it(`Show This Message on ${QUEUE_ID} opens a view of its lines and its notification's`, async () => {
    const document = await openFixture('mail.log');
    const editor = await vscode.window.showTextDocument(document);
    const at = positionOf(document, QUEUE_ID);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('smtpStatus.showMessage');
    const view = await waitForView(`message ${QUEUE_ID}`);
    const { numbers, linked } = await viewLines(view.document);
    assert.deepEqual(
      numbers,
      linesWith(document, QUEUE_ID, NOTIFICATION).map((line) => line + 1),
    );
    assert.deepEqual(linked, numbers);
    // Following the link of the view's last line (the queue manager's `removed`) opens the log there.
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', view.document.uri);
    const last = links.at(-1)!;
    await vscode.commands.executeCommand('vscode.open', last.target);
    const opened = await waitFor(
      () => {
        const active = vscode.window.activeTextEditor;
        return active?.document.uri.toString() === document.uri.toString() && active.selection.active.line === numbers.at(-1)! - 1;
      },
      `mail.log with the cursor on line ${numbers.at(-1)}`,
    );
    assert.ok(opened);
  });
});

/** Resolves once `accept` holds, checking every 50 ms until a deadline. */
async function waitFor(accept: () => boolean, what: string): Promise<true> {
  const deadline = Date.now() + WAIT_MS;
  while (!accept()) {
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${WAIT_MS} ms waiting for ${what}; active: ${vscode.window.activeTextEditor?.document.uri.toString()} at line ${vscode.window.activeTextEditor?.selection.active.line}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}
