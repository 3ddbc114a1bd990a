// A minimal LSP client for the benchmark: spawn a server over stdio, time requests and
// notifications, read its resident memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type DocumentDiagnosticReport,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

/**
 * How the client gets diagnostics. `pull`: as VS Code's client does when the server offers it (it
 * pulls after each open and change, names the result it has, and answers the server's
 * `workspace/configuration` requests); `push`: a client without pull diagnostics, which waits
 * for the server to publish.
 */
export type DiagnosticsMode = 'pull' | 'push';

export class BenchClient {
  /** Per document, the result id of the last pulled report. */
  private readonly resultIds = new Map<string, string | undefined>();

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    private readonly waiters: ((p: PublishDiagnosticsParams) => boolean)[],
    readonly mode: DiagnosticsMode,
  ) {}

  /**
   * Starts `node <nodeOptions> <script> --stdio` and initializes it as a client of the given kind.
   * `nodeOptions`: what VS Code's client starts our server with (`SERVER_NODE_OPTIONS`); none for
   * the bare server.
   */
  static async start(
    script: string,
    mode: DiagnosticsMode = 'push',
    nodeOptions: readonly string[] = [],
  ): Promise<{ client: BenchClient; initializeMs: number }> {
    const started = performance.now();
    const child = spawn(process.execPath, [...nodeOptions, script, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const waiters: ((p: PublishDiagnosticsParams) => boolean)[] = [];
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      for (let i = 0; i < waiters.length; i++) {
        if (waiters[i](params)) waiters.splice(i--, 1);
      }
    });
    // Default settings for every item asked, as VS Code answers for a user who set none.
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.listen();
    const capabilities =
      mode === 'pull' ? { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { configuration: true } } : {};
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities });
    const initializeMs = performance.now() - started;
    await connection.sendNotification('initialized', {});
    return { client: new BenchClient(child, connection, waiters, mode), initializeMs };
  }

  /** Pulls the document's diagnostics, naming the result this client has. */
  private async pull(uri: string): Promise<void> {
    const report: DocumentDiagnosticReport = await this.connection.sendRequest('textDocument/diagnostic', {
      textDocument: { uri },
      previousResultId: this.resultIds.get(uri),
    });
    this.resultIds.set(uri, report.resultId);
  }

  /** Resolves when diagnostics for `uri` (at `version` or later) arrive. */
  diagnostics(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) =>
      this.waiters.push((p) => {
        if (p.uri !== uri || (p.version ?? version) < version) return false;
        resolve(p);
        return true;
      }),
    );
  }

  /** Milliseconds from sending `didOpen` until the document's diagnostics arrive. */
  async open(uri: string, text: string): Promise<number> {
    const started = performance.now();
    const arrived = this.mode === 'push' ? this.diagnostics(uri, 1) : undefined;
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'log', version: 1, text } });
    await (arrived ?? this.pull(uri));
    return performance.now() - started;
  }

  /** Milliseconds from sending a one-character insertion until refreshed diagnostics arrive. */
  async edit(uri: string, version: number, line: number): Promise<number> {
    const started = performance.now();
    const arrived = this.mode === 'push' ? this.diagnostics(uri, version) : undefined;
    const range = { start: { line, character: 0 }, end: { line, character: 0 } };
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text: 'x' }],
    });
    await (arrived ?? this.pull(uri));
    return performance.now() - started;
  }

  async close(uri: string): Promise<void> {
    this.resultIds.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Milliseconds for one request round trip. */
  async time(method: string, params: unknown): Promise<number> {
    const started = performance.now();
    await this.connection.sendRequest(method, params).catch(() => undefined);
    return performance.now() - started;
  }

  /** One request's result and its round trip in milliseconds; an error response rejects. */
  async timed<R>(method: string, params: unknown): Promise<{ ms: number; result: R }> {
    const started = performance.now();
    const result = await this.connection.sendRequest<R>(method, params);
    return { ms: performance.now() - started, result };
  }

  /** Resident memory of the server process, in bytes (Linux). */
  rss(): number {
    const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest('shutdown').catch(() => undefined);
    await this.connection.sendNotification('exit').catch(() => undefined);
    await new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) resolve();
      else this.process.once('exit', () => resolve());
      setTimeout(() => {
        this.process.kill();
        resolve();
      }, 3000).unref();
    });
    this.connection.dispose();
  }
}
