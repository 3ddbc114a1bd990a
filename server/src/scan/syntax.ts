import type { CodeTable } from './codeTable';
import type { CodeContext, CodeMatch, ReplyMatch, SyntaxProblem } from './types';

/*
 * What codes and reply codes look like (RFC 3463 section 2, RFC 5321 section 4.2), read by hand
 * from the characters: the scan calls these for every candidate, so none of them allocates.
 */

/**
 * Something shaped like `class.subject.detail` that stands on its own: not preceded by a letter,
 * digit or dot (so never the tail of an IPv4 address or a version), nor by a version range's `^`
 * or `~`, not followed by a letter,
 * digit, `+`, a further `.1` / `-rc1` part or a range's `...`. Sub-codes of four digits are kept so they can
 * be reported as too long; `_` is allowed around it for qmail's `_550_5.1.1_`.
 * Every quantifier is bounded and the lookarounds are one character: linear, no backtracking blowup.
 * No capture groups: the match is parsed by hand, which spares an allocation per candidate.
 */
export const CANDIDATE = /(?<![A-Za-z0-9.^~])\d\.\d{1,4}\.\d{1,4}(?![A-Za-z0-9+]|[.-][A-Za-z0-9]|\.\.)/g;

/**
 * A reply code at the start of a line of a transcript (`250 ...`, `S: 250 ...`, swaks `<- 250`,
 * `<~ 250`, `<** 550`, `*** 550`), or after Postfix's `said:`. Read only on the line a hover asks
 * about, so the scan of a whole document never pays for them.
 */
const LINE_START_REPLY = /^[ \t]*(?:(?:S|Server):[ \t]*|<-[ \t]*|<~[ \t]*|<\*\*[ \t]*|\*\*\*[ \t]*)?([2-5][0-5]\d)(?=[ -]|$)/;
const SAID_REPLY = /\bsaid:[ _]?([2-5][0-5]\d)(?=[ -]|$)/g;

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

/**
 * Where the reply code right before a code starts, not looking before `limit` (offsets are
 * absolute), or -1: `550 5.1.1`, `550-5.1.1`, `550  5.1.1`, qmail's `_550_5.1.1`, and the
 * `550 #5.1.0` and `550: 5.2.2` some providers write. An offset rather than an object: a log
 * has a reply for most of its codes, and the scan allocates nothing per code.
 */
