import { charSet, isDigit, isLetter, skipBack } from './syntax';

/*
 * The words around a number that say what it is: a status field (`dsn=`, `Status:`), a version
 * (`version 2.10.1`, `ESMTP Exim 4.94.2`, a changelog heading), a configuration action
 * (`REJECT`, Sendmail's `ERROR:`). Every pattern is anchored and bounded by a lookback, so each
 * test costs a few dozen characters at most.
 */

/** RFC 3464 fields at the start of a line: `Status: `, `Diagnostic-Code: smtp; `. */
export const DSN_FIELD_BEFORE =
  /^[ \t]*(?:Status|Diagnostic-Code|Remote-Status|X-Postfix-Status)[ \t]*:[ \t]*(?:[A-Za-z][\w-]*[ \t]*;[ \t]*)?["']?$/i;

/**
 * Words right before a number that make it something else: a version (`version 2.10.1`,
 * `ver. 2.0.0`, `Berkeley DB: 5.3.21`, `Apple Mail (2.753.1)`, `update lodash to 4.0.0`, and mail
 * software naming its version in banners and headers: `ESMTP Exim 4.94.2`,
 * `CommuniGate Pro SMTP 4.1.8`, `PHPMailer 5.2.7`) or a document section (`RFC 3501 section 5.1.3`).
 */
export const VERSION_BEFORE =
  /\b(?:(?:updat|upgrad|downgrad|bump)\w*\b[^.\n]{0,24}\bto|section|sec|§|version|ver|release|rev|revision|build|v|DB|Mail|Exim|Postfix|Sendmail|qmail|Dovecot|Courier|CommuniGate(?: Pro)?(?: SMTP)?|PHPMailer|OpenSMTPD|Haraka|Zimbra|MDaemon|Kerio(?: Connect)?|hMailServer|Exchange(?: Server)?|ESMTP|OpenSSL|GnuTLS|Linux|FreeBSD|Debian|Ubuntu|Node(?:\.js)?|Python|Perl|PHP)[\s:=(."'/]{0,4}$/i;

/** Anywhere before a string on its line: a key or name that says the string is a version (Erlang's `-vsn("1.2.3")`). */
export const VERSION_KEY_BEFORE = /version|\bver\b|\bvsn\b|release|revision/i;

/** How far back the field and version checks look; they are anchored at the end, so this bounds them. */
export const LOOKBACK = 32;
const DSN_FIELD_LOOKBACK = 80;

/** A line whose first visible character is `#`: a comment in every format read in config mode. */
export const COMMENT_LINE = /^[ \t]*#/;

/** Postfix access(5) and header_checks(5) actions whose optional text may start with a code. */
export const ACTION_BEFORE = /\b(REJECT|DEFER|DEFER_IF_PERMIT|DEFER_IF_REJECT)[ \t]+$/i;

/** Sendmail access: `ERROR:5.7.1:550 text` (also quoted: `ERROR:"5.7.1:550 text"`). */
export const SENDMAIL_ERROR_BEFORE = /\bERROR:["']?$/i;

/** A date or a release word right after a number: the number is a release. */
export const VERSION_AFTER =
  /^(?:[\]*)\s]{0,3}(?:[-–|/:,(]\s{0,2})?\(?\d{4}-\d{2}-\d{2}|\s+(?:release|version|beta|alpha|rc\d*|branch|series)\b)/i;

/**
 * Only markdown markup before the number on its line: a changelog heading or link reference.
 * Character classes only (no repeated group), so a line of `#` cannot make it backtrack.
 */
export const HEADING_BEFORE = /^[ \t]*[#*_[][ \t#*_[]*$/;

/** Where a value stands, by `statusFieldAt`: in no status field, in a log's (`dsn=`, qmail's `(#`), or in a header field (`Status: `). */
export const NO_FIELD = 0;
export const LOG_FIELD = 1;
export const HEADER_FIELD = 2;

export function isStatusField(text: string, lineStart: number, end: number): boolean {
  return statusFieldAt(text, lineStart, end) !== NO_FIELD;
}

/**
 * Whether the value ending the text before `end` stands in a status field, and in which kind. The
 * character before the value is read once and decides which fields can stand there: it runs for
 * every code of a log.
 */
export function statusFieldAt(text: string, lineStart: number, end: number): typeof NO_FIELD | typeof LOG_FIELD | typeof HEADER_FIELD {
  if (end <= lineStart) return NO_FIELD;
  const before = text.charCodeAt(end - 1);
  if (before === 61 /* = */) return isLogFieldName(text, Math.max(lineStart, end - LOOKBACK), end - 1) ? LOG_FIELD : NO_FIELD;
  // qmail writes the status of a bounce in parentheses: `(#5.1.1)`, `(#4.4.1 - chkusr)`.
  if (before === 35 /* # */) return end - 2 >= lineStart && text.charCodeAt(end - 2) === 40 /* ( */ ? LOG_FIELD : NO_FIELD;
  return quotedOrHeaderFieldAt(text, lineStart, end, before);
}

/**
 * `statusFieldAt` for a value after anything but `=` or `#`: a quoted log field or a header field.
 * A function of its own, so that the common cases above are small enough for V8 to inline into
 * the scan, which asks for every code.
 */
function quotedOrHeaderFieldAt(
  text: string,
  lineStart: number,
  end: number,
  before: number,
): typeof NO_FIELD | typeof LOG_FIELD | typeof HEADER_FIELD {
  let beforeQuote = end;
  if (before < 128 && QUOTES[before] === 1) {
    // A quoted log field: `dsn="5.1.1"`, `stat='5.2.2'`.
    beforeQuote = end - 1;
    const equals = beforeQuote - 1;
    if (equals >= lineStart && text.charCodeAt(equals) === 61 /* = */ && isLogFieldName(text, Math.max(lineStart, end - LOOKBACK), equals))
      return LOG_FIELD;
  }
  // A header field's value stands near the start of its line (most codes of a log do not), and
  // its pattern runs only when the character it must end with is there.
  if (end - lineStart > DSN_FIELD_LOOKBACK) return NO_FIELD;
  const separator = text.charCodeAt(skipBack(text, beforeQuote, lineStart, BLANKS, DSN_FIELD_LOOKBACK) - 1);
  if (separator !== 58 /* : */ && separator !== 59 /* ; */) return NO_FIELD;
  return DSN_FIELD_BEFORE.test(text.slice(lineStart, end)) ? HEADER_FIELD : NO_FIELD;
}

/**
 * Whether `text[.., equals)` ends in the name of a log field whose value is a status, in any case
 * and as a word of its own (`dsn`, not `xdsn`), not looking before `from`. Read by hand rather than
 * by a pattern: it is asked for most codes of a Postfix or Sendmail log. Only the names that end in
 * the letter before `=` are compared, each from where it would start.
 */
function isLogFieldName(text: string, from: number, equals: number): boolean {
  const last = text.charCodeAt(equals - 1) | 0x20;
  const names = last < LOG_FIELD_NAMES_BY_LAST.length ? LOG_FIELD_NAMES_BY_LAST[last] : undefined;
  if (names === undefined) return false;
  for (const name of names) {
    const start = equals - name.length;
    if (start >= from && sameLetters(text, start, name) && (start === from || !isWordCharacter(text.charCodeAt(start - 1)))) return true;
  }
  return false;
}

/** Whether `text` at `start` holds `lower` (lower-case letters) in any case. */
function sameLetters(text: string, start: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) if ((text.charCodeAt(start + i) | 0x20) !== lower.charCodeAt(i)) return false;
  return true;
}

/** `\w`: a letter, digit or `_`. */
function isWordCharacter(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 95 /* _ */;
}

/** Log fields whose value is a status: Postfix and Sendmail `dsn=`, `stat=`, `status=`, `result=` (lower-case). */
const LOG_FIELD_NAMES = ['dsn', 'stat', 'status', 'result'];
/** The names by the character code of their last letter (`t`: `stat` and `result`). */
const LOG_FIELD_NAMES_BY_LAST: (readonly string[] | undefined)[] = new Array<string[] | undefined>(128).fill(undefined);
for (const name of LOG_FIELD_NAMES) {
  const last = name.charCodeAt(name.length - 1);
  LOG_FIELD_NAMES_BY_LAST[last] = [...(LOG_FIELD_NAMES_BY_LAST[last] ?? []), name];
}
const QUOTES = charSet('"\'(');
const BLANKS = charSet(' \t');
/** What may stand between a version word and its number. */
export const VERSION_GAP = charSet(' \t:=(."\'/');
