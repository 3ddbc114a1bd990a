import * as vscode from 'vscode';
import { summarizeFile } from '../../../server/src/node/summarizeFile';
import { basename, showSummary } from '../commands';

/**
 * Summarises a log file from disk, whatever its size (VS Code hands extensions no document over
 * 50 MB), with a progress bar and cancellation. Desktop only: the web has no disk to stream from.
 */
export function registerSummarizeFile(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('smtpStatus.summarizeFile', async (target?: vscode.Uri) => {
      const uri =
        target instanceof vscode.Uri
          ? target
          : (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Summarise', title: 'Summarise a mail log' }))?.[0];
      if (uri === undefined) return;
      if (uri.scheme !== 'file') {
        void vscode.window.showWarningMessage(
          'Only files on disk can be summarised this way; open the document and use "Summarise SMTP Status Codes".',
        );
        return;
      }
      const name = basename(uri);
      const controller = new AbortController();
      try {
        const summary = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Summarising ${name}`, cancellable: true },
          (progress, token) => {
            token.onCancellationRequested(() => controller.abort());
            let reported = 0;
            return summarizeFile(
              uri.fsPath,
              (fraction) => {
                const percent = Math.floor(fraction * 100);
                if (percent > reported) {
                  progress.report({ increment: percent - reported, message: `${percent}%` });
                  reported = percent;
                }
              },
              controller.signal,
            );
          },
        );
        showSummary(context, summary, `SMTP status codes in ${name}`, uri);
      } catch (error) {
        if (controller.signal.aborted) return;
        void vscode.window.showErrorMessage(`Could not summarise ${name}: ${(error as Error).message}`);
      }
    }),
  );
}
