import type { CodeTable } from './codeTable';
import { LOOKBACK, VERSION_BEFORE, VERSION_KEY_BEFORE } from './contextWords';
import { sourceSyntax, type SourceSyntax } from './languages';
import { libraryCalls, type LibraryCall } from './libraryCalls';
import { escapedFieldBefore, FieldReader, type FieldKind } from './payloadFields';
import { forEachString } from './stringLiterals';
import { addMatch, Candidate, CANDIDATE, codeFromParts, replyBefore } from './syntax';
import type { CodeContext, CodeMatch } from './types';

/*
 * Source code, read line by line: string literals (and go-smtp's `EnhancedCode{...}` literals,
 * KumoMTA's `enhanced_code` objects, mail libraries' calls) only, comments skipped. A line's scan
 * depends on the state the line before left (inside a block comment or a multi-line string, a
 * `Code:` field just above, a payload's `"code": 550` in the object around it), so an edit
 * re-scans from any line.
 */

/** State carried from one line to the next in source mode. */
export interface ScanState {
  /** The opener of what the line starts inside of (`/*`, `"""`, `` ` ``, `[[`), if anything. */
  readonly inside?: string;
  /** A `Code: 550` seen in code on a recent line, for an `EnhancedCode{5, 1, 1}` below it. */
  readonly replyCode?: number;
  /** How many more lines `replyCode` applies to. */
  readonly replyLines?: number;
  /** A payload's numeric reply code (`"code": 550`) in the object the line starts in. */
  readonly objectReply?: number;
  /** Braces opened since that reply code (JSON, code); in YAML, the column of its key. */
  readonly objectScope?: number;
}

export const INITIAL_STATE: ScanState = Object.freeze({});

/**
 * The one state for each delimiter a line can start inside of: every line of a long comment or
 * string shares it (a document keeps a state per line, and a fresh object each would be garbage
 * the collector has to keep walking).
 */
const INSIDE_STATES = new Map<string, ScanState>();
function insideState(inside: string | undefined): ScanState {
  if (inside === undefined) return INITIAL_STATE;
  let state = INSIDE_STATES.get(inside);
  if (state === undefined) INSIDE_STATES.set(inside, (state = Object.freeze({ inside })));
  return state;
}

/** Whether two line states are the same, so re-scanning after an edit can stop. */
export function sameState(a: ScanState, b: ScanState): boolean {
  return (
    a.inside === b.inside &&
    a.replyCode === b.replyCode &&
    a.replyLines === b.replyLines &&
    a.objectReply === b.objectReply &&
    a.objectScope === b.objectScope
  );
}

export function scanSource(text: string, syntax: SourceSyntax, table: CodeTable, lineStates?: ScanState[]): void {
  forEachLine(text, INITIAL_STATE, (start, end, line, state) => {
    const next = scanSourceLine(text, start, end, line, state, syntax, table);
    lineStates?.push(next);
    return next;
  });
}

