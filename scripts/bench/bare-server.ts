// The benchmark's floor: a vscode-languageserver server that stores documents (incremental sync)
// and answers with empty results. Whatever the real server costs beyond this is its own work.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

connection.onInitialize(() => ({
  capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental }, hoverProvider: true },
}));
// Push an empty list, as the real server pushes its diagnostics, so "until diagnostics arrive" compares.
documents.onDidChangeContent(
  ({ document }) => void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [] }),
);
connection.onHover(() => null);

documents.listen(connection);
connection.listen();
