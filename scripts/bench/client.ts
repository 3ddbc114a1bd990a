// A minimal LSP client for the benchmark: spawn a server over stdio, time requests and
// notifications, read its resident memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export class BenchClient {
  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    private readonly waiters: ((p: PublishDiagnosticsParams) => boolean)[],
  ) {}

  /** Starts `node <script> --stdio` and initializes it as a client without pull diagnostics. */
  static async start(script: string): Promise<{ client: BenchClient; initializeMs: number }> {
    const started = performance.now();
    const child = spawn(process.execPath, [script, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const waiters: ((p: PublishDiagnosticsParams) => boolean)[] = [];
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      for (let i = 0; i < waiters.length; i++) {
        if (waiters[i](params)) waiters.splice(i--, 1);
      }
    });
    connection.listen();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    const initializeMs = performance.now() - started;
    await connection.sendNotification('initialized', {});
    return { client: new BenchClient(child, connection, waiters), initializeMs };
  }

  /** Resolves when diagnostics for `uri` (at `version` or later) arrive. */
  diagnostics(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push((p) => p.uri === uri && (p.version ?? version) >= version && (resolve(p), true)));
  }

  /** Milliseconds from sending `didOpen` until the document's diagnostics arrive. */
  async open(uri: string, text: string): Promise<number> {
    const started = performance.now();
    const arrived = this.diagnostics(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'log', version: 1, text } });
    await arrived;
    return performance.now() - started;
  }

  /** Milliseconds from sending a one-character insertion until refreshed diagnostics arrive. */
  async edit(uri: string, version: number, line: number): Promise<number> {
    const started = performance.now();
    const arrived = this.diagnostics(uri, version);
    const range = { start: { line, character: 0 }, end: { line, character: 0 } };
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text: 'x' }],
    });
    await arrived;
    return performance.now() - started;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Milliseconds for one request round trip. */
  async time(method: string, params: unknown): Promise<number> {
    const started = performance.now();
    await this.connection.sendRequest(method, params).catch(() => undefined);
    return performance.now() - started;
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