/**
 * Codes on the line `text[lineStart, lineEnd)` of source code: in its string literals, in
 * `EnhancedCode{...}` literals, KumoMTA's `enhanced_code` objects and library calls; returns the
 * state the next line starts in. Positional (once per line of every source document):
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
  const fields = new FieldReader(text, lineStart, line, syntax, state.objectReply ?? 0, state.objectScope ?? 0);
  const inside = forEachString(
    text,
    lineStart,
    lineEnd,
    state.inside,
    syntax,
    (from, to, literalStart) => {
      const field = literalStart ? fields.stringValue(from, to) : undefined;
      stringCodes(text, lineStart, from, to, line, literalStart, syntax, field, field === undefined ? 0 : fields.valueReply, out);
    },
    (from, to) => {
      // A stretch of code may hold several constructs: they are added in the order they stand.
      let found: CodeMatch[] | undefined;
      const add = (match: CodeMatch) => {
        (found ??= []).push(match);
      };
      fields.code(from, to, add);
      const segment = text.slice(from, to);
      for (const call of libraryCalls(text, segment, from, lineEnd)) add(callMatch(call, line, lineStart));
      if (segment.includes('Code') || replyCode !== undefined) {
        for (const m of segment.matchAll(STRUCTURED)) {
          if (m[0] === '}') {
            // The struct literal that held the Code has closed.
            replyCode = undefined;
            replyLines = 0;
          } else if (m[4] !== undefined) {
            replyCode = Number(m[4]);
            replyLines = STRUCTURED_REPLY_LINES;
          } else {
            add(structuredMatch(m, from - lineStart + m.index, line, replyCode, replyLines > 0));
          }
        }
      }
      if (found === undefined) return;
      if (found.length > 1) found.sort((a, b) => a.start - b.start);
      for (const match of found) out.push(match);
    },
  );
  replyLines = Math.max(0, replyLines - 1);
  if (replyLines === 0) replyCode = undefined;
  if (replyCode === undefined && fields.reply === 0) return insideState(inside);
  const next: { -readonly [K in keyof ScanState]: ScanState[K] } = { inside };
  if (replyCode !== undefined) {
    next.replyCode = replyCode;
    next.replyLines = replyLines;
  }
  if (fields.reply !== 0) {
    next.objectReply = fields.reply;
    next.objectScope = fields.scope;
  }
  return next;
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
  return codeFromParts(line, start, end, cls, subject, detail, 'string', replyCode !== undefined && replyInScope ? replyCode : 0);
}

/** The code a library call builds, over the called name (`DSN.no_such_user()`: `no_such_user`). */
function callMatch(call: LibraryCall, line: number, lineStart: number): CodeMatch {
  const match = codeFromParts(
    line,
    call.nameStart - lineStart,
    call.nameEnd - lineStart,
    String(call.cls),
    String(call.subject),
    String(call.detail),
    'string',
    call.reply,
  );
  match.call = true;
  return match;
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
    return end >= offset ? undefined : insideState(inside);
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

/** `\n` and `\r` escapes, which break the reply a string holds into its lines. */
const ESCAPED_BREAK = /\\[nr]/g;

/** The candidate being classified: one object, read again for every candidate. */
const CANDIDATE_PARTS = new Candidate();

/**
 * Codes in the string content `text[from, to)` on the line that starts at `lineStart`.
 * `literalStart`: `from` is where the literal opens (false for the later lines of a multi-line
 * string). `field`: what the string's key says it is; `objectReply`: the reply code of the
 * payload object around it, or 0. Positional (once per string literal):
 *   (text, lineStart, from, to, line, literalStart, syntax, field, objectReply, out)
 */
function stringCodes(
  text: string,
  lineStart: number,
  from: number,
  to: number,
  line: number,
  literalStart: boolean,
  syntax: SourceSyntax,
  field: FieldKind | undefined,
  objectReply: number,
  out: CodeTable,
): void {
  if (to - from < 5) return;
  // The content alone is searched, so a search never runs past the literal's end. A `\n` escape
  // becomes a line break in place (same length), so that the code after it opens a line:
  // Mailgun's `"4.2.2 The email account ...\n4.2.2 the recipient ..."`.
  let content = text.slice(from, to);
  if (content.includes('\\')) content = content.replace(ESCAPED_BREAK, ' \n');
  CANDIDATE.lastIndex = 0;
  while (CANDIDATE.test(content)) {
    const code = CANDIDATE_PARTS.read(content, CANDIDATE.lastIndex);
    const { start } = code;
    const reply = replyBefore(content, start, 0);
    const opensString = literalStart && isBlank(content, 0, start);
    // The field the code is the value of: the string's own key when the code opens the string
    // (or a line of the reply it holds), or a key escaped inside it (`\"status\":\"5.1.1\"`: an
    // SES notification held as a string in an SNS message).
    const own = field !== undefined && (opensString || (literalStart && field === 'reply-text' && opensLine(content, start)));
    const kind = own ? field : escapedFieldBefore(content, start);
    let context: CodeContext;
    if (reply >= 0) context = 'string';
    else if (kind === 'status' || kind === 'reply-code') context = 'dsn-field';
    else if (kind === 'reply-text') context = 'string';
    else if (opensString) {
      // `"4.7.1"` is a code argument in a program, but a version in a data file or after a version key.
      if (syntax.data || VERSION_KEY_BEFORE.test(text.slice(Math.max(lineStart, from - LOOKBACK), from))) continue;
      context = 'string';
    } else if (syntax.data || VERSION_BEFORE.test(content.slice(Math.max(0, start - LOOKBACK), start))) continue;
    else context = 'bare';

    if (code.problem !== undefined && reply < 0) continue;
    addMatch(out, content, code, line, lineStart - from, context, reply, own ? objectReply : 0);
  }
}

/** Only blanks in `text[from, to)`. */
function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Only blanks between a line break in `text` and `start`. */
function opensLine(text: string, start: number): boolean {
  let p = start;
  while (p > 0 && (text.charCodeAt(p - 1) === 32 || text.charCodeAt(p - 1) === 9)) p--;
  return p > 0 && text.charCodeAt(p - 1) === 10;
}

/** Where the line that holds `offset` starts (after `\n`, `\r` or at 0). */
export function lineStartBefore(text: string, offset: number): number {
  return Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
}
