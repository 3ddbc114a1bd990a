import type { VendorId } from './vendors';

/*
 * The summary of a log: the server (and the CLI) build it, the client's summary page and the CLI's
 * formats render it. Plain JSON, since it crosses the connection.
 */

/**
 * What a log says happened, from the MTA's own fields, one line at a time:
 * - `delivered`: Postfix `status=sent` (forwarded included), Exim `=>` and `->`, Sendmail
 *   `stat=Sent`, OpenSMTPD `result="Ok"`;
 * - `deferred`: Postfix `status=deferred`, Exim `==`, Sendmail `stat=Deferred`, OpenSMTPD
 *   `result="TempFail"` (lines: a message deferred five times counts five);
 * - `bounced`: Postfix `status=bounced`, Exim `**`, any other Sendmail `stat=`, OpenSMTPD
 *   `result="PermFail"` or `"Loop"`;
 * - `expired`: Postfix `status=expired` (returned to the sender after the queue lifetime);
 * - `rejected`: Postfix `reject:` of smtpd and postscreen, `reject:` and `milter-reject:` of a
 *   header, body or the end of a message in cleanup (as pflogsumm counts them); Exim `rejected
 *   RCPT`, `rejected MAIL`, `rejected after DATA`; Sendmail `ruleset=... reject=`; OpenSMTPD
 *   `failed-command` of MAIL, RCPT or DATA;
 * - `milterRejected`: a milter's refusal during the SMTP session (Postfix smtpd `milter-reject:`,
 *   Sendmail `milter=... reject=`), which pflogsumm leaves out;
 * - `rejectWarnings`: Postfix `reject_warning:` and header or body checks' `warning:`, which
 *   reject nothing.
 */
export interface Outcomes {
  delivered: number;
  deferred: number;
  bounced: number;
  expired: number;
  rejected: number;
  milterRejected: number;
  rejectWarnings: number;
}

export type Outcome = keyof Outcomes;

export const OUTCOMES: readonly Outcome[] = ['delivered', 'deferred', 'bounced', 'expired', 'rejected', 'milterRejected', 'rejectWarnings'];

/** What a whole log holds: outcomes, counts per code, class and vendor, unregistered codes, failures per hour. */
export interface Summary {
  /** Lines read and codes found (every context; a code written twice on a line counts twice here). */
  lines: number;
  codes: number;
  byClass: Record<'2' | '4' | '5', number>;
  outcomes: Outcomes;
  /**
   * Per code, reply code and vendor, most frequent first. A code written twice on one line
   * (`dsn=5.1.1` and `said: 550 5.1.1`) is one delivery: the line counts once, with the reply
   * code and vendor either occurrence has.
   */
  byCode: CodeCount[];
  /** Codes whose lines carry a vendor's markers, per vendor. */
  byVendor: Partial<Record<VendorId, number>>;
  /** Codes neither the registry nor a vendor knows, most frequent first (lines, as in `byCode`). */
  topUnregistered: { code: string; count: number }[];
  /**
   * Failing lines per hour (`2026-11-22 10:00`, or `Nov 22 10:00` for syslog lines without a
   * year). A line fails when its outcome is a failure (deferred, bounced, expired, rejected) or,
   * without an outcome, when it holds a 4.X.X or 5.X.X code; it counts once, as transient when
   * deferred or its code is 4.X.X, else as permanent.
   */
  perHour: { hour: string; transient: number; permanent: number }[];
  /** Failing lines that had no timestamp the summary could read. */
  untimed: number;
  /** The files read, in order, when there were several or they needed a word (see `SummarySource`). */
  sources?: SummarySource[];
}

/** One file of a summary over several (lines are numbered through all of them, from `firstLine`). */
export interface SummarySource {
  name: string;
  firstLine: number;
  lines: number;
  /** The `TextDecoder` name of its encoding (utf-8, utf-16le, windows-1252, ...). */
  encoding?: string;
  compression?: 'gzip';
  /** Lines holding bytes that did not decode (read as U+FFFD), and the first (0-based, in the file). */
  undecodable?: { lines: number; firstLine: number };
  /** Why it was left out (not text), or what cut it short. */
  skipped?: string;
  error?: string;
}

export interface CodeCount {
  code: string;
  /** The reply code it came with (`550` in `550 5.1.1`); null for `dsn=5.1.1` alone. */
  replyCode: number | null;
  /** The code's class digit as written (2, 4, 5; anything else is invalid). */
  class: number;
  vendor: VendorId | null;
  /** Lines it is on. */
  count: number;
  /** Those lines by outcome (lines without one are not counted here). */
  outcomes: Partial<Outcomes>;
  status: 'registered' | 'deprecated' | 'unregistered' | 'unknown-subject' | 'invalid' | 'vendor';
  title?: string;
  /** The first lines it occurs on (at most `MAX_LINES_PER_CODE`). */
  lines: number[];
  /** It occurs on more lines than `lines` lists. */
  moreLines?: true;
}

export const MAX_LINES_PER_CODE = 200;
