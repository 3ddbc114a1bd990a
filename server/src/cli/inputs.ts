import { UsageError } from './args';
import type { CollectOptions } from './files';
import type { Io } from './io';

/** Options that say how to read inputs, shared by `check` and `codes`. */
export const INPUT_OPTIONS = {
  language: { type: 'string' },
  'stdin-filename': { type: 'string' },
} as const;

export const INPUT_HELP = `Inputs:
  FILE          checked whatever its name; its language comes from its name as in VS Code
                (.log, mail.log*, maillog*, mainlog, .smtp, .eml, .py, .go, .c, ...), else plaintext
  DIRECTORY     walked: files of the languages the extension serves and MTA configuration files
                (access, header_checks, ...), leaving out .gitignore'd paths, node_modules and .git
  GLOB          quoted so the shell leaves it alone ('logs/**/*.log'); .gitignore'd matches are left out
  -             standard input

  --language ID          language of standard input (default: log)
  --stdin-filename PATH  the file standard input stands for: shown in the output, and its
                         name picks the language unless --language is given`;

/** Checks the inputs and input options of a command and turns them into collection options. */
export function collectOptions(
  positionals: string[],
  values: { language?: string; 'stdin-filename'?: string },
  io: Io,
  usage: string,
): CollectOptions {
  if (positionals.length === 0) throw new UsageError('name at least one file, directory or glob, or - for standard input', usage);
  const usesStdin = positionals.includes('-');
  if (!usesStdin && values.language !== undefined) throw new UsageError('--language applies to standard input; add - to read it', usage);
  if (!usesStdin && values['stdin-filename'] !== undefined)
    throw new UsageError('--stdin-filename applies to standard input; add - to read it', usage);
  return {
    cwd: io.cwd,
    stdinLanguage: values.language ?? 'log',
    stdinLanguageGiven: values.language !== undefined,
    stdinFilename: values['stdin-filename'],
  };
}
