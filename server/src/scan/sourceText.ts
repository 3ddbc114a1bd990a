import type { CodeTable } from './codeTable';
import { LOOKBACK, VERSION_BEFORE, VERSION_KEY_BEFORE } from './contextWords';
import { sourceSyntax, type SourceSyntax } from './languages';
import { addMatch, candidateStart, CANDIDATE, replyBefore, syntaxProblem } from './syntax';
import type { CodeContext, CodeMatch } from './types';

/*
 * Source code, read line by line: string literals (and go-smtp's `EnhancedCode{...}` literals)
 * only, comments skipped. A line's scan depends on the state the line before left (inside a block
 * comment or a multi-line string, a `Code:` field just above), so an edit re-scans from any line.
 */

/** State carried from one line to the next in source mode. */
export interface ScanState {
  /** The delimiter that closes what the line starts inside (`*\/`, `"""`, `` ` ``), if anything. */
  readonly inside?: string;
  /** A `Code: 550` seen in code on a recent line, for an `EnhancedCode{5, 1, 1}` below it. */
  readonly replyCode?: number;
  /** How many more lines `replyCode` applies to. */
  readonly replyLines?: number;
}

export const INITIAL_STATE: ScanState = Object.freeze({});

/**
 * The one state for each delimiter a line can start inside of: every line of a long comment or
 * string shares it (a document keeps a state per line, and a fresh object each would be garbage
 * the collector has to keep walking).
 */
const INSIDE_STATES = new Map<string, ScanState>();
function insideState(inside: string): ScanState {
  let state = INSIDE_STATES.get(inside);
  if (state === undefined) INSIDE_STATES.set(inside, (state = Object.freeze({ inside })));
  return state;
}

/** Whether two line states are the same, so re-scanning after an edit can stop. */
export function sameState(a: ScanState, b: ScanState): boolean {
  return a.inside === b.inside && a.replyCode === b.replyCode && a.replyLines === b.replyLines;
}

export function scanSource(text: string, syntax: SourceSyntax, table: CodeTable, lineStates?: ScanState[]): void {
  forEachLine(text, INITIAL_STATE, (start, end, line, state) => {
    const next = scanSourceLine(text, start, end, line, state, syntax, table);
    lineStates?.push(next);
    return next;
  });
}

/**
 * Codes on the line `text[lineStart, lineEnd)` of source code: in its string literals and in
 * `EnhancedCode{...}` literals; returns the state the next line starts in. Positional (once per
 * line of every source document):
 *   (text, lineStart, lineEnd, line, state, syntax, out)
 */
export function scanSourceLine(
  text: string,
  lineStart: number,
  lineEnd: number,
  line: number,
  state: ScanState,
  syntax: SourceSyntax,
  out: CodeTable,
): ScanState {
  let replyCode = state.replyCode;
  let replyLines = state.replyLines ?? 0;
  const inside = forEachString(
    text,
    lineStart,
    lineEnd,
    state.inside,
    syntax,
    (from, to, literalStart) => stringCodes(text, lineStart, from, to, line, literalStart, syntax, out),
    (from, to) => {
      const segment = text.slice(from, to);
      if (!segment.includes('Code') && replyCode === undefined) return;
      for (const m of segment.matchAll(STRUCTURED)) {
        if (m[0] === '}') {
          // The struct literal that held the Code has closed.
          replyCode = undefined;
          replyLines = 0;
        } else if (m[4] !== undefined) {
          replyCode = Number(m[4]);
          replyLines = STRUCTURED_REPLY_LINES;
        } else {
          out.push(structuredMatch(m, from - lineStart + m.index, line, replyCode, replyLines > 0));
        }
      }
    },
  );
  replyLines = Math.max(0, replyLines - 1);
  if (replyLines === 0) replyCode = undefined;
  if (replyCode === undefined) return inside === undefined ? INITIAL_STATE : insideState(inside);
  return { inside, replyCode, replyLines };
}

/**
 * go-smtp and maddy write codes as struct literals: `Code: 550` and `EnhancedCode{5, 1, 1}`
 * (`smtp.EnhancedCode{...}`, `exterrors.EnhancedCode{...}`), on one line or on consecutive lines
 * of the same struct. Group 1 is a reply code; groups 2-4 are an enhanced code; a lone `}` closes
 * the struct (the EnhancedCode alternative comes first so its own brace is not taken for one).
 */
const STRUCTURED = /\bEnhancedCode\s*\{\s*(\d{1,4})\s*,\s*(\d{1,4})\s*,\s*(\d{1,4})\s*\}|\bCode\s*:\s*([2-5][0-5]\d)\b|\}/g;

