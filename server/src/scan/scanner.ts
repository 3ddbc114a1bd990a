import { isVendorCode, vendorMarkedIn } from '../registry/vendors';
import { CodeTable } from './codeTable';
import { sourceSyntax, type SourceSyntax } from './languages';
import type { VendorId } from '../registry/vendors';
import type { ActionMatch, CodeContext, CodeMatch, ReplyMatch, ScanMode, SyntaxProblem } from './types';

/**
 * Something shaped like `class.subject.detail` that stands on its own: not preceded by a letter,
 * digit or dot (so never the tail of an IPv4 address or a version), nor by a version range's `^`
 * or `~`, not followed by a letter,
 * digit, `+`, a further `.1` / `-rc1` part or a range's `...`. Sub-codes of four digits are kept so they can
 * be reported as too long; `_` is allowed around it for qmail's `_550_5.1.1_`.
 * Every quantifier is bounded and the lookarounds are one character: linear, no backtracking blowup.
 * No capture groups: the match is parsed by hand, which spares an allocation per candidate.
 */
const CANDIDATE = /(?<![A-Za-z0-9.^~])\d\.\d{1,4}\.\d{1,4}(?![A-Za-z0-9+]|[.-][A-Za-z0-9]|\.\.)/g;

/**
 * A reply code at the start of a line of a transcript (`250 ...`, `S: 250 ...`, swaks `<- 250`,
 * `<~ 250`, `<** 550`, `*** 550`), or after Postfix's `said:`. Read only on the line a hover asks
 * about, so the scan of a whole document never pays for them.
 */
const LINE_START_REPLY = /^[ \t]*(?:(?:S|Server):[ \t]*|<-[ \t]*|<~[ \t]*|<\*\*[ \t]*|\*\*\*[ \t]*)?([2-5][0-5]\d)(?=[ -]|$)/;
const SAID_REPLY = /\bsaid:[ _]?([2-5][0-5]\d)(?=[ -]|$)/g;

