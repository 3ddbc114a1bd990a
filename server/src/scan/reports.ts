import { dsnField, VENDOR_TABLE, type VendorId } from '../registry';
import type { CodeTable } from './codeTable';

/*
 * The machine-readable parts of mail reports, read as the structures they are: delivery status
 * notifications (RFC 3464, `message/delivery-status`) and feedback reports (RFC 5965), and the
 * same fields wherever they stand in a message or a log. Header syntax: fields (`Name: value`,
 * folded onto lines that start with white space) in blocks separated by blank lines; in a DSN the
 * first block holds the per-message fields and each further block one recipient's.
 *
 * A report is looked for only around an anchor, a line whose code is the value of a header field
 * opening the line (`Status: 5.1.1`; the scanner marks it, `CodeTable.isReportField`), so a log
 * without such lines costs nothing more than a look at the flags of its codes. Reading a report is
 * local (a bounded look past its edges), so after an edit only the reports near it are read again.
 */

/** Text of a document by line, without line breaks (undefined past the last line). */
export interface Lines {
  text(line: number): string | undefined;
}

/** One header field of a report, its folded lines joined. */
export interface ReportHeader {
  /** The name as written. */
  name: string;
  /** The name in lower case. */
  key: string;
  /** First and last line (a folded field goes on over lines that start with white space). */
  line: number;
  lastLine: number;
  /** Column where the value starts on the first line (after the colon and blanks). */
  valueStart: number;
  /** The value with the folding undone (lines joined by one space), trimmed. */
  value: string;
}

/**
 * `per-message`: a DSN's first block, with the fields about the message (Reporting-MTA,
 * Arrival-Date, ...). `recipient`: the fields about one recipient. `mixed`: a first block that
 * holds per-message fields and a recipient's, with no blank line between them. `feedback`: a
 * feedback report's fields.
 */
export type ReportBlockKind = 'per-message' | 'recipient' | 'mixed' | 'feedback';

export interface ReportBlock {
  kind: ReportBlockKind;
  firstLine: number;
  lastLine: number;
  fields: ReportHeader[];
  /** A recipient's vendor, from its Remote-MTA or Diagnostic-Code (see `Report.vendor`). */
  vendor?: VendorId;
}

export interface Report {
  kind: 'dsn' | 'feedback';
  firstLine: number;
  lastLine: number;
  blocks: ReportBlock[];
  /**
   * The lines of the message the report belongs to (the report's own included): from the mbox
   * `From ` line above it, the report before it or a bounded distance, to the next of those
   * below it. The report's vendor applies to every code in them.
   */
  windowStart: number;
  windowEnd: number;
  /**
   * The vendor of the message: the markers of its Reporting-MTA, else of the message's Received:
   * header fields, else those of the one vendor whose markers stand anywhere in the message.
   */
  vendor?: VendorId;
}

/** Longest run of header lines read as one block; a longer one is not a report's. */
const MAX_BLOCK_LINES = 100;
/** Most blank lines between two blocks of one report (RFC 3464 has one; a stray `\r` makes two). */
const MAX_BLANK_LINES = 2;
/** How far from its report a message reaches, at most, for the vendor. */
const MAX_MESSAGE_LINES = 2000;
/** How far past its edges reading a report may look: an edit further away leaves it as it was. */
const REACH = 2 * MAX_BLOCK_LINES + MAX_BLANK_LINES + 8;

const PER_MESSAGE: ReadonlySet<string> = new Set([
  'original-envelope-id',
  'reporting-mta',
  'dsn-gateway',
  'received-from-mta',
  'arrival-date',
]);

type LineKind = 'blank' | 'field' | 'continuation' | 'other';

/** A header field's name at the start of a line, and its colon (RFC 5322 allows blanks before it). */
const FIELD_NAME = /^([A-Za-z][A-Za-z0-9_-]{0,76})[ \t]*:/;
/** An mbox separator: a message starts at `From sender date`. */
const MBOX_FROM = /^From [^ \t]/;

function kindOf(text: string): LineKind {
  const first = text.charCodeAt(0);
  if (first === 32 || first === 9) return isBlank(text) ? 'blank' : 'continuation';
  if (text.length === 0) return 'blank';
  return FIELD_NAME.test(text) ? 'field' : 'other';
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 12) return false;
  }
  return true;
}

