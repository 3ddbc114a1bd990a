import { spawn, type ChildProcess } from 'node:child_process';
import assert from 'node:assert/strict';
import {
  CompletionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
  type MessageConnection,
} from 'vscode-languageserver-protocol/node';
import type {
  ClientCapabilities,
  CompletionItem,
  CompletionList,
  ConfigurationItem,
  ConfigurationParams,
  Diagnostic,
  DocumentDiagnosticReport,
  Hover,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  Range,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SERVER_NODE_OPTIONS } from '../../../common';
import { repoPath } from '../../support/paths';

/** What the extension's `smtpStatus` section holds. */
export interface SmtpStatusSettings {
  enable?: boolean;
  severity?: Record<string, 'error' | 'warning' | 'information' | 'hint' | 'off'>;
  siteCodes?: Record<string, string | { title: string; description?: string }>;
  inlayHints?: { enabled?: boolean };
}

/** Long enough for a cold start on a loaded CI machine, short enough that a hang fails quickly. */
export const DEFAULT_TIMEOUT_MS = 5000;

export const SERVER_PATH = repoPath('dist', 'server.js');

/** A client like VS Code's, without pull diagnostics: the server must push. */
export const PUSH_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: false },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false, willSave: false },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: true,
      codeDescriptionSupport: true,
      dataSupport: true,
      tagSupport: { valueSet: [1, 2] },
    },
    hover: { dynamicRegistration: false, contentFormat: ['markdown', 'plaintext'] },
    completion: {
      dynamicRegistration: false,
      contextSupport: true,
      completionItem: {
        snippetSupport: false,
        documentationFormat: ['markdown', 'plaintext'],
        deprecatedSupport: true,
        tagSupport: { valueSet: [1] },
        labelDetailsSupport: true,
        insertReplaceSupport: true,
      },
    },
  },
  general: { positionEncodings: ['utf-16'] },
};

/** The same client, plus pull diagnostics and diagnostic refresh (VS Code 1.91 declares both). */
export const PULL_CAPABILITIES: ClientCapabilities = {
  ...PUSH_CAPABILITIES,
  workspace: {
    ...PUSH_CAPABILITIES.workspace,
    diagnostics: { refreshSupport: true },
  },
  textDocument: {
    ...PUSH_CAPABILITIES.textDocument,
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
  },
};

export interface StartOptions {
  capabilities: ClientCapabilities;
  /** The answer to `workspace/configuration` for the `smtpStatus` section; null means "nothing set". */
  settings?: SmtpStatusSettings | null;
  /** Extra arguments after `--stdio`. */
  args?: string[];
  /** Node's options for the server's process beyond `SERVER_NODE_OPTIONS` (a heap limit, a preload). */
  nodeOptions?: string[];
}

/** Rejects after `ms` with a message naming what was awaited, so a hung server fails one test instead of the run. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string, detail?: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}${detail ? `\n${detail()}` : ''}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface DiagnosticsWaiter {
  uri: string;
  wake: () => void;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One running server process and the client side of its JSON-RPC connection. */
export class LspClient {
  readonly connection: MessageConnection;
  initializeResult!: InitializeResult;
  /** Every `workspace/configuration` request the server made, in order. */
  readonly configurationRequests: ConfigurationParams[] = [];
  /** Every publication, in order, consumed or not (to check that a pull-mode server does not also push). */
  readonly allPublished: PublishDiagnosticsParams[] = [];
  /** Server-to-client requests this client has no specific handler for (answered with null). */
  readonly otherRequests: { method: string; params: unknown }[] = [];
  refreshCount = 0;
  /** Answered to every `workspace/configuration` item for `smtpStatus`; change with `changeSettings`. */
  settings: SmtpStatusSettings | null;
  exitStatus: ExitStatus | undefined;
  readonly exited: Promise<ExitStatus>;

  private readonly unconsumed = new Map<string, PublishDiagnosticsParams[]>();
  private readonly diagnosticsWaiters = new Set<DiagnosticsWaiter>();
  private readonly refreshWaiters = new Set<() => void>();
  private readonly documents = new Map<string, TextDocument>();
  private stderrText = '';

