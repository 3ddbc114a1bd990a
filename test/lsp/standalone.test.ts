// The language server as other editors run it: the `smtp-status-language-server` bin over stdio,
// started by a minimal client that can neither pull diagnostics nor answer workspace/configuration
// (docs/editors.md).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import type { ClientCapabilities, InitializeResult } from 'vscode-languageserver-protocol';
import { repoPath } from '../support/paths';

const BIN = repoPath('bin', 'smtp-status-language-server.js');
const { version } = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { version: string };

/** Long enough for a cold start on a loaded machine, short enough that a hang fails quickly. */
const TIMEOUT_MS = 5000;

/** What a small editor client declares: documents and published diagnostics, nothing else. */
const MINIMAL_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: false },
    hover: { contentFormat: ['plaintext', 'markdown'] },
  },
};

const LOG_URI = 'file:///var/log/mail.log';
const LOG = [
  'Nov 22 10:00:01 mx postfix/smtp[123]: ABC: to=<a@b.example>, relay=mx.b.example[192.0.2.1]:25, delay=1, dsn=5.1.1, status=bounced (host mx.b.example[192.0.2.1] said: 550 5.1.1 <a@b.example>: User unknown (in reply to RCPT TO command))',
  'Nov 22 10:00:02 mx postfix/smtpd[200]: NOQUEUE: reject: RCPT from unknown[192.0.2.9]: 550 4.1.1 <c@d.example>: Recipient address rejected: User unknown',
  'Nov 22 10:00:03 mx postfix/smtpd[200]: NOQUEUE: reject: RCPT from unknown[192.0.2.9]: 451 4.7.99 <e@f.example>: Recipient address rejected: Greylisted',
  '',
].join('\n');

function runBin(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: TIMEOUT_MS });
}

function within<T>(promise: Promise<T>, what: string, stderr: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}\n${stderr()}`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('smtp-status-language-server command line', () => {
  test('--version prints the name and the package version', () => {
    const result = runBin(['--version']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, `smtp-status-language-server ${version}\n`);
  });

  test('without a transport: usage on stderr, exit code 2', () => {
    const result = runBin([]);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^Usage: smtp-status-language-server --stdio/);
  });

  test('--help: usage on stdout, exit code 0', () => {
    const result = runBin(['--help']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^Usage: smtp-status-language-server --stdio/);
  });
});

describe('smtp-status-language-server --stdio with a minimal client', () => {
  let child: ChildProcess | undefined;
  let connection: MessageConnection | undefined;
  let stderr = '';
  const published: PublishDiagnosticsParams[] = [];
  const waiters = new Set<() => void>();

  /** The next publication for `uri` after `seen` earlier ones. */
  const publication = (uri: string, seen: number): Promise<PublishDiagnosticsParams> =>
    within(
      new Promise((resolve) => {
        const check = () => {
          const forUri = published.filter((p) => p.uri === uri);
          if (forUri.length > seen) {
            waiters.delete(check);
            resolve(forUri[seen]!);
          }
        };
        waiters.add(check);
        check();
      }),
      `diagnostics #${seen + 1} for ${uri}`,
      () => stderr,
    );

  after(() => {
    connection?.dispose();
    child?.kill();
  });

  test('initialize, open a log, diagnostics are pushed; settings arrive with didChangeConfiguration', async () => {
    child = spawn(process.execPath, [BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const unexpected: string[] = [];
    connection.onRequest((method) => {
      unexpected.push(method);
      return null;
    });
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      published.push(params);
      for (const wake of [...waiters]) wake();
    });
    connection.listen();

    const initialized: InitializeResult = await within(
      connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities: MINIMAL_CAPABILITIES,
      }),
      'initialize',
      () => stderr,
    );
    assert.equal(initialized.serverInfo?.name, 'smtp-status-language-server');
    assert.equal(initialized.serverInfo?.version, version);
    assert.equal(initialized.capabilities.diagnosticProvider, undefined, 'the client cannot pull, so nothing to pull from');
    await connection.sendNotification('initialized', {});

    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: LOG_URI, languageId: 'log', version: 1, text: LOG } });
    const first = await publication(LOG_URI, 0);
    assert.deepEqual(
      first.diagnostics.map((d) => [d.range.start.line, d.code]),
      [
        [1, 'class-mismatch'],
        [2, 'unregistered'],
      ],
    );

    // How Neovim, Helix and Eglot hand over `settings`: the whole object, the section inside it.
    await connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { smtpStatus: { severity: { unregistered: 'off' } } },
    });
    const second = await publication(LOG_URI, 1);
    assert.deepEqual(
      second.diagnostics.map((d) => d.code),
      ['class-mismatch'],
    );
    assert.deepEqual(unexpected, [], 'no requests the client did not declare (workspace/configuration, diagnostic refresh)');

    assert.equal(await within(connection.sendRequest('shutdown'), 'shutdown', () => stderr), null);
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    await connection.sendNotification('exit');
    assert.equal(await within(exited, 'exit', () => stderr), 0);
  });
});
