import type { Connection, TextDocumentContentChangeEvent, TextDocumentItem } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { forgetLastMatch } from '../scan';
import { Analysis } from '../service';

/**
 * Characters of text in one notification from which the server starts a collection once it is
 * idle (`IDLE_MS` without a document opened, changed or closed). Reading a message leaves about
 * three times its text as garbage (the chunks read, those joined in one buffer, the message
 * decoded to a string), which V8 keeps until its heap next fills: after a 50 MB open, 150 MB in
 * the server for as long as it stays idle (30 s measured). Below this the garbage is small beside
 * the server's own heap, and V8's own collections see to it.
 */
const LARGE_TEXT = 8 * 1024 * 1024;
/**
 * How long the documents must stay as they are before that collection starts. Not on the path of
 * an open: run before the analysis, a full collection made a 50 MB open's time from its read to the
 * pulled diagnostics 175 ms against 116 without it (medians of 18 opens in fresh servers taking
 * turns); started 1 s after an open, it fell into the next open when logs were opened one after
 * another, which took 671 ms against 625 (medians of 12).
 */
const IDLE_MS = 1000;

/** An open document and what the server keeps for it. */
export interface OpenDocument {
  /** Unique among the documents opened in this server's life: a document closed and opened again is another. */
  readonly serial: number;
  document: TextDocument;
  /** Made on first use, then updated edit by edit. */
  analysis?: Analysis;
  /** The user has been told that validation of this document stopped early. */
  toldAboutBudget?: boolean;
}

/** What happened to an open document, for whoever keeps something per document. */
export interface DocumentEvents {
  opened(uri: string): void;
  changed(uri: string): void;
  closed(uri: string): void;
}

/**
 * The documents the client has open, kept in step with its notifications (incremental sync: each
 * change is applied to the document and then to its analysis). Notifications cannot answer with an
 * error, so malformed ones are logged and dropped.
 */
export class OpenDocuments {
  private readonly documents = new Map<string, OpenDocument>();
  private opened = 0;

  /** Set while a collection is due: since a large notification, until the documents are idle. */
  private collection: ReturnType<typeof setTimeout> | undefined;

  /** `collectGarbage`: where the environment has one (see `LARGE_TEXT`). */
  constructor(private readonly collectGarbage?: () => void) {}

  get(uri: string): OpenDocument | undefined {
    return this.documents.get(uri);
  }

  uris(): IterableIterator<string> {
    return this.documents.keys();
  }

  /** The document's analysis, made the first time it is asked for. */
  analysisOf(open: OpenDocument): Analysis {
    return (open.analysis ??= new Analysis(open.document));
  }

  listen(connection: Connection, events: DocumentEvents): void {
    connection.onDidOpenTextDocument((params) => {
      const t: unknown = params?.textDocument;
      if (!isTextDocumentItem(t)) return connection.console.error(`Ignored a malformed textDocument/didOpen: ${excerpt(t)}`);
      this.documents.set(t.uri, { serial: ++this.opened, document: TextDocument.create(t.uri, t.languageId, t.version, t.text) });
      this.afterMessage(t.text.length);
      events.opened(t.uri);
    });

    connection.onDidChangeTextDocument((params) => {
      const { textDocument, contentChanges } = params ?? {};
      const open = typeof textDocument?.uri === 'string' ? this.documents.get(textDocument.uri) : undefined;
      if (open === undefined || !Array.isArray(contentChanges) || contentChanges.length === 0) return;
      if (!Number.isInteger(textDocument.version) || !contentChanges.every(isContentChange)) {
        return connection.console.error(`Ignored a malformed textDocument/didChange of ${textDocument.uri}: ${excerpt(contentChanges)}`);
      }
      for (const change of contentChanges) {
        const lineCount = open.document.lineCount;
        open.document = TextDocument.update(open.document, [change], textDocument.version);
        open.analysis?.applyChange(open.document, change, lineCount);
      }
      this.afterMessage(contentChanges.reduce((sum, change) => sum + change.text.length, 0));
      events.changed(textDocument.uri);
    });

    connection.onDidCloseTextDocument((params) => {
      const uri: unknown = params?.textDocument?.uri;
      if (typeof uri !== 'string') return;
      this.documents.delete(uri);
      forgetLastMatch();
      this.afterMessage(0);
      events.closed(uri);
    });
  }

  /**
   * After a document notification that carried `length` characters of text: once one was large, a
   * collection starts when no other has come for `IDLE_MS` (V8 marks on a thread of its own, the
   * server's pauses are a few milliseconds).
   */
  private afterMessage(length: number): void {
    const collect = this.collectGarbage;
    if (collect === undefined || (length < LARGE_TEXT && this.collection === undefined)) return;
    clearTimeout(this.collection);
    this.collection = setTimeout(() => {
      this.collection = undefined;
      collect();
    }, IDLE_MS);
  }
}

function isTextDocumentItem(value: unknown): value is TextDocumentItem {
  const item = value as Partial<TextDocumentItem> | null | undefined;
  return (
    typeof item?.uri === 'string' && typeof item.languageId === 'string' && Number.isInteger(item.version) && typeof item.text === 'string'
  );
}

function isContentChange(value: unknown): value is TextDocumentContentChangeEvent {
  const change = value as { text?: unknown; range?: { start?: unknown; end?: unknown } } | null | undefined;
  if (typeof change?.text !== 'string') return false;
  return change.range === undefined || (isPosition(change.range?.start) && isPosition(change.range.end));
}

/** Whole line and character numbers; out-of-range ones are clamped by the document. */
function isPosition(value: unknown): boolean {
  const position = value as { line?: unknown; character?: unknown } | null | undefined;
  return Number.isInteger(position?.line) && Number.isInteger(position?.character);
}

/** A short, single-line rendering of a malformed value for the log. */
function excerpt(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}
