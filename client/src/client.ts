import type { ExtensionContext } from 'vscode';
import type { BaseLanguageClient, DocumentSelector, LanguageClientOptions } from 'vscode-languageclient';
import { SERVED_LANGUAGES } from '../../server/src/scan/languages';
import { registerCommands } from './commands';

/** Languages whose documents the server reads (shared with the CLI's directory walk). */
export const LANGUAGES = SERVED_LANGUAGES;

/**
 * MTA configuration files, whatever language VS Code gives them (plain text, properties): Postfix
 * access and checks maps, Sendmail access, Exim's configuration. The server reads them in its
 * configuration mode, chosen by the same names.
 */
export const CONFIG_FILES = [
  '**/access',
  '**/*_access',
  '**/*_checks',
  '**/{access,*_access,*_checks}.{pcre,regexp,cidr,txt,in}',
  '**/{exim.conf,exim4.conf,exim4.conf.template}',
  '**/exim/configure',
  '**/exim4/conf.d/**',
];

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
    ...LANGUAGES.flatMap((language) => SCHEMES.map((scheme) => ({ scheme, language }))),
    ...CONFIG_FILES.flatMap((pattern) => NAMED_SCHEMES.map((scheme) => ({ scheme, pattern }))),
  ];
}

/** Builds the transport-specific client: a child process on the desktop, a Web Worker on the web. */
export type LanguageClientFactory = (id: string, name: string, options: LanguageClientOptions) => BaseLanguageClient;

let client: BaseLanguageClient | undefined;

export async function startClient(context: ExtensionContext, createClient: LanguageClientFactory): Promise<void> {
  registerCommands(context, () => client);
  // The id is the prefix of the `smtpStatus.trace.server` setting the client library reads.
  client = createClient('smtpStatus', 'SMTP Status Codes', {
    documentSelector: documentSelector(),
    synchronize: { configurationSection: 'smtpStatus' },
  });
  await client.start();
}

export async function stopClient(): Promise<void> {
  await client?.stop();
  client = undefined;
}
