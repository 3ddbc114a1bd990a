import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder above this (bundled) test that holds package.json. */
export const ROOT = (() => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = up;
  }
  return dir;
})();

/** A path inside the repository. */
export const repoPath = (...parts: string[]): string => join(ROOT, ...parts);

/** The shared corpus beside the repository (present in CI and on developer machines). */
export const corpusPath = (...parts: string[]): string => join(ROOT, '..', 'shared', 'corpus', ...parts);
