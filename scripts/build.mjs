// Builds the extension with esbuild.
//   node scripts/build.mjs                 client, server and CLI bundles into dist/ for Node, and the
//                                          client and server bundles into dist/browser/ for the web
//                                          (with source maps)
//   node scripts/build.mjs --production    the same, minified, for the VSIX
//   node scripts/build.mjs --scripts       also scripts/*.ts into out/scripts/
//   node scripts/build.mjs --tests         also every test/**/*.test.ts into out/test/ (one bundle each)
//   node scripts/build.mjs --bench         also the benchmark's bare server, bundled like dist/server.js
//   node scripts/build.mjs --watch         the same builds, again on every change (until stopped)
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
  // jsonc-parser's `main` is a UMD build whose requires esbuild cannot follow; its ES module build
  // bundles. (The browser builds keep esbuild's browser order, which puts `module` before `main` too.)
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  define: { SERVER_VERSION: JSON.stringify(version) },
};

// The node and browser bundles are built from the same sources; only the entry points differ.
const builds = [
  {
    ...common,
    entryPoints: { client: 'client/src/node/extension.ts', server: 'server/src/node/main.ts', cli: 'server/src/cli/main.ts' },
    outdir: 'dist',
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
    // The server is also a standalone executable (`smtp-status-language-server`).
    banner: { js: '"use strict";' },
  },
  // For vscode.dev and github.dev. `platform: 'browser'` without Node polyfills makes any import of
  // a Node built-in (`fs`, `node:path`, ...) a build error, so Node-only code cannot slip into the
  // shared sources; test/browser/bundles.test.ts checks the output as well.
  {
    ...common,
    platform: 'browser',
    mainFields: ['browser', 'module', 'main'],
    target: 'es2022',
    // The web extension host loads the client as a CommonJS module that requires `vscode`.
    entryPoints: { client: 'client/src/browser/extension.ts' },
    outdir: 'dist/browser',
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
  },
  {
    ...common,
    platform: 'browser',
    mainFields: ['browser', 'module', 'main'],
    target: 'es2022',
    // A classic Web Worker script: no module system around it.
    format: 'iife',
    entryPoints: { server: 'server/src/browser/main.ts' },
    outdir: 'dist/browser',
    minify: production,
    sourcemap: !production,
  },
];

if (args.has('--scripts') || args.has('--tests')) {
  builds.push({
    ...common,
    entryPoints: filesUnder('scripts', '.ts').filter((f) => !f.endsWith('bare-server.ts')),
    outdir: 'out/scripts',
    packages: 'external',
  });
}

if (args.has('--bench')) {
  builds.push({
    ...common,
    entryPoints: { 'bare-server': 'scripts/bench/bare-server.ts' },
    outdir: 'out/bench',
    minify: production,
  });
}

if (args.has('--tests')) {
  rmSync(join(root, 'out/test'), { recursive: true, force: true });
  builds.push({
    ...common,
    entryPoints: filesUnder('test', '.test.ts'),
    outbase: 'test',
    outdir: 'out/test',
    packages: 'external',
    sourcemap: 'inline',
  });
}

if (args.has('--watch')) {
  // `npm run watch` (the F5 loop's build task): rebuild on every change. The lines it prints are
  // what the `$esbuild-watch` problem matcher reads.
  const reporter = {
    name: 'watch-reporter',
    setup(build) {
      build.onStart(() => console.log('[watch] build started'));
      build.onEnd((result) => {
        for (const { text, location } of result.errors) {
          console.error(`✘ [ERROR] ${text}`);
          if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
        console.log('[watch] build finished');
      });
    },
  };
  for (const options of builds) {
    const context = await esbuild.context({ ...options, plugins: [...(options.plugins ?? []), reporter] });
    await context.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
