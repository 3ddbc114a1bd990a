import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { startServer } from '../lsp/server';

// This bundle is a Web Worker script: the client talks to it with postMessage. The project's type
// libraries describe Node, not the DOM, so the worker's global scope is declared by what it is used for.
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

startServer(createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self)));
