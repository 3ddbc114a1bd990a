// The browser build of the server (dist/browser/server.js), as vscode.dev and github.dev run it: in
// a Web Worker of a real Chromium, speaking LSP over postMessage.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type {
  ClientCapabilities,
  CompletionItem,
  CompletionList,
  ConfigurationParams,
  DocumentDiagnosticReport,
  Hover,
  InitializeResult,
  MarkupContent,
} from 'vscode-languageserver-protocol';
import { registeredCodesOfClass } from '../lsp/support/registry';
import { inside, positionAfter, rangeOf, summarize } from '../lsp/support/text';
import { BROWSER_SERVER_PATH, findChromium, startWorkerSession, type WorkerSession } from './support/workerConnection';

/** VS Code's client as far as these requests go: pull diagnostics, markdown, settings on request. */
const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false }, diagnostics: { refreshSupport: true } },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    publishDiagnostics: { codeDescriptionSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'], labelDetailsSupport: true } },
  },
};

// A GitHub repository opened in github.dev or vscode.dev: the server sees only the URI and the text.
const LOG_URI = 'vscode-vfs://github/smtp-status-codes/example/var/log/mail.log';
const LOG = [
  'Nov 22 10:00:01 mx postfix/smtp[123]: ABC: to=<a@b.example>, relay=mx.b.example[192.0.2.1]:25, delay=1, dsn=5.1.1, status=bounced (host mx.b.example[192.0.2.1] said: 550 5.1.1 <a@b.example>: User unknown (in reply to RCPT TO command))',
  'Nov 22 10:00:02 mx postfix/smtpd[200]: NOQUEUE: reject: RCPT from unknown[192.0.2.9]: 550 4.1.1 <c@d.example>: Recipient address rejected: User unknown in virtual mailbox table',
  '',
].join('\n');

/** Per request: a worker that stops answering fails one test, not the whole run. */
const REQUEST_TIMEOUT_MS = 5000;

const chromium = findChromium();
const skip = 'missing' in chromium ? `skipped: ${chromium.missing}` : false;
if (skip) process.stderr.write(`test/browser: ${skip}\n`);

describe('browser server in a Chromium Web Worker', { skip }, () => {
  let session: WorkerSession | undefined;
  /** Kept so that a start still under way when the set-up times out is closed too, not left running. */
  let starting: Promise<WorkerSession> | undefined;
  let initializeResult: InitializeResult;
  const configurationRequests: ConfigurationParams[] = [];

  const connection = () => {
    assert.ok(session, 'worker session started');
    return session.connection;
  };
  const problems = () => (session ? [...session.errors, ...session.log].join('\n') : '');

  before(
    async () => {
      assert.ok(existsSync(BROWSER_SERVER_PATH), `${BROWSER_SERVER_PATH} is missing; run node scripts/build.mjs`);
      starting = startWorkerSession((chromium as { path: string }).path);
      session = await starting;
      session.connection.onRequest('workspace/configuration', (params: ConfigurationParams) => {
        configurationRequests.push(params);
        return params.items.map(() => null);
      });
      initializeResult = await session.connection.sendRequest('initialize', {
        processId: null,
        clientInfo: { name: 'smtp-status-browser-tests' },
        rootUri: null,
        workspaceFolders: null,
        capabilities: CAPABILITIES,
      });
      await session.connection.sendNotification('initialized', {});
      await session.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: LOG_URI, languageId: 'log', version: 1, text: LOG },
      });
    },
    // Chromium starts in seconds, but `npm test` runs the other test files beside it on two cores.
    { timeout: 60_000 },
  );

  after(async () => {
    await (session ?? (await starting?.catch(() => undefined)))?.close();
  });

  test('initialize: pull diagnostics, hover and completion, named server', () => {
    const { capabilities, serverInfo } = initializeResult;
    assert.equal(serverInfo?.name, 'smtp-status-language-server');
    assert.equal(capabilities.hoverProvider, true);
    assert.ok(capabilities.completionProvider?.triggerCharacters?.includes('.'));
    assert.equal(capabilities.diagnosticProvider?.identifier, 'smtp-status');
  });

  test('pulled diagnostics: class-mismatch on 550 4.1.1', { timeout: REQUEST_TIMEOUT_MS }, async () => {
    const report: DocumentDiagnosticReport = await connection().sendRequest('textDocument/diagnostic', { textDocument: { uri: LOG_URI } });
    assert.equal(report.kind, 'full');
    const { start, end } = rangeOf(LOG, '4.1.1', '550 4.1.1');
    assert.deepEqual(
      summarize(report.kind === 'full' ? report.items : []),
      [`${start.line}:${start.character}-${end.line}:${end.character} class-mismatch`],
      problems(),
    );
    assert.ok(configurationRequests.length > 0, 'settings asked with workspace/configuration over postMessage');
    assert.equal(configurationRequests[0]!.items[0]!.section, 'smtpStatus');
  });

  test('hover on 5.1.1: Bad destination mailbox address', { timeout: REQUEST_TIMEOUT_MS }, async () => {
    const position = inside(rangeOf(LOG, '5.1.1', '550 5.1.1'));
    const hover: Hover | null = await connection().sendRequest('textDocument/hover', { textDocument: { uri: LOG_URI }, position });
    assert.ok(hover, `a hover at ${JSON.stringify(position)}\n${problems()}`);
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    assert.match(contents.value, /Bad destination mailbox address/);
  });

  test('completion of "550 5.1.": the registered 5.1.x codes', { timeout: REQUEST_TIMEOUT_MS }, async () => {
    const uri = 'untitled:Untitled-1';
    const text = 'said: 550 5.1.';
    await connection().sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'log', version: 1, text } });
    const result: CompletionItem[] | CompletionList | null = await connection().sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: positionAfter(text, '550 5.1.'),
      context: { triggerKind: 2, triggerCharacter: '.' },
    });
    assert.ok(result, `a completion result\n${problems()}`);
    const labels = (Array.isArray(result) ? result : result.items).map((item) => item.label);
    assert.deepEqual(
      [...labels].sort(),
      registeredCodesOfClass(5)
        .filter((code) => code.startsWith('5.1.'))
        .sort(),
    );
  });

  test('shutdown answers null; nothing failed in the worker or the page', { timeout: REQUEST_TIMEOUT_MS }, async () => {
    assert.equal(await connection().sendRequest('shutdown'), null);
    assert.deepEqual(session?.errors, []);
  });
});
