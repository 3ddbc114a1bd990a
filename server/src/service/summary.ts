import { MAX_LINES_PER_CODE, type CodeCount, type Summary, type VendorId } from '../../../common';
import { lookupCode, lookupVendorCode, withClass } from '../registry';
import { registryStatus } from './registryStatus';
import type { CodeMatch, CodeTable } from '../scan';

/** Timestamps at the start of a log line: ISO (`2026-11-22 10:00:01`, `2026-11-22T10:00`) and syslog (`Nov 22 10:00:01`). */
const ISO_TIME = /^\[?(\d{4}-\d{2}-\d{2})[ T](\d{2}):\d{2}/;
const SYSLOG_TIME = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):\d{2}:\d{2}/;

/**
 * Builds a summary line by line, so a file of any size can be summarised while it is read from
 * disk (the caller scans each line) as well as an open document (from its analysis).
 */
export class SummaryBuilder {
  private lines = 0;
  private codes = 0;
  private readonly byClass = { '2': 0, '4': 0, '5': 0 };
  private readonly byCode = new Map<string, CodeCount>();
  private readonly byVendor: Partial<Record<VendorId, number>> = {};
  /** Per hour: its sortable key and counts. */
  private readonly hours = new Map<string, { key: string; transient: number; permanent: number }>();
  private untimed = 0;

  /** Adds one line (its text, number and the codes found on it). */
  addLine(text: string, line: number, codes: readonly CodeMatch[]): void {
    this.lines = Math.max(this.lines, line + 1);
    if (codes.length === 0) return;
    let failure: 4 | 5 | undefined;
    for (const match of codes) {
      this.codes++;
      if (match.class === 2 || match.class === 4 || match.class === 5) this.byClass[String(match.class) as '2' | '4' | '5']++;
      // The scan has read the line's vendor markers already (for codes a vendor documents).
      const vendor = match.vendor;
      if (vendor !== undefined) this.byVendor[vendor] = (this.byVendor[vendor] ?? 0) + 1;
      this.count(match, line, vendor);
      if (match.problem === undefined && (match.class === 4 || match.class === 5)) failure = failure === 5 ? 5 : match.class;
    }
    if (failure === undefined) return;
    const hour = hourOf(text);
    if (hour === undefined) {
      this.untimed++;
      return;
    }
    const bucket = this.hours.get(hour.label) ?? { key: hour.key, transient: 0, permanent: 0 };
    if (failure === 5) bucket.permanent++;
    else bucket.transient++;
    this.hours.set(hour.label, bucket);
  }

  /** Adds an open document's analysis; `lineText` gives the text of a line that holds codes. */
  addAnalysis(codes: CodeTable, lineCount: number, lineText: (line: number) => string): void {
    for (let i = 0; i < codes.length; ) {
      const line = codes.lineOf(i);
      let j = i;
      while (j < codes.length && codes.lineOf(j) === line) j++;
      this.addLine(lineText(line), line, codes.slice(i, j));
      i = j;
    }
    this.lines = Math.max(this.lines, lineCount);
  }

  build(): Summary {
    const byCode = [...this.byCode.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
    return {
      lines: this.lines,
      codes: this.codes,
      byClass: { ...this.byClass },
      byCode,
      byVendor: { ...this.byVendor },
      topUnregistered: byCode
        .filter((c) => c.status === 'unregistered' || c.status === 'unknown-subject')
        .slice(0, 20)
        .map(({ code, count }) => ({ code, count })),
      perHour: [...this.hours.entries()]
        .sort(([, a], [, b]) => a.key.localeCompare(b.key))
        .map(([hour, { transient, permanent }]) => ({ hour, transient, permanent })),
      untimed: this.untimed,
    };
  }

  private count(match: CodeMatch, line: number, vendor: VendorId | undefined): void {
    let entry = this.byCode.get(match.text);
    if (entry === undefined) {
      entry = { code: match.text, count: 0, lines: [], ...statusOf(match, vendor) };
      this.byCode.set(match.text, entry);
    }
    entry.count++;
    if (entry.lines[entry.lines.length - 1] === line) return;
    if (entry.lines.length < MAX_LINES_PER_CODE) entry.lines.push(line);
    else entry.moreLines = true;
  }
}

function statusOf(match: CodeMatch, vendor: VendorId | undefined): Pick<CodeCount, 'status' | 'title'> {
  const status = registryStatus(match.subject, match.detail, match.problem);
  if (status === 'registered' || status === 'deprecated' || status === 'historical') {
    const entry = lookupCode(match.subject, match.detail);
    // X.6.10 has no title of its own: name what replaces it.
    const title = entry?.title || (entry?.replacedBy ? `Deprecated: use ${withClass(entry.replacedBy, match.class)}` : undefined);
    return { status: status === 'historical' ? 'registered' : status, title };
  }
  const vendorCode =
    vendor === undefined || status === 'invalid' ? undefined : lookupVendorCode(vendor, match.class, match.subject, match.detail);
  return vendorCode !== undefined ? { status: 'vendor', title: vendorCode.title } : { status };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The hour a log line was written in, from its leading timestamp: a label and a key that sorts in time. */
export function hourOf(text: string): { label: string; key: string } | undefined {
  const iso = ISO_TIME.exec(text);
  if (iso !== null) return { label: `${iso[1]} ${iso[2]}:00`, key: `${iso[1]} ${iso[2]}` };
  const syslog = SYSLOG_TIME.exec(text);
  if (syslog === null) return undefined;
  const month = MONTHS.indexOf(syslog[1]);
  if (month === -1) return undefined;
  const day = syslog[2].padStart(2, '0');
  // Syslog lines carry no year; they sort before dated lines, by month and day.
  return { label: `${syslog[1]} ${day} ${syslog[3]}:00`, key: `0000-${String(month + 1).padStart(2, '0')}-${day} ${syslog[3]}` };
}
