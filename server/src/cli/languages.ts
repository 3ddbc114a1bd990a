import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVED_LANGUAGES } from '../../../common';
import { modeForDocument } from '../scan';

/**
 * Which VS Code language a file opens as, so that the CLI reads a file exactly as the editor
 * would. This mirrors two sources by hand (a test holds the first to package.json):
 *  - this extension's `contributes.languages` in package.json;
 *  - the associations of VS Code's built-in language extensions (`extensions/<name>/package.json`
 *    in microsoft/vscode) for the languages the scanner distinguishes.
 */
export interface LanguageAssociation {
  id: string;
  /** Name endings, with their dot: `.log`. */
  extensions?: readonly string[];
  /** Whole file names: `mainlog`. */
  filenames?: readonly string[];
  /** File name globs with `*` and `?`: `mail.log*`. */
  filenamePatterns?: readonly string[];
}

/** package.json `contributes.languages`, verbatim in content. */
export const EXTENSION_ASSOCIATIONS: readonly LanguageAssociation[] = [
  { id: 'smtp', extensions: ['.smtp'] },
  { id: 'email', extensions: ['.eml'] },
  {
    id: 'log',
    filenames: ['mainlog', 'rejectlog', 'paniclog', 'mail.err', 'mail.warn', 'mail.info', 'maillog'],
    filenamePatterns: ['maillog-*', 'maillog.*', 'mail.log*', 'mail.err.*', 'mail.warn.*', 'mainlog.*', 'rejectlog.*', 'paniclog.*'],
  },
  // Languages VS Code does not ship, declared with the ids and associations of the extensions people
  // install for them: Kotlin (fwcd.kotlin), Scala (scala-lang.scala), Elixir (JakeBecker.elixir-ls),
  // Erlang (erlang-ls.erlang-ls), TOML (tamasfe.even-better-toml). VS Code merges the declarations.
  { id: 'kotlin', extensions: ['.kt', '.kts'] },
  { id: 'scala', extensions: ['.scala', '.sc', '.sbt'] },
  { id: 'elixir', extensions: ['.ex', '.exs'] },
  { id: 'erlang', extensions: ['.erl', '.hrl', '.escript', '.app.src'], filenames: ['rebar.config'] },
  { id: 'toml', extensions: ['.toml'] },
];

/**
 * VS Code's built-in associations. The log extension lists `*.log.?` among its extensions; it is a
 * pattern in all but name (rotated logs: `syslog.log.1`), so it is kept as one here.
 */
