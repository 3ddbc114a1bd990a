import { isMtaConfigFile, LOG_LANGUAGES } from '../../../common';
import type { ScanMode } from './types';

/** How a string form treats what would close it: `\"` (most languages), nothing (raw strings), `""` (C# verbatim, YAML `''`). */
export type Escapes = 'backslash' | 'none' | 'doubled';

/** One way a language writes a string literal: `"..."`, Python's `"""..."""`, C#'s `@"..."`, Lua's `[[...]]`. */
export interface StringForm {
  readonly open: string;
  readonly close: string;
  readonly escapes: Escapes;
  /** It may run over several lines; a one-line form that is not closed ends with its line. */
  readonly multiLine: boolean;
}

/**
 * How a source language writes comments and strings: just enough to find string literals and
 * skip comments, line by line. Not a tokenizer; it errs towards reading less.
 */
export interface SourceSyntax {
  /** Starts of line comments (`//`, `#`, `--`, `%`). */
  readonly lineComments: readonly string[];
  /** Block comment delimiters: C's slash-star pair, Lua's `--[[ ]]`. */
  readonly blockComments: readonly (readonly [open: string, close: string])[];
  readonly strings: readonly StringForm[];
  /** `'` opens only a short character literal (`'a'`, `'\n'`): C, Java, Rust, Go, C#, Kotlin. */
  readonly singleQuoteIsChar: boolean;
  /** A character before any one character makes a character literal: Erlang's `$"`, Elixir's `?"`. */
  readonly charPrefix?: string;
  /** Data files (JSON, YAML, ...): a string holding only a code is usually a version. */
  readonly data: boolean;
  /** YAML: unquoted (plain) scalars are strings, and quotes open one only where a value starts. */
  readonly plainScalars: boolean;
  /** Per ASCII character: whether a comment, a string or a character literal may start with it. */
  readonly starts: Uint8Array;
  /** Per ASCII character: the string forms that open with it, longest first. */
  readonly formsByFirst: readonly (readonly StringForm[] | undefined)[];
  /** What a line can start inside of (the `inside` of a line state: a form's or a block comment's opener). */
  readonly byOpener: ReadonlyMap<string, StringForm | readonly [open: string, close: string]>;
}

type SyntaxSpec = Pick<SourceSyntax, 'lineComments' | 'strings'> &
  Partial<Pick<SourceSyntax, 'blockComments' | 'singleQuoteIsChar' | 'charPrefix' | 'data' | 'plainScalars'>>;

function syntax(spec: SyntaxSpec): SourceSyntax {
  const blockComments = spec.blockComments ?? [];
  const starts = new Uint8Array(128);
  const formsByFirst: StringForm[][] = [];
  const byOpener = new Map<string, StringForm | readonly [string, string]>();
  for (const marker of [...spec.lineComments, ...blockComments.map(([open]) => open)]) starts[marker.charCodeAt(0)] = 1;
  for (const comment of blockComments) byOpener.set(comment[0], comment);
  for (const form of spec.strings) {
    const first = form.open.charCodeAt(0);
    starts[first] = 1;
    (formsByFirst[first] ??= []).push(form);
    byOpener.set(form.open, form);
  }
  for (const forms of formsByFirst) forms?.sort((a, b) => b.open.length - a.open.length);
  if (spec.singleQuoteIsChar) starts[39] = 1;
  if (spec.charPrefix !== undefined) starts[spec.charPrefix.charCodeAt(0)] = 1;
  return {
    singleQuoteIsChar: false,
    data: false,
    plainScalars: false,
    ...spec,
    blockComments,
    starts,
    formsByFirst: Array.from({ length: 128 }, (_, c) => formsByFirst[c]),
    byOpener,
  };
}

/** A string form; by default `"`-like: closed by its opener, backslash escapes, one line. */
const form = (open: string, close = open, escapes: Escapes = 'backslash', multiLine = false): StringForm => ({
  open,
  close,
  escapes,
  multiLine,
});

const DOUBLE = form('"');
const SINGLE = form("'");
const SLASH_COMMENTS = { lineComments: ['//'], blockComments: [['/*', '*/']] as const };

/** Lua's long brackets: `[[ ]]`, `[=[ ]=]`, ... (levels beyond a few are not written in practice). */
const LUA_LEVELS = ['', '=', '==', '==='];

/** Elixir's sigils that make strings, charlists and word lists: `~s(...)`, `~S[...]`, `~w{...}`, heredocs `~s"""`. */
function elixirSigils(): StringForm[] {
  const pairs: [string, string][] = [
    ['(', ')'],
    ['[', ']'],
    ['{', '}'],
    ['<', '>'],
    ...['/', '|', '"', "'", '"""', "'''"].map((d): [string, string] => [d, d]),
  ];
  return [...'sScCwW'].flatMap((letter) =>
    // Upper-case sigils take their content as written; lower-case ones have escapes.
    pairs.map(([open, close]) => form(`~${letter}${open}`, close, letter === letter.toUpperCase() ? 'none' : 'backslash', true)),
  );
}

const cLike = syntax({ ...SLASH_COMMENTS, strings: [DOUBLE], singleQuoteIsChar: true });
const javascript = syntax({ ...SLASH_COMMENTS, strings: [DOUBLE, SINGLE, form('`', '`', 'backslash', true)] });
const hashComment = syntax({ lineComments: ['#'], strings: [DOUBLE, SINGLE] });
/** Kotlin and Scala: raw `"""` strings over lines, without escapes. */
const rawTripleQuote = syntax({ ...SLASH_COMMENTS, strings: [form('"""', '"""', 'none', true), DOUBLE], singleQuoteIsChar: true });
const json = syntax({ ...SLASH_COMMENTS, strings: [DOUBLE], data: true });

