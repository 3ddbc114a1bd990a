import { VENDORS, type VendorId } from '../registry/vendors';
import { LineRows } from './lineRows';
import type { ActionMatch, CodeContext, CodeMatch, ReplyMatch, SyntaxProblem } from './types';

/*
 * A document's matches in columns of one Int32Array (`LineRows`), nine numbers per code. A 50 MB
 * log holds hundreds of thousands of codes: as objects (a match, its reply, its text) they would
 * all be copied by every young-generation collection while the scan runs and walked by every full
 * one after it, which cost more than the scan itself. `get` makes a `CodeMatch` object when one is
 * asked for (a hover, a quick fix, a finding not seen before); loops over every code read the columns.
 */

const STRIDE = 9;
/** The line is the first column, where `LineRows` sorts and searches. */
const LINE = 0;
const START = 1;
const END = 2;
const CLASS = 3;
const SUBJECT = 4;
const DETAIL = 5;
/** Bits 0-1 context, 2-3 syntax problem, 4 continuation, 5-8 vendor (index + 1), 9 report field, 20 built by a library call. */
const FLAGS = 6;
/** 0 when the code has no reply code (they run from 200 to 559). */
const REPLY_CODE = 7;
/** -1 when the reply code stands on an earlier line; a reply code is always three characters. */
const REPLY_START = 8;

const CONTEXTS: readonly CodeContext[] = ['reply', 'dsn-field', 'string', 'bare'];
const PROBLEMS: readonly (SyntaxProblem | undefined)[] = [undefined, 'class', 'leading-zero', 'too-many-digits'];
const PROBLEM_BITS: Readonly<Record<SyntaxProblem, number>> = { class: 1 << 2, 'leading-zero': 2 << 2, 'too-many-digits': 3 << 2 };
/** The context's bits (the inverse of `CONTEXTS`): compared, not looked up by name, since it runs for every code. */
function contextBits(context: CodeContext): number {
  return context === 'reply' ? 0 : context === 'dsn-field' ? 1 : context === 'string' ? 2 : 3;
}
const CONTINUATION = 1 << 4;

/**
 * The columns of a code's row, for the log's scan, which writes its rows in its own loop rather
 * than through `add` (see `scanLog`); its flags column is made by `codeFlags`.
 */
export { STRIDE as ROW_SIZE, LINE as ROW_LINE, START as ROW_START, END as ROW_END, CLASS as ROW_CLASS, SUBJECT as ROW_SUBJECT };
export { DETAIL as ROW_DETAIL, FLAGS as ROW_FLAGS, REPLY_CODE as ROW_REPLY_CODE, REPLY_START as ROW_REPLY_START };

/** A code's flags column: its context, syntax problem and whether its reply line continues (`550-5.1.1`). */
export function codeFlags(context: CodeContext, problem: SyntaxProblem | undefined, continuation: boolean): number {
  return contextBits(context) | (problem === undefined ? 0 : PROBLEM_BITS[problem]) | (continuation ? CONTINUATION : 0);
}
const VENDOR_SHIFT = 5;
const VENDOR_MASK = 0xf << VENDOR_SHIFT;
const REPORT_FIELD = 1 << 9;
const VENDOR_IDS: readonly VendorId[] = VENDORS.map((v) => v.id);
/** Far above the vendor bits, which grow with the vendor table. */
const CALL = 1 << 20;

/** What few codes carry beyond numbers: the text of a malformed code as written, a config action. */
interface Extras {
  text?: string;
  action?: ActionMatch;
}

export class CodeTable extends LineRows implements Iterable<CodeMatch> {
  /**
   * Created when the first code needs extras; index-aligned with the codes (holes are none). A
   * valid code's text is always `class.subject.detail`, so only malformed ones keep theirs.
   */
  private extras: (Extras | undefined)[] | undefined;

  /** `capacity`: how many codes fit before the columns grow (see `LineRows`). */
  constructor(capacity = 16) {
    super(STRIDE, capacity);
  }

