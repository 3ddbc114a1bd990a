import type { SourceSyntax, StringForm } from './languages';

/*
 * The string literals of one line of source code, comments skipped, given what the line starts
 * inside of (a block comment, a multi-line string). Each language's forms come from `languages.ts`.
 */

/** Receives the content `text[from, to)` of a string literal; `literalStart`: the literal opens at `from`. */
export type StringVisitor = (from: number, to: number, literalStart: boolean) => void;

/** Receives a stretch `text[from, to)` of code: neither string nor comment. */
export type CodeVisitor = (from: number, to: number) => void;

/**
 * Finds the string literals on the line `text[lineStart, lineEnd)`, skipping comments, and hands
 * their contents to `visit` (and the code between them to `visitCode`). `inside` is the opener of
 * what the line starts inside of (a string form or a block comment); returns the one the next line
 * starts inside of.
 */
export function forEachString(
  text: string,
  lineStart: number,
  lineEnd: number,
  inside: string | undefined,
  syntax: SourceSyntax,
  visit: StringVisitor,
  visitCode?: CodeVisitor,
): string | undefined {
  let i = lineStart;
  if (inside !== undefined) {
    const open = syntax.byOpener.get(inside);
    if (open === undefined) {
      // A state from another language's syntax (the document's language changed): start afresh.
    } else if (Array.isArray(open)) {
      const end = indexOnLine(text, open[1], i, lineEnd);
      if (end === -1) return inside;
      i = end + open[1].length;
    } else {
      const stringForm = open as StringForm;
      const end = findClose(text, i, lineEnd, stringForm);
      visit(i, end === -1 ? lineEnd : end, false);
      if (end === -1) return inside;
      i = end + stringForm.close.length;
    }
  }

  let codeStart = i;
  const flushCode = (to: number) => {
    if (visitCode !== undefined && to > codeStart) visitCode(codeStart, to);
  };
  // YAML: where a value may start (the line's start, after `- `, `: `, `{`, `[` or `,`), and how
  // deep in flow collections (`{...}`, `[...]`) the reading is.
  let valueStart = syntax.plainScalars;
  let flow = 0;
  // A plain scalar can be a key (`status:`) only at the start of an entry: after `status: `, a
  // `: ` inside the value (`550 5.1.1 rejected: User unknown`) belongs to the value.
  let keyAllowed = true;
  while (i < lineEnd) {
    const c = text.charCodeAt(i);
    if (syntax.plainScalars) {
      if (valueStart && !isBlank(c)) {
        const next = plainScalarAt(text, i, lineEnd, flow > 0, keyAllowed, visit, flushCode);
        if (next !== undefined) {
          // After a key, its value; after a value, nothing more on the line (but in a flow collection).
          if (text.charCodeAt(next - 1) !== 58 /* : */) valueStart = false;
          keyAllowed = false;
          i = codeStart = next;
          continue;
        }
        valueStart = false;
      }
      if (c === 123 /* { */ || c === 91 /* [ */) flow++;
      else if ((c === 125 /* } */ || c === 93) /* ] */ && flow > 0) flow--;
      if (isValueOpener(text, i, lineEnd)) {
        valueStart = true;
        keyAllowed = c !== 58 /* : */;
      }
    }
    if (c >= 128 || syntax.starts[c] === 0) {
      i++;
      continue;
    }
    const comment = blockCommentAt(text, i, syntax);
    if (comment !== undefined) {
      flushCode(i);
      const end = indexOnLine(text, comment[1], i + comment[0].length, lineEnd);
      if (end === -1) return comment[0];
      i = codeStart = end + comment[1].length;
      continue;
    }
    if (isLineComment(text, i, lineStart, syntax)) {
      flushCode(i);
      return undefined;
    }
    if (c === 39 /* ' */ && syntax.singleQuoteIsChar) {
      i += charLiteralLength(text, i, lineEnd);
      continue;
    }
    if (syntax.charPrefix !== undefined && text[i] === syntax.charPrefix && !isWordChar(text.charCodeAt(i - 1))) {
      // `$"` (Erlang), `?"` (Elixir): the character after it, or an escape.
      i += text.charCodeAt(i + 1) === 92 /* \ */ ? 3 : 2;
      continue;
    }
    const stringForm = formAt(text, i, syntax);
    if (stringForm !== undefined) {
      flushCode(i);
      const contentStart = i + stringForm.open.length;
      const end = findClose(text, contentStart, lineEnd, stringForm);
      visit(contentStart, end === -1 ? lineEnd : end, true);
      if (end === -1) return stringForm.multiLine ? stringForm.open : undefined;
      i = codeStart = end + stringForm.close.length;
      continue;
    }
    i++;
  }
  flushCode(lineEnd);
  return undefined;
}

function formAt(text: string, i: number, syntax: SourceSyntax): StringForm | undefined {
  const forms = syntax.formsByFirst[text.charCodeAt(i)];
  if (forms === undefined) return undefined;
  for (const candidate of forms) if (text.startsWith(candidate.open, i)) return candidate;
  return undefined;
}

