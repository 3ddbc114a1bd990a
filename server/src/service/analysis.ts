import type { Position, Range } from 'vscode-languageserver-types';
import {
  CodeTable,
  INITIAL_STATE,
  MessageTable,
  modeForDocument,
  replyCodesOnLine,
  ReportIndex,
  sameState,
  scanLineInto,
  scanMessageLine,
  scanMessages,
  scanTable,
  TextLines,
  type CodeMatch,
  type Lines,
  type ReplyMatch,
  type ScanMode,
  type ScanState,
} from '../scan';

/** The text and language of a document, as the service needs them (a TextDocument fits). */
export interface DocumentLike {
  readonly languageId: string;
  /** Picks configuration mode for MTA configuration files by name. */
  readonly uri?: string;
  getText(range?: Range): string;
}

/** A document that can also say how many lines it has (a TextDocument fits); needed to update in place. */
export interface LinedDocument extends DocumentLike {
  readonly lineCount: number;
}

/** One edit, as LSP's `didChange` sends it: a range replaced by text, or the whole text. */
export type ContentChange = { range: Range; text: string } | { text: string };

/**
 * What the scanner found in a document, kept current as the document changes: matches sorted by
 * position in a `CodeTable` (hover and completion look up by binary search, never re-scan), in
 * logs the message ids in a `MessageTable`, and for source code the state each line ends in (so an
 * edit re-scans only the lines it touched, and the lines after them only while their starting
 * state changed).
 */
export class Analysis {
  readonly mode: ScanMode;
  readonly languageId: string;
  codes = new CodeTable();
  /** Logs only, once asked for: queue ids and the links between messages (see `messages`). */
  private messageTable: MessageTable | undefined;
  /** The document as last scanned or changed, for the message index read on first use. */
  private source: DocumentLike;
  /**
   * Log mode: the delivery status reports of the document (RFC 3464), found around the codes of
   * `Status:` lines, with the vendor of each message and recipient; empty in other modes.
   */
  reports = new ReportIndex();
  /** Source mode: the state at the end of each line. */
  private lineStates: (ScanState | undefined)[] = [];

  constructor(document: DocumentLike) {
    this.languageId = document.languageId;
    this.mode = modeForDocument(document.languageId, document.uri);
    this.source = document;
    this.scanAll(document);
  }

  /**
   * Logs only: the message ids and the links between messages. Read on first use, then kept
   * current edit by edit: the scan costs about as much as the code scan, and a log whose messages
   * nobody follows (most opens, every `smtp-status check`) should not pay for it.
   */
  get messages(): MessageTable {
    if (this.messageTable === undefined) {
      const text = this.source.getText();
      // Room for an id every kilobyte: a busy log grows it twice, a text without ids costs little.
      this.messageTable = new MessageTable(this.mode === 'log' ? Math.ceil(text.length / 1024) : 1);
      if (this.mode === 'log') scanMessages(text, this.messageTable);
    }
    return this.messageTable;
  }

  /**
   * Brings the analysis up to date after one edit. `document` is the document after `change`;
   * `previousLineCount` is its line count before. (LSP sends several changes in order, each
   * relative to the text the previous one left: apply them one at a time.) The line count decides
   * how lines moved, which also covers an edit that joins or splits a `\r\n`.
   */
  applyChange(document: LinedDocument, change: ContentChange, previousLineCount: number): void {
    this.source = document;
    if (!('range' in change)) {
      this.scanAll(document);
      return;
    }
    const first = change.range.start.line;
    const last = change.range.end.line;
    const delta = document.lineCount - previousLineCount;
    this.removeLines(first, last, delta);
    if (this.mode === 'source')
      this.lineStates = replaced(this.lineStates, first, last - first + 1, new Array<undefined>(last + delta - first + 1));
    this.rescan(document, first, Math.min(last + delta, document.lineCount - 1));
    if (this.mode === 'log') this.reports.update(documentLines(document), this.codes, first, last, delta);
  }

  /** Source mode: the state line `line` starts in (what the line before ended in); undefined in other modes. */
  stateBefore(line: number): ScanState | undefined {
    if (this.mode !== 'source') return undefined;
    return (line > 0 && this.lineStates[line - 1]) || INITIAL_STATE;
  }