/** Log fields whose value is a status: Postfix and Sendmail `dsn=`, `stat=`, `status=`, `result=`. */
const LOG_FIELD_BEFORE = /\b(?:dsn|stat|status|result)=["'(]?$/i;

/** RFC 3464 fields at the start of a line: `Status: `, `Diagnostic-Code: smtp; `. */
const DSN_FIELD_BEFORE =
  /^[ \t]*(?:Status|Diagnostic-Code|Remote-Status|X-Postfix-Status)[ \t]*:[ \t]*(?:[A-Za-z][\w-]*[ \t]*;[ \t]*)?["']?$/i;

/**
 * Words right before a number that make it something else: a version (`version 2.10.1`,
 * `ver. 2.0.0`, `Berkeley DB: 5.3.21`, `Apple Mail (2.753.1)`, `update lodash to 4.0.0`, and mail
 * software naming its version in banners and headers: `ESMTP Exim 4.94.2`,
 * `CommuniGate Pro SMTP 4.1.8`, `PHPMailer 5.2.7`) or a document section (`RFC 3501 section 5.1.3`).
 */
const VERSION_BEFORE =
  /\b(?:(?:updat|upgrad|downgrad|bump)\w*\b[^.\n]{0,24}\bto|section|sec|§|version|ver|release|rev|revision|build|v|DB|Mail|Exim|Postfix|Sendmail|qmail|Dovecot|Courier|CommuniGate(?: Pro)?(?: SMTP)?|PHPMailer|OpenSMTPD|Haraka|Zimbra|MDaemon|Kerio(?: Connect)?|hMailServer|Exchange(?: Server)?|ESMTP|OpenSSL|GnuTLS|Linux|FreeBSD|Debian|Ubuntu|Node(?:\.js)?|Python|Perl|PHP)[\s:=(."'/]{0,4}$/i;

/** Anywhere before a string on its line: a key or name that says the string is a version. */
const VERSION_KEY_BEFORE = /version|\bver\b|release|revision/i;

/** How far back the field and version checks look; they are anchored at the end, so this bounds them. */
const LOOKBACK = 32;
const DSN_FIELD_LOOKBACK = 80;

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

export interface DocumentScan {
  codes: CodeMatch[];
}

export interface ScanOptions {
  /** VS Code language id; picks the comment and string syntax in source mode. */
  languageId?: string;
  /** Source mode: receives the state each line ends in, so a later edit can re-scan from any line. */
  lineStates?: ScanState[];
}

/** Whether two line states are the same, so re-scanning after an edit can stop. */
export function sameState(a: ScanState, b: ScanState): boolean {
  return a.inside === b.inside && a.replyCode === b.replyCode && a.replyLines === b.replyLines;
}

/** Scans a whole document; results are in document order. */
export function scanDocument(text: string, mode: ScanMode, options: ScanOptions = {}): DocumentScan {
  return { codes: scanTable(text, mode, options).toArray() };
}

/** Scans a whole document into a table (see `CodeTable`): what an analysis keeps. */
export function scanTable(text: string, mode: ScanMode, options: ScanOptions = {}): CodeTable {
  // A busy mail log holds a code every two or three hundred characters: room for that saves the
  // copies of growing from nothing, and costs little where codes are rarer.
  const table = new CodeTable(Math.ceil(text.length / 256));
  if (mode === 'source') scanSource(text, sourceSyntax(options.languageId), table, options.lineStates);
  else scanLog(text, 0, mode === 'config', table);
  return table;
}

/**
 * Scans one line (without its line break), given the state the previous line left. Gives the same
 * matches as `scanDocument` gives for that line, so a changed line can be re-scanned alone.
 */
export function scanLine(
  line: string,
  lineNumber: number,
  mode: ScanMode,
  state: ScanState = INITIAL_STATE,
  options: ScanOptions = {},
): { codes: CodeMatch[]; state: ScanState } {
  const table = new CodeTable(1);
  const end = scanLineInto(table, line, lineNumber, mode, state, options);
  return { codes: table.toArray(), state: end };
}

/** `scanLine` appending to a table; returns the state the line ends in. */
export function scanLineInto(
  table: CodeTable,
  line: string,
  lineNumber: number,
  mode: ScanMode,
  state: ScanState = INITIAL_STATE,
  options: ScanOptions = {},
): ScanState {
  if (mode !== 'source') {
    scanLog(line, lineNumber, mode === 'config', table);
    return INITIAL_STATE;
  }
  return scanSourceLine(line, 0, line.length, lineNumber, state, sourceSyntax(options.languageId), table);
}

/**
 * Reply codes on one line of a log or transcript that stand without an enhanced code (`354 End
 * data`, `S: 220 mx ESMTP`, `said: 550 Mailbox unavailable`), in order. For hovers; columns are
 * on the line.
 */
export function replyCodesOnLine(line: string): ReplyMatch[] {
  const found: ReplyMatch[] = [];
  const add = (m: RegExpExecArray) => {
    const start = m.index + m[0].length - 3;
    found.push({ start, end: start + 3, code: Number(m[1]), continuation: line.charCodeAt(start + 3) === 45 /* - */ });
  };
  const first = LINE_START_REPLY.exec(line);
  if (first !== null) add(first);
  SAID_REPLY.lastIndex = 0;
  for (let m = SAID_REPLY.exec(line); m !== null; m = SAID_REPLY.exec(line)) add(m);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Lines

/**
 * Walks line boundaries forward through a text (`\r\n`, `\n` and a lone `\r` end a line, as in LSP).
 * Moving to an offset costs only the distance travelled, so one pass over the document stays linear.
 */
class LineCursor {
  line: number;
  start = 0;
  /** End of the current line's text, before its line break. */
  end = 0;
  private nextLF = -2;
  private nextCR = -2;

  constructor(
    private readonly text: string,
    firstLine: number,
  ) {
    this.line = firstLine;
    this.end = this.findEnd(0);
  }

  /** Moves to the line that holds `offset` (never backwards). */
  moveTo(offset: number): void {
    while (offset > this.end && this.end < this.text.length) {
      const breakLength = this.text.charCodeAt(this.end) === 13 && this.text.charCodeAt(this.end + 1) === 10 ? 2 : 1;
      this.start = this.end + breakLength;
      this.end = this.findEnd(this.start);
      this.line++;
    }
  }

  private findEnd(from: number): number {
    if (this.nextLF !== -1 && this.nextLF < from) this.nextLF = this.text.indexOf('\n', from);
    if (this.nextCR !== -1 && this.nextCR < from) this.nextCR = this.text.indexOf('\r', from);
    const lf = this.nextLF === -1 ? this.text.length : this.nextLF;
    const cr = this.nextCR === -1 ? this.text.length : this.nextCR;
    return Math.min(lf, cr);
  }
}

// ---------------------------------------------------------------------------------------------
// Logs, transcripts, messages

function scanLog(text: string, firstLine: number, config: boolean, table: CodeTable): void {
  const cursor = new LineCursor(text, firstLine);
  let vendorLine = -1;
  let lineVendor: VendorId | undefined;
  CANDIDATE.lastIndex = 0;
  while (CANDIDATE.test(text)) {
    const end = CANDIDATE.lastIndex;
    const start = candidateStart(text, end);
    cursor.moveTo(start);
    const index = config ? classifyInConfig(text, cursor, start, end, table) : classifyInLog(text, cursor, start, end, table);
    if (index < 0) continue;
    // Vendor markers are looked for only around codes a vendor documents, once per line.
    if (isVendorCode(table.classOf(index), table.subjectOf(index), table.detailOf(index))) {
      if (vendorLine !== cursor.line) {
        vendorLine = cursor.line;
        lineVendor = vendorMarkedIn(text.slice(cursor.start, cursor.end));
      }
      table.setVendor(index, lineVendor);
    }
  }
}

/** Adds the candidate at `text[start, end)` to the table when it is a code; its index, or -1. */
function classifyInLog(text: string, cursor: LineCursor, start: number, end: number, table: CodeTable): number {
  const reply = replyBefore(text, start, cursor.start);
  const fieldEnd = reply < 0 ? start : reply;
  let context: CodeContext;
  if (isStatusField(text, cursor.start, fieldEnd)) context = 'dsn-field';
  else if (reply >= 0) context = 'reply';
  else if (isVersionAround(text, cursor, start, end)) return -1;
  else context = 'bare';

  const problem = syntaxProblem(text, start, end);
  // A malformed code is only worth reporting where a code must stand; elsewhere it is just a number.
  if (problem !== undefined && context === 'bare') return -1;
  return addMatch(table, text, start, end, cursor.line, cursor.start, context, problem, reply);
}

/**
 * A code in MTA configuration. Comment lines are skipped. The code's class is fixed by a reply code
 * before it (Postfix `550 5.7.1 text`, Exim `message = 550 5.7.1 ...`), by a Postfix action
 * (`REJECT 5.7.1 text`, `DEFER 4.7.1 text`), or by the reply code after it in Sendmail's
 * `ERROR:5.7.1:550 text`. Any of these makes it a `string` context: text that will be sent.
 */
function classifyInConfig(text: string, cursor: LineCursor, start: number, end: number, table: CodeTable): number {
  if (COMMENT_LINE.test(text.slice(cursor.start, Math.min(start, cursor.start + LOOKBACK)))) return -1;
  const before = text.slice(Math.max(cursor.start, start - LOOKBACK), start);
  let reply = replyBefore(text, start, cursor.start);
  let action: ActionMatch | undefined;
  if (reply < 0) {
    const word = ACTION_BEFORE.exec(before);
    if (word !== null) {
      const wordStart = start - word[0].length;
      action = {
        start: wordStart - cursor.start,
        end: wordStart + word[1].length - cursor.start,
        word: word[1].toUpperCase(),
        class: /^REJECT$/i.test(word[1]) ? 5 : 4,
      };
    } else if (SENDMAIL_ERROR_BEFORE.test(before)) {
      reply = replyAfter(text, end, cursor.end);
    }
  }
  const problem = syntaxProblem(text, start, end);
  if (reply < 0 && action === undefined) {
    if (problem !== undefined || VERSION_BEFORE.test(before)) return -1;
    return addMatch(table, text, start, end, cursor.line, cursor.start, 'bare', undefined, -1);
  }
  const index = addMatch(table, text, start, end, cursor.line, cursor.start, 'string', problem, reply);
  if (action !== undefined) table.setAction(index, action);
  return index;
}

/** A line whose first visible character is `#`: a comment in every format read in config mode. */
const COMMENT_LINE = /^[ \t]*#/;

/** Postfix access(5) and header_checks(5) actions whose optional text may start with a code. */
const ACTION_BEFORE = /\b(REJECT|DEFER|DEFER_IF_PERMIT|DEFER_IF_REJECT)[ \t]+$/i;

/** Sendmail access: `ERROR:5.7.1:550 text` (also quoted: `ERROR:"5.7.1:550 text"`). */
const SENDMAIL_ERROR_BEFORE = /\bERROR:["']?$/i;

/** Where the reply code right after a code and a colon (`:550`) starts, as Sendmail's access map writes it; -1 when there is none. */
function replyAfter(text: string, codeEnd: number, lineEnd: number): number {
  const start = codeEnd + 1;
  if (text.charCodeAt(codeEnd) !== 58 /* : */ || start + 3 > lineEnd) return -1;
  if (readReplyCode(text, start) === undefined || isDigit(text.charCodeAt(start + 3))) return -1;
  return start;
}

/**
 * Whether a bare code reads as a version: after a version word or product name, before a date
 * (`2.5.0 / 2017-06-25`, `### 2.3.7 | 2023-11-23`), or heading a changelog entry
 * (`## [2.6.2]`, `**4.2.7 ...`, `[2.2.1]: https://...`).
 */
function isVersionAround(text: string, cursor: LineCursor, start: number, end: number): boolean {
  // The end-anchored pattern is tried only after a letter (or `§`), which it needs: most codes are spared it.
  const last = text.charCodeAt(skipBack(text, start, cursor.start, VERSION_GAP, 4) - 1);
  if (isLetter(last) || last === 0xa7 /* § */) {
    if (VERSION_BEFORE.test(text.slice(Math.max(cursor.start, start - LOOKBACK), start))) return true;
  }
  if (VERSION_AFTER.test(text.slice(end, Math.min(cursor.end, end + 24)))) return true;
  return start - cursor.start <= LOOKBACK && HEADING_BEFORE.test(text.slice(cursor.start, start));
}

/** A date or a release word right after a number: the number is a release. */
const VERSION_AFTER =
  /^(?:[\]*)\s]{0,3}(?:[-–|/:,(]\s{0,2})?\(?\d{4}-\d{2}-\d{2}|\s+(?:release|version|beta|alpha|rc\d*|branch|series)\b)/i;

/**
 * Only markdown markup before the number on its line: a changelog heading or link reference.
 * Character classes only (no repeated group), so a line of `#` cannot make it backtrack.
 */
const HEADING_BEFORE = /^[ \t]*[#*_[][ \t#*_[]*$/;

function isStatusField(text: string, lineStart: number, end: number): boolean {
  // qmail writes the status of a bounce in parentheses: `(#5.1.1)`, `(#4.4.1 - chkusr)`.
  if (end - 2 >= lineStart && text.charCodeAt(end - 1) === 35 /* # */ && text.charCodeAt(end - 2) === 40 /* ( */) return true;
  // Each end-anchored pattern runs only when the character it must end with is there.
  const beforeQuote = skipBack(text, end, lineStart, QUOTES, 1);
  if (text.charCodeAt(beforeQuote - 1) === 61 /* = */ && LOG_FIELD_BEFORE.test(text.slice(Math.max(lineStart, end - LOOKBACK), end)))
    return true;
  const separator = text.charCodeAt(skipBack(text, beforeQuote, lineStart, BLANKS, DSN_FIELD_LOOKBACK) - 1);
  if (separator !== 58 /* : */ && separator !== 59 /* ; */) return false;
  return end - lineStart <= DSN_FIELD_LOOKBACK && DSN_FIELD_BEFORE.test(text.slice(lineStart, end));
}

const QUOTES = '"\'(';
const BLANKS = ' \t';
/** What may stand between a version word and its number. */
const VERSION_GAP = ' \t:=(."\'/';

/** The offset before `end` after stepping back over at most `max` characters from `set` (not before `limit`). */
function skipBack(text: string, end: number, limit: number, set: string, max: number): number {
  let p = end;
  while (p > limit && end - p < max && set.includes(text[p - 1])) p--;
  return p;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

// ---------------------------------------------------------------------------------------------
// Source code: string literals only

function scanSource(text: string, syntax: SourceSyntax, table: CodeTable, lineStates?: ScanState[]): void {
  forEachLine(text, INITIAL_STATE, (start, end, line, state) => {
    const next = scanSourceLine(text, start, end, line, state, syntax, table);
    lineStates?.push(next);
    return next;
  });
}

/** Codes on one line of source code: in its string literals and in `EnhancedCode{...}` literals. */
function scanSourceLine(
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
const STRUCTURED_REPLY_LINES = 4;

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
 * Undefined when the offset is outside every string.
 */
export function stringAround(text: string, offset: number, languageId?: string): { from: number; literalStart: boolean } | undefined {
  const syntax = sourceSyntax(languageId);
  let found: { from: number; literalStart: boolean } | undefined;
  forEachLine(text, INITIAL_STATE, (start, end, _line, state) => {
    const inside = forEachString(text, start, end, state.inside, syntax, (from, to, literalStart) => {
      if (end >= offset && from <= offset && offset <= to) found = { from, literalStart };
    });
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
function forEachString(
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
 * Codes in the string content `text[from, to)`. `literalStart`: `from` is where the literal opens
 * (false for the later lines of a multi-line string).
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

// ---------------------------------------------------------------------------------------------
// Where a code is being typed (for completion)

/** A place where an enhanced code belongs, with what has been typed of it so far. */
export interface CodeSlot {
  /** Absolute offset where the code starts (the typed part runs from here to the cursor). */
  start: number;
  /** What is typed so far: '', `5`, `5.7.`, `5.7.2` ... */
  typed: string;
  /** The reply code before the slot (`550 `), if any. */
  replyCode?: number;
  /** The class a configuration action before the slot fixes (`REJECT ` -> 5). */
  actionClass?: 4 | 5;
  /** `struct`: inside go-smtp's `EnhancedCode{`, where a code is written `5, 7, 1`. */
  form: 'dotted' | 'struct';
}

/** `EnhancedCode{` and what is typed after it: `5, 7, `. */
const STRUCT_SLOT = /\bEnhancedCode\s*\{\s*((?:\d{1,3}\s*,\s*){0,2}\d{0,3})$/;

/**
 * The `Code: 550` field of the struct around a slot, on its line or the few lines above; searched
 * only after the last `}` there (a closed struct's fields do not apply), so the search is linear.
 */
const STRUCT_REPLY = /\bCode\s*:\s*([2-5][0-5]\d)\b/;

/** The partly typed code right before the cursor: `5`, `5.`, `5.7`, `5.7.`, `5.7.12`. */
const TYPED_CODE = /\d(?:\.\d{0,3}){0,2}$/;

/**
 * The code slot that ends at `offset`: after a reply code (`550 `, `550-5.7.`), in a status field
 * (`dsn=5.`), or in source code inside a string literal (`"550 5.7.`, `"4.`).
 */
export function codeSlotAt(text: string, offset: number, mode: ScanMode, options: ScanOptions = {}): CodeSlot | undefined {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  let limit = lineStart;
  let literalStart = false;
  if (mode === 'source') {
    const literal = stringAround(text, offset, options.languageId);
    if (literal === undefined) return structSlotAt(text, offset, lineStart);
    limit = literal.from;
    literalStart = literal.literalStart;
  }
  const before = text.slice(Math.max(limit, offset - 12), offset);
  const typed = TYPED_CODE.exec(before)?.[0] ?? '';
  const start = offset - typed.length;
  if (start > limit && /[A-Za-z0-9.]/.test(text[start - 1])) return undefined;
  const reply = replyBefore(text, start, limit);
  if (reply >= 0) return { start, typed, replyCode: readReplyCode(text, reply), form: 'dotted' };
  if (mode === 'config') {
    const action = ACTION_BEFORE.exec(text.slice(Math.max(lineStart, start - LOOKBACK), start));
    if (action !== null) return { start, typed, actionClass: /^REJECT$/i.test(action[1]) ? 5 : 4, form: 'dotted' };
  }
  if (typed === '') return undefined;
  let fits: boolean;
  if (mode === 'source') fits = literalStart && start === limit;
  else if (mode === 'config') fits = SENDMAIL_ERROR_BEFORE.test(text.slice(Math.max(lineStart, start - LOOKBACK), start));
  else fits = isStatusField(text, lineStart, start);
  return fits ? { start, typed, form: 'dotted' } : undefined;
}

/** A slot inside `EnhancedCode{` in code, with the reply code of a `Code:` field just above. */
function structSlotAt(text: string, offset: number, lineStart: number): CodeSlot | undefined {
  const typed = STRUCT_SLOT.exec(text.slice(Math.max(lineStart, offset - 64), offset))?.[1];
  if (typed === undefined) return undefined;
  let from = lineStart;
  for (let k = 0; k < STRUCTURED_REPLY_LINES && from > 0; k++) from = Math.max(text.lastIndexOf('\n', from - 2) + 1, 0);
  const above = text.slice(from, offset - typed.length);
  const reply = STRUCT_REPLY.exec(above.slice(above.lastIndexOf('}') + 1));
  const slot: CodeSlot = { start: offset - typed.length, typed, form: 'struct' };
  if (reply !== null) slot.replyCode = Number(reply[1]);
  return slot;
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

/**
 * Where the reply code right before a code starts, not looking before `limit` (offsets are
 * absolute), or -1: `550 5.1.1`, `550-5.1.1`, `550  5.1.1`, qmail's `_550_5.1.1`, and the
 * `550 #5.1.0` and `550: 5.2.2` some providers write. An offset rather than an object: a log
 * has a reply for most of its codes, and the scan allocates nothing per code.
 */
function replyBefore(text: string, codeStart: number, limit: number): number {
  let p = codeStart;
  if (p > limit && text.charCodeAt(p - 1) === 35 /* # */) p--;
  let q = p;
  while (q > limit && p - q < 3 && text.charCodeAt(q - 1) === 32 /* space */) q--;
  if (q === p) {
    const separator = text.charCodeAt(p - 1);
    if (separator !== 45 /* - */ && separator !== 95 /* _ */) return -1;
    q--;
  } else if (q > limit && text.charCodeAt(q - 1) === 58 /* : */) q--;
  const start = q - 3;
  if (start < limit || readReplyCode(text, start) === undefined) return -1;
  if (start > limit && isWordOrDot(text.charCodeAt(start - 1))) return -1;
  return start;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `[A-Za-z0-9.]` */
function isWordOrDot(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 46;
}

/** The three digits at `start` as a reply code, if RFC 5321 section 4.2 allows them: %x32-35 %x30-35 %x30-39. */
function readReplyCode(text: string, start: number): number | undefined {
  const d0 = text.charCodeAt(start) - 48;
  const d1 = text.charCodeAt(start + 1) - 48;
  const d2 = text.charCodeAt(start + 2) - 48;
  if (d0 < 2 || d0 > 5 || d1 < 0 || d1 > 5 || d2 < 0 || d2 > 9) return undefined;
  return d0 * 100 + d1 * 10 + d2;
}

/**
 * Where the candidate that ends at `end` starts. `test()` finds candidates without allocating a
 * match array; the start follows from the shape: digits, `.`, digits, `.`, one digit.
 */
function candidateStart(text: string, end: number): number {
  let p = end - 1;
  while (text.charCodeAt(p) !== 46 /* . */) p--;
  p--;
  while (text.charCodeAt(p) !== 46) p--;
  return p - 1;
}

/** RFC 3463 section 2: class 2, 4 or 5; sub-codes of 1-3 digits without leading zeros. `text[start, end)` is `d.d+.d+`. */
function syntaxProblem(text: string, start = 0, end = text.length): SyntaxProblem | undefined {
  const dot = text.indexOf('.', start + 2);
  const subjectLength = dot - start - 2;
  const detailLength = end - dot - 1;
  if (subjectLength > 3 || detailLength > 3) return 'too-many-digits';
  if ((subjectLength > 1 && text.charCodeAt(start + 2) === 48) || (detailLength > 1 && text.charCodeAt(dot + 1) === 48))
    return 'leading-zero';
  const cls = text.charCodeAt(start);
  if (cls !== 50 && cls !== 52 && cls !== 53) return 'class';
  return undefined;
}

/** The number written in `text[from, to)` (digits only). */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

/**
 * Adds the code at `text[start, end)` to the table, with the reply code at `replyStart` (-1 for
 * none; before the code, or after it in Sendmail's `ERROR:5.7.1:550`), in columns on its line
 * (`text` starts `lineStart` before the line); returns its index.
 */
function addMatch(
  table: CodeTable,
  text: string,
  start: number,
  end: number,
  line: number,
  lineStart: number,
  context: CodeContext,
  problem: SyntaxProblem | undefined,
  replyStart: number,
): number {
  const dot = text.indexOf('.', start + 2);
  // `550-5.1.1`: a reply code before the code and followed by `-` is a continuation line.
  const continuation = replyStart >= 0 && replyStart < start && text.charCodeAt(replyStart + 3) === 45 /* - */;
  return table.add(
    line,
    start - lineStart,
    end - lineStart,
    text.charCodeAt(start) - 48,
    digits(text, start + 2, dot),
    digits(text, dot + 1, end),
    context,
    problem,
    replyStart < 0 ? 0 : (readReplyCode(text, replyStart) ?? 0),
    replyStart < 0 ? -1 : replyStart - lineStart,
    continuation,
    // A valid code reads as its numbers; only a malformed one keeps its text as written.
    problem === undefined ? undefined : text.slice(start, end),
  );
}