  /**
   * Appends a code; `replyCode` 0 means it has none. `text` is the code as written, kept only when
   * it has a syntax problem. Returns its index. Positional, the columns in order (the scan's hot
   * path; `push(match)` takes an object):
   *   (line, start, end, cls, subject, detail, context, problem, replyCode, replyStart, continuation, text)
   */
  add(
    line: number,
    start: number,
    end: number,
    cls: number,
    subject: number,
    detail: number,
    context: CodeContext,
    problem: SyntaxProblem | undefined,
    replyCode: number,
    replyStart: number,
    continuation: boolean,
    text: string | undefined,
  ): number {
    const index = this.count;
    this.reserve(index + 1);
    const d = this.data;
    const o = index * STRIDE;
    d[o + LINE] = line;
    d[o + START] = start;
    d[o + END] = end;
    d[o + CLASS] = cls;
    d[o + SUBJECT] = subject;
    d[o + DETAIL] = detail;
    d[o + FLAGS] = codeFlags(context, problem, replyCode !== 0 && continuation);
    d[o + REPLY_CODE] = replyCode;
    d[o + REPLY_START] = replyCode === 0 ? 0 : replyStart;
    this.count = index + 1;
    if (problem !== undefined && text !== undefined) this.extrasOf(index).text = text;
    return index;
  }

  /**
   * For a scan that writes its rows itself: the columns, with room for `count` rows. The rows are
   * written at `length * ROW_SIZE` on, and counted by `rowsWritten`.
   */
  roomFor(count: number): Int32Array {
    this.reserve(count);
    return this.data;
  }

  /** Counts the rows written after the last (see `roomFor`); `length` becomes `count`. */
  rowsWritten(count: number): void {
    this.count = count;
  }

  /** Keeps the text of a malformed code as written (see `add`). */
  setText(index: number, text: string): void {
    this.extrasOf(index).text = text;
  }

  /** Appends a match made elsewhere (source code's struct literals, a re-scanned line). */
  push(match: CodeMatch): void {
    const { reply } = match;
    const index = this.add(
      match.line,
      match.start,
      match.end,
      match.class,
      match.subject,
      match.detail,
      match.context,
      match.problem,
      reply?.code ?? 0,
      reply?.start ?? 0,
      reply?.continuation ?? false,
      match.text,
    );
    if (match.action !== undefined) this.setAction(index, match.action);
    if (match.vendor !== undefined) this.setVendor(index, match.vendor);
    if (match.call) this.data[index * STRIDE + FLAGS] |= CALL;
  }

  setVendor(index: number, vendor: VendorId | undefined): void {
    const o = index * STRIDE + FLAGS;
    const bits = vendor === undefined ? 0 : (VENDOR_IDS.indexOf(vendor) + 1) << VENDOR_SHIFT;
    this.data[o] = (this.data[o] & ~VENDOR_MASK) | bits;
  }

  /**
   * Marks the code as the value of a header field that opens its line (`Status: 5.1.1`,
   * `Diagnostic-Code: smtp; 550 5.1.1`): where the delivery status reports of a document are
   * looked for (`scan/reports.ts`).
   */
  setReportField(index: number): void {
    this.data[index * STRIDE + FLAGS] |= REPORT_FIELD;
  }

  setAction(index: number, action: ActionMatch): void {
    this.extrasOf(index).action = action;
  }

