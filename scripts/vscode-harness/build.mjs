// Builds what the runs load: the extension (the project's own build), the extension-test suite
// and the UI specs (esbuild, into out/ folders of their own that `node --test out/test` never
// sees), and the .vsix a user would install.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { repoRoot } from './paths.mjs';
import { runCommand } from './processes.mjs';
import { step, timed } from './progress.mjs';

export const extensionTestsOutDir = join(repoRoot, 'out', 'vscode-test');
export const uiTestsOutDir = join(repoRoot, 'out', 'e2e');

function filesIn(dir, suffix) {
  return readdirSync(join(repoRoot, dir))
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => join(dir, name));
}

const common = {
  absWorkingDir: repoRoot,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
};

/** dist/client.js and dist/server.js, as `npm run compile` builds them. */
export async function buildExtension(logFile) {
  await timed('building the extension (node scripts/build.mjs)', () =>
    runCommand(process.execPath, [join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, env: process.env, logFile }),
  );
}

/** test/vscode/index.ts and suite/*.vscode-test.ts into out/vscode-test/ (mocha bundled in). */
export async function buildExtensionTests() {
  rmSync(extensionTestsOutDir, { recursive: true, force: true });
  await esbuild.build({
    ...common,
    entryPoints: ['test/vscode/index.ts', ...filesIn('test/vscode/suite', '.vscode-test.ts')],
    outbase: 'test/vscode',
    outdir: extensionTestsOutDir,
    external: ['vscode'],
    // Mocha's parallel mode (unused here) resolves its worker files at run time.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  step(`extension tests built into ${relative(repoRoot, extensionTestsOutDir)}/`);
}

/**
 * test/e2e/*.e2e.ts into out/e2e/ (dependencies such as playwright-core left to node_modules);
 * with `measure`, the measurements in test/e2e/measure/*.measure.ts instead.
 */
export async function buildUiTests({ measure = false } = {}) {
  rmSync(uiTestsOutDir, { recursive: true, force: true });
  const entryPoints = measure ? filesIn('test/e2e/measure', '.measure.ts') : filesIn('test/e2e', '.e2e.ts');
  await esbuild.build({ ...common, entryPoints, outbase: 'test/e2e', outdir: uiTestsOutDir, packages: 'external' });
  step(`UI specs built into ${relative(repoRoot, uiTestsOutDir)}/`);
  return entryPoints.map((file) => join(uiTestsOutDir, file.replace(/^test\/e2e\//, '').replace(/\.ts$/, '.js')));
}

/**
 * The desktop and web packages: the ones given (the web one defaults to the `-web.vsix` beside the
 * desktop one, as `npm run package` names them), or fresh ones made by `npm run package`.
 */
export async function packageExtension({ given, givenWeb, logFile }) {
  if (given) {
    const vsix = resolve(given);
    const webVsix = resolve(givenWeb ?? given.replace(/\.vsix$/, '-web.vsix'));
    for (const path of [vsix, webVsix]) if (!existsSync(path)) throw new Error(`${path}: no such package`);
    step(`installing the given packages ${relative(repoRoot, vsix)} and ${relative(repoRoot, webVsix)}`);
    return { vsix, webVsix };
  }
  await timed('packaging the extension (npm run package)', () =>
    runCommand('npm', ['run', 'package'], { cwd: repoRoot, env: process.env, logFile }),
  );
  return { vsix: join(repoRoot, 'smtp-status-codes.vsix'), webVsix: join(repoRoot, 'smtp-status-codes-web.vsix') };
}