const isHeaderLine = (kind: LineKind) => kind === 'field' || kind === 'continuation';

/** Whether a field name is one a DSN's or a feedback report's reader knows. */
function isReportFieldName(key: string): boolean {
  return key === 'feedback-type' || dsnField(key) !== undefined;
}

/**
 * The block of header lines around `line` (a field or continuation line): the maximal run of
 * header lines, from its first field line on. Undefined when the run is longer than a report's
 * block can be, or holds no field line.
 */
function blockAround(lines: Lines, line: number): { first: number; last: number } | undefined {
  let top = line;
  while (top > 0 && line - top <= MAX_BLOCK_LINES) {
    const above = lines.text(top - 1);
    if (above === undefined || !isHeaderLine(kindOf(above))) break;
    top--;
  }
  let bottom = line;
  while (bottom - top <= MAX_BLOCK_LINES) {
    const below = lines.text(bottom + 1);
    if (below === undefined || !isHeaderLine(kindOf(below))) break;
    bottom++;
  }
  if (bottom - top + 1 > MAX_BLOCK_LINES) return undefined;
  // A run that starts with continuation lines (indented prose) begins its block at its first field.
  while (top <= bottom && kindOf(lines.text(top)!) !== 'field') top++;
  return top > bottom ? undefined : { first: top, last: bottom };
}

/** The fields of lines `first..last` (a block), folded lines joined. */
function readFields(lines: Lines, first: number, last: number): ReportHeader[] {
  const fields: ReportHeader[] = [];
  for (let line = first; line <= last; line++) {
    const text = lines.text(line)!;
    const m = FIELD_NAME.exec(text);
    if (m === null) {
      // A continuation line: the field above goes on.
      const field = fields[fields.length - 1];
      const more = text.trim();
      if (field !== undefined) {
        field.value = field.value === '' ? more : `${field.value} ${more}`;
        field.lastLine = line;
      }
      continue;
    }
    let valueStart = m[0].length;
    while (valueStart < text.length && (text.charCodeAt(valueStart) === 32 || text.charCodeAt(valueStart) === 9)) valueStart++;
    fields.push({ name: m[1], key: m[1].toLowerCase(), line, lastLine: line, valueStart, value: text.slice(valueStart).trim() });
  }
  return fields;
}

interface RawBlock {
  first: number;
  last: number;
  fields: ReportHeader[];
}

/** The block whose last line is `bottom`, read upwards, if it belongs to a report. */
function qualifyingBlockEndingAt(lines: Lines, bottom: number): RawBlock | undefined {
  const block = blockAround(lines, bottom);
  if (block === undefined || block.last !== bottom) return undefined;
  return qualifying(lines, block.first, block.last);
}

function qualifying(lines: Lines, first: number, last: number): RawBlock | undefined {
  const fields = readFields(lines, first, last);
  return fields.some((f) => isReportFieldName(f.key)) ? { first, last, fields } : undefined;
}

/**
 * The report around `line`, a field line: the blocks that hold fields of a DSN or a feedback
 * report, joined across at most two blank lines. Undefined when the line's block is not one.
 * `minimumNames`: how many different report field names it must hold (a lone `Status: RO` of a
 * mailbox is no report).
 */
