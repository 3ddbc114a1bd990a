import type { Position } from 'vscode-languageserver-types';
import { modeForDocument, scanDocument, type BareReplyMatch, type CodeMatch, type ReplyMatch, type ScanMode } from '../scan';

/** What the scanner found in one version of a document, with lookups by position. */
export interface Analysis {
  mode: ScanMode;
  languageId: string;
  codes: readonly CodeMatch[];
  replies: readonly BareReplyMatch[];
}

/** The text and language of a document, as the service needs them (a TextDocument fits). */
export interface DocumentLike {
  readonly languageId: string;
  /** Picks configuration mode for MTA configuration files by name. */
  readonly uri?: string;
  getText(): string;
}

export function analyze(document: DocumentLike): Analysis {
  const mode = modeForDocument(document.languageId, document.uri);
  const { codes, replies } = scanDocument(document.getText(), mode, { languageId: document.languageId });
  return { mode, languageId: document.languageId, codes, replies };
}

/** The code whose range holds the position (its end included, as editors place the cursor there). */
export function codeAt(analysis: Analysis, position: Position): CodeMatch | undefined {
  const i = firstOnLine(analysis.codes, position.line);
  for (let k = i; k < analysis.codes.length && analysis.codes[k].line === position.line; k++) {
    const match = analysis.codes[k];
    if (position.character >= match.start && position.character <= match.end) return match;
  }
  return undefined;
}

/** The reply code (with its enhanced code, if any) whose range holds the position. */
export function replyAt(analysis: Analysis, position: Position): { line: number; reply: ReplyMatch } | undefined {
  const within = (r: ReplyMatch) => position.character >= r.start && position.character <= r.end;
  for (let k = firstOnLine(analysis.codes, position.line); k < analysis.codes.length && analysis.codes[k].line === position.line; k++) {
    const match = analysis.codes[k];
    if (match.reply !== undefined && within(match.reply)) return { line: match.line, reply: match.reply };
  }
  for (let k = firstOnLine(analysis.replies, position.line); k < analysis.replies.length && analysis.replies[k].line === position.line; k++) {
    if (within(analysis.replies[k])) return { line: position.line, reply: analysis.replies[k] };
  }
  return undefined;
}

/** Index of the first item on `line` (or past it) in a list sorted by line: a binary search. */
function firstOnLine(items: readonly { line: number }[], line: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid].line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
