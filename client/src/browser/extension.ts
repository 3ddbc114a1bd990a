import { Uri, type ExtensionContext } from 'vscode';
import { LanguageClient, type ServerOptions } from 'vscode-languageclient/browser';
import { startClient, stopClient } from '../client';

// The web extension host is a Web Worker; the project's type libraries describe Node, not the DOM.
declare const Worker: new (url: string, options?: { name?: string }) => Exclude<ServerOptions, () => unknown>;

/** vscode.dev, github.dev and other browser hosts: the server runs in a Web Worker of its own. */
export async function activate(context: ExtensionContext): Promise<void> {
  const serverMain = Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
  await startClient(context, (id, name, options) => new LanguageClient(id, name, new Worker(serverMain.toString(true), { name }), options));
}

export function deactivate(): Promise<void> {
  return stopClient();
}