  private constructor(
    readonly process: ChildProcess,
    readonly capabilities: ClientCapabilities,
    settings: SmtpStatusSettings | null,
  ) {
    this.settings = settings;
    process.stderr!.setEncoding('utf8');
    process.stderr!.on('data', (chunk: string) => {
      this.stderrText += chunk;
    });
    // The server may exit before the writer flushes (the exit notification itself); that is not an error here.
    process.stdin!.on('error', () => undefined);
    this.exited = new Promise((resolve) => {
      process.once('exit', (code, signal) => {
        this.exitStatus = { code, signal };
        this.wakeAll();
        resolve(this.exitStatus);
      });
    });
    this.connection = createMessageConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.allPublished.push(params);
      const queue = this.unconsumed.get(params.uri) ?? [];
      queue.push(params);
      this.unconsumed.set(params.uri, queue);
      for (const waiter of this.diagnosticsWaiters) if (waiter.uri === params.uri) waiter.wake();
    });
    this.connection.onRequest('workspace/configuration', (params: ConfigurationParams) => {
      this.configurationRequests.push(params);
      return params.items.map((item) => this.configurationFor(item));
    });
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshCount++;
      for (const wake of this.refreshWaiters) wake();
      return null;
    });
    // Registration, progress and the like: accept them so the server carries on as it would in VS Code.
    this.connection.onRequest((method, params) => {
      this.otherRequests.push({ method, params });
      return null;
    });
    this.connection.listen();
  }

  /** Spawns `node dist/server.js --stdio` with Node's options as VS Code's client gives them, sends `initialize` and `initialized`. */
  static async start(options: StartOptions): Promise<LspClient> {
    const nodeOptions = [...SERVER_NODE_OPTIONS, ...(options.nodeOptions ?? [])];
    const child = spawn(process.execPath, [...nodeOptions, SERVER_PATH, '--stdio', ...(options.args ?? [])], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const client = new LspClient(child, options.capabilities, options.settings ?? null);
    try {
      client.initializeResult = await client.request(InitializeRequest.type, {
        processId: process.pid,
        clientInfo: { name: 'smtp-status-lsp-tests' },
        locale: 'en',
        rootUri: null,
        workspaceFolders: null,
        capabilities: options.capabilities,
      });
      await client.connection.sendNotification(InitializedNotification.type, {});
    } catch (error) {
      client.kill();
      throw error;
    }
    return client;
  }

  get pullMode(): boolean {
    return this.capabilities.textDocument?.diagnostic !== undefined;
  }

  stderr(): string {
    return this.stderrText;
  }

  /** Sends a request with a timeout; fails early with the server's stderr when the process has died. */
  async request<R>(type: { method: string } | string, params?: unknown, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<R> {
    const method = typeof type === 'string' ? type : type.method;
    if (this.exitStatus) throw new Error(`server already exited (${JSON.stringify(this.exitStatus)}) before ${method}\n${this.stderrText}`);
    const died = this.exited.then((status) => {
      throw new Error(`server exited (${JSON.stringify(status)}) while waiting for ${method}\n${this.stderrText}`);
    });
    died.catch(() => undefined);
    const sent = (params === undefined ? this.connection.sendRequest(method) : this.connection.sendRequest(method, params)) as Promise<R>;
    return withTimeout(Promise.race([sent, died]), timeoutMs, `response to ${method}`, () => this.stderrText);
  }

  // ---- documents -------------------------------------------------------------------------------

  async open(uri: string, languageId: string, text: string): Promise<TextDocument> {
    const document = TextDocument.create(uri, languageId, 1, text);
    this.documents.set(uri, document);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
    return document;
  }

  /** Sends incremental changes (applied in order, as the protocol says) and returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const current = this.document(uri);
    const updated = TextDocument.update(current, changes, current.version + 1);
    this.documents.set(uri, updated);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: updated.version },
      contentChanges: changes,
    });
    return updated.version;
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** The client's copy of an open document, with every change applied. */
  document(uri: string): TextDocument {
    const document = this.documents.get(uri);
    assert.ok(document, `document ${uri} is not open`);
    return document;
  }

  // ---- settings --------------------------------------------------------------------------------

  private configurationFor(item: ConfigurationItem): unknown {
    if (item.section === 'smtpStatus') return this.settings;
    if (item.section === undefined) return { smtpStatus: this.settings };
    if (item.section.startsWith('smtpStatus.')) {
      let value: unknown = this.settings;
      for (const key of item.section.split('.').slice(1)) value = (value as Record<string, unknown> | null)?.[key] ?? null;
      return value;
    }
    return null;
  }

  /**
   * Replaces the answer to `workspace/configuration` and notifies the server. `pushed` is what the
   * notification carries: VS Code sends the section's values or null; either way the server must re-read.
   */
  async changeSettings(settings: SmtpStatusSettings | null, pushed: 'section' | 'null' = 'section'): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: pushed === 'section' ? { smtpStatus: settings } : null,
    });
  }

  /** Resolves once the server has sent `workspace/diagnostic/refresh` more than `seen` times in total. */
  async waitForRefresh(seen: number, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    let wake!: () => void;
    const arrived = new Promise<void>((resolve) => {
      wake = () => {
        if (this.refreshCount > seen || this.exitStatus) resolve();
      };
    });
    this.refreshWaiters.add(wake);
    wake();
    try {
      await withTimeout(arrived, timeoutMs, `workspace/diagnostic/refresh (seen ${seen} so far)`);
      if (this.refreshCount <= seen) throw new Error(`server exited before refreshing\n${this.stderrText}`);
    } finally {
      this.refreshWaiters.delete(wake);
    }
  }

  // ---- diagnostics -----------------------------------------------------------------------------

  private wakeAll(): void {
    for (const waiter of this.diagnosticsWaiters) waiter.wake();
    for (const wake of this.refreshWaiters) wake();
  }

  /**
   * Consumes publications for `uri` in arrival order until one satisfies `accept`, waiting for new
   * ones as needed. Publications skipped on the way are consumed too.
   */
  async waitForDiagnostics(
    uri: string,
    accept: (params: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    what = 'textDocument/publishDiagnostics',
  ): Promise<PublishDiagnosticsParams> {
    const skipped: PublishDiagnosticsParams[] = [];
    let waiter: DiagnosticsWaiter | undefined;
    const found = new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      const look = () => {
        const queue = this.unconsumed.get(uri) ?? [];
        while (queue.length > 0) {
          const params = queue.shift()!;
          let accepted: boolean;
          try {
            accepted = accept(params);
          } catch (error) {
            // `look` also runs inside the connection's notification handler, which must never throw.
            return reject(error);
          }
          if (accepted) return resolve(params);
          skipped.push(params);
        }
        if (this.exitStatus)
          reject(new Error(`server exited (${JSON.stringify(this.exitStatus)}) while waiting for ${what} on ${uri}\n${this.stderrText}`));
      };
      waiter = { uri, wake: look };
      this.diagnosticsWaiters.add(waiter);
      look();
    });
    try {
      return await withTimeout(
        found,
        timeoutMs,
        `${what} for ${uri}`,
        () => `publications seen meanwhile: ${JSON.stringify(skipped)}\n${this.stderrText}`,
      );
    } finally {
      this.diagnosticsWaiters.delete(waiter!);
    }
  }

  /**
   * The next publication for `uri`. With `version`, a publication stamped with an older version is
   * a leftover from before the awaited edit and is skipped; unstamped ones are taken as they come.
   */
  nextDiagnostics(uri: string, version?: number, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<PublishDiagnosticsParams> {
    return this.waitForDiagnostics(
      uri,
      (params) => version === undefined || params.version === undefined || params.version >= version,
      timeoutMs,
      `textDocument/publishDiagnostics${version === undefined ? '' : ` (version ${version})`}`,
    );
  }

  /** Drops publications not yet consumed (before an action whose own publication is awaited next). */
  discardDiagnostics(uri: string): void {
    this.unconsumed.delete(uri);
  }

  async pullDiagnostics(uri: string): Promise<DocumentDiagnosticReport> {
    return this.request<DocumentDiagnosticReport>(DocumentDiagnosticRequest.type, { textDocument: { uri } });
  }

  /**
   * The document's diagnostics the way this client gets them: pulled when it declared pull support,
   * otherwise the push that follows the open or change that produced `version`.
   */
  async diagnostics(uri: string, version?: number): Promise<Diagnostic[]> {
    if (this.pullMode) {
      const report = await this.pullDiagnostics(uri);
      assert.equal(report.kind, 'full', `pulled report for ${uri} should be full: ${JSON.stringify(report)}`);
      return report.kind === 'full' ? report.items : [];
    }
    return (await this.nextDiagnostics(uri, version ?? this.documents.get(uri)?.version)).diagnostics;
  }

  // ---- language features -----------------------------------------------------------------------

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.request<Hover | null>(HoverRequest.type, { textDocument: { uri }, position });
  }

  /** Completion as a list of items (a bare array and a CompletionList are both allowed); null stays null. */
  async complete(uri: string, position: Position, triggerCharacter?: string): Promise<CompletionItem[] | null> {
    const result = await this.request<CompletionItem[] | CompletionList | null>(CompletionRequest.type, {
      textDocument: { uri },
      position,
      context: triggerCharacter === undefined ? { triggerKind: 1 } : { triggerKind: 2, triggerCharacter },
    });
    if (result === null) return null;
    return Array.isArray(result) ? result : result.items;
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  /** `shutdown` then `exit`; asserts that shutdown answers null and that the process exits with code 0. */
  async shutdownAndExit(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ExitStatus> {
    const result = await this.request<unknown>(ShutdownRequest.type, undefined, timeoutMs);
    assert.equal(result ?? null, null, 'shutdown result should be null');
    await this.connection.sendNotification(ExitNotification.type);
    const status = await withTimeout(this.exited, timeoutMs, 'process exit after `exit`', () => this.stderrText);
    assert.deepEqual(status, { code: 0, signal: null }, `server should exit with code 0\n${this.stderrText}`);
    return status;
  }

  /** For `after` hooks: a polite shutdown when the server is still up, then a kill whatever happened. */
  async dispose(): Promise<void> {
    try {
      if (!this.exitStatus) await this.shutdownAndExit(2000);
    } catch {
      // The test that cares about exiting cleanly asserts it; here only the process must not outlive the file.
    } finally {
      this.kill();
    }
  }

  kill(): void {
    this.connection.dispose();
    if (!this.exitStatus) this.process.kill('SIGKILL');
  }
}

/** Starts a server for a `describe` block; `before` starts it and `after` always stops it. */
export function startForSuite(
  hooks: { before: (fn: () => Promise<void>) => void; after: (fn: () => Promise<void>) => void },
  options: StartOptions,
): () => LspClient {
  let client: LspClient | undefined;
  hooks.before(async () => {
    client = await LspClient.start(options);
  });
  hooks.after(async () => {
    await client?.dispose();
  });
  return () => {
    assert.ok(client, 'server did not start');
    return client;
  };
}

export type { Diagnostic, Range, Position, Hover, CompletionItem };
