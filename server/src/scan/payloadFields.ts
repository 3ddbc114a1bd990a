import type { SourceSyntax } from './languages';
import { codeFromParts } from './syntax';
import type { CodeMatch } from './types';

/*
 * Providers' event payloads (Amazon SES, Mailgun, SendGrid, Postmark, SparkPost, Mandrill, Brevo,
 * Mailjet, Postal, KumoMTA's logs) carry codes in keyed fields: the key says what a string is, so
 * `"status": "5.1.1"` is a code where `"version": "5.1.3"` is not. The same keys are read in JSON,
 * YAML and TOML and in the object, dict and hash literals of source code. Keys are read from the
 * code between string literals, one line at a time: a key and its value stand on one line.
 */

/** What a key says its value is. */
export type FieldKind =
  /** An enhanced code: SES `status`, Mailgun `enhanced-code`. */
  | 'status'
  /** A reply as the remote server gave it, or its text: codes open it or follow a reply code. */
  | 'reply-text'
  /** A numeric reply code (Mailgun `code: 550`), checked against the enhanced code beside it. */
  | 'reply-code'
  /** KumoMTA's `enhanced_code: {class, subject, detail}`. */
  | 'enhanced-parts';

/** The keys, spelled as the providers spell them (keys are case-sensitive in every payload). */
const FIELD_KINDS: ReadonlyMap<string, FieldKind> = new Map<string, FieldKind>([
  // Amazon SES bounce, delay and delivery notifications.
  ['status', 'status'],
  ['diagnosticCode', 'reply-text'],
  ['smtpResponse', 'reply-text'],
  // Mailgun's `delivery-status`.
  ['code', 'reply-code'],
  ['enhanced-code', 'status'],
  ['message', 'reply-text'],
  ['description', 'reply-text'],
  // SendGrid (and SparkPost's `reason`, Brevo's).
  ['reason', 'reply-text'],
  ['response', 'reply-text'],
  // Postmark.
  ['Details', 'reply-text'],
  ['Description', 'reply-text'],
  // SparkPost: `error_code` is the reply code, as a string.
  ['error_code', 'reply-code'],
  ['raw_reason', 'reply-text'],
  // Mandrill.
  ['diag', 'reply-text'],
  ['bounce_description', 'reply-text'],
  // Mailjet.
  ['smtp_reply', 'reply-text'],
  ['comment', 'reply-text'],
  // Postal.
  ['details', 'reply-text'],
  ['output', 'reply-text'],
  // KumoMTA's log records: `"response": {"code": 550, "enhanced_code": {...}}`.
  ['enhanced_code', 'enhanced-parts'],
]);

/** The longest key above: longer identifiers are not looked up. */
const LONGEST_KEY = 20;

/** The kind of a key, or undefined for keys that say nothing. */
export function fieldKind(key: string): FieldKind | undefined {
  return key.length <= LONGEST_KEY ? FIELD_KINDS.get(key) : undefined;
}

/**
 * KumoMTA's `enhanced_code` object on one line, from its `{`: `{"class": 5, "subject": 1,
 * "detail": 1}` (also unquoted keys, `=` and `=>`, for the same record in Lua or Ruby). Sticky and
 * read at one offset; `[ \t]*` never crosses a line, and no two quantifiers touch.
 */
const ENHANCED_PARTS =
  /\{[ \t]*["']?class["']?[ \t]*(?::|=>?)[ \t]*(\d{1,4})[ \t]*,[ \t]*["']?subject["']?[ \t]*(?::|=>?)[ \t]*(\d{1,4})[ \t]*,[ \t]*["']?detail["']?[ \t]*(?::|=>?)[ \t]*(\d{1,4})[ \t]*\}/y;

/**
 * The reading of keys on one line. It starts from the reply code of the object the line starts
 * in (`reply`, 0 for none; `scope`: braces opened since, or in YAML the column of its key) and
 * leaves them for the next line.
 */
export class FieldReader {
  /** The kind of the key whose value the next string literal is, and where that key starts. */
  private pending: FieldKind | undefined;
  private pendingStart = 0;
  /** The reply code that applies to the last string literal's value, or 0. */
  valueReply = 0;
  /** The reply code was read on this line. */
  private replyHere = false;
  /** The content of the last string literal, a key when a separator follows it. */
  private lastFrom = -1;
  private lastTo = -1;

