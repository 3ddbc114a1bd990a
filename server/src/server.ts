import {
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis, complete, computeDiagnostics, hover, readSettings, type Settings } from './service';

export const SERVER_NAME = 'smtp-status-language-server';
declare const SERVER_VERSION: string | undefined;

/**
 * How long one validation may run before it stops with what it has and the user is told: a huge
 * log must never keep the server from answering.
 */
const VALIDATION_BUDGET_MS = 2000;

interface OpenDocument {
  document: TextDocument;
  /** Made on first use, then updated edit by edit. */
  analysis?: Analysis;
  /** The user has been told that validation of this document stopped early. */
  toldAboutBudget?: boolean;
}

/**
 * LSP wiring only: capabilities, the open documents, settings, pull or push diagnostics. Every
 * answer comes from the service. Shared by the node entry point and any other transport.
 */
export function startServer(connection: Connection): void {
  const documents = new Map<string, OpenDocument>();
  /** Settings per document, asked of the client once and forgotten when they change. */
  const settingsCache = new Map<string, Promise<Settings>>();
  /** Settings pushed by `didChangeConfiguration`, for clients that cannot be asked. */
  let globalSettings: unknown;
  let pullDiagnostics = false;
  let refreshSupport = false;
  let configurationSupport = false;

  const analysisOf = (open: OpenDocument): Analysis => (open.analysis ??= new Analysis(open.document));

  const settingsOf = (uri: string): Promise<Settings> => {
    if (!configurationSupport) return Promise.resolve(readSettings(globalSettings));
    let settings = settingsCache.get(uri);
    if (settings === undefined) {
      settings = connection.workspace.getConfiguration({ scopeUri: uri, section: 'smtpStatus' }).then(readSettings, () => readSettings(undefined));
      settingsCache.set(uri, settings);
    }
    return settings;
  };

  const diagnosticsOf = async (uri: string, token?: CancellationToken): Promise<Diagnostic[]> => {
    const settings = await settingsOf(uri);
    const open = documents.get(uri);
    if (open === undefined || token?.isCancellationRequested) return [];
    const analysis = analysisOf(open);
    const deadline = Date.now() + VALIDATION_BUDGET_MS;
    let overBudget = false;
    const diagnostics = computeDiagnostics(analysis, settings, {
      groupRepeated: analysis.mode === 'log',
      uri,
      shouldStop: () => token?.isCancellationRequested === true || (overBudget ||= Date.now() > deadline),
    });
    if (overBudget && !open.toldAboutBudget) {
      open.toldAboutBudget = true;
      void connection.window.showWarningMessage(
        `SMTP Status Codes stopped checking ${uri.split('/').pop()} after ${VALIDATION_BUDGET_MS / 1000} s; the problems shown are from its first part.`,
      );
    }
    return diagnostics;
  };

  /** Push mode: one validation per document at a time, coalescing edits that arrive meanwhile. */
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const pushDiagnostics = (uri: string): void => {
    if (pullDiagnostics) return;
    const queued = pending.get(uri);
    if (queued !== undefined) clearTimeout(queued);
    pending.set(
      uri,
      setTimeout(async () => {
        pending.delete(uri);
        const open = documents.get(uri);
        if (open === undefined) return;
        const version = open.document.version;
        const diagnostics = await diagnosticsOf(uri);
        // Stale if the document changed or closed while settings were being fetched.
        if (documents.get(uri) !== open || open.document.version !== version) return;
        await connection.sendDiagnostics({ uri, version, diagnostics });
      }, 0),
    );
  };

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
    refreshSupport = capabilities.workspace?.diagnostics?.refreshSupport === true;
    configurationSupport = capabilities.workspace?.configuration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.', ' ', '-', '{', ','] },
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'smtp-status', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: SERVER_NAME, version: typeof SERVER_VERSION === 'string' ? SERVER_VERSION : undefined },
    };
  });

  connection.onDidChangeConfiguration((change) => {
    globalSettings = (change.settings as { smtpStatus?: unknown } | null)?.smtpStatus;
    settingsCache.clear();
    if (pullDiagnostics) {
      if (refreshSupport) void connection.languages.diagnostics.refresh();
    } else {
      for (const uri of documents.keys()) pushDiagnostics(uri);
    }
  });

  connection.onDidOpenTextDocument(({ textDocument: t }) => {
    documents.set(t.uri, { document: TextDocument.create(t.uri, t.languageId, t.version, t.text) });
    pushDiagnostics(t.uri);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const open = documents.get(textDocument.uri);
    if (open === undefined || contentChanges.length === 0) return;
    for (const change of contentChanges) {
      const lineCount = open.document.lineCount;
      open.document = TextDocument.update(open.document, [change], textDocument.version);
      open.analysis?.applyChange(open.document, change, lineCount);
    }
    pushDiagnostics(textDocument.uri);
  });

  connection.onDidCloseTextDocument(({ textDocument: { uri } }) => {
    documents.delete(uri);
    settingsCache.delete(uri);
    const queued = pending.get(uri);
    if (queued !== undefined) clearTimeout(queued);
    pending.delete(uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(
    async (params, token): Promise<DocumentDiagnosticReport> => ({ kind: 'full', items: await diagnosticsOf(params.textDocument.uri, token) }),
  );

  connection.onHover(async (params, token) => {
    const open = documents.get(params.textDocument.uri);
    if (open === undefined || !(await settingsOf(params.textDocument.uri)).enable || token.isCancellationRequested) return null;
    return hover(open.document, analysisOf(open), params.position);
  });

  connection.onCompletion(async (params, token) => {
    const open = documents.get(params.textDocument.uri);
    if (open === undefined || !(await settingsOf(params.textDocument.uri)).enable || token.isCancellationRequested) return null;
    return complete(open.document, params.position);
  });

  connection.listen();
}
