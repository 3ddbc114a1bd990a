import type { CancellationToken, Connection, Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver';
import type { DocumentSettings } from './documentSettings';
import type { OpenDocuments } from './openDocuments';
import { computeDiagnostics } from '../service';

/**
 * How long one validation may run before it stops with what it has and the user is told: a huge
 * log must never keep the server from answering.
 */
const VALIDATION_BUDGET_MS = 2000;

/**
 * Diagnostics, pulled by clients that can (`textDocument/diagnostic`) and pushed to the others:
 * one validation per document at a time, coalescing edits that arrive meanwhile, and a warning
 * (once per document) when a validation ran out of time.
 */
export class DiagnosticsSupport {
  /** Set from the client's capabilities at initialize. */
  pull = false;
  refreshSupport = false;
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: OpenDocuments,
    private readonly settings: DocumentSettings,
  ) {}

  /** Answers pull requests. */
  listen(): void {
    this.connection.languages.diagnostics.on(
      async (params, token): Promise<DocumentDiagnosticReport> => ({
        kind: 'full',
        items: await this.diagnosticsOf(params.textDocument.uri, token),
      }),
    );
  }

  /** The document changed (or opened): push mode validates it again. */
  changed(uri: string): void {
    if (this.pull) return;
    const queued = this.pending.get(uri);
    if (queued !== undefined) clearTimeout(queued);
    this.pending.set(
      uri,
      setTimeout(() => void this.push(uri), 0),
    );
  }

  /** The settings changed: every document's diagnostics may differ. */
  settingsChanged(): void {
    if (this.pull) {
      if (this.refreshSupport) void this.connection.languages.diagnostics.refresh();
    } else {
      for (const uri of this.documents.uris()) this.changed(uri);
    }
  }

  closed(uri: string): void {
    const queued = this.pending.get(uri);
    if (queued !== undefined) clearTimeout(queued);
    this.pending.delete(uri);
    if (!this.pull) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async push(uri: string): Promise<void> {
    this.pending.delete(uri);
    const open = this.documents.get(uri);
    if (open === undefined) return;
    try {
      const version = open.document.version;
      const diagnostics = await this.diagnosticsOf(uri);
      // Stale if the document changed or closed while settings were being fetched.
      if (this.documents.get(uri) !== open || open.document.version !== version) return;
      await this.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (error) {
      // Nothing awaits this timer: an error here would end the process.
      this.connection.console.error(`Validating ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  private async diagnosticsOf(uri: string, token?: CancellationToken): Promise<Diagnostic[]> {
    const settings = await this.settings.of(uri);
    const open = this.documents.get(uri);
    if (open === undefined || token?.isCancellationRequested) return [];
    const analysis = this.documents.analysisOf(open);
    const deadline = Date.now() + VALIDATION_BUDGET_MS;
    let overBudget = false;
    const diagnostics = computeDiagnostics(
      analysis,
      open.document,
      {
        groupRepeated: analysis.mode === 'log',
        shouldStop: () => token?.isCancellationRequested === true || (overBudget ||= Date.now() > deadline),
      },
      settings,
    );
    if (overBudget && !open.toldAboutBudget) {
      open.toldAboutBudget = true;
      void this.connection.window.showWarningMessage(
        `SMTP Status Codes stopped checking ${uri.split('/').pop()} after ${VALIDATION_BUDGET_MS / 1000} s; the problems shown are from its first part.`,
      );
    }
    return diagnostics;
  }
}
