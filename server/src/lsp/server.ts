import {
  CodeActionKind,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticsSupport } from './diagnosticsSupport';
import { DocumentSettings } from './documentSettings';
import { OpenDocuments } from './openDocuments';
import {
  codeActions,
  complete,
  definition,
  documentHighlights,
  documentLinks,
  hover,
  inlayHints,
  references,
  SEMANTIC_LEGEND,
  semanticTokens,
  type Analysis,
  type Settings,
} from '../service';
import { listenForMessageViews } from './messageRequests';
import { listenForSummaries, type ServerEnvironment } from './summaryRequests';

export type { ServerEnvironment };
export const SERVER_NAME = 'smtp-status-language-server';
declare const SERVER_VERSION: string | undefined;

/** Above this many codes a document's semantic tokens are served by range only. */
const MAX_FULL_SEMANTIC_CODES = 20_000;

/**
 * LSP wiring only: capabilities, and one line per feature. Every answer comes from the service;
 * the open documents, their settings and the diagnostics (pull or push) have modules of their own.
 * Shared by the node and browser entry points, which pass what their environment can do.
 */
export function startServer(connection: Connection, environment: ServerEnvironment = {}): void {
  const documents = new OpenDocuments(environment.collectGarbage);
  const settings = new DocumentSettings(connection);
  const diagnostics = new DiagnosticsSupport(connection, documents, settings);
  let inlayHintRefresh = false;

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    diagnostics.pull = capabilities.textDocument?.diagnostic !== undefined;
    diagnostics.refreshSupport = capabilities.workspace?.diagnostics?.refreshSupport === true;
    inlayHintRefresh = capabilities.workspace?.inlayHint?.refreshSupport === true;
    settings.canAsk = capabilities.workspace?.configuration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.', ' ', '-', '{', ','] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        inlayHintProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true, range: true },
        documentLinkProvider: { resolveProvider: false },
        documentHighlightProvider: true,
        referencesProvider: true,
        definitionProvider: true,
        ...(diagnostics.pull
          ? { diagnosticProvider: { identifier: 'smtp-status', interFileDependencies: false, workspaceDiagnostics: false } }
          : {}),
        experimental: { summarizeFiles: environment.summarizeFiles !== undefined },
      },
      serverInfo: { name: SERVER_NAME, version: typeof SERVER_VERSION === 'string' ? SERVER_VERSION : undefined },
    };
  });

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change.settings);
    if (inlayHintRefresh) void connection.languages.inlayHint.refresh();
    diagnostics.settingsChanged();
  });

  documents.listen(connection, {
    opened: (uri) => diagnostics.changed(uri),
    changed: (uri) => diagnostics.changed(uri),
    closed: (uri) => {
      settings.forget(uri);
      diagnostics.closed(uri);
    },
  });
  diagnostics.listen();

  /** A handler that runs a feature on the request's open document; `none` when it is not open, disabled or the request is cancelled. */
  const feature =
    <P extends { textDocument: { uri: string } }, R>(
      none: R,
      run: (analysis: Analysis, document: TextDocument, params: P, settings: Settings) => R,
    ) =>
    async (params: P, token: CancellationToken): Promise<R> => {
      const uri = params.textDocument.uri;
      const open = documents.get(uri);
      if (open === undefined) return none;
      const found = await settings.of(uri);
      if (!found.enable || token.isCancellationRequested || documents.get(uri) !== open) return none;
      return run(documents.analysisOf(open), open.document, params, found);
    };

  connection.onHover(feature(null, (a, d, p, s) => hover(a, d, p.position, s)));
  connection.onCompletion(feature(null, (a, d, p, s) => complete(a, d, p.position, s)));
  connection.onCodeAction(feature(null, (a, d, p, s) => codeActions(a, d, p.context, s)));
  connection.languages.inlayHint.on(feature(null, (a, d, p, s) => inlayHints(a, d, p.range, s)));
  // A whole huge log is never encoded at once: clients ask by range for what they show.
  connection.languages.semanticTokens.on(
    feature({ data: [] }, (a, d, _p, s) => (a.codes.length > MAX_FULL_SEMANTIC_CODES ? { data: [] } : semanticTokens(a, d, undefined, s))),
  );
  connection.languages.semanticTokens.onRange(feature({ data: [] }, (a, d, p, s) => semanticTokens(a, d, p.range, s)));
  connection.onDocumentLinks(feature(null, (a, d, _p, s) => documentLinks(a, d, s)));
  connection.onDocumentHighlight(feature(null, (a, d, p, s) => documentHighlights(a, d, p.position, s)));
  connection.onReferences(feature(null, (a, d, p, s) => references(a, d, p.position, s)));
  connection.onDefinition(feature(null, (a, d, p, s) => definition(a, d, p.position, s)));
  listenForSummaries(connection, documents, environment);
  listenForMessageViews(connection, documents, settings);

  connection.listen();
}