const BUILT_IN_ASSOCIATIONS: readonly LanguageAssociation[] = [
  { id: 'log', extensions: ['.log'], filenamePatterns: ['*.log.?'] },
  { id: 'plaintext', extensions: ['.txt'] },
  { id: 'c', extensions: ['.c', '.i'] },
  {
    id: 'cpp',
    extensions: [
      '.cpp',
      '.cppm',
      '.cc',
      '.ccm',
      '.cxx',
      '.cxxm',
      '.c++',
      '.c++m',
      '.hpp',
      '.hh',
      '.hxx',
      '.h++',
      '.h',
      '.ii',
      '.ino',
      '.inl',
      '.ipp',
      '.ixx',
      '.tpp',
      '.txx',
    ],
  },
  { id: 'csharp', extensions: ['.cs', '.csx', '.cake'] },
  { id: 'go', extensions: ['.go'] },
  { id: 'java', extensions: ['.java', '.jav'] },
  { id: 'rust', extensions: ['.rs'] },
  { id: 'swift', extensions: ['.swift'] },
  { id: 'python', extensions: ['.py', '.rpy', '.pyw', '.cpy', '.gyp', '.gypi', '.pyi', '.ipy', '.pyt'] },
  { id: 'javascript', extensions: ['.js', '.es6', '.mjs', '.cjs', '.pac'], filenames: ['jakefile'] },
  { id: 'javascriptreact', extensions: ['.jsx'] },
  { id: 'typescript', extensions: ['.ts', '.cts', '.mts'] },
  { id: 'typescriptreact', extensions: ['.tsx'] },
  {
    id: 'ruby',
    extensions: ['.rb', '.rbx', '.rjs', '.gemspec', '.rake', '.ru', '.erb', '.podspec', '.rbi'],
    filenames: ['rakefile', 'gemfile', 'guardfile', 'podfile', 'capfile', 'vagrantfile', 'brewfile'],
  },
  { id: 'php', extensions: ['.php', '.php4', '.php5', '.phtml', '.ctp'] },
  { id: 'perl', extensions: ['.pl', '.pm', '.pod', '.t', '.psgi'] },
  {
    id: 'shellscript',
    extensions: [
      '.sh',
      '.bash',
      '.bashrc',
      '.bash_aliases',
      '.bash_profile',
      '.bash_login',
      '.bash_logout',
      '.ebuild',
      '.profile',
      '.zsh',
      '.zshrc',
      '.zprofile',
      '.zlogin',
      '.zlogout',
      '.zshenv',
      '.ksh',
    ],
    filenames: ['pkgbuild', 'apkbuild', '.envrc'],
  },
  { id: 'lua', extensions: ['.lua'] },
  { id: 'sql', extensions: ['.sql', '.dsql'] },
  { id: 'makefile', extensions: ['.mak', '.mk'], filenames: ['makefile', 'gnumakefile'] },
  {
    id: 'dockerfile',
    extensions: ['.dockerfile', '.containerfile'],
    filenames: ['dockerfile', 'containerfile'],
    filenamePatterns: ['dockerfile.*', 'containerfile.*'],
  },
  { id: 'json', extensions: ['.json', '.webmanifest', '.har', '.jsonld', '.geojson', '.ipynb'], filenames: ['composer.lock'] },
  {
    id: 'jsonc',
    extensions: ['.jsonc', '.eslintrc', '.jshintrc', '.swcrc', '.babelrc'],
    filenames: [
      'tsconfig.json',
      'jsconfig.json',
      'settings.json',
      'launch.json',
      'tasks.json',
      'keybindings.json',
      'extensions.json',
      'devcontainer.json',
      '.devcontainer.json',
    ],
    filenamePatterns: ['tsconfig.*.json', 'jsconfig.*.json', 'tsconfig-*.json', 'jsconfig-*.json'],
  },
  { id: 'yaml', extensions: ['.yaml', '.yml', '.eyaml', '.eyml', '.cff'] },
  { id: 'ini', extensions: ['.ini'] },
  {
    id: 'properties',
    extensions: ['.conf', '.properties', '.cfg', '.directory', '.gitattributes', '.gitconfig', '.gitmodules', '.editorconfig', '.repo'],
    filenames: ['gitconfig', '.npmrc'],
  },
  { id: 'xml', extensions: ['.xml', '.xsd', '.xsl', '.xslt', '.svg', '.plist', '.csproj', '.props', '.targets'] },
  { id: 'markdown', extensions: ['.md', '.mkd', '.mdwn', '.mdown', '.markdown', '.markdn', '.mdtxt', '.mdtext'] },
];

/**
 * The languages the VS Code client hands to the server: a directory walk checks files of these
 * languages, as the editor shows diagnostics for them, and leaves out the rest (Markdown, XML, ...),
 * which can still be named one by one.
 */
export const CHECKED_LANGUAGES: ReadonlySet<string> = new Set(SERVED_LANGUAGES);

/** The language of a file VS Code has no association for. */
export const FALLBACK_LANGUAGE = 'plaintext';

/** Compression suffixes: `mail.log.2.gz` is read as the `mail.log.2` it holds (gzip), or named (xz, ...). */
const COMPRESSED = /\.(?:gz|bz2|xz|zst|lz4|lzma|z)$/i;
/** Archives, which hold files rather than a text: never taken by a walk. */
const ARCHIVE = /\.(?:tgz|tbz2?|txz|zip|7z|tar|rar)$|\.tar\.\w+$/i;
/** What logrotate and syslog daemons add to a log's name: `.3`, `-20261101`. */
const ROTATION = /(?:\.\d+|-\d{8}(?:\d{2})?)$/;

