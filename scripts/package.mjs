// Makes the packages from the production build (run `node scripts/build.mjs --production` first;
// `npm run package` does both), side by side in the repository's top folder:
//   smtp-status-codes.vsix       desktop VS Code and VS Code servers: the Node client and server
//   smtp-status-codes-web.vsix   `--target web`, for vscode.dev and github.dev: the browser bundles
//   smtp-status-<version>.tgz    the npm package of the command line and the language server
//                                (packages/smtp-status/: its own manifest and README, no dependencies)
// The Marketplace and Open VSX serve a web-targeted package to the web and the untargeted one to
// every other platform, so neither carries the other's bundles (each is half the size of one
// package holding both).
//
// .vscodeignore chooses what ships (bundles, grammars, icon, docs) and package.json `files` what
// the npm package holds (CLI, server, bin); vsce refuses to package when both exist, so each VSIX
// is made from a staging folder in out/vsix/<target>/ holding the files .vscodeignore lets
// through and the manifest without `files`.
import { createVSIX } from '@vscode/vsce';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { globSync } from 'tinyglobby';

const root = join(import.meta.dirname, '..');

/** What each package leaves out of what .vscodeignore lets through, and which entry point it drops. */
const TARGETS = {
  desktop: { output: 'smtp-status-codes.vsix', target: undefined, without: /^dist\/browser\//, entryPoint: 'browser' },
  web: { output: 'smtp-status-codes-web.vsix', target: 'web', without: /^dist\/[^/]+\.js$/, entryPoint: 'main' },
};

function stage(name, { without, entryPoint }) {
  const folder = join(root, 'out', 'vsix', name);
  rmSync(folder, { recursive: true, force: true });
  const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
  const shipped = ignore
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('!'))
    .map((line) => line.slice(1));
  for (const file of globSync(shipped, { cwd: root, dot: true, onlyFiles: true })) {
    if (file === 'package.json' || without.test(file)) continue;
    mkdirSync(dirname(join(folder, file)), { recursive: true });
    cpSync(join(root, file), join(folder, file));
  }
  cpSync(join(root, '.vscodeignore'), join(folder, '.vscodeignore'));
  const { files: _npmFiles, [entryPoint]: _otherEntryPoint, ...manifest } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return folder;
}

/** Makes one VSIX (`desktop` or `web`) at `packagePath` (default: its name in the top folder). */
export async function makeVsix(name, packagePath = join(root, TARGETS[name].output)) {
  const options = TARGETS[name];
  await createVSIX({ cwd: stage(name, options), packagePath, target: options.target, dependencies: false, rewriteRelativeLinks: false });
  return packagePath;
}

/** What the npm package holds besides its own folder's files: the bins, the bundles they run, the licence. */
const NPM_FILES = ['bin/smtp-status.js', 'bin/smtp-status-language-server.js', 'dist/cli.js', 'dist/server.js', 'LICENSE'];

/**
 * Packs the npm package from a staging folder in out/npm/ (packages/smtp-status/ plus the bundles)
 * with `npm pack`; returns the tarball's path.
 */
export function packNpm(destination = root) {
  const folder = join(root, 'out', 'npm', 'smtp-status');
  rmSync(folder, { recursive: true, force: true });
  cpSync(join(root, 'packages', 'smtp-status'), folder, { recursive: true });
  for (const file of NPM_FILES) {
    mkdirSync(dirname(join(folder, file)), { recursive: true });
    cpSync(join(root, file), join(folder, file));
  }
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', destination], { cwd: folder, encoding: 'utf8' }),
  );
  return join(destination, packed.filename);
}

//   node scripts/package.mjs                                   every package, into the top folder
//   node scripts/package.mjs --npm-only [--destination DIR]    the npm package only (its test uses this)
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { 'npm-only': { type: 'boolean' }, destination: { type: 'string' } } });
  if (!values['npm-only']) for (const name of Object.keys(TARGETS)) await makeVsix(name);
  console.log(`npm package: ${packNpm(resolve(values.destination ?? root))}`);
}
