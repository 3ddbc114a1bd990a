import { readdirSync, statSync, type Dirent } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
// Through require: the bundle is CommonJS, and tinyglobby's ESM build (and fdir's under it) would
// call createRequire(import.meta.url), which is undefined in a CommonJS bundle.
import tinyglobby = require('tinyglobby');
import { GitIgnore, gitRoot } from './gitignore';
import { FALLBACK_LANGUAGE, isCheckedInWalk, languageForFile } from './languages';

const { globSync, isDynamicPattern } = tinyglobby;

/** One text to check: a file, or standard input. */
export interface Source {
  /** Absolute path; undefined for standard input. */
  path?: string;
  /** As shown to the user: relative to the working directory when inside it. */
  display: string;
  /** The VS Code language id it is read as. */
  languageId: string;
  /** A `file:` URI the service can use to recognise MTA configuration files by name. */
  uri?: string;
  /** Read from standard input (`path` is then the name given with --stdin-filename, if any). */
  stdin?: boolean;
}

/** Why an input could not be checked. Each one is reported on stderr and makes the exit code 2. */
export type ProblemKind = 'not-found' | 'unreadable' | 'directory-in-glob' | 'no-match' | 'not-text';

export interface InputProblem {
  kind: ProblemKind;
  /** The file as shown, or the argument as given. */
  display: string;
  path?: string;
  message: string;
}

export interface CollectOptions {
  cwd: string;
  /** Language of standard input. */
  stdinLanguage: string;
  /** A path standard input stands for: shown in output, and picks the language when none is given. */
  stdinFilename?: string;
  /** Whether `--language` was given (it then wins over the language of `stdinFilename`). */
  stdinLanguageGiven: boolean;
  /** `--encoding`: the charset of files without a byte order mark (a `TextDecoder` label). */
  encoding?: string;
  /** Which files a directory walk takes (default: those the editor would check, `isCheckedInWalk`). */
  takeInWalk?: (path: string) => boolean;
  /**
   * `--ignore-unknown`: named files and glob matches are taken only if a walk would take them, as
   * pre-commit and lint-staged pass every changed file (prettier's option of the same name).
   */
  ignoreUnknown?: boolean;
}

/** Directories never walked into, whatever .gitignore says. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
const GLOB_IGNORE = ['**/node_modules/**', '**/.git/**'];

export const STDIN_DISPLAY = '<stdin>';

/**
 * Turns the command line's inputs into the texts to check, in the order given: `-` is standard
 * input; an existing file is checked whatever its name or .gitignore say; a directory is walked
 * (see `walk`); anything else that has glob syntax is a glob (tinyglobby), whose matches
 * .gitignore filters. Inputs that lead nowhere become problems; the rest is still collected.
 */
export function collectSources(inputs: readonly string[], options: CollectOptions): { sources: Source[]; problems: InputProblem[] } {
  const sources: Source[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const ignores = new IgnoreRoots();
  const take = options.takeInWalk ?? isCheckedInWalk;
  const addFile = (path: string, languageId = languageForFile(path) ?? FALLBACK_LANGUAGE) => {
    if (seen.has(path) || (options.ignoreUnknown && !take(path))) return;
    seen.add(path);
    sources.push({ path, display: displayPath(path, options.cwd), languageId, uri: pathToFileURL(path).href });
  };

  for (const input of inputs) {
    if (input === '-') {
      if (seen.has(STDIN_DISPLAY)) continue;
      seen.add(STDIN_DISPLAY);
      sources.push(stdinSource(options));
      continue;
    }
    const path = resolve(options.cwd, input);
    const stat = statOrError(path);
    if (stat.kind === 'file') addFile(path);
    else if (stat.kind === 'directory') {
      const root = gitRoot(path) ?? path;
      let ignore = ignores.at(root);
      // A directory named on the command line is walked even if .gitignore leaves it out.
      if (root !== path && ignore.ignoresWithParents(path, true)) ignore = ignores.at(path);
      walk(path, ignore, take, options.cwd, problems, addFile);
    } else if (stat.kind === 'missing' && isDynamicPattern(input)) {
      expandGlob(input, options.cwd, ignores, problems, addFile);
    } else if (stat.kind === 'missing') {
      problems.push({ kind: 'not-found', display: input, path, message: 'no such file or directory' });
    } else if (stat.kind === 'error') {
      problems.push({ kind: 'unreadable', display: input, path, message: stat.message });
    }
  }
  return { sources, problems };
}

function stdinSource(options: CollectOptions): Source {
  if (options.stdinFilename === undefined) return { display: STDIN_DISPLAY, languageId: options.stdinLanguage, stdin: true };
  const path = resolve(options.cwd, options.stdinFilename);
  const languageId = options.stdinLanguageGiven ? options.stdinLanguage : (languageForFile(path) ?? options.stdinLanguage);
  return { display: displayPath(path, options.cwd), path, languageId, uri: pathToFileURL(path).href, stdin: true };
}

type StatResult = { kind: 'file' | 'directory' | 'missing' } | { kind: 'error'; message: string };

function statOrError(path: string): StatResult {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { kind: 'directory' };
    if (stat.isFile()) return { kind: 'file' };
    return { kind: 'error', message: 'not a regular file' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'error', message: systemMessage(error) };
  }
}

