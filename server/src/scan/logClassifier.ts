import { isVendorOwnCode, vendorMarkedIn, type VendorId } from '../registry';
import {
  type CodeTable,
  codeFlags,
  ROW_CLASS,
  ROW_DETAIL,
  ROW_END,
  ROW_FLAGS,
  ROW_LINE,
  ROW_REPLY_CODE,
  ROW_REPLY_START,
  ROW_SIZE,
  ROW_START,
  ROW_SUBJECT,
} from './codeTable';
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
import { addMatch, Candidate, CANDIDATE, isDigit, isLetter, problemOf, readReplyCode, replyBefore, skipBack } from './syntax';
import type { ActionMatch, CodeContext } from './types';

/*
 * Logs, transcripts, messages and MTA configuration: every candidate in the text gets a context
 * from what stands before it on its line (a reply code, a status field, a configuration action),
 * or is dropped as a version.
 */

/** The candidate being classified in config mode: one object, read again for every candidate. */
const CANDIDATE_PARTS = new Candidate();

/**
 * Scans a log, transcript or configuration text into `table`; its first line is numbered
 * `firstLine`. Line boundaries (`\r\n`, `\n` and a lone `\r` end a line, as in LSP) are walked
 * forward as the candidates come, so one pass over the document stays linear.
 *
 * A log's path is written out in this one function, its state in local variables: it runs for
 * every code of a log, hundreds of thousands in a large one, and V8 inlines at most 920 bytes of
 * bytecode into a compiled function (not counting the function's own). Through a candidate object,
 * a line cursor and a classifier of their own, most of the path was calls, and the analysis of the
 * 50 MB log took 5-7 ms more (docs/performance.md). Configuration, a few lines, keeps its classifier.
 */
export function scanLog(text: string, firstLine: number, config: boolean, table: CodeTable): void {
  const length = text.length;
  let line = firstLine;
  let lineStart = 0;
  // The next line breaks of each kind, -1 once there are none: a text without `\r` is searched for
  // one once, not once a line.
  let nextLF = text.indexOf('\n');
  let nextCR = text.indexOf('\r');
  let lineEnd = Math.min(nextLF === -1 ? length : nextLF, nextCR === -1 ? length : nextCR);
  let vendorLine = -1;
  let lineVendor: VendorId | undefined;
  // The table's columns, where a log's rows are written.
  let rows = table.roomFor(table.length);
  CANDIDATE.lastIndex = 0;
  while (CANDIDATE.test(text)) {
    // The candidate's numbers, read backwards from its end as `Candidate.read` does (see there).
    const end = CANDIDATE.lastIndex;
    let p = end - 1;
    let detail = 0;
    let detailScale = 1;
    for (let c = text.charCodeAt(p); isDigit(c); c = text.charCodeAt(--p), detailScale *= 10) detail += (c - 48) * detailScale;
    p--; // the dot before the detail
    let subject = 0;
    let subjectScale = 1;
    for (let c = text.charCodeAt(p); isDigit(c); c = text.charCodeAt(--p), subjectScale *= 10) subject += (c - 48) * subjectScale;
    const start = p - 1;
    const cls = text.charCodeAt(start) - 48;
    while (start > lineEnd && lineEnd < length) {
      lineStart = lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
      if (nextLF !== -1 && nextLF < lineStart) nextLF = text.indexOf('\n', lineStart);
      if (nextCR !== -1 && nextCR < lineStart) nextCR = text.indexOf('\r', lineStart);
      lineEnd = Math.min(nextLF === -1 ? length : nextLF, nextCR === -1 ? length : nextCR);
      line++;
    }
    let index: number;
    if (config) {
      index = classifyInConfig(text, lineStart, lineEnd, line, CANDIDATE_PARTS.read(text, end), table);
      if (index < 0) continue;
    } else {
      // A log: the context comes from what stands before the code on its line.
      const problem = problemOf(cls, subject, subjectScale, detail, detailScale);
      const reply = replyBefore(text, start, lineStart);
      const field = statusFieldAt(text, lineStart, reply < 0 ? start : reply);
      let context: CodeContext;
      if (field !== NO_FIELD) context = 'dsn-field';
      else if (reply >= 0) context = 'reply';
      // A malformed code is only worth reporting where a code must stand; elsewhere it is just a
      // number (`postfix version 3.7.11`), dropped before the costlier version patterns are tried.
      else if (problem !== undefined || isVersionAround(text, lineStart, lineEnd, start, end)) continue;
      else context = 'bare';
      // replyBefore has read the reply code's digits as a reply code: they are one.
      const replyCode =
        reply < 0 ? 0 : (text.charCodeAt(reply) - 48) * 100 + (text.charCodeAt(reply + 1) - 48) * 10 + text.charCodeAt(reply + 2) - 48;
      // The row, written here (see above).
      index = table.length;
      if ((index + 1) * ROW_SIZE > rows.length) rows = table.roomFor(index + 1);
      const o = index * ROW_SIZE;
      rows[o + ROW_LINE] = line;
      rows[o + ROW_START] = start - lineStart;
      rows[o + ROW_END] = end - lineStart;
      rows[o + ROW_CLASS] = cls;
      rows[o + ROW_SUBJECT] = subject;
      rows[o + ROW_DETAIL] = detail;
      // `550-5.1.1`: a reply code followed by `-` is a continuation line.
      rows[o + ROW_FLAGS] = codeFlags(context, problem, reply >= 0 && text.charCodeAt(reply + 3) === 45 /* - */);
      rows[o + ROW_REPLY_CODE] = replyCode;
      rows[o + ROW_REPLY_START] = reply < 0 ? 0 : reply - lineStart;
      table.rowsWritten(index + 1);
      if (problem !== undefined) table.setText(index, text.slice(start, end));
      // `Status: 5.1.1` opening its line (not indented: an indented line continues the field above)
      // is where the analysis looks for a delivery status report.
      if (field === HEADER_FIELD) {
        const first = text.charCodeAt(lineStart);
        if (first !== 32 && first !== 9) table.setReportField(index);
      }
    }
    // Vendor markers are read, once per line, only around a vendor's own codes: there they decide
    // the code's findings. The service reads them for the other codes a vendor documents when a
    // hover, hint or colour shows the vendor's meaning.
    if (isVendorOwnCode(cls, subject, detail)) {
      if (vendorLine !== line) {
        vendorLine = line;
        lineVendor = vendorMarkedIn(text.slice(lineStart, lineEnd));
      }
      table.setVendor(index, lineVendor);
    }
  }
}