  constructor(
    private readonly text: string,
    private readonly lineStart: number,
    private readonly line: number,
    private readonly syntax: SourceSyntax,
    /** The numeric reply code of the enclosing object, or 0. */
    public reply: number,
    public scope: number,
  ) {
    // YAML: a line indented less than the reply code's key has left its object.
    if (reply !== 0 && syntax.plainScalars && isEntryLine(text, lineStart) && indentOf(text, lineStart) < scope) this.reply = 0;
  }

  /**
   * A string literal's content `[from, to)`: the kind its key gives it (its key is used up). Sets
   * `valueReply` to the object's reply code when the key is the reply code's sibling (a nested
   * object's fields are not checked against it).
   */
  stringValue(from: number, to: number): FieldKind | undefined {
    const kind = this.pending;
    this.pending = undefined;
    this.valueReply = kind !== undefined && this.isSibling(this.pendingStart) ? this.reply : 0;
    this.lastFrom = from;
    this.lastTo = to;
    // SparkPost writes its reply code as a string: `"error_code": "554"`.
    if (kind === 'reply-code' && to - from === 3) this.setReply(readReply(this.text, from), this.pendingStart);
    return kind;
  }

  /** Code between string literals, `[from, to)`: keys and their separators, numbers, braces; codes written as parts go to `add`. */
  code(from: number, to: number, add: (match: CodeMatch) => void): void {
    const text = this.text;
    // Blanks between a key and its value (YAML's `status: 5.1.1`) change nothing.
    let first = from;
    while (first < to && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9)) first++;
    if (first === to) return;
    // YAML hands a key and its value over apart: `enhanced_code:`, then ` {class: 5, ...`.
    if (this.pending === 'enhanced-parts' && text.charCodeAt(first) === 123 /* { */) this.enhancedParts(first, this.pendingStart, add);
    // The segment starts where the last string literal closed (a key, if a separator follows).
    const afterString = this.lastFrom;
    const stringEnd = this.lastTo;
    this.lastFrom = this.lastTo = -1;
    this.pending = undefined;
    for (let p = from; p < to; p++) {
      const c = text.charCodeAt(p);
      if (c === 123 /* { */ || c === 91 /* [ */) {
        if (this.reply !== 0 && !this.syntax.plainScalars) this.scope++;
        continue;
      }
      if (c === 125 /* } */ || c === 93 /* ] */) {
        if (this.reply !== 0 && !this.syntax.plainScalars && --this.scope < 0) this.reply = 0;
        continue;
      }
      const separator = separatorAt(text, p, from);
      if (separator === 0) continue;
      const key = this.keyBefore(from, p, afterString, stringEnd);
      p += separator - 1;
      if (key === undefined) continue;
      let q = p + 1;
      while (q < to && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9)) q++;
      if (q >= to) {
        this.pending = key.kind;
        this.pendingStart = key.start;
      } else if (key.kind === 'reply-code' && (text.charCodeAt(p) !== 61 /* = */ || this.syntax.data)) {
        // `code: 550` (`=` only in data files: in code it is an assignment, not an object's field).
        this.setReply(readReply(text, q), key.start);
      } else if (key.kind === 'enhanced-parts' && text.charCodeAt(q) === 123) this.enhancedParts(q, key.start, add);
    }
  }

  /** The key that ends right before the separator at `p`: an identifier, or the string literal just before. */
  private keyBefore(from: number, p: number, stringFrom: number, stringEnd: number): { kind: FieldKind; start: number } | undefined {
    const text = this.text;
    let k = p;
    while (k > from && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9)) k--;
    // A quoted key: the separator follows the string literal's closing quote.
    if (k === from && stringFrom >= 0) {
      const kind = stringEnd - stringFrom <= LONGEST_KEY ? fieldKind(text.slice(stringFrom, stringEnd)) : undefined;
      return kind === undefined ? undefined : { kind, start: stringFrom - 1 };
    }
    let start = k;
    while (start > from && k - start <= LONGEST_KEY && isKeyChar(text.charCodeAt(start - 1))) start--;
    if (start === k || k - start > LONGEST_KEY) return undefined;
    const kind = fieldKind(text.slice(start, k));
    return kind === undefined ? undefined : { kind, start };
  }

  /** Whether a key at `keyStart` is a field of the object whose reply code is known. */
  private isSibling(keyStart: number): boolean {
    // In YAML, a flow mapping on the reply code's own line (`{code: 550, enhanced_code: {...}}`) counts as its object.
    if (this.syntax.plainScalars) return this.replyHere || keyStart - this.lineStart === this.scope;
    return this.scope === 0;
  }

  private setReply(code: number, keyStart: number): void {
    if (code === 0) return;
    this.reply = code;
    this.replyHere = true;
    // Braces opened from here on belong to the object's fields; in YAML the key's column bounds it.
    this.scope = this.syntax.plainScalars ? keyStart - this.lineStart : 0;
  }

  /** KumoMTA's `enhanced_code: {class, subject, detail}` at `brace`: one code, checked against the object's reply code. */
  private enhancedParts(brace: number, keyStart: number, add: (match: CodeMatch) => void): void {
    ENHANCED_PARTS.lastIndex = brace;
    const m = ENHANCED_PARTS.exec(this.text);
    if (m === null) return;
    const [whole, cls, subject, detail] = m;
    const start = brace + whole.indexOf(cls, whole.indexOf('class') + 5);
    const end = brace + whole.lastIndexOf(detail) + detail.length;
    add(
      codeFromParts(
        this.line,
        start - this.lineStart,
        end - this.lineStart,
        cls,
        subject,
        detail,
        'dsn-field',
        this.isSibling(keyStart) ? this.reply : 0,
      ),
    );
  }
}

