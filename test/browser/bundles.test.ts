// The web bundles must run where there is no Node: the build already refuses Node built-ins for
// `platform: 'browser'`; this checks the output itself, whatever produced it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { repoPath } from '../support/paths';

const BROWSER_DIST = repoPath('dist', 'browser');
const NODE_BUILT_INS = new Set(builtinModules.map((name) => name.replace(/^node:/, '')));

/** Every module a bundle loads at run time or names in an import: `require("fs")`, `from "node:fs"`, `import("path")`. */
function loadedModules(code: string): string[] {
  const names: string[] = [];
  for (const [, name] of code.matchAll(/\brequire\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) names.push(name!);
  for (const [, name] of code.matchAll(/\bimport\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) names.push(name!);
  // `from` as imports write it (after a space or `}`, a module name without spaces), not `'queued-from'` or prose.
  for (const [, name] of code.matchAll(/(?:^|[\s}])from\s*["'`]([^"'`\s,]+)["'`]/g)) names.push(name!);
  return names;
}

const isNodeOnly = (name: string): boolean => name.startsWith('node:') || NODE_BUILT_INS.has(name.split('/')[0]!);

describe('browser bundles', () => {
  const bundles = existsSync(BROWSER_DIST) ? readdirSync(BROWSER_DIST).filter((name) => name.endsWith('.js')) : [];

  test('dist/browser holds the client and the server (node scripts/build.mjs)', () => {
    assert.deepEqual([...bundles].sort(), ['client.js', 'server.js']);
  });

  for (const name of bundles) {
    test(`dist/browser/${name} loads no Node built-in`, () => {
      const code = readFileSync(`${BROWSER_DIST}/${name}`, 'utf8');
      const nodeOnly = loadedModules(code).filter(isNodeOnly);
      assert.deepEqual([...new Set(nodeOnly)], [], `${name} loads Node built-ins`);
      assert.doesNotMatch(code, /["'`]node:[a-z_/]+["'`]/, `${name} names a node: module`);
    });
  }

  test('the worker script loads nothing; the client only `vscode`', () => {
    assert.deepEqual(loadedModules(readFileSync(`${BROWSER_DIST}/server.js`, 'utf8')), []);
    assert.deepEqual([...new Set(loadedModules(readFileSync(`${BROWSER_DIST}/client.js`, 'utf8')))], ['vscode']);
  });

  test('the manifest points at the bundles: `browser` for the web, `main` for Node', () => {
    const manifest = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { main?: string; browser?: string };
    assert.equal(manifest.browser, './dist/browser/client.js');
    assert.equal(manifest.main, './dist/client.js');
    for (const entry of [manifest.browser, manifest.main]) assert.ok(existsSync(repoPath(entry!)), `${entry} exists`);
  });
});