export function reportAround(lines: Lines, line: number, minimumNames = 1): Omit<Report, 'windowStart' | 'windowEnd'> | undefined {
  const text = lines.text(line);
  if (text === undefined || kindOf(text) !== 'field') return undefined;
  const own = blockAround(lines, line);
  if (own === undefined) return undefined;
  const start = qualifying(lines, own.first, own.last);
  if (start === undefined) return undefined;
  const blocks: RawBlock[] = [start];
  // Upwards: blank lines, then a block that ends right above them.
  for (let top = start.first; ; ) {
    let p = top - 1;
    while (p >= 0 && top - 1 - p < MAX_BLANK_LINES && kindOf(lines.text(p)!) === 'blank') p--;
    if (p < 0 || p === top - 1) break;
    const kind = kindOf(lines.text(p)!);
    if (!isHeaderLine(kind)) break;
    const block = qualifyingBlockEndingAt(lines, p);
    if (block === undefined) break;
    blocks.unshift(block);
    top = block.first;
  }
  // Downwards: blank lines, then a block that starts right below them.
  for (let bottom = start.last; ; ) {
    let p = bottom + 1;
    while (p - bottom - 1 < MAX_BLANK_LINES && lines.text(p) !== undefined && kindOf(lines.text(p)!) === 'blank') p++;
    const below = lines.text(p);
    if (below === undefined || p === bottom + 1 || kindOf(below) !== 'field') break;
    const around = blockAround(lines, p);
    if (around === undefined || around.first !== p) break;
    const block = qualifying(lines, around.first, around.last);
    if (block === undefined) break;
    blocks.push(block);
    bottom = block.last;
  }
  const names = new Set<string>();
  for (const b of blocks) for (const f of b.fields) if (isReportFieldName(f.key)) names.add(f.key);
  if (names.size < minimumNames) return undefined;
  const feedback = names.has('feedback-type');
  return {
    kind: feedback ? 'feedback' : 'dsn',
    firstLine: blocks[0].first,
    lastLine: blocks[blocks.length - 1].last,
    blocks: blocks.map((b, i) => ({ kind: blockKind(b.fields, i, feedback), firstLine: b.first, lastLine: b.last, fields: b.fields })),
  };
}

function blockKind(fields: readonly ReportHeader[], index: number, feedback: boolean): ReportBlockKind {
  if (feedback) return 'feedback';
  let perMessage = false;
  let recipient = false;
  for (const f of fields) {
    if (PER_MESSAGE.has(f.key)) perMessage = true;
    else if (dsnField(f.key)?.scope === 'per-recipient') recipient = true;
  }
  if (index === 0 && perMessage) return recipient ? 'mixed' : 'per-message';
  return 'recipient';
}

/** Whether the block's fields include a recipient's (a recipient block, or the recipient part of a mixed one). */
export function hasRecipient(block: ReportBlock): boolean {
  return block.kind === 'recipient' || block.kind === 'mixed';
}

/** The first field of that name (lower case) in the block. */
export function fieldOf(block: ReportBlock, key: string): ReportHeader | undefined {
  return block.fields.find((f) => f.key === key);
}

/**
 * The reports of a document, in order, kept current as it changes (`update`), with the vendor of
 * each message and recipient. Reports are read around the lines whose code the document's
 * `CodeTable` marks as a report field's value (`isReportField`).
 */
export class ReportIndex {
  reports: Report[] = [];

  /** Every report of a document. */
  static build(lines: Lines, codes: CodeTable): ReportIndex {
    const index = new ReportIndex();
    const anchors = anchorLines(codes, 0, Infinity);
    if (anchors.length === 0) return index;
    index.reports = parseFrom(lines, anchors);
    index.placeWindows(lines, 0, index.reports.length);
    return index;
  }

  get isEmpty(): boolean {
    return this.reports.length === 0;
  }

  /**
   * After an edit that replaced lines `first..last` (before it) with `first..last + delta` (after
   * it), and after `codes` was brought up to date: reads again the reports near the edit.
   */
  update(lines: Lines, codes: CodeTable, first: number, last: number, delta: number): void {
    const newLast = last + delta;
    const reports = this.reports;
    if (reports.length === 0 && anchorLines(codes, first, newLast).length === 0) return;
    // Reports whose reading may have looked at the edited lines (old numbering) are read again.
    let start = 0;
    while (start < reports.length && reports[start].lastLine + REACH < first) start++;
    let end = start;
    while (end < reports.length && reports[end].firstLine - REACH <= last) end++;
    // Lines after the edit move; the lines of the reports read again, in the new numbering.
    const moved = (line: number) => (line > last ? line + delta : Math.min(line, newLast));
    for (let i = end; i < reports.length; i++) shift(reports[i], delta);
    let lo = start < end ? Math.min(first, reports[start].firstLine) : first;
    let hi = start < end ? Math.max(newLast, moved(reports[end - 1].lastLine)) : newLast;
    let reread = parseFrom(lines, anchorLines(codes, lo, hi));
    // A report read again can reach a kept neighbour (the edit joined them): read that one again too.
    for (;;) {
      const grewUp = start > 0 && reread.length > 0 && reread[0].firstLine <= reports[start - 1].lastLine;
      const grewDown = end < reports.length && reread.length > 0 && reread[reread.length - 1].lastLine >= reports[end].firstLine;
      if (!grewUp && !grewDown) break;
      if (grewUp) lo = reports[--start].firstLine;
      if (grewDown) hi = reports[end++].lastLine;
      reread = parseFrom(lines, anchorLines(codes, lo, hi));
    }
    reports.splice(start, end - start, ...reread);
    // Message windows reach MAX_MESSAGE_LINES and stop at the neighbours: place again every one
    // that can have changed, and one more on each side.
    const near = MAX_MESSAGE_LINES + REACH;
    let w0 = start;
    while (w0 > 0 && reports[w0 - 1].lastLine + near >= first) w0--;
    let w1 = start + reread.length;
    while (w1 < reports.length && reports[w1].firstLine - near <= newLast) w1++;
    this.placeWindows(lines, Math.max(0, w0 - 1), Math.min(reports.length, w1 + 1));
  }

