import { isVendorOwnCode, vendorMarkedIn, type VendorId } from '../registry';
import type { CodeTable } from './codeTable';
import {
  ACTION_BEFORE,
  COMMENT_LINE,
  HEADER_FIELD,
  HEADING_BEFORE,
  LOOKBACK,
  NO_FIELD,
  SENDMAIL_ERROR_BEFORE,
  statusFieldAt,
  VERSION_AFTER,
  VERSION_BEFORE,
  VERSION_GAP,
} from './contextWords';
import { addMatch, Candidate, CANDIDATE, isDigit, isLetter, readReplyCode, replyBefore, skipBack } from './syntax';
import type { ActionMatch, CodeContext } from './types';

/*
 * Logs, transcripts, messages and MTA configuration: every candidate in the text gets a context
 * from what stands before it on its line (a reply code, a status field, a configuration action),
 * or is dropped as a version.
 */

/**
 * Walks line boundaries forward through a text (`\r\n`, `\n` and a lone `\r` end a line, as in LSP).
 * Moving to an offset costs only the distance travelled, so one pass over the document stays linear.
 * One cursor serves every scan (`CURSOR`), set to its text at the start and let go of it at the end.
 */
class LineCursor {
  line = 0;
  start = 0;
  /** End of the current line's text, before its line break. */
  end = 0;
  private nextLF = -2;
  private nextCR = -2;
  private text = '';

  /** Starts at the top of `text`, whose first line is numbered `firstLine`. */
  reset(text: string, firstLine: number): this {
    this.text = text;
    this.line = firstLine;
    this.start = 0;
    this.nextLF = -2;
    this.nextCR = -2;
    this.end = this.findEnd(0);
    return this;
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

/**
 * The cursor of every scan, like the candidate below one object used again. V8 compiles the scan
 * against the shapes of the objects it meets, and a shape no object has any longer is dropped by a
 * full collection, which throws the scan's optimised code away: with a cursor made for each scan,
 * every scan after a full collection (the server starts one after each large open) ran in code
 * being optimised again, 3.5-8 ms more for the 50 MB log (docs/performance.md).
 */
const CURSOR = new LineCursor();
/** The candidate being classified: one object, read again for every candidate. */
const CANDIDATE_PARTS = new Candidate();

export function scanLog(text: string, firstLine: number, config: boolean, table: CodeTable): void {
  try {
    scanWith(CURSOR.reset(text, firstLine), text, config, table);
  } finally {
    // The cursor outlives the scan: it must not keep the document's text alive.
    CURSOR.reset('', 0);
  }
}

function scanWith(cursor: LineCursor, text: string, config: boolean, table: CodeTable): void {
  let vendorLine = -1;
  let lineVendor: VendorId | undefined;
  CANDIDATE.lastIndex = 0;
  while (CANDIDATE.test(text)) {
    const code = CANDIDATE_PARTS.read(text, CANDIDATE.lastIndex);
    cursor.moveTo(code.start);
    const index = config ? classifyInConfig(text, cursor, code, table) : classifyInLog(text, cursor, code, table);
    if (index < 0) continue;
    // Vendor markers are read, once per line, only around a vendor's own codes: there they decide
    // the code's findings. The service reads them for the other codes a vendor documents when a
    // hover, hint or colour shows the vendor's meaning.
    if (isVendorOwnCode(code.cls, code.subject, code.detail)) {
      if (vendorLine !== cursor.line) {
        vendorLine = cursor.line;
        lineVendor = vendorMarkedIn(text.slice(cursor.start, cursor.end));
      }
      table.setVendor(index, lineVendor);
    }
  }
}

/** Adds the candidate `code` to the table when it is a code; its index, or -1. */
function classifyInLog(text: string, cursor: LineCursor, code: Candidate, table: CodeTable): number {
  const { start, end, problem } = code;
  const reply = replyBefore(text, start, cursor.start);
  const fieldEnd = reply < 0 ? start : reply;
  const field = statusFieldAt(text, cursor.start, fieldEnd);
  let context: CodeContext;
  if (field !== NO_FIELD) context = 'dsn-field';
  else if (reply >= 0) context = 'reply';
  // A malformed code is only worth reporting where a code must stand; elsewhere it is just a
  // number (`postfix version 3.7.11`), dropped before the costlier version patterns are tried.
  else if (problem !== undefined || isVersionAround(text, cursor, start, end)) return -1;
  else context = 'bare';
  const index = addMatch(table, text, code, cursor.line, cursor.start, context, reply);
  // `Status: 5.1.1` opening its line (not indented: an indented line continues the field above)
  // is where the analysis looks for a delivery status report.
  if (field === HEADER_FIELD) {
    const first = text.charCodeAt(cursor.start);
    if (first !== 32 && first !== 9) table.setReportField(index);
  }
  return index;
}

/**
 * A code in MTA configuration. Comment lines are skipped. The code's class is fixed by a reply code
 * before it (Postfix `550 5.7.1 text`, Exim `message = 550 5.7.1 ...`), by a Postfix action
 * (`REJECT 5.7.1 text`, `DEFER 4.7.1 text`), or by the reply code after it in Sendmail's
 * `ERROR:5.7.1:550 text`. Any of these makes it a `string` context: text that will be sent.
 */
function classifyInConfig(text: string, cursor: LineCursor, code: Candidate, table: CodeTable): number {
  const { start, end, problem } = code;
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
  if (reply < 0 && action === undefined) {
    if (problem !== undefined || VERSION_BEFORE.test(before)) return -1;
    return addMatch(table, text, code, cursor.line, cursor.start, 'bare', -1);
  }
  const index = addMatch(table, text, code, cursor.line, cursor.start, 'string', reply);
  if (action !== undefined) table.setAction(index, action);
  return index;
}

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