export function replyBefore(text: string, codeStart: number, limit: number): number {
  let p = codeStart;
  // `c` is always the character before `p` (then `q`): each is read once, as it runs for every code.
  let c = text.charCodeAt(p - 1);
  if (c === 35 /* # */ && p > limit) c = text.charCodeAt(--p - 1);
  let q = p;
  while (c === 32 /* space */ && q > limit && p - q < 3) c = text.charCodeAt(--q - 1);
  if (q === p) {
    if (c !== 45 /* - */ && c !== 95 /* _ */) return -1;
    q--;
  } else if (c === 58 /* : */ && q > limit) q--;
  const start = q - 3;
  // The digits checked, not read into a number: small enough for V8 to inline into the log's scan.
  if (start < limit || !isReplyCode(text.charCodeAt(start) - 48, text.charCodeAt(start + 1) - 48, text.charCodeAt(start + 2) - 48))
    return -1;
  if (start > limit && isWordOrDot(text.charCodeAt(start - 1))) return -1;
  return start;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `[A-Za-z0-9.]` */
export function isWordOrDot(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 46;
}

/** The three digits at `start` as a reply code, if RFC 5321 section 4.2 allows them: %x32-35 %x30-35 %x30-39. */
export function readReplyCode(text: string, start: number): number | undefined {
  const d0 = text.charCodeAt(start) - 48;
  const d1 = text.charCodeAt(start + 1) - 48;
  const d2 = text.charCodeAt(start + 2) - 48;
  return isReplyCode(d0, d1, d2) ? d0 * 100 + d1 * 10 + d2 : undefined;
}

/** Whether three digits (as numbers) make a reply code (see `readReplyCode`). */
function isReplyCode(d0: number, d1: number, d2: number): boolean {
  return d0 >= 2 && d0 <= 5 && d1 >= 0 && d1 <= 5 && d2 >= 0 && d2 <= 9;
}

/**
 * A candidate `d.d+.d+` read once, from the end the search gives (`test()` finds candidates without
 * allocating a match array): where it starts, its numbers and its syntax problem. One object,
 * filled again for every candidate, so that the scan allocates nothing per code and reads each
 * character of a code once, not once for every check and again for its row.
 */
export class Candidate {
  start = 0;
  end = 0;
  cls = 0;
  subject = 0;
  detail = 0;
  problem: SyntaxProblem | undefined = undefined;

  /**
   * Reads the candidate that ends at `end` in `text` (which is `d.d+.d+` there). The digits are
   * walked while they are digits, so a text of another shape ends the walk rather than running it
   * past the text's start. The log's scan (`scanLog`) reads its candidates the same way, in its
   * own loop.
   */
  read(text: string, end: number): this {
    let p = end - 1;
    // Each scale ends as 10 to the power of its number's digits: the syntax is read from the
    // numbers and their lengths, not from the characters again.
    let detail = 0;
    let detailScale = 1;
    for (let c = text.charCodeAt(p); isDigit(c); c = text.charCodeAt(--p), detailScale *= 10) detail += (c - 48) * detailScale;
    p--; // the dot before the detail
    let subject = 0;
    let subjectScale = 1;
    for (let c = text.charCodeAt(p); isDigit(c); c = text.charCodeAt(--p), subjectScale *= 10) subject += (c - 48) * subjectScale;
    const start = p - 1;
    const cls = text.charCodeAt(start) - 48;
    this.start = start;
    this.end = end;
    this.cls = cls;
    this.subject = subject;
    this.detail = detail;
    this.problem = problemOf(cls, subject, subjectScale, detail, detailScale);
    return this;
  }
}

/**
 * RFC 3463 section 2: class 2, 4 or 5; sub-codes of 1-3 digits without leading zeros. A scale is
 * 10 to the power of its sub-code's digits: more than 3 digits is a scale over 1000, a leading
 * zero a number of more than one digit below a tenth of its scale.
 */
export function problemOf(
  cls: number,
  subject: number,
  subjectScale: number,
  detail: number,
  detailScale: number,
): SyntaxProblem | undefined {
  if (subjectScale > 1000 || detailScale > 1000) return 'too-many-digits';
  if ((subjectScale > 10 && subject * 10 < subjectScale) || (detailScale > 10 && detail * 10 < detailScale)) return 'leading-zero';
  if (cls !== 2 && cls !== 4 && cls !== 5) return 'class';
  return undefined;
}

/** The syntax problem of the code `text` (`d.d+.d+`), if it has one. */
export function syntaxProblem(text: string): SyntaxProblem | undefined {
  return new Candidate().read(text, text.length).problem;
}

/**
 * Adds the candidate `code` of `text` to the table, with the reply code at `replyStart` (-1 for
 * none; before the code, or after it in Sendmail's `ERROR:5.7.1:550`), in columns on its line;
 * returns its index. `columnZero` is where column 0 of the line is in `text`'s offsets: the
 * line's start when `text` is the document, negative when `text` is a string literal's content
 * sliced out of the line (columns are then offsets plus its start on the line). `replyElsewhere`:
 * with no reply code in `text`, one that stands elsewhere (a payload's `"code": 550` beside the
 * field), or 0.
 * Positional, not an options object: it runs once per code, and an object per code would be garbage.
 *   (table, text, code, line, columnZero, context, replyStart, replyElsewhere)
 */
export function addMatch(
  table: CodeTable,
  text: string,
  code: Candidate,
  line: number,
  columnZero: number,
  context: CodeContext,
  replyStart: number,
  replyElsewhere = 0,
): number {
  const { start, end, problem } = code;
  // `550-5.1.1`: a reply code before the code and followed by `-` is a continuation line.
  const continuation = replyStart >= 0 && replyStart < start && text.charCodeAt(replyStart + 3) === 45 /* - */;
  return table.add(
    line,
    start - columnZero,
    end - columnZero,
    code.cls,
    code.subject,
    code.detail,
    context,
    problem,
    replyStart < 0 ? replyElsewhere : (readReplyCode(text, replyStart) ?? 0),
    replyStart < 0 ? -1 : replyStart - columnZero,
    continuation,
    // A valid code reads as its numbers; only a malformed one keeps its text as written.
    problem === undefined ? undefined : text.slice(start, end),
  );
}

/**
 * A code written as its three numbers (go-smtp's `EnhancedCode{5, 1, 1}`, KumoMTA's
 * `{"class": 5, "subject": 1, "detail": 1}`) at columns `[start, end)` of `line`; `replyCode` is
 * the reply code of the same struct or object, standing elsewhere (0 for none).
 */
export function codeFromParts(
  line: number,
  start: number,
  end: number,
  cls: string,
  subject: string,
  detail: string,
  context: CodeContext,
  replyCode: number,
): CodeMatch {
  const text = `${cls}.${subject}.${detail}`;
  return {
    line,
    start,
    end,
    text,
    class: Number(cls),
    subject: Number(subject),
    detail: Number(detail),
    problem: cls.length > 1 ? 'class' : syntaxProblem(text),
    context,
    // Its position is not known (it may stand on an earlier line); only its value matters.
    reply: replyCode === 0 ? undefined : { start: -1, end: -1, code: replyCode, continuation: false },
    action: undefined,
    vendor: undefined,
  };
}

/** A set of ASCII characters, looked up by character code (the scan asks for every code; no string is made). */
export type CharSet = Uint8Array;

export function charSet(chars: string): CharSet {
  const set = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) set[chars.charCodeAt(i)] = 1;
  return set;
}

/** The offset before `end` after stepping back over at most `max` characters from `set` (not before `limit`). */
export function skipBack(text: string, end: number, limit: number, set: CharSet, max: number): number {
  let p = end;
  while (p > limit && end - p < max && set[text.charCodeAt(p - 1)] === 1) p--;
  return p;
}

export function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