/** A `Code:` field applies to an `EnhancedCode` this many lines below it at most (same struct literal). */
export const STRUCTURED_REPLY_LINES = 4;

function structuredMatch(
  m: RegExpMatchArray,
  column: number,
  line: number,
  replyCode: number | undefined,
  replyInScope: boolean,
): CodeMatch {
  const [whole, cls, subject, detail] = m;
  const open = whole.indexOf('{') + 1;
  const inner = whole.slice(open, whole.length - 1);
  const start = column + open + (inner.length - inner.trimStart().length);
  const end = column + whole.length - 1 - (inner.length - inner.trimEnd().length);
  const text = `${cls}.${subject}.${detail}`;
  // The reply code's position is not on this line when it came from an earlier one; only its value matters.
  const reply = replyCode !== undefined && replyInScope ? { start: -1, end: -1, code: replyCode, continuation: false } : undefined;
  return {
    line,
    start,
    end,
    text,
    class: Number(cls),
    subject: Number(subject),
    detail: Number(detail),
    problem: cls.length > 1 ? 'class' : syntaxProblem(text),
    context: 'string',
    reply,
    action: undefined,
    vendor: undefined,
  };
}

/**
 * The string literal around `offset` in a source document: where its content starts on the line
 * (the line start, for the later lines of a multi-line string) and whether the literal opens there.
 * Undefined when the offset is outside every string. `lineState`, the state the offset's line
 * starts in (an analysis keeps them), spares reading the document from its first line.
 */
export function stringAround(
  text: string,
  offset: number,
  languageId?: string,
  lineState?: ScanState,
): { from: number; literalStart: boolean } | undefined {
  const syntax = sourceSyntax(languageId);
  let found: { from: number; literalStart: boolean } | undefined;
  const visitor = (end: number) => (from: number, to: number, literalStart: boolean) => {
    if (end >= offset && from <= offset && offset <= to) found = { from, literalStart };
  };
  if (lineState !== undefined) {
    const start = lineStartBefore(text, offset);
    let end = offset;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    forEachString(text, start, end, lineState.inside, syntax, visitor(end));
    return found;
  }
  forEachLine(text, INITIAL_STATE, (start, end, _line, state) => {
    const inside = forEachString(text, start, end, state.inside, syntax, visitor(end));
    return end >= offset ? undefined : inside === undefined ? INITIAL_STATE : insideState(inside);
  });
  return found;
}

/**
 * Calls `visit` with each line's bounds and the state the previous line left; `visit` returns the
 * state for the next line, or undefined to stop.
 */
function forEachLine(
  text: string,
  state: ScanState,
  visit: (start: number, end: number, line: number, state: ScanState) => ScanState | undefined,
): void {
  let line = 0;
  let start = 0;
  for (;;) {
    let end = start;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    const next = visit(start, end, line, state);
    if (next === undefined || end >= text.length) return;
    state = next;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    line++;
  }
}

/** Receives the content `text[from, to)` of a string literal; `literalStart`: the literal opens at `from`. */
type StringVisitor = (from: number, to: number, literalStart: boolean) => void;

/** Receives a stretch `text[from, to)` of code: neither string nor comment. */
type CodeVisitor = (from: number, to: number) => void;

/**
 * Finds the string literals on the line `text[lineStart, lineEnd)`, skipping comments, and hands
 * their contents to `visit` (and the code between them to `visitCode`). `inside` is the delimiter
 * the line starts inside of; returns the one the next line starts inside of.
 */
export function forEachString(
  text: string,
  lineStart: number,
  lineEnd: number,
  inside: string | undefined,
  syntax: SourceSyntax,
  visit: StringVisitor,
  visitCode?: CodeVisitor,
): string | undefined {
  let i = lineStart;
  if (inside !== undefined) {
    if (syntax.blockComment !== undefined && inside === syntax.blockComment[1]) {
      const end = indexOnLine(text, inside, i, lineEnd);
      if (end === -1) return inside;
      i = end + inside.length;
    } else {
      const end = findClose(text, i, lineEnd, inside, syntax.multiLineEscapes);
      visit(i, end === -1 ? lineEnd : end, false);
      if (end === -1) return inside;
      i = end + inside.length;
    }
  }

  let codeStart = i;
  const flushCode = (to: number) => {
    if (visitCode !== undefined && to > codeStart) visitCode(codeStart, to);
  };
  while (i < lineEnd) {
    const c = text[i];
    if (syntax.blockComment !== undefined && text.startsWith(syntax.blockComment[0], i)) {
      flushCode(i);
      const end = indexOnLine(text, syntax.blockComment[1], i + syntax.blockComment[0].length, lineEnd);
      if (end === -1) return syntax.blockComment[1];
      i = codeStart = end + syntax.blockComment[1].length;
      continue;
    }
    if (isLineComment(text, i, lineStart, syntax)) {
      flushCode(i);
      return undefined;
    }
    const multi = syntax.multiLineStrings.find((d) => text.startsWith(d, i));
    if (multi !== undefined) {
      flushCode(i);
      const contentStart = i + multi.length;
      const end = findClose(text, contentStart, lineEnd, multi, syntax.multiLineEscapes);
      visit(contentStart, end === -1 ? lineEnd : end, true);
      if (end === -1) return multi;
      i = codeStart = end + multi.length;
      continue;
    }
    if (c === "'" && syntax.singleQuoteIsChar) {
      i += charLiteralLength(text, i, lineEnd);
      continue;
    }
    if (syntax.quotes.includes(c)) {
      flushCode(i);
      const end = findClose(text, i + 1, lineEnd, c, true);
      visit(i + 1, end === -1 ? lineEnd : end, true);
      i = codeStart = end === -1 ? lineEnd : end + 1;
      continue;
    }
    i++;
  }
  flushCode(lineEnd);
  return undefined;
}

