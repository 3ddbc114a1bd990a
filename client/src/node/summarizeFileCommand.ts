import * as vscode from 'vscode';
import { WorkDoneProgress, type BaseLanguageClient, type WorkDoneProgressBegin, type WorkDoneProgressReport } from 'vscode-languageclient';
import { COMMANDS, SummarizeFilesRequest } from '../../../common';
import { basename, sendRequest, showSummary } from '../commands';

/**
 * Summarises log files from disk, whatever their size (VS Code hands extensions no document over
 * 50 MB): the server reads them (`smtpStatus/summarizeFiles`) and reports its progress, which is
 * shown with a cancel button. Desktop only: the web has no disk to stream from.
 */
export function registerSummarizeFile(context: vscode.ExtensionContext, client: () => BaseLanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.summarizeFile, async (target?: vscode.Uri, selected?: vscode.Uri[]) => {
      const uris = await pickFiles(target, selected);
      if (uris === undefined || uris.length === 0) return;
      const language = client();
      if (language === undefined) {
        void vscode.window.showWarningMessage('The SMTP Status Codes language server is not running.');
        return;
      }
      if (uris.some((uri) => uri.scheme !== 'file')) {
        void vscode.window.showWarningMessage(
          'Only files on disk can be summarised this way; open the document and use "Summarise SMTP Status Codes".',
        );
        return;
      }
      const name = uris.length === 1 ? basename(uris[0]) : `${basename(uris[0])} and ${uris.length - 1} more`;
      let cancelled = false;
      try {
        const summary = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Summarising ${name}`, cancellable: true },
          async (progress, token) => {
            token.onCancellationRequested(() => (cancelled = true));
            const workDoneToken = `smtpStatus.summarizeFiles.${Date.now()}.${Math.random().toString(36).slice(2)}`;
            let reported = 0;
            const listener = language.onProgress(
              WorkDoneProgress.type,
              workDoneToken,
              (value: WorkDoneProgressBegin | WorkDoneProgressReport | { kind: 'end' }) => {
                if (value.kind === 'end' || value.percentage === undefined) return;
                if (value.percentage > reported) {
                  progress.report({ increment: value.percentage - reported, message: `${value.percentage}%` });
                  reported = value.percentage;
                }
              },
            );
            try {
              return await sendRequest(language, SummarizeFilesRequest, { paths: uris.map((uri) => uri.fsPath), workDoneToken }, token);
            } finally {
              listener.dispose();
            }
          },
        );
        showSummary(context, summary, `SMTP status codes in ${name}`, uris.length === 1 ? uris[0] : undefined);
      } catch (error) {
        if (cancelled || isCancellation(error)) return;
        void vscode.window.showErrorMessage(`Could not summarise ${name}: ${(error as Error).message}`);
      }
    }),
  );
}

/** The files the command was given (one from the explorer, or several selected there), or those the user picks. */
async function pickFiles(target: vscode.Uri | undefined, selected: vscode.Uri[] | undefined): Promise<readonly vscode.Uri[] | undefined> {
  if (Array.isArray(selected) && selected.length > 0 && selected.every((uri) => uri instanceof vscode.Uri)) return selected;
  if (target instanceof vscode.Uri) return [target];
  return vscode.window.showOpenDialog({
    canSelectMany: true,
    openLabel: 'Summarise',
    title: 'Summarise mail logs (the rotated files of one log are read as one)',
  });
}

/** A request the user cancelled rejects with the protocol's RequestCancelled (-32800). */
function isCancellation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === -32800;
}
