// The benchmark's floor: a vscode-languageserver server that stores documents (incremental sync)
// and answers with empty results. Whatever the real server costs beyond this is its own work.
// With a client that pulls diagnostics it offers pull diagnostics and answers each pull with an
// empty full report; otherwise it pushes an empty list after every change, as the real server
// pushes its diagnostics, so "until diagnostics arrive" compares on both paths.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let pull = false;

connection.onInitialize((params) => {
  pull = params.capabilities.textDocument?.diagnostic !== undefined;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      ...(pull ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
    },
  };
});
documents.onDidChangeContent(({ document }) => {
  if (!pull) void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [] });
});
connection.languages.diagnostics.on(() => ({ kind: 'full', items: [] }));
connection.onHover(() => null);

documents.listen(connection);
connection.listen();