  // Columns, for loops over every code (`lineOf` is LineRows').
  startOf(index: number): number {
    return this.data[index * STRIDE + START];
  }
  endOf(index: number): number {
    return this.data[index * STRIDE + END];
  }
  classOf(index: number): number {
    return this.data[index * STRIDE + CLASS];
  }
  subjectOf(index: number): number {
    return this.data[index * STRIDE + SUBJECT];
  }
  detailOf(index: number): number {
    return this.data[index * STRIDE + DETAIL];
  }
  contextOf(index: number): CodeContext {
    return CONTEXTS[this.data[index * STRIDE + FLAGS] & 3];
  }
  problemOf(index: number): SyntaxProblem | undefined {
    return PROBLEMS[(this.data[index * STRIDE + FLAGS] >> 2) & 3];
  }
  /** The syntax problem as a number, 0 for none (its place in `PROBLEMS`): for keys made per code. */
  problemNumberOf(index: number): number {
    return (this.data[index * STRIDE + FLAGS] >> 2) & 3;
  }
  /** The reply code the code belongs to, or 0. */
  replyCodeOf(index: number): number {
    return this.data[index * STRIDE + REPLY_CODE];
  }
  hasReply(index: number): boolean {
    return this.data[index * STRIDE + REPLY_CODE] !== 0;
  }
  /** Whether the code's reply line is a continuation (`550-5.7.1`). */
  isContinuation(index: number): boolean {
    return (this.data[index * STRIDE + FLAGS] & CONTINUATION) !== 0;
  }
  /**
   * The vendor whose markers stand on the code's own line, as the scanner read them: for a vendor's
   * own codes only (`isVendorOwnCode`), undefined for the others. The service reads the others'
   * lines when it shows a vendor's meaning, and extends both over a multi-line reply (`replyVendorOf`).
   */
  lineVendorOf(index: number): VendorId | undefined {
    const bits = (this.data[index * STRIDE + FLAGS] & VENDOR_MASK) >> VENDOR_SHIFT;
    return bits === 0 ? undefined : VENDOR_IDS[bits - 1];
  }
  /** Whether a library call builds the code (`DSN.no_such_user()`), so that its range is the call's name. */
  isCall(index: number): boolean {
    return (this.data[index * STRIDE + FLAGS] & CALL) !== 0;
  }
  /** Whether the code is the value of a header field that opens its line (see `setReportField`). */
  isReportField(index: number): boolean {
    return (this.data[index * STRIDE + FLAGS] & REPORT_FIELD) !== 0;
  }
  actionOf(index: number): ActionMatch | undefined {
    return this.extras?.[index]?.action;
  }
  textOf(index: number): string {
    const o = index * STRIDE;
    return this.extras?.[index]?.text ?? `${this.data[o + CLASS]}.${this.data[o + SUBJECT]}.${this.data[o + DETAIL]}`;
  }

  /** The code at `index` as an object of its own (changing it leaves the table as it is). */
  get(index: number): CodeMatch {
    const d = this.data;
    const o = index * STRIDE;
    const flags = d[o + FLAGS];
    const replyCode = d[o + REPLY_CODE];
    const replyStart = d[o + REPLY_START];
    const reply: ReplyMatch | undefined =
      replyCode !== 0
        ? { start: replyStart, end: replyStart < 0 ? -1 : replyStart + 3, code: replyCode, continuation: (flags & CONTINUATION) !== 0 }
        : undefined;
    return {
      line: d[o + LINE],
      start: d[o + START],
      end: d[o + END],
      text: this.textOf(index),
      class: d[o + CLASS],
      subject: d[o + SUBJECT],
      detail: d[o + DETAIL],
      problem: PROBLEMS[(flags >> 2) & 3],
      context: CONTEXTS[flags & 3],
      reply,
      action: this.actionOf(index),
      vendor: this.lineVendorOf(index),
      ...((flags & CALL) !== 0 ? { call: true } : {}),
    };
  }

  /** Replaces `deleteCount` codes at `index` with the codes of `inserted`. */
  splice(index: number, deleteCount: number, inserted?: CodeTable): void {
    const added = inserted?.length ?? 0;
    if (this.extras !== undefined || inserted?.extras !== undefined) {
      const mine = this.extras ?? [];
      mine.length = this.length;
      const theirs = (inserted?.extras ?? []).slice(0, added);
      theirs.length = added;
      this.extras = mine.slice(0, index).concat(theirs, mine.slice(index + deleteCount));
    }
    this.spliceRows(index, deleteCount, inserted);
  }

  slice(from = 0, to = this.length): CodeMatch[] {
    const out: CodeMatch[] = [];
    for (let i = from; i < to; i++) out.push(this.get(i));
    return out;
  }

  toArray(): CodeMatch[] {
    return this.slice();
  }

  *[Symbol.iterator](): Iterator<CodeMatch> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }

  private extrasOf(index: number): Extras {
    this.extras ??= [];
    return (this.extras[index] ??= {});
  }
}
