/**
 * The VS Code languages the extension hands to the server, and the CLI checks when it walks a
 * directory: mail logs (the built-in `log` language, to which the manifest adds mail-log file
 * names), plain text, SMTP transcripts, messages, the source languages of mail software, and the
 * data files that hold providers' event payloads and mail servers' configuration. Kotlin, Scala,
 * Elixir, Erlang and TOML are not built into VS Code: the manifest declares them by file extension
 * with the ids the language extensions people install for them use (VS Code merges the two), so
 * their files are read as code even where no such extension is installed.
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
  'csharp',
  'kotlin',
  'scala',
  'swift',
  'elixir',
  'erlang',
  'lua',
  'json',
  'jsonc',
  'yaml',
  'toml',
];

/**
 * The served languages that hold mail logs, transcripts and messages rather than code: read in the
 * scanner's log mode, and the editors that offer the summary. (Any language the scanner has no
 * syntax for is read as a log too.)
 */
export const LOG_LANGUAGES: readonly string[] = ['log', 'plaintext', 'smtp', 'email'];

/** The log languages whose editor title bar shows the summary button (every plain text file would be noise). */
export const SUMMARY_BUTTON_LANGUAGES: readonly string[] = LOG_LANGUAGES.filter((language) => language !== 'plaintext');
