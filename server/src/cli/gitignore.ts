import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/**
 * `.gitignore` rules as git applies them below one root (a repository's top, or where a walk
 * starts when there is no repository): a path is tested against the `.gitignore` of its own
 * directory and of each directory above it up to the root; the deepest file with a rule that
 * matches decides, so a nested `!keep.log` overrides an ignore from above. `.git/info/exclude`
 * counts as a `.gitignore` at the root. A path inside an ignored directory is ignored whatever
 * deeper files say, as git never reads them.
 */
export class GitIgnore {
  private readonly rules = new Map<string, Ignore | null>();
  private readonly ignoredDirectories = new Map<string, boolean>();

  constructor(readonly root: string) {}

  /** Whether `path` (absolute, below the root) is ignored, its parent directories assumed not to be. */
  ignores(path: string, isDirectory: boolean): boolean {
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const rules = this.rulesOf(dir);
      if (rules !== null) {
        const result = rules.test(toPosix(relative(dir, path)) + (isDirectory ? '/' : ''));
        if (result.unignored) return false;
        if (result.ignored) return true;
      }
      if (dir === this.root || dirname(dir) === dir) return false;
    }
  }

  /** Whether `path` or any directory between the root and it is ignored: for files a glob found. */
  ignoresWithParents(path: string, isDirectory: boolean): boolean {
    const parents: string[] = [];
    for (let dir = dirname(path); dir !== this.root && dirname(dir) !== dir; dir = dirname(dir)) parents.unshift(dir);
    for (const dir of parents) {
      let ignored = this.ignoredDirectories.get(dir);
      if (ignored === undefined) {
        ignored = this.ignores(dir, true);
        this.ignoredDirectories.set(dir, ignored);
      }
      if (ignored) return true;
    }
    return this.ignores(path, isDirectory);
  }

  private rulesOf(dir: string): Ignore | null {
    let rules = this.rules.get(dir);
    if (rules === undefined) {
      const sources = [join(dir, '.gitignore')];
      if (dir === this.root) sources.push(join(dir, '.git', 'info', 'exclude'));
      const texts = sources.filter((file) => existsSync(file)).map((file) => readFileSync(file, 'utf8'));
      // One string, since `add` splits a string into lines but takes each array item as one pattern.
      rules = texts.length === 0 ? null : ignore().add(texts.join('\n'));
      this.rules.set(dir, rules);
    }
    return rules;
  }
}

/** The top of the git repository holding `dir` (the nearest directory with a `.git`), if any. */
export function gitRoot(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return undefined;
  }
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
