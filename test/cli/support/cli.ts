import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoPath } from '../../support/paths';

/** The built command line (`node scripts/build.mjs` makes it). */
export const CLI = repoPath('dist', 'cli.js');

/** The committed fixtures, and the directory the CLI runs in unless a test says otherwise. */
export const FIXTURES = repoPath('test', 'fixtures', 'cli');

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `smtp-status ARGS` as a child process and waits for it. */
export function run(args: string[], options: { cwd?: string; input?: string | Uint8Array } = {}): RunResult {
  assert.ok(existsSync(CLI), `${CLI} is missing: run \`node scripts/build.mjs\` first`);
  const child = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? FIXTURES,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 512 * 1024 * 1024,
  });
  if (child.error) throw child.error;
  assert.notEqual(child.status, null, `smtp-status ${args.join(' ')} was killed by ${child.signal}`);
  return { status: child.status as number, stdout: child.stdout, stderr: child.stderr };
}

/** The non-empty lines of some output. */
export const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');

/**
 * A scratch directory with the given files (path -> content), removed by the returned function.
 * Files that git could never commit as fixtures (ignored ones, node_modules, binaries, broken
 * UTF-8) are made here by the tests that need them.
 */
export function scratchTree(files: Record<string, string | Uint8Array>): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'smtp-status-cli-'));
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    if (path.endsWith('/')) mkdirSync(full, { recursive: true });
    else writeFileSync(full, content);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