interface Compiled {
  filenames: Map<string, string>;
  patterns: { regex: RegExp; length: number; id: string }[];
  extensions: { suffix: string; id: string }[];
}

/** Later entries win ties, as later registrations do in VS Code; the extension's own come last. */
const COMPILED: Compiled = compile([...BUILT_IN_ASSOCIATIONS, ...EXTENSION_ASSOCIATIONS]);

function compile(associations: readonly LanguageAssociation[]): Compiled {
  const compiled: Compiled = { filenames: new Map(), patterns: [], extensions: [] };
  for (const { id, extensions = [], filenames = [], filenamePatterns = [] } of associations) {
    for (const name of filenames) compiled.filenames.set(name.toLowerCase(), id);
    for (const pattern of filenamePatterns) compiled.patterns.unshift({ regex: globToRegExp(pattern), length: pattern.length, id });
    for (const suffix of extensions) compiled.extensions.unshift({ suffix: suffix.toLowerCase(), id });
  }
  return compiled;
}

/** A basename glob (`*` any run of characters, `?` one character) as an anchored, case-insensitive regex. */
function globToRegExp(pattern: string): RegExp {
  const source = pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === '*' ? '.*' : c === '?' ? '.' : `\\${c}`));
  return new RegExp(`^${source}$`, 'i');
}

/**
 * The VS Code language id for a file, chosen as VS Code chooses (case-insensitively): an exact
 * file name first, then the longest matching file name pattern, then the longest extension. A
 * compressed file has the language of what it holds (`mail.log.2.gz` of `mail.log.2`), and a
 * rotated copy of a log is a log (`mail.info.3` of `mail.info`).
 */
export function languageForFile(path: string): string | undefined {
  const name = basename(path).toLowerCase().replace(COMPRESSED, '');
  const language = languageForName(name);
  if (language !== undefined || !ROTATION.test(name)) return language;
  return languageForName(name.replace(ROTATION, '')) === 'log' ? 'log' : undefined;
}

function languageForName(name: string): string | undefined {
  const byName = COMPILED.filenames.get(name);
  if (byName !== undefined) return byName;
  let best: { length: number; id: string } | undefined;
  for (const pattern of COMPILED.patterns) {
    if ((best === undefined || pattern.length > best.length) && pattern.regex.test(name)) best = pattern;
  }
  if (best !== undefined) return best.id;
  let extension: { suffix: string; id: string } | undefined;
  for (const candidate of COMPILED.extensions) {
    if ((extension === undefined || candidate.suffix.length > extension.suffix.length) && name.endsWith(candidate.suffix))
      extension = candidate;
  }
  return extension?.id;
}

/**
 * Whether a directory walk checks the file: a language the extension serves, or an MTA
 * configuration file the scanner recognises by name (Postfix `access`, `header_checks`, ...);
 * compressed ones too (`mail.log.2.gz`; a format the tool cannot read is then named with advice).
 */
export function isCheckedInWalk(path: string): boolean {
  if (ARCHIVE.test(path)) return false;
  const language = languageForFile(path);
  if (language !== undefined && CHECKED_LANGUAGES.has(language)) return true;
  return modeForDocument(language ?? FALLBACK_LANGUAGE, pathToFileURL(path.replace(COMPRESSED, '')).href) === 'config';
}

/** A mail log by its name, rotated or compressed: `mail.log`, `maillog-20261101.gz`, Exim's `mainlog.2.gz`. */
const MAIL_LOG = /^(?:mail\.log|maillog|mainlog)(?:[.-][\w.-]*)?$/i;

/**
 * Whether a summary's directory walk takes the file: the mail logs of Postfix, Sendmail,
 * OpenSMTPD (`mail.log`, `maillog`) and Exim (`mainlog`), rotated and compressed copies included.
 * Left out: other programs' logs, syslog's per-level copies of the mail log (`mail.info`,
 * `mail.warn`, `mail.err`) and Exim's `rejectlog` and `paniclog`, whose lines are in `mainlog`
 * too and would be counted twice. Any file can still be named on its own.
 */
export function isMailLog(path: string): boolean {
  return !ARCHIVE.test(path) && MAIL_LOG.test(basename(path));
}