  private scanAll(document: DocumentLike): void {
    const lineStates: ScanState[] = [];
    const text = document.getText();
    this.codes = scanTable(text, this.mode, { languageId: this.languageId, lineStates });
    this.lineStates = lineStates;
    this.messageTable = undefined;
    this.reports = this.mode === 'log' ? ReportIndex.build(new TextLines(text), this.codes) : new ReportIndex();
  }

  /** Drops the matches and ids on lines `first..last` and moves the later ones by `delta` lines. */
  private removeLines(first: number, last: number, delta: number): void {
    for (const table of this.messageTable === undefined ? [this.codes] : [this.codes, this.messageTable]) {
      const from = table.firstOnLine(first);
      table.splice(from, table.firstOnLine(last + 1) - from);
      if (delta !== 0) table.shiftLines(from, delta);
    }
  }

  /**
   * Scans lines `first..last` (whose matches were removed) and, in source code, the lines after
   * them until a line starts in the state it started in before.
   */
  private rescan(document: LinedDocument, first: number, last: number): void {
    const found = new CodeTable(1);
    const ids = this.mode === 'log' && this.messageTable !== undefined ? new MessageTable(1) : undefined;
    const options = { languageId: this.languageId };
    let state = (first > 0 && this.lineStates[first - 1]) || INITIAL_STATE;
    for (let line = first; line < document.lineCount; line++) {
      // Lines of logs stand alone; in source code the lines past the edit are re-scanned only
      // while the state they start in differs from before (the check at the end of the loop).
      if (line > last && this.mode !== 'source') break;
      const text = lineText(document, line);
      if (line > last) this.removeLines(line, line, 0);
      state = scanLineInto(found, text, line, this.mode, state, options);
      if (ids !== undefined) scanMessageLine(text, line, ids);
      if (this.mode === 'source') {
        // The stored state for `line` is compared with the new one on the next turn, so remember it first.
        const previous = this.lineStates[line];
        this.lineStates[line] = state;
        if (line >= last && previous !== undefined && sameState(previous, state)) break;
      }
    }
    this.codes.splice(this.codes.firstOnLine(first), 0, found);
    const messages = this.messageTable;
    if (ids !== undefined && messages !== undefined) messages.splice(messages.firstOnLine(first), 0, ids);
  }
}

export function analyze(document: DocumentLike): Analysis {
  return new Analysis(document);
}

/** Index of the code whose range holds the position (its end included, as editors place the cursor there). */
export function codeIndexAt(analysis: Analysis, position: Position): number | undefined {
  const codes = analysis.codes;
  for (let k = codes.firstOnLine(position.line); k < codes.length && codes.lineOf(k) === position.line; k++) {
    if (position.character >= codes.startOf(k) && position.character <= codes.endOf(k)) return k;
  }
  return undefined;
}

/** The code whose range holds the position. */
export function codeAt(analysis: Analysis, position: Position): CodeMatch | undefined {
  const index = codeIndexAt(analysis, position);
  return index === undefined ? undefined : analysis.codes.get(index);
}

/**
 * The reply code whose range holds the position: one before an enhanced code (from the index),
 * or one standing alone at the start of a transcript line or after `said:` (read from that line).
 */
export function replyAt(analysis: Analysis, document: DocumentLike, position: Position): ReplyMatch | undefined {
  const within = (r: ReplyMatch) => position.character >= r.start && position.character <= r.end;
  const codes = analysis.codes;
  for (let k = codes.firstOnLine(position.line); k < codes.length && codes.lineOf(k) === position.line; k++) {
    const reply = codes.get(k).reply;
    if (reply !== undefined && within(reply)) return reply;
  }
  if (analysis.mode === 'source') return undefined;
  return replyCodesOnLine(lineText(document, position.line)).find(within);
}

/**
 * `list` with `count` items at `index` replaced by `items`. In place when `items` is short; a new
 * array when it is long, where spreading it into `splice` would overflow the call stack.
 */
function replaced<T>(list: T[], index: number, count: number, items: T[]): T[] {
  if (items.length < 10_000) {
    list.splice(index, count, ...items);
    return list;
  }
  return list.slice(0, index).concat(items, list.slice(index + count));
}

/** A document's lines, as the report reader asks for them. */
export function documentLines(document: LinedDocument): Lines {
  return { text: (line) => (line >= 0 && line < document.lineCount ? lineText(document, line) : undefined) };
}

/** The text of one line, without its line break. */
export function lineText(document: DocumentLike, line: number): string {
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  let end = text.length;
  if (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 13) end--;
  return text.slice(0, end);
}
