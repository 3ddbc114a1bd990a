import { MAX_LINES_PER_CODE, type CodeCount, type Outcome, type Outcomes, type Summary, type VendorId } from '../../../common';
import { isVendorReusedCode, lookupCode, lookupVendorCode, vendorMarkedIn, withClass } from '../registry';
import { registryStatus } from './registryStatus';
import type { CodeMatch, CodeTable } from '../scan';

/** Timestamps at the start of a log line: ISO (`2026-11-22 10:00:01`, `2026-11-22T10:00`) and syslog (`Nov 22 10:00:01`). */
const ISO_TIME = /^\[?(\d{4}-\d{2}-\d{2})[ T](\d{2}):\d{2}/;
const SYSLOG_TIME = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):\d{2}:\d{2}/;

const NO_CODES: readonly CodeMatch[] = [];

/**
 * Builds a summary line by line, so a file of any size can be summarised while it is read from
 * disk (the caller scans each line) as well as an open document (from its analysis).
 */
export class SummaryBuilder {
  private lines = 0;
  private codes = 0;
  private readonly byClass = { '2': 0, '4': 0, '5': 0 };
  private readonly outcomes: Outcomes = {
    delivered: 0,
    deferred: 0,
    bounced: 0,
    expired: 0,
    rejected: 0,
    milterRejected: 0,
    rejectWarnings: 0,
  };
  private readonly byCode = new Map<string, CodeCount>();
  private readonly byVendor: Partial<Record<VendorId, number>> = {};
  /** Per hour: its sortable key and counts. */
  private readonly hours = new Map<string, { key: string; transient: number; permanent: number }>();
  private untimed = 0;

  /**
   * Adds one line (its text, number and the codes found on it). `markers`: the line is a log's or
   * configuration's, whose vendor markers name the vendor of its codes (source code's do not).
   */
  addLine(text: string, line: number, codes: readonly CodeMatch[], markers = true): void {
    this.lines = Math.max(this.lines, line + 1);
    const outcome = outcomeOf(text);
    if (outcome !== undefined) this.outcomes[outcome]++;
    let failure: 4 | 5 | undefined;
    if (markers) codes = withLineVendor(text, codes);
    for (let i = 0; i < codes.length; i++) {
      const match = codes[i];
      this.codes++;
      if (match.class === 2 || match.class === 4 || match.class === 5) this.byClass[String(match.class) as '2' | '4' | '5']++;
      const vendor = match.vendor;
      if (vendor !== undefined) this.byVendor[vendor] = (this.byVendor[vendor] ?? 0) + 1;
      if (match.problem === undefined && (match.class === 4 || match.class === 5)) failure = failure === 5 ? 5 : match.class;
      if (firstOnLine(codes, i)) this.count(codes, i, line, outcome);
    }
    const fails = outcome === undefined ? failure !== undefined : FAILURES.has(outcome);
    if (!fails) return;
    const permanent = outcome === 'deferred' ? false : outcome === 'bounced' || outcome === 'expired' || failure !== 4;
    const hour = hourOf(text);
    if (hour === undefined) {
      this.untimed++;
      return;
    }
    const bucket = this.hours.get(hour.label) ?? { key: hour.key, transient: 0, permanent: 0 };
    if (permanent) bucket.permanent++;
    else bucket.transient++;
    this.hours.set(hour.label, bucket);
  }

  /** Adds an open document's analysis, every line of it (outcomes stand on lines without codes too). */
  addAnalysis(codes: CodeTable, lineCount: number, lineText: (line: number) => string, markers = true): void {
    let i = 0;
    for (let line = 0; line < lineCount; line++) {
      let j = i;
      while (j < codes.length && codes.lineOf(j) === line) j++;
      this.addLine(lineText(line), line, i === j ? NO_CODES : codes.slice(i, j), markers);
      i = j;
    }
    this.lines = Math.max(this.lines, lineCount);
  }

  build(): Summary {
    const byCode = [...this.byCode.values()].sort(
      (a, b) => b.count - a.count || a.code.localeCompare(b.code) || (a.replyCode ?? 0) - (b.replyCode ?? 0),
    );
    const unregistered = new Map<string, number>();
    for (const c of byCode)
      if (c.status === 'unregistered' || c.status === 'unknown-subject')
        unregistered.set(c.code, (unregistered.get(c.code) ?? 0) + c.count);
    return {
      lines: this.lines,
      codes: this.codes,
      byClass: { ...this.byClass },
      outcomes: { ...this.outcomes },
      byCode,
      byVendor: { ...this.byVendor },
      topUnregistered: [...unregistered]
        .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
        .slice(0, 20)
        .map(([code, count]) => ({ code, count })),
      perHour: [...this.hours.entries()]
        .sort(([, a], [, b]) => a.key.localeCompare(b.key))
        .map(([hour, { transient, permanent }]) => ({ hour, transient, permanent })),
      untimed: this.untimed,
    };
  }

