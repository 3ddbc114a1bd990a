// Runs dist/browser/server.js in a real Chromium Web Worker and gives the test a JSON-RPC
// connection to it. The worker speaks LSP over postMessage (BrowserMessageReader/Writer), exactly as
// under vscode.dev; the page only relays messages between the worker and this process, unchanged.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createMessageConnection,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageConnection,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver-protocol/node';
import { repoPath } from '../../support/paths';

export const BROWSER_SERVER_PATH = repoPath('dist', 'browser', 'server.js');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium (CHROMIUM_PATH overrides), or why there is none. */
export function findChromium(): { path: string } | { missing: string } {
  const given = process.env.CHROMIUM_PATH;
  if (given) return existsSync(given) ? { path: given } : { missing: `CHROMIUM_PATH=${given} does not exist` };
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(path)) return { path };
  return { missing: 'no Chromium at /usr/bin/chromium (install it with `apt-get install -y chromium`, or set CHROMIUM_PATH)' };
}

/** Messages from the worker, handed to the connection in the order the page relayed them. */
class RelayedMessageReader extends AbstractMessageReader implements MessageReader {
  private callback: DataCallback | undefined;

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    return { dispose: () => (this.callback = undefined) };
  }

  deliver(message: Message): void {
    this.callback?.(message);
  }
}

/** Messages to the worker, posted one after another so they arrive in the order they were sent. */
class RelayedMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly page: Page) {
    super();
  }

  write(message: Message): Promise<void> {
    const posted = this.queue.then(() => this.page.evaluate((m) => (globalThis as unknown as Relay).toServer(m), message));
    this.queue = posted.catch(() => undefined);
    return posted.catch((error: unknown) => {
      this.fireError(error, message, 1);
      throw error;
    });
  }

  end(): void {}
}

/** What the page defines for the relay. */
interface Relay {
  toServer(message: unknown): void;
}

export interface WorkerSession {
  connection: MessageConnection;
  /** Worker and page errors and console output, for failure messages. */
  log: string[];
  /** Errors raised in the worker or the page; a healthy run has none. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Serves a blank page and the bundle from 127.0.0.1 (a worker script needs an http origin), opens
 * the page in a fresh Chromium profile and starts the bundle as a classic Web Worker.
 */
export async function startWorkerSession(chromiumPath: string): Promise<WorkerSession> {
  const bundle = readFileSync(BROWSER_SERVER_PATH);
  const http: Server = createServer((request, response) => {
    if (request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><title>smtp-status browser server test</title>');
    } else if (request.url === '/server.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      response.end(bundle);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const profile = mkdtempSync(join(tmpdir(), 'smtp-status-browser-test-'));
  let context: BrowserContext | undefined;
  const close = async (): Promise<void> => {
    await context?.close().catch(() => undefined);
    // Chromium may keep a connection open (a context that did not close): it must not keep the run alive.
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
    rmSync(profile, { recursive: true, force: true });
  };

  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
    const page = context.pages()[0] ?? (await context.newPage());
    const log: string[] = [];
    const errors: string[] = [];
    page.on('console', (message) => log.push(`console.${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));

    const reader = new RelayedMessageReader();
    const writer = new RelayedMessageWriter(page);
    await page.exposeFunction('fromServer', (message: Message) => reader.deliver(message));
    await page.exposeFunction('workerFailed', (message: string) => errors.push(`worker error: ${message}`));
    await page.goto(`${origin}/`);

    const connection = createMessageConnection(reader, writer);
    connection.listen();
    await page.evaluate(() => {
      const page = globalThis as unknown as Relay & {
        fromServer(message: unknown): void;
        workerFailed(message: string): void;
        Worker: new (
          url: string,
          options: { name: string },
        ) => {
          onmessage: (event: { data: unknown }) => void;
          onerror: (event: { message: string; filename: string; lineno: number }) => void;
          postMessage(message: unknown): void;
        };
      };
      const worker = new page.Worker('/server.js', { name: 'smtp-status-language-server' });
      worker.onmessage = (event) => page.fromServer(event.data);
      worker.onerror = (event) => page.workerFailed(`${event.message} (${event.filename}:${event.lineno})`);
      page.toServer = (message) => worker.postMessage(message);
    });
    const closeSession = async (): Promise<void> => {
      connection.dispose();
      await close();
    };
    return { connection, log, errors, close: closeSession };
  } catch (error) {
    await close();
    throw error;
  }
}
