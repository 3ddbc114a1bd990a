import { RAL, type CancellationToken, type Connection, type Diagnostic, type DocumentDiagnosticReport } from 'vscode-languageserver';
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
 * (once per document) when a validation ran out of time. A document's diagnostics are computed
 * once per version and settings: pulls that arrive together share one computation, and a pull
 * that names the result it already has (`previousResultId`) is told it is unchanged.
 */
export class DiagnosticsSupport {
  /** Set from the client's capabilities at initialize. */
  pull = false;
  refreshSupport = false;
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** The last diagnostics computed per document, with the result id they answer to. */
  private readonly computed = new Map<string, { resultId: string; diagnostics: Promise<Diagnostic[] | undefined> }>();
  /** The computation under way, as `shouldStop` reads it (a computation runs to its end before the next). */
  private stopToken: CancellationToken | undefined = undefined;
  private deadline = 0;
  private overBudget = false;
  /**
   * Asked by the diagnostics every 4096 codes: one function for every computation. The diagnostics'
   * loop is compiled against the function it calls, and a new one per computation threw that code
   * away once the last one was collected (`--trace-deopt`: "weak objects", at the later opens).
   */
  private readonly shouldStop = () => this.stopToken?.isCancellationRequested === true || (this.overBudget ||= Date.now() > this.deadline);

  constructor(
    private readonly connection: Connection,
    private readonly documents: OpenDocuments,
    private readonly settings: DocumentSettings,
  ) {}

  /** Answers pull requests. */
  listen(): void {
    this.connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
      const uri = params.textDocument.uri;
      const resultId = this.resultIdOf(uri);
      if (resultId !== undefined && params.previousResultId === resultId) return { kind: 'unchanged', resultId };
      const items = await this.diagnosticsOf(uri, token);
      // A cancelled computation was partial: it answers nothing and is not kept.
      return resultId !== undefined && this.computed.get(uri)?.resultId === resultId
        ? { kind: 'full', resultId, items }
        : { kind: 'full', items };
    });
  }

  /** What the document's diagnostics depend on: which document, its version, the settings. */
  private resultIdOf(uri: string): string | undefined {
    const open = this.documents.get(uri);
    return open === undefined ? undefined : `${open.serial}.${open.document.version}.${this.settings.generation}`;
  }

  /**
   * The document changed (or opened): push mode validates it again; pull mode asks for its
   * settings now, before the pull needs them, and analyses an opened document while they are on
   * their way (the analysis does not depend on them), so that the pull VS Code sends right after
   * an open waits for neither alone. The connection writes the request on a later turn of the
   * event loop, from a queue: the analysis joins that queue after it. Run at once, it held the
   * request back until it was done, and the pull then waited for the round trip after it; on a
   * timer, it still ran first whenever the open took a millisecond.
   */
  changed(uri: string): void {
    if (this.pull) {
      void this.settings.of(uri);
      const open = this.documents.get(uri);
      if (open !== undefined && open.analysis === undefined) {
        RAL().timer.setImmediate(() => {
          if (this.documents.get(uri) === open) this.documents.analysisOf(open);
        });
      }
      return;
    }
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
    this.computed.delete(uri);
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

  /** The document's diagnostics for its current version and settings, computed once. */
  private async diagnosticsOf(uri: string, token?: CancellationToken): Promise<Diagnostic[]> {
    const resultId = this.resultIdOf(uri);
    if (resultId === undefined) return [];
    let known = this.computed.get(uri);
    if (known?.resultId !== resultId) {
      known = { resultId, diagnostics: this.compute(uri, resultId, token) };
      this.computed.set(uri, known);
    }
    const found = await known.diagnostics;
    if (found !== undefined) return found;
    // Cancelled, or the document changed meanwhile: not an answer to keep, nor to share.
    if (this.computed.get(uri) === known) this.computed.delete(uri);
    return token?.isCancellationRequested ? [] : this.diagnosticsOf(uri, token);
  }

  /** Undefined when cancelled or when the document changed while its settings were fetched. */
  private async compute(uri: string, resultId: string, token?: CancellationToken): Promise<Diagnostic[] | undefined> {
    const settings = await this.settings.of(uri);
    const open = this.documents.get(uri);
    if (open === undefined) return [];
    if (token?.isCancellationRequested || this.resultIdOf(uri) !== resultId) return undefined;
    const analysis = this.documents.analysisOf(open);
    this.stopToken = token;
    this.deadline = Date.now() + VALIDATION_BUDGET_MS;
    this.overBudget = false;
    let diagnostics: Diagnostic[];
    try {
      diagnostics = computeDiagnostics(
        analysis,
        open.document,
        { groupRepeated: analysis.mode === 'log', shouldStop: this.shouldStop },
        settings,
      );
    } finally {
      this.stopToken = undefined;
    }
    if (token?.isCancellationRequested) return undefined;
    if (this.overBudget && !open.toldAboutBudget) {
      open.toldAboutBudget = true;
      void this.connection.window.showWarningMessage(
        `SMTP Status Codes stopped checking ${uri.split('/').pop()} after ${VALIDATION_BUDGET_MS / 1000} s; the problems shown are from its first part.`,
      );
    }
    return diagnostics;
  }
}