  /** Counts the code at `i` once for its line, with the reply code and vendor of any of its occurrences there. */
  private count(codes: readonly CodeMatch[], i: number, line: number, outcome: Outcome | undefined): void {
    const match = codes[i];
    let replyCode = match.reply?.code;
    let vendor = match.vendor;
    for (let k = i + 1; k < codes.length; k++) {
      if (codes[k].text !== match.text) continue;
      replyCode ??= codes[k].reply?.code;
      vendor ??= codes[k].vendor;
    }
    const key = `${match.text} ${replyCode ?? ''} ${vendor ?? ''}`;
    let entry = this.byCode.get(key);
    if (entry === undefined) {
      entry = {
        code: match.text,
        replyCode: replyCode ?? null,
        class: match.class,
        vendor: vendor ?? null,
        count: 0,
        outcomes: {},
        lines: [],
        ...statusOf(match, vendor),
      };
      this.byCode.set(key, entry);
    }
    entry.count++;
    if (outcome !== undefined) entry.outcomes[outcome] = (entry.outcomes[outcome] ?? 0) + 1;
    if (entry.lines.length < MAX_LINES_PER_CODE) entry.lines.push(line);
    else entry.moreLines = true;
  }
}

/**
 * The line's codes with the vendor its markers name on the codes IANA registers that a vendor
 * reuses: the scan reads markers only around a vendor's own codes, a summary counts both.
 */
function withLineVendor(text: string, codes: readonly CodeMatch[]): readonly CodeMatch[] {
  const reused = (c: CodeMatch) => isVendorReusedCode(c.class, c.subject, c.detail);
  if (!codes.some(reused)) return codes;
  const vendor = vendorMarkedIn(text);
  if (vendor === undefined) return codes;
  return codes.map((c) => (reused(c) ? { ...c, vendor } : c));
}

const FAILURES: ReadonlySet<Outcome> = new Set(['deferred', 'bounced', 'expired', 'rejected', 'milterRejected']);

