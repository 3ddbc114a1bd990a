import {
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, complete, computeDiagnostics, hover, readSettings, type Analysis, type Settings } from './service';

export const SERVER_NAME = 'smtp-status-language-server';
declare const SERVER_VERSION: string | undefined;

/**
 * LSP wiring only: capabilities, the document store, settings, pull or push diagnostics. Every
 * answer comes from the service. Shared by the node entry point and any other transport.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  /** Analysis of the latest version of each open document, made on first use. */
  const analyses = new Map<string, { version: number; analysis: Analysis }>();
  /** Settings per document, asked of the client once and forgotten when they change. */
  const settingsCache = new Map<string, Promise<Settings>>();
  let pullDiagnostics = false;
  let refreshSupport = false;
  let configurationSupport = false;

  const analysisOf = (document: TextDocument): Analysis => {
    const cached = analyses.get(document.uri);
    if (cached !== undefined && cached.version === document.version) return cached.analysis;
    const analysis = analyze(document);
    analyses.set(document.uri, { version: document.version, analysis });
    return analysis;
  };

  const settingsOf = (uri: string): Promise<Settings> => {
    if (!configurationSupport) return Promise.resolve(readSettings(globalSettings));
    let settings = settingsCache.get(uri);
    if (settings === undefined) {
      settings = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'smtpStatus' })
        .then(readSettings, () => readSettings(undefined));
      settingsCache.set(uri, settings);
    }
    return settings;
  };
  /** Settings pushed by `didChangeConfiguration`, for clients that cannot be asked. */
  let globalSettings: unknown;

  const diagnosticsOf = async (document: TextDocument): Promise<Diagnostic[]> => {
    const settings = await settingsOf(document.uri);
    return computeDiagnostics(analysisOf(document), settings);
  };

  /** Push mode: one validation per document at a time, coalescing edits that arrive meanwhile. */
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const pushDiagnostics = (document: TextDocument): void => {
    if (pullDiagnostics) return;
    const queued = pending.get(document.uri);
    if (queued !== undefined) clearTimeout(queued);
    pending.set(
      document.uri,
      setTimeout(async () => {
        pending.delete(document.uri);
        const current = documents.get(document.uri);
        if (current === undefined) return;
        const diagnostics = await diagnosticsOf(current);
        if (documents.get(document.uri) !== current) return;
        await connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics });
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
        completionProvider: { triggerCharacters: ['.', ' ', '-'] },
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
      documents.all().forEach(pushDiagnostics);
    }
  });

  documents.onDidChangeContent((change) => pushDiagnostics(change.document));
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    analyses.delete(uri);
    settingsCache.delete(uri);
    const queued = pending.get(uri);
    if (queued !== undefined) clearTimeout(queued);
    pending.delete(uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(async (params): Promise<DocumentDiagnosticReport> => {
    const document = documents.get(params.textDocument.uri);
    return { kind: 'full', items: document === undefined ? [] : await diagnosticsOf(document) };
  });

  connection.onHover(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (document === undefined || !(await settingsOf(document.uri)).enable) return null;
    return hover(analysisOf(document), params.position);
  });

  connection.onCompletion(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (document === undefined || !(await settingsOf(document.uri)).enable) return null;
    return complete(document, params.position);
  });

  documents.listen(connection);
  connection.listen();
}
