// Builds the extension with esbuild.
//   node scripts/build.mjs                 client, server and CLI bundles into dist/ for Node, and the
//                                          client and server bundles into dist/browser/ for the web
//                                          (with source maps)
//   node scripts/build.mjs --production    the same, minified, for the VSIX
//   node scripts/build.mjs --scripts       also scripts/*.ts into out/scripts/
//   node scripts/build.mjs --tests         also every test/**/*.test.ts into out/test/ (one bundle each)
//   node scripts/build.mjs --bench         also the benchmark's bare server, bundled like dist/server.js
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const args = new Set(process.argv.slice(2));
const production = args.has('--production');

/** Files under `dir` whose names end with `suffix`, as paths relative to the root. */
function filesUnder(dir, suffix) {
  const found = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(suffix)) found.push(relative(root, p));
    }
  };
  walk(join(root, dir));
  return found;
}

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  define: { SERVER_VERSION: JSON.stringify(version) },
};

// The node and browser bundles are built from the same sources; only the entry points differ.
const builds = [
  esbuild.build({
    ...common,
    entryPoints: { client: 'client/src/node/extension.ts', server: 'server/src/node/main.ts', cli: 'server/src/cli/main.ts' },
    outdir: 'dist',
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
    // The server is also a standalone executable (`smtp-status-language-server`).
    banner: { js: '"use strict";' },
  }),
  // For vscode.dev and github.dev. `platform: 'browser'` without Node polyfills makes any import of
  // a Node built-in (`fs`, `node:path`, ...) a build error, so Node-only code cannot slip into the
  // shared sources; test/browser/bundles.test.ts checks the output as well.
  esbuild.build({
    ...common,
    platform: 'browser',
    target: 'es2022',
    // The web extension host loads the client as a CommonJS module that requires `vscode`.
    entryPoints: { client: 'client/src/browser/extension.ts' },
    outdir: 'dist/browser',
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
  }),
  esbuild.build({
    ...common,
    platform: 'browser',
    target: 'es2022',
    // A classic Web Worker script: no module system around it.
    format: 'iife',
    entryPoints: { server: 'server/src/browser/main.ts' },
    outdir: 'dist/browser',
    minify: production,
    sourcemap: !production,
  }),
];

if (args.has('--scripts') || args.has('--tests')) {
  builds.push(
    esbuild.build({
      ...common,
      entryPoints: filesUnder('scripts', '.ts').filter((f) => !f.endsWith('bare-server.ts')),
      outdir: 'out/scripts',
      packages: 'external',
    }),
  );
}

if (args.has('--bench')) {
  builds.push(
    esbuild.build({
      ...common,
      entryPoints: { 'bare-server': 'scripts/bench/bare-server.ts' },
      outdir: 'out/bench',
      minify: production,
    }),
  );
}

if (args.has('--tests')) {
  rmSync(join(root, 'out/test'), { recursive: true, force: true });
  builds.push(
    esbuild.build({
      ...common,
      entryPoints: filesUnder('test', '.test.ts'),
      outbase: 'test',
      outdir: 'out/test',
      packages: 'external',
      sourcemap: 'inline',
    }),
  );
}

await Promise.all(builds);
