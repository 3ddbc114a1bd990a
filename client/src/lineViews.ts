import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { COMMANDS, FailureLinesRequest, MessageLinesRequest } from '../../common';
import { basename, sendRequest } from './commands';

/** The scheme of the read-only views of a log's lines: *Show This Message* and *Show Failures*. */
export const LINE_VIEW_SCHEME = 'smtp-status-lines';

/** What one view shows: lines of `source`, each prefixed with its 1-based number. */
interface LineView {
  source: vscode.Uri;
  /** 0-based, in document order. */
  lines: readonly number[];
  content: string;
  /** Characters of the number column (the numbers are right-aligned in it). */
  numberWidth: number;
}

/**
 * The views: a `TextDocumentContentProvider` serves each view's text (read-only, as every
 * provider's document is), and a `DocumentLinkProvider` makes each line's number a link to that
 * line of the log. The server computes which lines (`smtpStatus/messageLines`,
 * `smtpStatus/failureLines`); the text comes from the client's own copy of the log, so nothing of
 * the log crosses the connection twice. Only the numbers are links: the log's text stays text.
 */
export function registerLineViews(context: vscode.ExtensionContext, client: () => BaseLanguageClient | undefined): void {
  const views = new Map<string, LineView>();
  const changed = new vscode.EventEmitter<vscode.Uri>();

  const show = async (source: vscode.TextDocument, name: string, lines: readonly number[]) => {
    const uri = viewUri(source.uri, name);
    views.set(uri.toString(), viewOf(source, lines));
    changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    // The log's language, for its colours (the language server does not serve this scheme).
    const shown =
      document.languageId === source.languageId ? document : await vscode.languages.setTextDocumentLanguage(document, source.languageId);
    await vscode.window.showTextDocument(shown, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  };

  /** The log the command is about and the language client, or a message saying what is missing. */
  const target = (): { editor: vscode.TextEditor; language: BaseLanguageClient } | undefined => {
    const editor = vscode.window.activeTextEditor;
    const language = client();
    if (editor === undefined || editor.document.uri.scheme === LINE_VIEW_SCHEME || language === undefined) {
      void vscode.window.showInformationMessage('Open a mail log first.');
      return undefined;
    }
    return { editor, language };
  };

  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(LINE_VIEW_SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) => views.get(uri.toString())?.content ?? 'This view has closed; run its command again.',
    }),
    vscode.languages.registerDocumentLinkProvider(
      { scheme: LINE_VIEW_SCHEME },
      {
        provideDocumentLinks(document) {
          const view = views.get(document.uri.toString());
          if (view === undefined) return [];
          return view.lines.map((line, row) => {
            const digits = String(line + 1).length;
            const start = view.numberWidth - digits;
            const link = new vscode.DocumentLink(new vscode.Range(row, start, row, view.numberWidth), lineUri(view.source, line));
            link.tooltip = `Go to line ${line + 1} of ${basename(view.source)}`;
            return link;
          });
        },
      },
    ),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.uri.scheme === LINE_VIEW_SCHEME) views.delete(document.uri.toString());
    }),

    vscode.commands.registerCommand(COMMANDS.showMessage, async () => {
      const found = target();
      if (found === undefined) return;
      const { editor, language } = found;
      const position = editor.selection.active;
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Following the message' }, () =>
        sendRequest(language, MessageLinesRequest, {
          uri: language.code2ProtocolConverter.asUri(editor.document.uri),
          position: { line: position.line, character: position.character },
        }),
      );
      if (result === null) {
        void vscode.window.showInformationMessage('No message here: put the cursor on a queue ID or on a line of a message.');
        return;
      }
      await show(editor.document, `message ${result.id}`, result.lines);
    }),

    vscode.commands.registerCommand(COMMANDS.showFailures, async (options?: { withMessages?: unknown }) => {
      const found = target();
      if (found === undefined) return;
      const { editor, language } = found;
      const withMessages = typeof options?.withMessages === 'boolean' ? options.withMessages : await askWithMessages();
      if (withMessages === undefined) return;
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Finding the failures' }, () =>
        sendRequest(language, FailureLinesRequest, { uri: language.code2ProtocolConverter.asUri(editor.document.uri), withMessages }),
      );
      if (result === null) {
        void vscode.window.showInformationMessage(`SMTP Status Codes does not read ${editor.document.languageId} documents.`);
        return;
      }
      if (result.lines.length === 0) {
        void vscode.window.showInformationMessage(`No line of ${basename(editor.document.uri)} has a 4xx or 5xx code.`);
        return;
      }
      await show(editor.document, withMessages ? 'failures and their messages' : 'failures', result.lines);
    }),
  );
}

async function askWithMessages(): Promise<boolean | undefined> {
  const items = [
    { label: 'Failing lines', description: 'every line with a 4xx or 5xx code', withMessages: false },
    { label: 'Failing lines and their messages', description: 'with the other lines of the messages they belong to', withMessages: true },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Show Failures', placeHolder: 'Which lines?' });
  return picked?.withMessages;
}

/** One view per log and kind of view (a second run of the same command updates it). */
function viewUri(source: vscode.Uri, name: string): vscode.Uri {
  // The tab shows the path's last segment: the log's name and what the view holds.
  const label = `${basename(source)} · ${name}`.replace(/[/\\]/g, '_');
  return vscode.Uri.from({
    scheme: LINE_VIEW_SCHEME,
    path: `/${label}`,
    query: new URLSearchParams({ source: source.toString() }).toString(),
  });
}

function viewOf(source: vscode.TextDocument, lines: readonly number[]): LineView {
  const valid = lines.filter((line) => Number.isInteger(line) && line >= 0 && line < source.lineCount);
  const numberWidth = String((valid.at(-1) ?? 0) + 1).length;
  const content = valid.map((line) => `${String(line + 1).padStart(numberWidth)}  ${source.lineAt(line).text}`).join('\n');
  return { source: source.uri, lines: valid, content: `${content}\n`, numberWidth };
}

/** The log at one line: VS Code opens a `#L12` fragment at line 12. */
function lineUri(source: vscode.Uri, line: number): vscode.Uri {
  return source.with({ fragment: `L${line + 1}` });
}