/** The length of a key's separator at `p` (`:`, `=`, `=>`, `:=`), or 0 (`::`, `==`, `!=`, `<=`, a URL's `://`). */
function separatorAt(text: string, p: number, from: number): number {
  const c = text.charCodeAt(p);
  const next = text.charCodeAt(p + 1);
  if (c === 58 /* : */) {
    if (next === 58 || next === 47 /* / */ || (p > from && text.charCodeAt(p - 1) === 58)) return 0;
    return next === 61 ? 2 : 1;
  }
  if (c !== 61 /* = */) return 0;
  if (next === 61) return 0;
  const before = p > from ? text.charCodeAt(p - 1) : 0;
  if (before !== 0 && '=!<>+-*/%&|^~?.'.includes(String.fromCharCode(before))) return 0;
  return next === 62 /* > */ ? 2 : 1;
}

/** The reply code at `q` (three digits RFC 5321 allows, standing alone), or 0. */
function readReply(text: string, q: number): number {
  const d0 = text.charCodeAt(q) - 48;
  const d1 = text.charCodeAt(q + 1) - 48;
  const d2 = text.charCodeAt(q + 2) - 48;
  if (d0 < 2 || d0 > 5 || d1 < 0 || d1 > 5 || d2 < 0 || d2 > 9) return 0;
  const after = text.charCodeAt(q + 3);
  if ((after >= 48 && after <= 57) || after === 46 /* . */) return 0;
  return d0 * 100 + d1 * 10 + d2;
}

/** `[A-Za-z0-9_-]`: the characters of the keys above (`enhanced-code`, `error_code`). */
function isKeyChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}

/** Columns of blanks at the start of the line. */
function indentOf(text: string, lineStart: number): number {
  let p = lineStart;
  while (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9) p++;
  return p - lineStart;
}

/** YAML: a line that holds an entry (not blank, not a comment). */
function isEntryLine(text: string, lineStart: number): boolean {
  const c = text.charCodeAt(lineStart + indentOf(text, lineStart));
  return !Number.isNaN(c) && c !== 10 && c !== 13 && c !== 35 /* # */;
}

/**
 * The kind of the key of a JSON value held, escaped, inside a string, when the code at `start`
 * opens that value: `\"status\":\"5.1.1\"` (SNS delivers SES notifications so). Reads back a few
 * characters from `start` only.
 */
export function escapedFieldBefore(content: string, start: number): FieldKind | undefined {
  let p = escapedQuoteBefore(content, start);
  if (p < 0) return undefined;
  while (p > 0 && content.charCodeAt(p - 1) === 32) p--;
  if (content.charCodeAt(p - 1) !== 58 /* : */) return undefined;
  p--;
  while (p > 0 && content.charCodeAt(p - 1) === 32) p--;
  const keyEnd = escapedQuoteBefore(content, p);
  if (keyEnd < 0) return undefined;
  let k = keyEnd;
  while (k > 0 && keyEnd - k <= LONGEST_KEY && isKeyChar(content.charCodeAt(k - 1))) k--;
  if (k === keyEnd || escapedQuoteBefore(content, k) < 0) return undefined;
  return fieldKind(content.slice(k, keyEnd));
}

/** Where the `\"` that ends right at `end` starts, or -1. */
function escapedQuoteBefore(content: string, end: number): number {
  return end >= 2 && content.charCodeAt(end - 1) === 34 && content.charCodeAt(end - 2) === 92 ? end - 2 : -1;
}