const SOURCE_SYNTAX: Record<string, SourceSyntax> = {
  c: cLike,
  cpp: syntax({ ...SLASH_COMMENTS, strings: [form('R"(', ')"', 'none', true), DOUBLE], singleQuoteIsChar: true }),
  // C#: raw `"""`, verbatim `@"..."` (`""` is a quote; also interpolated, `$@"`/`@$"`); `$"..."` reads as `"..."`.
  csharp: syntax({
    ...SLASH_COMMENTS,
    strings: [form('"""', '"""', 'none', true), ...['@"', '$@"', '@$"'].map((open) => form(open, '"', 'doubled', true)), DOUBLE],
    singleQuoteIsChar: true,
  }),
  // Java's text blocks keep their escapes.
  java: syntax({ ...SLASH_COMMENTS, strings: [form('"""', '"""', 'backslash', true), DOUBLE], singleQuoteIsChar: true }),
  kotlin: rawTripleQuote,
  scala: rawTripleQuote,
  // Swift: multi-line `"""` with escapes; raw `#"..."#` and `#"""..."""#` without; no `'` strings.
  swift: syntax({
    ...SLASH_COMMENTS,
    strings: [form('#"""', '"""#', 'none', true), form('#"', '"#', 'none'), form('"""', '"""', 'backslash', true), DOUBLE],
  }),
  rust: cLike,
  go: syntax({ ...SLASH_COMMENTS, strings: [DOUBLE, form('`', '`', 'none', true)], singleQuoteIsChar: true }),
  javascript,
  javascriptreact: javascript,
  typescript: javascript,
  typescriptreact: javascript,
  php: syntax({ lineComments: ['//', '#'], blockComments: [['/*', '*/']], strings: [DOUBLE, SINGLE] }),
  python: syntax({
    lineComments: ['#'],
    strings: [form('"""', '"""', 'backslash', true), form("'''", "'''", 'backslash', true), DOUBLE, SINGLE],
  }),
  ruby: hashComment,
  perl: hashComment,
  shellscript: hashComment,
  makefile: hashComment,
  dockerfile: hashComment,
  // Lua: long strings `[[...]]` and long comments `--[[...]]`, both at any level of `=`.
  lua: syntax({
    lineComments: ['--'],
    blockComments: LUA_LEVELS.map((eq) => [`--[${eq}[`, `]${eq}]`] as const),
    strings: [DOUBLE, SINGLE, ...LUA_LEVELS.map((eq) => form(`[${eq}[`, `]${eq}]`, 'none', true))],
  }),
  sql: syntax({ lineComments: ['--'], blockComments: [['/*', '*/']], strings: [DOUBLE, SINGLE] }),
  // Elixir: strings and charlists may span lines; heredocs; sigils; `?"` is a character.
  elixir: syntax({
    lineComments: ['#'],
    strings: [
      form('"""', '"""', 'backslash', true),
      form("'''", "'''", 'backslash', true),
      form('"', '"', 'backslash', true),
      form("'", "'", 'backslash', true),
      ...elixirSigils(),
    ],
    charPrefix: '?',
  }),
  // Erlang: strings may span lines (binaries are `<<"...">>`); `'...'` quotes an atom; `$"` is a character; OTP 27's `"""`.
  erlang: syntax({
    lineComments: ['%'],
    strings: [form('"""', '"""', 'none', true), form('"', '"', 'backslash', true), SINGLE],
    charPrefix: '$',
  }),
  // TOML: basic strings with escapes, literal ones without, both in one-line and multi-line forms.
  toml: syntax({
    lineComments: ['#'],
    strings: [form('"""', '"""', 'backslash', true), form("'''", "'''", 'none', true), DOUBLE, form("'", "'", 'none')],
    data: true,
  }),
  json,
  jsonc: json,
  json5: syntax({ ...SLASH_COMMENTS, strings: [DOUBLE, SINGLE], data: true }),
  // YAML: `'...'` doubles its quote; unquoted scalars are read as strings too.
  yaml: syntax({ lineComments: ['#'], strings: [DOUBLE, form("'", "'", 'doubled')], data: true, plainScalars: true }),
  ini: syntax({ lineComments: [';', '#'], strings: [DOUBLE, SINGLE], data: true }),
  properties: syntax({ lineComments: ['#'], strings: [DOUBLE, SINGLE], data: true }),
  xml: syntax({ lineComments: [], blockComments: [['<!--', '-->']], strings: [DOUBLE, SINGLE], data: true }),
};

/** Languages read as mail logs, transcripts or messages. Everything unknown is read as a log too. */
const LOG_MODE_LANGUAGES: ReadonlySet<string> = new Set(LOG_LANGUAGES);

/** The scan mode for a VS Code language id. */
export function modeForLanguage(languageId: string): ScanMode {
  return !LOG_MODE_LANGUAGES.has(languageId) && languageId in SOURCE_SYNTAX ? 'source' : 'log';
}

/** The scan mode for a document: MTA configuration by its file name, otherwise by its language. */
export function modeForDocument(languageId: string, uri?: string): ScanMode {
  if (uri !== undefined && isMtaConfigFile(uri)) return 'config';
  return modeForLanguage(languageId);
}

/** The comment and string syntax of a source language (C-like for source languages it does not know). */
export function sourceSyntax(languageId: string | undefined): SourceSyntax {
  return (languageId !== undefined && SOURCE_SYNTAX[languageId]) || cLike;
}
