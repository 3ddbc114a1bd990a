// Helpers for the extension tests: open the fixture files, ask VS Code's own commands for
// hovers and completions, and wait for diagnostics through VS Code's change event.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'smtp-status-codes.smtp-status-codes';
export const DIAGNOSTIC_SOURCE = 'smtp-status';
/** Long enough for a cold language server on a busy CI machine; only a deadline, never a sleep. */
const WAIT_MS = 20_000;

/** The extension, activated: its language client has started and the server has initialised. */
export async function activeExtension(): Promise<vscode.Extension<unknown>> {
  const ours = extension();
  await ours.activate();
  return ours;
}

export function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `extension ${EXTENSION_ID} is loaded`);
  return found;
}

/** A file of the test workspace (a copy of test/fixtures/e2e). */
export function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with the fixtures folder open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openFixture(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** The position just inside the first occurrence of `text` (after `after`, when given). */
export function positionOf(document: vscode.TextDocument, text: string, after = ''): vscode.Position {
  const content = document.getText();
  const anchor = content.indexOf(after + text);
  assert.ok(anchor >= 0, `"${after + text}" occurs in ${document.uri.path}`);
  return document.positionAt(anchor + after.length + 1);
}

/** The end of the first occurrence of `text`. */
export function positionAfter(document: vscode.TextDocument, text: string): vscode.Position {
  const at = document.getText().indexOf(text);
  assert.ok(at >= 0, `"${text}" occurs in ${document.uri.path}`);
  return document.positionAt(at + text.length);
}

/** The markdown of every hover VS Code collects at the position, joined. */
export async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n\n');
}

export async function completionLabels(document: vscode.TextDocument, position: vscode.Position, trigger?: string): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    document.uri,
    position,
    trigger,
  );
  return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

/** The rule id of a diagnostic (`code` is `{ value, target }` when the server gives a link). */
export function ruleOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' && code !== null ? code.value : code);
}

export function ruleIds(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map(ruleOf).sort();
}

/**
 * Resolves with the document's smtp-status diagnostics once `accept` holds for them, checking
 * now and on every `onDidChangeDiagnostics` for the document; rejects after a deadline. Before the
 * first report a document has no diagnostics, so `accept` must not take "none" for an answer
 * unless the document has been reported on already.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const finish = () => {
      subscription.dispose();
      clearTimeout(deadline);
    };
    const check = () => {
      const diagnostics = ourDiagnostics(uri);
      if (accept(diagnostics)) {
        finish();
        resolve(diagnostics);
      }
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const deadline = setTimeout(() => {
      finish();
      reject(
        new Error(
          `timed out after ${WAIT_MS} ms waiting for ${what} in ${uri.path}; diagnostics now: ${JSON.stringify(ruleIds(ourDiagnostics(uri)))}`,
        ),
      );
    }, WAIT_MS);
    check();
  });
}

/** Sets a user setting for the duration of `body`, then puts the previous value back. */
export async function withSetting<T>(section: string, value: unknown, body: () => Promise<T>): Promise<T> {
  const configuration = vscode.workspace.getConfiguration('smtpStatus');
  const previous = configuration.inspect(section)?.globalValue;
  await configuration.update(section, value, vscode.ConfigurationTarget.Global);
  try {
    return await body();
  } finally {
    await vscode.workspace.getConfiguration('smtpStatus').update(section, previous, vscode.ConfigurationTarget.Global);
  }
}

let untitledCount = 0;

/** File name endings that give an untitled document its language from the start. */
const UNTITLED_EXTENSION: Record<string, string> = {
  log: '.log',
  smtp: '.smtp',
  python: '.py',
  plaintext: '.txt',
  email: '.eml',
  json: '.json',
  yaml: '.yaml',
  kotlin: '.kt',
  toml: '.toml',
  erlang: '.erl',
};

/**
 * An unsaved document shown in an editor: tests that edit text leave the fixture files alone.
 * Each gets a name of its own (`untitled:/smtp-status-test-N.log`): VS Code hands the next
 * `Untitled-1` out again as soon as one is closed, and a document opened right after the close
 * could be given the closing one's model, text and diagnostics. The name's ending sets the
 * language when the document opens (changing it afterwards would close and reopen the document
 * in the language server while the test already reads its diagnostics).
 */
export async function openUntitled(language: string, content: string): Promise<vscode.TextDocument> {
  const extension = UNTITLED_EXTENSION[language];
  assert.ok(extension, `no file name ending for ${language}`);
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `/smtp-status-test-${++untitledCount}${extension}` });
  const document = await vscode.workspace.openTextDocument(uri);
  assert.equal(document.languageId, language, `${uri.toString()} opens as ${language}`);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), content);
  assert.equal(await vscode.workspace.applyEdit(edit), true, `content written into ${uri.toString()}`);
  await vscode.window.showTextDocument(document, { preview: false });
  assert.equal(document.getText(), content);
  return document;
}

/** Closes the editors of `document` without saving: the next test starts from a clean window. */
export async function closeWithoutSaving(document: vscode.TextDocument): Promise<void> {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === document.uri.toString()) {
        await vscode.window.showTextDocument(document, { viewColumn: group.viewColumn, preview: false });
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    }
  }
}

/**
 * Asks `read` until `accept` holds for its answer, and resolves with it; rejects after a
 * deadline. For answers that follow a setting change with no event of their own (the server
 * hears of the change by a notification, and inlay hints have no public change event).
 */
export async function eventually<T>(read: () => Thenable<T> | T, accept: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  let last: T;
  do {
    last = await read();
    if (accept(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  } while (Date.now() < deadline);
  throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}; last answer: ${JSON.stringify(last)}`);
}

/**
 * The quick fixes VS Code collects for `range`, with the diagnostics it finds there. The command
 * runs in the workbench, which takes the diagnostics from its own copy of them: that copy can lag
 * a moment behind the extension host's (where `waitForDiagnostics` saw them) and a request sent in
 * that moment gets no fixes. So the fixes are asked for until some come.
 */
export async function quickFixes(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const ask = async () => {
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      range,
      vscode.CodeActionKind.QuickFix.value,
    );
    return actions.filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
  };
  return eventually(ask, (fixes) => fixes.length > 0, `quick fixes at ${JSON.stringify(range)} in ${document.uri.path}`);
}
