import { ENVELOPE_MESSAGE_LENGTH, idKey, type IdRole, type MessageTable, type Mta } from './messageTable';

/*
 * Message identifiers in mail logs, where each MTA writes them, and the links between messages.
 *
 * - Postfix: after `postfix[-instance][/...]/service[pid]: `, a short queue id (upper-case hex) or
 *   a long one (ten or more characters of Postfix's base 52, `z`, the inode's digits), then `: `.
 *   `NOQUEUE: ` is a reply given before any id. Links: `queued as ID` (a content filter or relay
 *   queued it again), `orig_queue_id=ID` (the message it was queued from), `... notification: ID`
 *   (the bounce, delay or success notice it caused).
 * - Exim: after the timestamp (`2024-12-06 10:15:02`, optional `.123`, ` +0100`, ` [pid]`), or
 *   after `exim[pid]: `, a message id in the old form `1tJaBc-000AbC-1x` (6-6-2) or the new
 *   `1tJaBc-00000000AbC-1xYz` (6-11-4). Links: a bounce arrives as `<= <> R=PARENT`; a delivery's
 *   reply names the id the next server gave it (`C="250 OK id=ID"`, `queued as ID`).
 * - Sendmail: after `sendmail[pid]: ` or `sm-...[pid]: `, eight characters of Sendmail's base 60
 *   and the process id (`4B6AF2Xk024565`), then `: `. Link: `ID: NEWID: DSN: ...` (the DSN it sent).
 * - OpenSMTPD: after `smtpd[pid]: `, the 16 hex digits of a session, then `msgid=` (8 hex digits,
 *   a message) and `evpid=` (16: an envelope, whose first 8 are its message's).
 *
 * Only those positions are read: a hex word in prose is never an id. A line is read alone (the
 * index is restartable per line, like the code scan); over a whole document each needle is
 * searched for once per stretch of text (`Occurrences`), so the pass stays linear and costs a
 * few character checks on lines without ids.
 */

const POSTFIX_ID =
  /[0-9A-F]{6,20}(?![0-9A-Za-z])|[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-y]{10,12}z[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-y]{1,12}(?![0-9A-Za-z])/y;
const EXIM_ID = /[0-9A-Za-z]{6}-(?:[0-9A-Za-z]{11}-[0-9A-Za-z]{4}|[0-9A-Za-z]{6}-[0-9A-Za-z]{2})(?![0-9A-Za-z@-])/y;
const SENDMAIL_ID = /[0-9A-Za-x]{8}\d{5,10}(?![0-9A-Za-z])/y;
const OPENSMTPD_SESSION = /[0-9a-f]{16}(?= )/y;
const OPENSMTPD_MESSAGE = /[0-9a-f]{8}(?![0-9A-Za-z])/y;
const OPENSMTPD_ENVELOPE = /(?:0x)?[0-9a-f]{16}(?![0-9A-Za-z])/y;
/** What another server answered with when it queued the message: any id-like word. */
const QUEUED_TOKEN = /[0-9A-Za-z][0-9A-Za-z-]{3,39}(?![0-9A-Za-z@-])/y;
const EXIM_TIME = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{3})?(?: [-+]\d{4})?(?: \[\d{1,10}\])? /y;

/** A syslog tag (`postfix/smtp[123]: `) ends within this many characters of the line's start. */
const TAG_WITHIN = 256;
/** Sendmail's notices of the message it made about another (`ID: NEWID: DSN: ...`). */
const SENDMAIL_NOTICES = ['DSN:', 'return to sender:', 'postmaster notify:', 'sender notify:'];

/**
 * A needle's next occurrence, kept between calls whose `from` never decreases: each stretch of text
 * is searched once. The search is for an `anchor` inside the needle whose first character is rare
 * in mail logs, and the whole needle is then compared around it: `indexOf` runs at the pace of its
 * first character's frequency, and a needle that opens with a space or a common letter (` R=`,
 * `evpid=`, ` notification: `) made its pass over a 50 MB log several times slower, once per
 * needle, present or not.
 */
class Occurrences {
  private at = -2;
  /** Where the anchor stands in the needle. */
  private readonly offset: number;

  constructor(
    private readonly text: string,
    private readonly needle: string,
    private readonly anchor = needle,
  ) {
    this.offset = needle.indexOf(anchor);
  }

  /** The first occurrence at or after `from` that ends by `end`; -1 when there is none. */
  within(from: number, end: number): number {
    if (this.at !== -1 && this.at < from) this.at = this.next(from);
    return this.at !== -1 && this.at + this.needle.length <= end ? this.at : -1;
  }

  private next(from: number): number {
    const { text, needle, anchor, offset } = this;
    for (let p = text.indexOf(anchor, from + offset); p !== -1; p = text.indexOf(anchor, p + 1)) {
      if (text.startsWith(needle, p - offset)) return p - offset;
    }
    return -1;
  }
}

