import { encodingName } from '../files/decode';
import { UsageError } from './args';
import type { CollectOptions } from './files';
import type { Io } from './io';

/** Options that say how to read inputs, shared by `check`, `codes` and `summary`. */
export const INPUT_OPTIONS = {
  encoding: { type: 'string' },
  language: { type: 'string' },
  'stdin-filename': { type: 'string' },
  'ignore-unknown': { type: 'boolean' },
} as const;

export const INPUT_HELP = `Inputs:
  FILE          checked whatever its name; its language comes from its name as in VS Code
                (.log, mail.log*, maillog*, mainlog, .smtp, .eml, .py, .go, .c, ...), else plaintext
  DIRECTORY     walked: files of the languages the extension serves and MTA configuration files
                (access, header_checks, ...), rotated logs included (mail.log.1, mainlog.2.gz),
                leaving out .gitignore'd paths, node_modules and .git
  GLOB          quoted so the shell leaves it alone ('logs/**/*.log'); .gitignore'd matches are left out
  -             standard input
  Any bytes are read: UTF-8 (byte order mark or not), UTF-16 with a byte order mark, gzip
  (mail.log.2.gz); bytes that do not decode are read as U+FFFD and noted once per file on stderr.
  Files that are not text (images, other archives, mostly NUL or control bytes) are skipped.

  --encoding NAME        charset of inputs without a byte order mark (default: utf-8):
                         latin1, windows-1252, iso-8859-15, shift_jis, euc-jp, euc-kr, gb18030, ...
  --language ID          language of standard input (default: log)
  --stdin-filename PATH  the file standard input stands for: shown in the output, and its
                         name picks the language unless --language is given
  --ignore-unknown       skip named files and glob matches that a directory walk would leave
                         out (JSON, Markdown, images, ...), for hooks that pass every changed file`;

/** Checks the inputs and input options of a command and turns them into collection options. */
export function collectOptions(
  positionals: string[],
  values: { encoding?: string; language?: string; 'stdin-filename'?: string; 'ignore-unknown'?: boolean },
  io: Io,
  usage: string,
): CollectOptions {
  if (positionals.length === 0) throw new UsageError('name at least one file, directory or glob, or - for standard input', usage);
  const usesStdin = positionals.includes('-');
  if (!usesStdin && values.language !== undefined) throw new UsageError('--language applies to standard input; add - to read it', usage);
  if (!usesStdin && values['stdin-filename'] !== undefined)
    throw new UsageError('--stdin-filename applies to standard input; add - to read it', usage);
  const encoding = values.encoding === undefined ? undefined : encodingName(values.encoding);
  if (values.encoding !== undefined && encoding === undefined)
    throw new UsageError(
      `--encoding: '${values.encoding}' is not an encoding Node's TextDecoder knows (latin1, windows-1252, shift_jis, ...)`,
      usage,
    );
  return {
    cwd: io.cwd,
    encoding,
    stdinLanguage: values.language ?? 'log',
    stdinLanguageGiven: values.language !== undefined,
    stdinFilename: values['stdin-filename'],
    ignoreUnknown: values['ignore-unknown'] === true,
  };
}
