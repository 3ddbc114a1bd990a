import type { ExtensionContext } from 'vscode';
import type { BaseLanguageClient, DocumentSelector, LanguageClientOptions } from 'vscode-languageclient';
import { MTA_CONFIG_GLOBS, SERVED_LANGUAGES } from '../../common';
import { registerCommands } from './commands';
import { registerLineViews } from './lineViews';

/**
 * Where the documents a user reads and edits live: on disk (also vscode.dev's local folders, which
 * it serves under `file`), not yet saved, in the virtual file systems of vscode.dev and github.dev
 * (`vscode-vfs`, for GitHub and Azure Repos) and of `@vscode/test-web`, and on a remote machine
 * seen from the browser or UI side (`vscode-remote`). The server reads only the text it is sent, so
 * any of them works. Not every scheme: output channels are `log` documents too, and checking the
 * server's own trace output would feed the trace back into itself.
 */
export const SCHEMES = ['file', 'untitled', 'vscode-vfs', 'vscode-remote', 'vscode-test-web'];

/** The configuration files are known by name only, which unsaved documents do not have. */
const NAMED_SCHEMES = SCHEMES.filter((scheme) => scheme !== 'untitled');

export function documentSelector(): DocumentSelector {
  return [
    ...SERVED_LANGUAGES.flatMap((language) => SCHEMES.map((scheme) => ({ scheme, language }))),
    // MTA configuration files, whatever language VS Code gives them; the server reads them in its
    // configuration mode, chosen by the same names.
    ...MTA_CONFIG_GLOBS.flatMap((pattern) => NAMED_SCHEMES.map((scheme) => ({ scheme, pattern }))),
  ];
}

/** Builds the transport-specific client: a child process on the desktop, a Web Worker on the web. */
export type LanguageClientFactory = (id: string, name: string, options: LanguageClientOptions) => BaseLanguageClient;

let client: BaseLanguageClient | undefined;

export async function startClient(context: ExtensionContext, createClient: LanguageClientFactory): Promise<void> {
  registerCommands(context, languageClient);
  registerLineViews(context, languageClient);
  // The id is the prefix of the `smtpStatus.trace.server` setting the client library reads.
  client = createClient('smtpStatus', 'SMTP Status Codes', {
    documentSelector: documentSelector(),
    synchronize: { configurationSection: 'smtpStatus' },
  });
  await client.start();
}

/** The running language client, once started. */
export function languageClient(): BaseLanguageClient | undefined {
  return client;
}

export async function stopClient(): Promise<void> {
  await client?.stop();
  client = undefined;
}
