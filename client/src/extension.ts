import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/**
 * Languages whose documents the server reads: mail logs (the built-in `log` language, to which
 * the manifest adds mail-log file names), plain text, SMTP transcripts, messages, and the source
 * languages of mail software.
 */
export const LANGUAGES = [
  'log',
  'plaintext',
  'smtp',
  'email',
  'c',
  'cpp',
  'go',
  'python',
  'javascript',
  'typescript',
  'rust',
  'java',
  'ruby',
  'php',
  'perl',
  'shellscript',
];

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

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...LANGUAGES.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      ...CONFIG_FILES.map((pattern) => ({ scheme: 'file', pattern })),
    ],
    synchronize: { configurationSection: 'smtpStatus' },
  };
  client = new LanguageClient('smtpStatus', 'SMTP Status Codes', serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
