import {
  CodeActionKind,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type TextDocumentContentChangeEvent,
  type TextDocumentItem,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  Analysis,
  codeActions,
  complete,
  computeDiagnostics,
  documentLinks,
  hover,
  inlayHints,
  lineText,
  readSettings,
  SEMANTIC_LEGEND,
  semanticTokens,
  SummaryBuilder,
  type Settings,
  type Summary,
} from './service';

/** Custom request: the summary of an open document (`{ uri }` -> `Summary`). */
export const SUMMARY_REQUEST = 'smtpStatus/summary';

export const SERVER_NAME = 'smtp-status-language-server';
declare const SERVER_VERSION: string | undefined;

/**
 * How long one validation may run before it stops with what it has and the user is told: a huge
 * log must never keep the server from answering.
 */
const VALIDATION_BUDGET_MS = 2000;

/** Above this many codes a document's semantic tokens are served by range only. */
const MAX_FULL_SEMANTIC_CODES = 20_000;

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
  let inlayHintRefresh = false;
  let configurationSupport = false;

  const analysisOf = (open: OpenDocument): Analysis => (open.analysis ??= new Analysis(open.document));

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

  /** A request's open document and its settings, or undefined when it is not open, disabled or cancelled. */
  const ready = async (uri: string, token: CancellationToken): Promise<{ open: OpenDocument; settings: Settings } | undefined> => {
    const open = documents.get(uri);
    if (open === undefined) return undefined;
    const settings = await settingsOf(uri);
    return settings.enable && !token.isCancellationRequested && documents.get(uri) === open ? { open, settings } : undefined;
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
        try {
          const version = open.document.version;
          const diagnostics = await diagnosticsOf(uri);
          // Stale if the document changed or closed while settings were being fetched.
          if (documents.get(uri) !== open || open.document.version !== version) return;
          await connection.sendDiagnostics({ uri, version, diagnostics });
        } catch (error) {
          // Nothing awaits this timer: an error here would end the process.
          connection.console.error(`Validating ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        }
      }, 0),
    );
  };

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
    refreshSupport = capabilities.workspace?.diagnostics?.refreshSupport === true;
    inlayHintRefresh = capabilities.workspace?.inlayHint?.refreshSupport === true;
    configurationSupport = capabilities.workspace?.configuration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.', ' ', '-', '{', ','] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        inlayHintProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true, range: true },
        documentLinkProvider: { resolveProvider: false },
        ...(pullDiagnostics
          ? { diagnosticProvider: { identifier: 'smtp-status', interFileDependencies: false, workspaceDiagnostics: false } }
          : {}),
      },
      serverInfo: { name: SERVER_NAME, version: typeof SERVER_VERSION === 'string' ? SERVER_VERSION : undefined },
    };
  });

  connection.onDidChangeConfiguration((change) => {
    globalSettings = (change.settings as { smtpStatus?: unknown } | null)?.smtpStatus;
    settingsCache.clear();
    if (inlayHintRefresh) void connection.languages.inlayHint.refresh();
    if (pullDiagnostics) {
      if (refreshSupport) void connection.languages.diagnostics.refresh();
    } else {
      for (const uri of documents.keys()) pushDiagnostics(uri);
    }
  });

  // Notifications cannot answer with an error: malformed ones are logged and dropped.
  connection.onDidOpenTextDocument((params) => {
    const t: unknown = params?.textDocument;
    if (!isTextDocumentItem(t)) return connection.console.error(`Ignored a malformed textDocument/didOpen: ${excerpt(t)}`);
    documents.set(t.uri, { document: TextDocument.create(t.uri, t.languageId, t.version, t.text) });
    pushDiagnostics(t.uri);
  });

  connection.onDidChangeTextDocument((params) => {
    const { textDocument, contentChanges } = params ?? {};
    const open = typeof textDocument?.uri === 'string' ? documents.get(textDocument.uri) : undefined;
    if (open === undefined || !Array.isArray(contentChanges) || contentChanges.length === 0) return;
    if (!Number.isInteger(textDocument.version) || !contentChanges.every(isContentChange)) {
      return connection.console.error(`Ignored a malformed textDocument/didChange of ${textDocument.uri}: ${excerpt(contentChanges)}`);
    }
    for (const change of contentChanges) {
      const lineCount = open.document.lineCount;
      open.document = TextDocument.update(open.document, [change], textDocument.version);
      open.analysis?.applyChange(open.document, change, lineCount);
    }
    pushDiagnostics(textDocument.uri);
  });

  connection.onDidCloseTextDocument((params) => {
    const uri: unknown = params?.textDocument?.uri;
    if (typeof uri !== 'string') return;
    documents.delete(uri);
    settingsCache.delete(uri);
    const queued = pending.get(uri);
    if (queued !== undefined) clearTimeout(queued);
    pending.delete(uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(
    async (params, token): Promise<DocumentDiagnosticReport> => ({
      kind: 'full',
      items: await diagnosticsOf(params.textDocument.uri, token),
    }),
  );

  connection.onHover(async (params, token) => {
    const found = await ready(params.textDocument.uri, token);
    return found ? hover(found.open.document, analysisOf(found.open), params.position, found.settings) : null;
  });

  connection.onCompletion(async (params, token) => {
    const found = await ready(params.textDocument.uri, token);
    return found ? complete(found.open.document, params.position) : null;
  });

  connection.onCodeAction(async (params, token) => {
    const found = await ready(params.textDocument.uri, token);
    return found ? codeActions(params.textDocument.uri, analysisOf(found.open), params.context.diagnostics) : null;
  });

  connection.languages.inlayHint.on(async (params, token) => {
    const found = await ready(params.textDocument.uri, token);
    return found ? inlayHints(analysisOf(found.open), params.range, found.settings) : null;
  });

  connection.languages.semanticTokens.on(async (params, token) => {
    const found = await ready(params.textDocument.uri, token);
    // A whole huge log is never encoded at once: clients ask by range for what they show.
    if (found === undefined || analysisOf(found.open).codes.length > MAX_FULL_SEMANTIC_CODES) return { data: [] };
    return semanticTokens(analysisOf(found.open));
  });

  connection.languages.semanticTokens.onRange(async (params, token) => {
    const found = await ready(params.textDocument.uri, token);
    return found ? semanticTokens(analysisOf(found.open), params.range) : { data: [] };
  });

  connection.onDocumentLinks(async (params, token) => {
    const found = await ready(params.textDocument.uri, token);
    return found ? documentLinks(found.open.document, analysisOf(found.open)) : null;
  });

  connection.onRequest(SUMMARY_REQUEST, (params: { uri?: unknown } | null): Summary | null => {
    const open = typeof params?.uri === 'string' ? documents.get(params.uri) : undefined;
    if (open === undefined) return null;
    const builder = new SummaryBuilder();
    builder.addAnalysis(analysisOf(open).codes, open.document.lineCount, (line) => lineText(open.document, line));
    return builder.build();
  });

  connection.listen();
}

function isTextDocumentItem(value: unknown): value is TextDocumentItem {
  const item = value as Partial<TextDocumentItem> | null | undefined;
  return (
    typeof item?.uri === 'string' && typeof item.languageId === 'string' && Number.isInteger(item.version) && typeof item.text === 'string'
  );
}

function isContentChange(value: unknown): value is TextDocumentContentChangeEvent {
  const change = value as { text?: unknown; range?: { start?: unknown; end?: unknown } } | null | undefined;
  if (typeof change?.text !== 'string') return false;
  return change.range === undefined || (isPosition(change.range?.start) && isPosition(change.range.end));
}

/** Whole line and character numbers; out-of-range ones are clamped by the document. */
function isPosition(value: unknown): boolean {
  const position = value as { line?: unknown; character?: unknown } | null | undefined;
  return Number.isInteger(position?.line) && Number.isInteger(position?.character);
}

/** A short, single-line rendering of a malformed value for the log. */
function excerpt(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}