  /** The report whose lines hold `line`. */
  reportAt(line: number): Report | undefined {
    return this.search(
      line,
      (x) => x.firstLine,
      (x) => x.lastLine,
    );
  }

  /** The report whose message holds `line` (see `Report.windowStart`). */
  messageAt(line: number): Report | undefined {
    return this.search(
      line,
      (x) => x.windowStart,
      (x) => x.windowEnd,
    );
  }

  /** The vendor of the code on `line`: its recipient's, else its message's. */
  vendorAt(line: number): VendorId | undefined {
    if (this.reports.length === 0) return undefined;
    const report = this.messageAt(line);
    if (report === undefined) return undefined;
    if (line >= report.firstLine && line <= report.lastLine) {
      const block = report.blocks.find((b) => line >= b.firstLine && line <= b.lastLine);
      if (block?.vendor !== undefined) return block.vendor;
    }
    return report.vendor;
  }

  private search(line: number, start: (r: Report) => number, end: (r: Report) => number): Report | undefined {
    const reports = this.reports;
    let lo = 0;
    let hi = reports.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (end(reports[mid]) < line) lo = mid + 1;
      else hi = mid;
    }
    const r = reports[lo];
    return r !== undefined && start(r) <= line && line <= end(r) ? r : undefined;
  }

  /** Places the message windows of reports `from..to-1` and reads their vendors. */
  private placeWindows(lines: Lines, from: number, to: number): void {
    const reports = this.reports;
    for (let i = from; i < to; i++) reports[i].windowStart = windowStart(lines, reports[i], reports[i - 1]);
    for (let i = from; i < to; i++) {
      const next = reports[i + 1];
      const nextStart = next === undefined ? Infinity : i + 1 < to ? next.windowStart : windowStart(lines, next, reports[i]);
      reports[i].windowEnd = windowEnd(lines, reports[i], nextStart);
      readVendors(lines, reports[i]);
    }
  }
}

function shift(report: Report, delta: number): void {
  if (delta === 0) return;
  report.firstLine += delta;
  report.lastLine += delta;
  report.windowStart += delta;
  report.windowEnd += delta;
  for (const block of report.blocks) {
    block.firstLine += delta;
    block.lastLine += delta;
    for (const field of block.fields) {
      field.line += delta;
      field.lastLine += delta;
    }
  }
}

/** The lines in `from..to` whose code is a report field's value, in order, each once. */
function anchorLines(codes: CodeTable, from: number, to: number): number[] {
  const found: number[] = [];
  for (let i = codes.firstOnLine(Math.max(0, from)); i < codes.length; i++) {
    const line = codes.lineOf(i);
    if (line > to) break;
    if (codes.isReportField(i) && found[found.length - 1] !== line) found.push(line);
  }
  return found;
}

/** The DSNs around the anchors (in order), each read once. */
function parseFrom(lines: Lines, anchors: readonly number[]): Report[] {
  const reports: Report[] = [];
  for (const anchor of anchors) {
    const last = reports[reports.length - 1];
    if (last !== undefined && anchor <= last.lastLine) continue;
    const found = reportAround(lines, anchor);
    if (found === undefined || found.kind !== 'dsn') continue;
    reports.push({ ...found, windowStart: found.firstLine, windowEnd: found.lastLine });
  }
  return reports;
}