/**
 * A code in MTA configuration. Comment lines are skipped. The code's class is fixed by a reply code
 * before it (Postfix `550 5.7.1 text`, Exim `message = 550 5.7.1 ...`), by a Postfix action
 * (`REJECT 5.7.1 text`, `DEFER 4.7.1 text`), or by the reply code after it in Sendmail's
 * `ERROR:5.7.1:550 text`. Any of these makes it a `string` context: text that will be sent.
 */
function classifyInConfig(text: string, lineStart: number, lineEnd: number, line: number, code: Candidate, table: CodeTable): number {
  const { start, end, problem } = code;
  if (COMMENT_LINE.test(text.slice(lineStart, Math.min(start, lineStart + LOOKBACK)))) return -1;
  const before = text.slice(Math.max(lineStart, start - LOOKBACK), start);
  let reply = replyBefore(text, start, lineStart);
  let action: ActionMatch | undefined;
  if (reply < 0) {
    const word = ACTION_BEFORE.exec(before);
    if (word !== null) {
      const wordStart = start - word[0].length;
      action = {
        start: wordStart - lineStart,
        end: wordStart + word[1].length - lineStart,
        word: word[1].toUpperCase(),
        class: /^REJECT$/i.test(word[1]) ? 5 : 4,
      };
    } else if (SENDMAIL_ERROR_BEFORE.test(before)) {
      reply = replyAfter(text, end, lineEnd);
    }
  }
  if (reply < 0 && action === undefined) {
    if (problem !== undefined || VERSION_BEFORE.test(before)) return -1;
    return addMatch(table, text, code, line, lineStart, 'bare', -1);
  }
  const index = addMatch(table, text, code, line, lineStart, 'string', reply);
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
function isVersionAround(text: string, lineStart: number, lineEnd: number, start: number, end: number): boolean {
  // The end-anchored pattern is tried only after a letter (or `§`), which it needs: most codes are spared it.
  const last = text.charCodeAt(skipBack(text, start, lineStart, VERSION_GAP, 4) - 1);
  if (isLetter(last) || last === 0xa7 /* § */) {
    if (VERSION_BEFORE.test(text.slice(Math.max(lineStart, start - LOOKBACK), start))) return true;
  }
  if (VERSION_AFTER.test(text.slice(end, Math.min(lineEnd, end + 24)))) return true;
  return start - lineStart <= LOOKBACK && HEADING_BEFORE.test(text.slice(lineStart, start));
}
