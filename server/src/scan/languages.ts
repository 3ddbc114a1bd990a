import type { ScanMode } from './types';

/**
 * How a source language writes comments and strings: just enough to find string literals and
 * skip comments, line by line. Not a tokenizer; it errs towards reading less.
 */
export interface SourceSyntax {
  /** Starts of line comments (`//`, `#`, `--`). */
  lineComments: readonly string[];
  /** Block comment delimiters, when the language has them. */
  blockComment?: readonly [open: string, close: string];
  /** Quotes that open an ordinary one-line string with backslash escapes. */
  quotes: string;
  /** `'` opens only a short character literal (`'a'`, `'\n'`): C, Java, Rust, Go. */
  singleQuoteIsChar: boolean;
  /** Delimiters of strings that may span lines: Python `"""`, JavaScript and Go backticks. */
  multiLineStrings: readonly string[];
  /** Backslash escapes apply inside multi-line strings (not in Go raw strings). */
  multiLineEscapes: boolean;
  /** Data files (JSON, YAML, ...): a string holding only a code is usually a version. */
  data: boolean;
}

const cLike: SourceSyntax = {
  lineComments: ['//'],
  blockComment: ['/*', '*/'],
  quotes: '"',
  singleQuoteIsChar: true,
  multiLineStrings: [],
  multiLineEscapes: true,
  data: false,
};

const javascript: SourceSyntax = { ...cLike, quotes: '"\'', singleQuoteIsChar: false, multiLineStrings: ['`'] };

const hashComment: SourceSyntax = {
  lineComments: ['#'],
  quotes: '"\'',
  singleQuoteIsChar: false,
  multiLineStrings: [],
  multiLineEscapes: true,
  data: false,
};

const SOURCE_SYNTAX: Record<string, SourceSyntax> = {
  c: cLike,
  cpp: cLike,
  csharp: cLike,
  java: cLike,
  kotlin: cLike,
  scala: cLike,
  swift: cLike,
  rust: cLike,
  go: { ...cLike, multiLineStrings: ['`'], multiLineEscapes: false },
  javascript,
  javascriptreact: javascript,
  typescript: javascript,
  typescriptreact: javascript,
  php: { ...javascript, lineComments: ['//', '#'], multiLineStrings: [] },
  python: { ...hashComment, multiLineStrings: ['"""', "'''"] },
  ruby: hashComment,
  perl: hashComment,
  shellscript: hashComment,
  makefile: hashComment,
  dockerfile: hashComment,
  lua: { ...hashComment, lineComments: ['--'] },
  sql: { ...hashComment, lineComments: ['--'], blockComment: ['/*', '*/'] },
  json: { ...cLike, data: true },
  jsonc: { ...cLike, data: true },
  json5: { ...javascript, multiLineStrings: [], data: true },
  yaml: { ...hashComment, data: true },
  toml: { ...hashComment, data: true },
  ini: { ...hashComment, lineComments: [';', '#'], data: true },
  properties: { ...hashComment, data: true },
  xml: { ...cLike, lineComments: [], blockComment: ['<!--', '-->'], quotes: '"\'', singleQuoteIsChar: false, data: true },
};

/** Languages read as mail logs, transcripts or messages. Everything unknown is read as a log too. */
const LOG_LANGUAGES = new Set(['log', 'plaintext', 'smtp', 'email', 'markdown']);

/**
 * MTA configuration files, by name: Postfix access and checks maps (`access`, `sender_access`,
 * `header_checks`, `body_checks.pcre`, ...), Sendmail's `access`, Exim's `configure`/`exim4.conf`
 * and the files of a split Exim configuration (`exim4/conf.d/...`).
 */
const CONFIG_FILE =
  /(?:^|\/)(?:(?:[\w.-]+_)?access|[\w.-]*_checks)(?:\.(?:pcre|regexp|cidr|txt|in))?$|(?:^|\/)(?:exim4?\.conf(?:\.template)?|exim\/configure)$|\/exim4\/conf\.d\//;

/** The scan mode for a VS Code language id. */
export function modeForLanguage(languageId: string): ScanMode {
  return !LOG_LANGUAGES.has(languageId) && languageId in SOURCE_SYNTAX ? 'source' : 'log';
}

/** The scan mode for a document: MTA configuration by its file name, otherwise by its language. */
export function modeForDocument(languageId: string, uri?: string): ScanMode {
  if (uri !== undefined && CONFIG_FILE.test(uri.replace(/[?#].*$/, ''))) return 'config';
  return modeForLanguage(languageId);
}

/** The comment and string syntax of a source language (C-like for source languages it does not know). */
export function sourceSyntax(languageId: string | undefined): SourceSyntax {
  return (languageId !== undefined && SOURCE_SYNTAX[languageId]) || cLike;
}

/**
 * The languages the extension hands to the server and the CLI checks when it walks a directory:
 * mail logs (the built-in `log` language, to which the manifest adds mail-log file names), plain
 * text, SMTP transcripts, messages, and the source languages of mail software.
 */
export const SERVED_LANGUAGES: readonly string[] = [
  'log',
  'plaintext',
  'smtp',
  'email',
  'c',
  'cpp',
  'go',
  'python',
  'javascript',
  'typescript',
  'rust',
  'java',
  'ruby',
  'php',
  'perl',
  'shellscript',
];
