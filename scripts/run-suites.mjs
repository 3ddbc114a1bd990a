#!/usr/bin/env node
// Runs test suites that stay out of `npm test` because they drive programs it must not wait for:
// pre-commit installing the hook from the npm registry (`npm run test:pre-commit`), `npm start`
// with a real VS Code (`npm run test:start`). Each `*.suite.ts` named is bundled with esbuild into
// out/suites/ (dependencies left to node_modules), then all of them run with `node --test`.
//
//   node scripts/run-suites.mjs test/pre-commit/hook.suite.ts [more.suite.ts ...]
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as esbuild from 'esbuild';

const root = join(import.meta.dirname, '..');
const outdir = join(root, 'out', 'suites');
const suites = process.argv.slice(2);
if (suites.length === 0 || !suites.every((suite) => suite.endsWith('.suite.ts'))) {
  console.error('usage: node scripts/run-suites.mjs <file.suite.ts>...');
  process.exit(2);
}

rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: root,
  entryPoints: suites,
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
const bundles = suites.map((suite) => join(outdir, basename(suite).replace(/\.ts$/, '.js')));
const { status, signal } = spawnSync(process.execPath, ['--test', ...bundles], { cwd: root, stdio: 'inherit' });
process.exitCode = status ?? (signal ? 1 : 0);
