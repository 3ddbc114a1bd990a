// The clients carry what a client needs: the registry, its texts and the scanner live in the
// server's bundle only (the client imports common/ and nothing else of the server's side).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ENHANCED_REGISTRY } from '../../server/src/registry';
import { repoPath } from '../support/paths';

describe('client bundles carry no registry and no scanner', () => {
  // Texts only the registry has: every code's description (titles can be short words).
  const descriptions = ENHANCED_REGISTRY.codes.map((c) => c.description.slice(0, 60)).filter((d) => d.length >= 40);
  // The scanner's candidate pattern, as esbuild writes a regex literal.
  const scannerPattern = String.raw`\d\.\d{1,4}\.\d{1,4}`;

  for (const bundle of [
    ['dist', 'client.js'],
    ['dist', 'browser', 'client.js'],
  ]) {
    test(bundle.join('/'), () => {
      const code = readFileSync(repoPath(...bundle), 'utf8');
      const server = readFileSync(repoPath('dist', bundle.length === 3 ? 'browser' : '', 'server.js'), 'utf8');
      assert.ok(descriptions.length > 50, `${descriptions.length} registry descriptions to look for`);
      // The check can fail: the server bundle, built from the same sources, has them.
      assert.ok(
        descriptions.every((d) => server.includes(d)),
        'the server bundle holds the registry texts',
      );
      assert.ok(server.includes(scannerPattern));
      assert.deepEqual(
        descriptions.filter((d) => code.includes(d)),
        [],
      );
      assert.ok(!code.includes(scannerPattern), 'the scanner is not in the client');
    });
  }
});