/**
 * Every file below `dir` that `take` takes (the editor's languages: `isCheckedInWalk`), depth first in name
 * order so output is stable: .gitignore'd paths, `node_modules`, `.git` and symbolic links to
 * directories (which could loop) are left out.
 */
function walk(
  dir: string,
  ignore: GitIgnore,
  take: (path: string) => boolean,
  cwd: string,
  problems: InputProblem[],
  addFile: (path: string) => void,
): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    problems.push({ kind: 'unreadable', display: displayPath(dir, cwd), path: dir, message: systemMessage(error) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
    const path = join(dir, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = statOrError(path);
      isDirectory = false;
      isFile = target.kind === 'file';
    }
    if (isDirectory) {
      if (!ignore.ignores(path, true)) walk(path, ignore, take, cwd, problems, addFile);
    } else if (isFile && take(path) && !ignore.ignores(path, false)) {
      addFile(path);
    }
  }
}

/**
 * Files a glob matches, sorted. A glob names files: a directory it matches is reported (name the
 * directory itself to walk it), except under a trailing `**`, which matches the directories on
 * the way to the files.
 */
function expandGlob(pattern: string, cwd: string, ignores: IgnoreRoots, problems: InputProblem[], addFile: (path: string) => void): void {
  let matches: string[];
  try {
    matches = globSync(pattern, { cwd, absolute: true, onlyFiles: false, expandDirectories: false, ignore: GLOB_IGNORE });
  } catch (error) {
    problems.push({ kind: 'no-match', display: pattern, message: `invalid glob: ${(error as Error).message}` });
    return;
  }
  const directoriesExpected = /(?:^|\/)\*\*\/?$/.test(pattern);
  let found = 0;
  for (const match of matches.map((m) => resolve(m)).sort()) {
    const stat = statOrError(match);
    const root = gitRoot(dirname(match)) ?? (isInside(match, cwd) ? cwd : dirname(match));
    if (ignores.at(root).ignoresWithParents(match, stat.kind === 'directory')) continue;
    found++;
    if (stat.kind === 'file') addFile(match);
    else if (stat.kind === 'directory') {
      if (!directoriesExpected) {
        problems.push({
          kind: 'directory-in-glob',
          display: displayPath(match, cwd),
          path: match,
          message: `is a directory, matched by the glob '${pattern}' where a file is expected (name the directory itself to check the files in it)`,
        });
      }
    } else if (stat.kind === 'error') {
      problems.push({ kind: 'unreadable', display: displayPath(match, cwd), path: match, message: stat.message });
    }
  }
  if (found === 0) problems.push({ kind: 'no-match', display: pattern, message: 'no files match this glob' });
}

/** One GitIgnore per root, so that every .gitignore is read once per run. */
class IgnoreRoots {
  private readonly roots = new Map<string, GitIgnore>();
  at(root: string): GitIgnore {
    let ignore = this.roots.get(root);
    if (ignore === undefined) {
      ignore = new GitIgnore(root);
      this.roots.set(root, ignore);
    }
    return ignore;
  }
}

/** A path relative to the working directory when inside it, absolute otherwise. */
export function displayPath(path: string, cwd: string): string {
  return isInside(path, cwd) ? relative(cwd, path) || '.' : path;
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** A SARIF artifact URI: relative to %SRCROOT% (the working directory) when inside it, else a file URI. */
export function artifactUri(path: string, cwd: string): { uri: string; uriBaseId?: string } {
  if (!isInside(path, cwd)) return { uri: pathToFileURL(path).href };
  return { uri: relative(cwd, path).split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/** `ENOENT: no such file or directory, open '/x'` without the code and the path. */
export function systemMessage(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const text = message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
  return code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : text;
}