/** The end of a sticky pattern's match at `at` within `end`, or -1. */
function matchAt(pattern: RegExp, text: string, at: number, end: number): number {
  pattern.lastIndex = at;
  return pattern.test(text) && pattern.lastIndex <= end ? pattern.lastIndex : -1;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
/** The first character of Exim's delivery flags `=>`, `->`, `>>` (cutthrough) and `*>` (suppressed). */
const isDeliveryFlag = (c: number) => c === 61 || c === 45 || c === 62 || c === 42;

/** Reads the message ids of a text's lines into a table, line by line; see the comment at the top. */
export class MessageScanner {
  private readonly tags: Occurrences;
  private readonly queuedAs: Occurrences;
  private readonly origQueueId: Occurrences;
  private readonly notification: Occurrences;
  private readonly parent: Occurrences;
  private readonly replyId: Occurrences;
  private readonly msgid: Occurrences;
  private readonly evpid: Occurrences;

  constructor(private readonly text: string) {
    this.tags = new Occurrences(text, ']: ');
    this.queuedAs = new Occurrences(text, 'queued as ');
    this.origQueueId = new Occurrences(text, 'orig_queue_id=', '_qu');
    this.notification = new Occurrences(text, ' notification: ', 'ficati');
    this.parent = new Occurrences(text, ' R=', 'R=');
    this.replyId = new Occurrences(text, ' id=', 'id=');
    this.msgid = new Occurrences(text, 'msgid=', 'gid=');
    this.evpid = new Occurrences(text, 'evpid=', 'vpid=');
  }

  /** Appends the ids on the line `text[start, end)` (without its line break); lines come in order. */
  line(start: number, end: number, line: number, table: MessageTable): void {
    const text = this.text;
    const tag = this.tags.within(start, end);
    if (tag >= 0 && tag - start <= TAG_WITHIN) {
      const mta = mtaOfTag(text, start, tag);
      if (mta !== undefined) {
        this.afterTag(mta, tag + 3, start, end, line, table);
        return;
      }
    }
    // Exim's own log: a timestamp at the start of the line, then the message id.
    if (isDigit(text.charCodeAt(start)) && text.charCodeAt(start + 4) === 45 /* - */ && text.charCodeAt(start + 10) === 32) {
      const at = matchAt(EXIM_TIME, text, start, end);
      if (at >= 0) this.exim(at, start, end, line, table);
    }
  }

  private afterTag(mta: Mta, at: number, start: number, end: number, line: number, table: MessageTable): void {
    if (mta === 'exim') this.exim(at, start, end, line, table);
    else if (mta === 'opensmtpd') this.openSmtpd(at, start, end, line, table);
    else this.queueId(mta, at, start, end, line, table);
  }

  /** Postfix and Sendmail: `ID: ` after the tag. */
  private queueId(mta: 'postfix' | 'sendmail', at: number, start: number, end: number, line: number, table: MessageTable): void {
    const pattern = mta === 'postfix' ? POSTFIX_ID : SENDMAIL_ID;
    const idEnd = matchAt(pattern, this.text, at, end);
    if (idEnd < 0 || !this.endsField(idEnd, end)) return;
    this.add(table, line, start, at, idEnd, 'message', mta);
    if (mta === 'sendmail') {
      const noticeEnd = matchAt(SENDMAIL_ID, this.text, idEnd + 2, end);
      if (noticeEnd >= 0 && this.endsField(noticeEnd, end) && SENDMAIL_NOTICES.some((n) => this.text.startsWith(n, noticeEnd + 2))) {
        this.add(table, line, start, idEnd + 2, noticeEnd, 'notification', mta);
      }
    } else {
      this.link(this.origQueueId, 'orig_queue_id='.length, POSTFIX_ID, 'queued-from', idEnd, start, end, line, table, mta);
      this.link(this.notification, ' notification: '.length, POSTFIX_ID, 'notification', idEnd, start, end, line, table, mta);
    }
    this.relayed(idEnd, start, end, line, table, mta);
  }

  /** What the next server said when it took the message: `queued as ID`, or Exim's `250 OK id=ID`. */
  private relayed(from: number, start: number, end: number, line: number, table: MessageTable, mta: Mta): void {
    this.link(this.replyId, ' id='.length, EXIM_ID, 'queued-as', from, start, end, line, table, mta);
    this.link(this.queuedAs, 'queued as '.length, QUEUED_TOKEN, 'queued-as', from, start, end, line, table, mta);
  }

  private exim(at: number, start: number, end: number, line: number, table: MessageTable): void {
    const text = this.text;
    const idEnd = matchAt(EXIM_ID, text, at, end);
    if (idEnd < 0 || (idEnd < end && text.charCodeAt(idEnd) !== 32)) return;
    this.add(table, line, start, at, idEnd, 'message', 'exim');
    if (text.startsWith('<= <> ', idEnd + 1)) {
      this.link(this.parent, ' R='.length, EXIM_ID, 'parent', idEnd, start, end, line, table, 'exim');
    } else if (isDeliveryFlag(text.charCodeAt(idEnd + 1)) && text.charCodeAt(idEnd + 2) === 62 /* > */) {
      this.relayed(idEnd, start, end, line, table, 'exim');
    }
  }

  private openSmtpd(at: number, start: number, end: number, line: number, table: MessageTable): void {
    const idEnd = matchAt(OPENSMTPD_SESSION, this.text, at, end);
    if (idEnd < 0) return;
    this.add(table, line, start, at, idEnd, 'session', 'opensmtpd');
    this.link(this.msgid, 'msgid='.length, OPENSMTPD_MESSAGE, 'message', idEnd, start, end, line, table, 'opensmtpd');
    this.link(this.evpid, 'evpid='.length, OPENSMTPD_ENVELOPE, 'envelope', idEnd, start, end, line, table, 'opensmtpd');
    this.relayed(idEnd, start, end, line, table, 'opensmtpd');
  }

  /** The id after the needle's next occurrence on the line (after `from`), added with `role` when it has the pattern's form. */
  private link(
    needle: Occurrences,
    length: number,
    pattern: RegExp,
    role: IdRole,
    from: number,
    start: number,
    end: number,
    line: number,
    table: MessageTable,
    mta: Mta,
  ): void {
    const found = needle.within(from, end);
    if (found < 0) return;
    let at = found + length;
    // OpenSMTPD has written envelope ids with a `0x` before them.
    if (role === 'envelope' && this.text.startsWith('0x', at)) at += 2;
    const idEnd = matchAt(pattern, this.text, at, end);
    if (idEnd >= 0) this.add(table, line, start, at, idEnd, role, mta);
  }

  private add(table: MessageTable, line: number, lineStart: number, at: number, idEnd: number, role: IdRole, mta: Mta): void {
    const keyEnd = role === 'envelope' ? at + ENVELOPE_MESSAGE_LENGTH : idEnd;
    table.add(line, at - lineStart, idEnd - lineStart, idKey(this.text, at, keyEnd), role, mta);
  }

  /** An id written as a field: followed by `:` and then a space or the end of the line. */
  private endsField(idEnd: number, end: number): boolean {
    return this.text.charCodeAt(idEnd) === 58 /* : */ && (idEnd + 1 === end || this.text.charCodeAt(idEnd + 1) === 32);
  }
}

/**
 * The MTA a syslog tag names, the tag's `]` standing at `close`: `postfix/smtp[123]`,
 * `postfix-out/submission/smtpd[9]`, `sendmail[5]`, `sm-mta[5]`, `smtpd[7]` (OpenSMTPD),
 * `exim[3]`. Undefined for any other program, or when `close` ends something else (`[192.0.2.1]`).
 */
function mtaOfTag(text: string, lineStart: number, close: number): Mta | undefined {
  let open = close - 1;
  while (open > lineStart && isDigit(text.charCodeAt(open))) open--;
  if (open === close - 1 || text.charCodeAt(open) !== 91 /* [ */) return undefined;
  let name = open;
  let slash = false;
  while (name > lineStart && text.charCodeAt(name - 1) !== 32) {
    name--;
    if (text.charCodeAt(name) === 47 /* / */) slash = true;
  }
  // Compared in place: a slice of every tag would be a string for every line of the log.
  const is = (program: string) => open - name === program.length && text.startsWith(program, name);
  if (slash && text.startsWith('postfix', name)) return 'postfix';
  if (is('sendmail') || text.startsWith('sm-', name)) return 'sendmail';
  if (is('smtpd')) return 'opensmtpd';
  if (is('exim') || is('exim4')) return 'exim';
  return undefined;
}

/** Appends the message ids of one line (without its line break), numbered `line`. */
export function scanMessageLine(text: string, line: number, table: MessageTable): void {
  new MessageScanner(text).line(0, text.length, line, table);
}

/** Appends the message ids of every line of a document (lines end as in LSP: `\r\n`, `\n`, a lone `\r`). */
export function scanMessages(text: string, table: MessageTable): void {
  const scanner = new MessageScanner(text);
  const lf = new Occurrences(text, '\n');
  const cr = new Occurrences(text, '\r');
  for (let start = 0, line = 0; ; line++) {
    const n = lf.within(start, text.length);
    const r = cr.within(start, text.length);
    const end = Math.min(n < 0 ? text.length : n, r < 0 ? text.length : r);
    scanner.line(start, end, line, table);
    if (end === text.length) return;
    start = end + (r === end && n === end + 1 ? 2 : 1);
  }
}
