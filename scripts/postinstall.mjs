// `npm install` (and `npm ci`) in a checkout builds the bundles the bins run (bin/smtp-status.js
// needs dist/cli.js), so that the repository installs as a package of its own. pre-commit relies on
// that: its `language: node` runs `npm install` in a clone of the hook repository, then `npm pack`
// and `npm install --global` of the tarball (docs/ci.md). A prepack or prepare script cannot do the
// build: `npm pack` prints their banner on the standard output, from which pre-commit reads the
// tarball's name.
//
// In the installed tarball the bundles are there and the sources and esbuild are not: nothing to
// do. A checkout installed without dev dependencies cannot build either, and says so.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const build = join(root, 'scripts', 'build.mjs');

if (existsSync(build)) {
  if (existsSync(join(root, 'node_modules', 'esbuild'))) {
    const result = spawnSync(process.execPath, [build, '--production'], { cwd: root, stdio: 'inherit' });
    process.exitCode = result.status ?? 1;
  } else {
    console.warn(
      'smtp-status: esbuild is not installed (dev dependencies omitted?): dist/ was not built; run `npm ci`, then `npm run build`',
    );
  }
}