function blockCommentAt(text: string, i: number, syntax: SourceSyntax): readonly [string, string] | undefined {
  for (const comment of syntax.blockComments) if (text.startsWith(comment[0], i)) return comment;
  return undefined;
}

/**
 * YAML: the plain (unquoted) scalar at `i`, where a value may start. A key (`status:`) is handed to
 * `flushCode` as code, so that a key reader sees it as one; a value to `visit`. Returns where
 * reading goes on, or undefined when no plain scalar starts at `i` (a quote, a flow collection,
 * a block scalar's `|`, a comment).
 */
function plainScalarAt(
  text: string,
  i: number,
  lineEnd: number,
  inFlow: boolean,
  keyAllowed: boolean,
  visit: StringVisitor,
  flushCode: (to: number) => void,
): number | undefined {
  const c = text.charCodeAt(i);
  // Indicators that open something else: quotes, flow collections, block scalars, comments, anchors,
  // aliases and tags, directives. A `-` or `?` followed by a space is a list item or a complex key.
  if ('"\'{}[]|>#&*!%@`,'.includes(text[i])) return undefined;
  if ((c === 45 /* - */ || c === 63) /* ? */ && (i + 1 >= lineEnd || text.charCodeAt(i + 1) === 32)) return undefined;
  let end = i;
  while (end < lineEnd) {
    const e = text.charCodeAt(end);
    // `: ` ends a key, ` #` starts a comment; in a flow collection `,`, `]` and `}` end the scalar.
    if (keyAllowed && e === 58 /* : */ && (end + 1 >= lineEnd || text.charCodeAt(end + 1) === 32 || text.charCodeAt(end + 1) === 9)) {
      flushCode(end + 1);
      return end + 1;
    }
    if (e === 35 /* # */ && isBlank(text.charCodeAt(end - 1))) break;
    if (inFlow && (e === 44 /* , */ || e === 93 /* ] */ || e === 125) /* } */) break;
    end++;
  }
  let to = end;
  while (to > i && isBlank(text.charCodeAt(to - 1))) to--;
  flushCode(i);
  visit(i, to, true);
  // A comment runs to the line's end.
  return end < lineEnd && text.charCodeAt(end) === 35 ? lineEnd : end;
}

/** YAML: the character at `i` lets a value start right after it (`- `, `: `, `? `, `{`, `[`, `,`). */
function isValueOpener(text: string, i: number, lineEnd: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 123 /* { */ || c === 91 /* [ */ || c === 44 /* , */) return true;
  if (c !== 45 /* - */ && c !== 58 /* : */ && c !== 63 /* ? */) return false;
  return i + 1 >= lineEnd || isBlank(text.charCodeAt(i + 1));
}

const isBlank = (c: number) => c === 32 || c === 9;

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * Offset of `needle` in `text[from, lineEnd)`, or -1. Searching the line only (not on to the end
 * of the document) keeps a scan linear inside an unclosed comment: every line would search the rest.
 */
function indexOnLine(text: string, needle: string, from: number, lineEnd: number): number {
  const at = text.slice(from, lineEnd).indexOf(needle);
  return at === -1 ? -1 : from + at;
}

function isLineComment(text: string, i: number, lineStart: number, syntax: SourceSyntax): boolean {
  for (const marker of syntax.lineComments) {
    if (!text.startsWith(marker, i)) continue;
    // `#` opens a comment only as a word of its own (`$#array`, `${#x}` and `#!` paths are not).
    if (marker === '#' && i > lineStart && !/\s/.test(text[i - 1])) continue;
    return true;
  }
  return false;
}

/** Offset of the form's closing delimiter on the line, honouring its escapes; -1 when the line ends first. */
export function findClose(text: string, from: number, lineEnd: number, stringForm: StringForm): number {
  const { close, escapes } = stringForm;
  const first = close.charCodeAt(0);
  for (let i = from; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */ && escapes === 'backslash') {
      i++;
      continue;
    }
    if (c !== first || i + close.length > lineEnd || !text.startsWith(close, i)) continue;
    // `""` in a C# verbatim string, `''` in a YAML one: the quote itself.
    if (escapes === 'doubled' && text.charCodeAt(i + close.length) === first) {
      i += close.length;
      continue;
    }
    return i;
  }
  return -1;
}

/** Length of a character literal at `i` (`'a'`, `'\n'`, `'\u{1F600}'`), or 1 for a lone quote (a Rust lifetime). */
function charLiteralLength(text: string, i: number, lineEnd: number): number {
  if (text[i + 1] === '\\') {
    const close = text.indexOf("'", i + 2);
    return close !== -1 && close < lineEnd && close - i <= 12 ? close - i + 1 : 1;
  }
  const cp = text.codePointAt(i + 1);
  const width = cp !== undefined && cp > 0xffff ? 2 : 1;
  return text[i + 1 + width] === "'" ? width + 2 : 1;
}