function windowStart(lines: Lines, report: Report, previous: Report | undefined): number {
  const limit = Math.max(previous === undefined ? 0 : previous.lastLine + 1, report.firstLine - MAX_MESSAGE_LINES);
  for (let line = report.firstLine - 1; line >= limit; line--) {
    if (MBOX_FROM.test(lines.text(line)!)) return line;
  }
  return limit;
}

function windowEnd(lines: Lines, report: Report, nextStart: number): number {
  const limit = Math.min(nextStart - 1, report.lastLine + MAX_MESSAGE_LINES);
  let line = report.lastLine + 1;
  for (; line <= limit; line++) {
    const text = lines.text(line);
    if (text === undefined || MBOX_FROM.test(text)) break;
  }
  return line - 1;
}

/** The vendors of a report's recipients and of its message. */
function readVendors(lines: Lines, report: Report): void {
  for (const block of report.blocks) {
    block.vendor = undefined;
    if (!hasRecipient(block)) continue;
    // The MTA that answered, then its answer.
    const remote = fieldOf(block, 'remote-mta');
    const diagnostic = fieldOf(block, 'diagnostic-code');
    block.vendor = (remote && VENDOR_TABLE.markedIn(remote.value)) || (diagnostic && VENDOR_TABLE.markedIn(diagnostic.value)) || undefined;
  }
  const reporting = fieldOf(report.blocks[0], 'reporting-mta');
  report.vendor = (reporting && VENDOR_TABLE.markedIn(reporting.value)) || messageVendor(lines, report);
}

/** The vendor the message's Received: fields name, else the one vendor whose markers stand anywhere in it. */
function messageVendor(lines: Lines, report: Report): VendorId | undefined {
  const parts: string[] = [];
  for (let line = report.windowStart; line <= report.windowEnd; line++) parts.push(lines.text(line)!);
  const all = VENDOR_TABLE.allMarkedIn(parts.join('\n'));
  if (all.length <= 1) return all[0];
  // The message's own header fields: from the start of the message to its first blank line.
  const atStart = report.windowStart === 0 || MBOX_FROM.test(parts[0]);
  if (!atStart) return undefined;
  const received: string[] = [];
  let inReceived = false;
  for (let i = MBOX_FROM.test(parts[0]) ? 1 : 0; i < parts.length && !isBlank(parts[i]); i++) {
    const kind = kindOf(parts[i]);
    if (kind === 'field') inReceived = /^Received[ \t]*:/i.test(parts[i]);
    if (inReceived) received.push(parts[i]);
  }
  const named = VENDOR_TABLE.allMarkedIn(received.join('\n'));
  return named.length === 1 ? named[0] : undefined;
}

/** Lines of a text, found as they are asked for (forward only: a pass over the text at most). */
export class TextLines implements Lines {
  private readonly starts: number[] = [0];
  private done = false;
  private nextLF = -2;
  private nextCR = -2;

  constructor(private readonly source: string) {}

  text(line: number): string | undefined {
    if (line < 0) return undefined;
    while (!this.done && this.starts.length <= line + 1) this.grow();
    if (line >= this.starts.length) return undefined;
    const start = this.starts[line];
    const end = line + 1 < this.starts.length ? this.breakBefore(this.starts[line + 1]) : this.source.length;
    return this.source.slice(start, end);
  }

  /** Where the line break that ends at `nextStart` begins. */
  private breakBefore(nextStart: number): number {
    const s = this.source;
    if (s.charCodeAt(nextStart - 1) === 10 && s.charCodeAt(nextStart - 2) === 13) return nextStart - 2;
    return nextStart - 1;
  }

  private grow(): void {
    const s = this.source;
    const from = this.starts[this.starts.length - 1];
    if (this.nextLF !== -1 && this.nextLF < from) this.nextLF = s.indexOf('\n', from);
    if (this.nextCR !== -1 && this.nextCR < from) this.nextCR = s.indexOf('\r', from);
    const lf = this.nextLF === -1 ? Infinity : this.nextLF;
    const cr = this.nextCR === -1 ? Infinity : this.nextCR;
    const at = Math.min(lf, cr);
    if (at === Infinity) {
      this.done = true;
      return;
    }
    this.starts.push(at === cr && s.charCodeAt(at + 1) === 10 ? at + 2 : at + 1);
  }
}