/** Whether `codes[i]` is the first occurrence of its text on the line. */
function firstOnLine(codes: readonly CodeMatch[], i: number): boolean {
  for (let k = 0; k < i; k++) if (codes[k].text === codes[i].text) return false;
  return true;
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

// Postfix, as pflogsumm reads it: `postfix/CMD[PID]: ` (a `postfix-NAME` instance and a service
// path such as `postfix/submission/smtpd` too), then a queue id, NOQUEUE or a word like `warning`.
const POSTFIX_TAG = /postfix(?:-[\w.-]+)?(?:\/[\w.-]+)*\/([\w.-]+)\[\d+\]: /y;
const POSTFIX_CLEANUP = /\b((?:milter-)?reject|warning|hold|discard): (?:header|body|END-OF-MESSAGE) /;
const POSTFIX_SMTPD = /^\w+: (reject|reject_warning|milter-reject): /;
// pflogsumm's pattern names every field between (relay=, delay=, delays=, dsn=); Postfix always
// writes them, so the first `, status=` field after `to=<...>` is the same field, read more
// leniently. Found with indexOf: a regex that skips any run of fields to it backtracks on a long
// line without one.
const POSTFIX_RECIPIENT = /^[^:\s]+: to=<[^>]*>, /;
const POSTFIX_STATUS = /^(sent|deferred|bounced|expired)\b/;
const POSTFIX_EXPIRED = /^[^:\s]+: from=<[^>]*>, status=expired\b/;
const FIRST_WORD = /^[^:\s]+/;
const POSTFIX_SKIPPED_WORDS = new Set(['warning', 'fatal', 'panic', 'hold', 'discard']);

const EXIM_DELIVERY = /(?:^|\s)[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} (=>|->|==|\*\*) /;
const EXIM_REJECTED = /\brejected (?:RCPT|MAIL|after DATA)\b/;
const SENDMAIL_TAG = /(?:^|\s)(?:sendmail|sm-mta|sm-msp-queue)\[\d+\]: /;
const SENDMAIL_STAT = /, stat=(\w+)/;
const SENDMAIL_CHECK = /\b(ruleset|milter)(?:=|: )/i;
const OPENSMTPD = /(?:^|\s)smtpd\[\d+\]: [0-9a-f]{16} (?:mta|mda|lmtp|smtp) /;
const OPENSMTPD_RESULT = /\bresult="(Ok|TempFail|PermFail|Loop)"/;
const OPENSMTPD_FAILED = / failed-command command="(?:MAIL FROM|RCPT TO|DATA|\.)/;

const EXIM_OUTCOME: Record<string, Outcome> = { '=>': 'delivered', '->': 'delivered', '==': 'deferred', '**': 'bounced' };
const OPENSMTPD_OUTCOME: Record<string, Outcome> = { Ok: 'delivered', TempFail: 'deferred', PermFail: 'bounced', Loop: 'bounced' };

/** The outcome a log line records (see `Outcomes`), or undefined for every other line. */
export function outcomeOf(line: string): Outcome | undefined {
  // The program's tag stands after the timestamp and host: the first `postfix` that opens a word
  // and is a tag (a host may be called postfix-relay).
  for (let at = line.indexOf('postfix'); at !== -1 && at < 256; at = line.indexOf('postfix', at + 7)) {
    if (at > 0 && line.charCodeAt(at - 1) !== 32) continue;
    POSTFIX_TAG.lastIndex = at;
    const tag = POSTFIX_TAG.exec(line);
    if (tag !== null) return postfixOutcome(tag[1], line.slice(POSTFIX_TAG.lastIndex));
  }
  if (line.includes('smtpd[') && OPENSMTPD.test(line)) {
    const result = line.includes(' delivery evpid=') ? OPENSMTPD_RESULT.exec(line) : null;
    if (result !== null) return OPENSMTPD_OUTCOME[result[1]];
    return OPENSMTPD_FAILED.test(line) ? 'rejected' : undefined;
  }
  if (SENDMAIL_TAG.test(line)) {
    const stat = SENDMAIL_STAT.exec(line);
    if (stat !== null)
      return stat[1] === 'Sent' ? 'delivered' : stat[1] === 'Deferred' ? 'deferred' : stat[1] === 'queued' ? undefined : 'bounced';
    const check = line.includes(' reject=') ? SENDMAIL_CHECK.exec(line) : null;
    return check === null ? undefined : check[1].toLowerCase() === 'milter' ? 'milterRejected' : 'rejected';
  }
  const exim = EXIM_DELIVERY.exec(line);
  if (exim !== null) return EXIM_OUTCOME[exim[1]];
  return line.includes('rejected ') && EXIM_REJECTED.test(line) ? 'rejected' : undefined;
}

/** A Postfix line after its tag: `rest` starts with a queue id, NOQUEUE, or `warning:`, `reject:`, ... */
function postfixOutcome(command: string, rest: string): Outcome | undefined {
  if (command === 'cleanup') {
    const found = POSTFIX_CLEANUP.exec(rest);
    if (found !== null) return found[1] === 'warning' ? 'rejectWarnings' : found[1].endsWith('reject') ? 'rejected' : undefined;
  }
  const word = FIRST_WORD.exec(rest)?.[0];
  if (word === undefined || POSTFIX_SKIPPED_WORDS.has(word)) return undefined;
  if (word === 'reject') return 'rejected';
  if (word === 'reject_warning') return 'rejectWarnings';
  if (command === 'master') return undefined;
  if (command === 'smtpd' || command === 'postscreen') {
    const found = POSTFIX_SMTPD.exec(rest);
    if (found === null) return undefined;
    return found[1] === 'reject' ? 'rejected' : found[1] === 'reject_warning' ? 'rejectWarnings' : 'milterRejected';
  }
  const status = postfixDeliveryStatus(rest);
  if (status !== undefined) return status === 'sent' ? 'delivered' : (status as Outcome);
  return POSTFIX_EXPIRED.test(rest) ? 'expired' : undefined;
}

/** The `status=` word of a Postfix delivery line (`ID: to=<...>, relay=..., status=sent`): the first field of that name. */
function postfixDeliveryStatus(rest: string): string | undefined {
  const recipient = POSTFIX_RECIPIENT.exec(rest);
  if (recipient === null) return undefined;
  const fields = recipient[0].length;
  const at = rest.startsWith('status=', fields) ? fields : rest.indexOf(', status=', fields) + 2;
  if (at < fields) return undefined;
  return POSTFIX_STATUS.exec(rest.slice(at + 'status='.length))?.[1];
}
