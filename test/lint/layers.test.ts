// The layers of docs/ARCHITECTURE.md are enforced by the linter (biome.jsonc): an import that runs
// upward, or from the client into the server's source, fails `npm run lint`. Each case plants a
// file in a scratch copy of the tree's layout and lints it with the project's own configuration.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoPath } from '../support/paths';

const BIOME = repoPath('node_modules', '@biomejs', 'biome', 'bin', 'biome');

/** A planted file: where it stands, what it imports, and whether the linter must refuse it. */
const CASES: readonly { file: string; from: string; refused: boolean }[] = [
  { file: 'server/src/scan/planted.ts', from: '../lsp/server', refused: true },
  { file: 'server/src/scan/planted.ts', from: '../service', refused: true },
  { file: 'server/src/scan/planted.ts', from: '../service/hover', refused: true },
  { file: 'server/src/scan/planted.ts', from: '../registry', refused: false },
  { file: 'server/src/registry/planted.ts', from: '../scan', refused: true },
  { file: 'server/src/registry/planted.ts', from: '../scan/codeTable', refused: true },
  { file: 'server/src/registry/planted.ts', from: '../../../common', refused: false },
  { file: 'server/src/service/planted.ts', from: '../lsp/openDocuments', refused: true },
  { file: 'server/src/service/planted.ts', from: '../cli/check', refused: true },
  { file: 'server/src/service/planted.ts', from: '../scan', refused: false },
  { file: 'server/src/service/planted.ts', from: 'vscode', refused: true },
  { file: 'server/src/lsp/planted.ts', from: '../node/summarizeFile', refused: true },
  { file: 'server/src/lsp/planted.ts', from: '../service', refused: false },
  { file: 'server/src/browser/planted.ts', from: '../node/summarizeFile', refused: true },
  { file: 'server/src/browser/planted.ts', from: '../files/read', refused: true },
  { file: 'server/src/files/planted.ts', from: '../scan', refused: true },
  { file: 'server/src/files/planted.ts', from: './decode', refused: false },
  { file: 'server/src/cli/planted.ts', from: '../files/read', refused: false },
  { file: 'server/src/cli/planted.ts', from: '../lsp/server', refused: true },
  { file: 'client/src/planted.ts', from: '../../server/src/scan', refused: true },
  { file: 'client/src/node/planted.ts', from: '../../../server/src/node/summarizeFile', refused: true },
  { file: 'client/src/planted.ts', from: 'vscode-languageserver', refused: true },
  { file: 'client/src/planted.ts', from: '../../common', refused: false },
  { file: 'common/planted.ts', from: '../server/src/registry', refused: true },
  { file: 'common/planted.ts', from: './languages', refused: false },
  { file: 'syntaxes/src/planted.mjs', from: '../../server/src/scan', refused: true },
];

describe('layers: the linter refuses an import that breaks them', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'smtp-status-layers-'));
    copyFileSync(repoPath('biome.jsonc'), join(root, 'biome.jsonc'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const { file, from, refused } of CASES) {
    test(`${file} importing ${from}: ${refused ? 'refused' : 'allowed'}`, () => {
      const path = join(root, file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `import { x } from '${from}';\n\nexport const planted = x;\n`);
      try {
        // Not a git checkout: the configuration's use of .gitignore is switched off for the scratch tree.
        const run = spawnSync(process.execPath, [BIOME, 'lint', '--vcs-enabled=false', file], { cwd: root, encoding: 'utf8' });
        const output = `${run.stdout}${run.stderr}`;
        if (refused) {
          assert.notEqual(run.status, 0, output);
          assert.match(output, /noRestrictedImports/);
        } else {
          assert.equal(run.status, 0, output);
        }
      } finally {
        rmSync(path);
      }
    });
  }
});
