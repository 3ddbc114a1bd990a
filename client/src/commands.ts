import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { COMMANDS, ENHANCED_CODE, LOG_LANGUAGES, SummaryRequest, type RequestSpec, type Summary } from '../../common';
import { summaryPage } from './summaryView';

/** Languages whose editors show the status-bar entry for the summary. */
const SUMMARY_LANGUAGES: ReadonlySet<string> = new Set(LOG_LANGUAGES);

/**
 * The commands every host has: the summary of the active log (from the server, which has the
 * document), accepting a code as site-specific (the quick fix's command), and a status-bar entry
 * on log editors that opens the summary.
 */
export function registerCommands(context: vscode.ExtensionContext, client: () => BaseLanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.summarize, async () => {
      // The active editor, or, when something else is in front (the walkthrough, a webview), the
      // log shown beside it.
      const editor =
        vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => SUMMARY_LANGUAGES.has(e.document.languageId));
      const language = client();
      if (editor === undefined || language === undefined) {
        void vscode.window.showInformationMessage('Open a mail log to summarise its SMTP status codes.');
        return;
      }
      const document = editor.document;
      const summary = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Summarising SMTP status codes' },
        () => sendRequest(language, SummaryRequest, { uri: language.code2ProtocolConverter.asUri(document.uri) }),
      );
      if (summary === null) {
        void vscode.window.showInformationMessage(`SMTP Status Codes does not read ${document.languageId} documents.`);
        return;
      }
      showSummary(context, summary, `SMTP status codes in ${basename(document.uri)}`, document.uri);
    }),

    vscode.commands.registerCommand(COMMANDS.addSiteCode, async (code: unknown) => {
      if (typeof code !== 'string' || !ENHANCED_CODE.test(code)) return;
      const configuration = vscode.workspace.getConfiguration('smtpStatus');
      const current = configuration.get<Record<string, unknown>>('siteCodes') ?? {};
      const target = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      await configuration.update('siteCodes', { ...current, [code]: 'Site-specific code' }, target);
      void vscode.window.showInformationMessage(`${code} is now a site-specific code (smtpStatus.siteCodes); give it a title there.`);
    }),
  );

  const status = vscode.window.createStatusBarItem('smtpStatus.summary', vscode.StatusBarAlignment.Right, 100);
  status.name = 'SMTP Status Codes';
  status.text = '$(graph) SMTP codes';
  status.tooltip = 'Summarise the SMTP status codes in this log';
  status.command = COMMANDS.summarize;
  const update = () => {
    const language = vscode.window.activeTextEditor?.document.languageId;
    if (language !== undefined && SUMMARY_LANGUAGES.has(language)) status.show();
    else status.hide();
  };
  update();
  context.subscriptions.push(status, vscode.window.onDidChangeActiveTextEditor(update));
}

/** Opens a summary in a webview; a click on a line opens that line of `source`. */
export function showSummary(context: vscode.ExtensionContext, summary: Summary, title: string, source?: vscode.Uri): void {
  const panel = vscode.window.createWebviewPanel('smtpStatus.summary', title, vscode.ViewColumn.Beside, {
    enableScripts: true,
    localResourceRoots: [],
  });
  const nonce = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  panel.webview.html = summaryPage(summary, title, { nonce, cspSource: panel.webview.cspSource, canOpenLines: source !== undefined });
  panel.webview.onDidReceiveMessage(
    async (message: { type?: unknown; line?: unknown }) => {
      if (
        source === undefined ||
        message.type !== 'open' ||
        typeof message.line !== 'number' ||
        !Number.isInteger(message.line) ||
        message.line < 0
      )
        return;
      const position = new vscode.Position(message.line, 0);
      await vscode.window.showTextDocument(source, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
    },
    undefined,
    context.subscriptions,
  );
}

export function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** Sends one of the protocol's custom requests, typed by its spec. */
export function sendRequest<P, R>(
  client: BaseLanguageClient,
  request: RequestSpec<P, R>,
  params: P,
  token?: vscode.CancellationToken,
): Promise<R> {
  return client.sendRequest<R>(request.method, params, token);
}