/**
 * Offset of `needle` in `text[from, lineEnd)`, or -1. Searching the line only (not on to the end
 * of the document) keeps a scan linear inside an unclosed comment: every line would search the rest.
 */
function indexOnLine(text: string, needle: string, from: number, lineEnd: number): number {
  const at = text.slice(from, lineEnd).indexOf(needle);
  return at === -1 ? -1 : from + at;
}

function isLineComment(text: string, i: number, lineStart: number, syntax: SourceSyntax): boolean {
  for (const marker of syntax.lineComments) {
    if (!text.startsWith(marker, i)) continue;
    // `#` opens a comment only as a word of its own (`$#array`, `${#x}` and `#!` paths are not).
    if (marker === '#' && i > lineStart && !/\s/.test(text[i - 1])) continue;
    return true;
  }
  return false;
}

/** Offset of the closing delimiter on the line, honouring backslash escapes; -1 when the line ends first. */
function findClose(text: string, from: number, lineEnd: number, close: string, escapes: boolean): number {
  for (let i = from; i < lineEnd; i++) {
    if (escapes && text.charCodeAt(i) === 92 /* \ */) {
      i++;
      continue;
    }
    if (text.startsWith(close, i)) return i;
  }
  return -1;
}

/** Length of a character literal at `i` (`'a'`, `'\n'`, `'\u{1F600}'`), or 1 for a lone quote (a Rust lifetime). */
function charLiteralLength(text: string, i: number, lineEnd: number): number {
  if (text[i + 1] === '\\') {
    const close = text.indexOf("'", i + 2);
    return close !== -1 && close < lineEnd && close - i <= 12 ? close - i + 1 : 1;
  }
  const cp = text.codePointAt(i + 1);
  const width = cp !== undefined && cp > 0xffff ? 2 : 1;
  return text[i + 1 + width] === "'" ? width + 2 : 1;
}

/**
 * Codes in the string content `text[from, to)` on the line that starts at `lineStart`.
 * `literalStart`: `from` is where the literal opens (false for the later lines of a multi-line
 * string). Positional (once per string literal):
 *   (text, lineStart, from, to, line, literalStart, syntax, out)
 */
function stringCodes(
  text: string,
  lineStart: number,
  from: number,
  to: number,
  line: number,
  literalStart: boolean,
  syntax: SourceSyntax,
  out: CodeTable,
): void {
  if (to - from < 5) return;
  // The content alone is searched, so a search never runs past the literal's end.
  const content = text.slice(from, to);
  CANDIDATE.lastIndex = 0;
  while (CANDIDATE.test(content)) {
    const end = CANDIDATE.lastIndex;
    const start = candidateStart(content, end);
    const reply = replyBefore(content, start, 0);
    const opensString = literalStart && content.slice(0, start).trim() === '';
    let context: CodeContext;
    if (reply >= 0) context = 'string';
    else if (opensString) {
      // `"4.7.1"` is a code argument in a program, but a version in a data file or after a version key.
      if (syntax.data || VERSION_KEY_BEFORE.test(text.slice(Math.max(lineStart, from - LOOKBACK), from))) continue;
      context = 'string';
    } else if (syntax.data || VERSION_BEFORE.test(content.slice(Math.max(0, start - LOOKBACK), start))) continue;
    else context = 'bare';

    const problem = syntaxProblem(content, start, end);
    if (problem !== undefined && reply < 0) continue;
    addMatch(out, content, start, end, line, lineStart - from, context, problem, reply);
  }
}

/** Where the line that holds `offset` starts (after `\n`, `\r` or at 0). */
export function lineStartBefore(text: string, offset: number): number {
  return Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
}
