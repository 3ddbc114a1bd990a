// Makes the two VSIX packages from the production build (run `node scripts/build.mjs --production`
// first; `npm run package` does both):
//   smtp-status-codes.vsix       desktop VS Code and VS Code servers: the Node client and server
//   smtp-status-codes-web.vsix   `--target web`, for vscode.dev and github.dev: the browser bundles
// The Marketplace and Open VSX serve a web-targeted package to the web and the untargeted one to
// every other platform, so neither carries the other's bundles (each is half the size of one
// package holding both).
//
// .vscodeignore chooses what ships (bundles, grammars, icon, docs) and package.json `files` what
// the npm package holds (CLI, server, bin); vsce refuses to package when both exist, so each VSIX
// is made from a staging folder in out/vsix/<target>/ holding the files .vscodeignore lets
// through and the manifest without `files`.
import { createVSIX } from '@vscode/vsce';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

for (const [name, options] of Object.entries(TARGETS)) {
  await createVSIX({
    cwd: stage(name, options),
    packagePath: join(root, options.output),
    target: options.target,
    dependencies: false,
    rewriteRelativeLinks: false,
  });
}
