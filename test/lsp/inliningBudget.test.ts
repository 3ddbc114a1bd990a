// The built server and the built command line raise V8's inlining limit as they start
// (server/src/node/inliningBudget.ts; docs/performance.md, P1). Seen from outside: a preload in
// each process reports on stderr the flags set through `v8.setFlagsFromString`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { INLINING_BUDGET_FLAG } from '../../server/src/node/inliningBudget';
import { CLI } from '../cli/support/cli';
import { LspClient, PULL_CAPABILITIES } from './support/lspClient';

const PRELOAD = `const v8 = require('node:v8');
const set = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => {
  process.stderr.write('v8 flags set: ' + flags + '\\n');
  set(flags);
};
`;

/** The flags a process reported setting, in order. */
const flagsSet = (stderr: string) => [...stderr.matchAll(/^v8 flags set: (.*)$/gm)].map((m) => m[1]);

describe("V8's inlining limit in the Node processes", () => {
  let dir: string;
  let preload: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'smtp-status-inlining-'));
    preload = join(dir, 'report-v8-flags.cjs');
    writeFileSync(preload, PRELOAD);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the language server raises it as it starts, and still analyses', async () => {
    const client = await LspClient.start({ capabilities: PULL_CAPABILITIES, settings: null, nodeOptions: ['--require', preload] });
    try {
      const uri = 'file:///lsp-tests/inlining/mail.log';
      await client.open(
        uri,
        'log',
        'Dec  7 06:00:01 mx postfix/smtp[1]: 4F2A1B: to=<a@example.com>, dsn=4.1.1, status=bounced (said: 550 4.1.1 unknown)\n',
      );
      assert.equal((await client.diagnostics(uri)).length, 1, 'the log is analysed');
      assert.deepEqual(flagsSet(client.stderr()), [INLINING_BUDGET_FLAG], client.stderr());
    } finally {
      await client.dispose();
    }
  });

  test('the command line raises it as it starts, and still answers', () => {
    const child = spawnSync(process.execPath, ['--require', preload, CLI, 'explain', '5.7.1'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(child.status, 0, child.stderr);
    assert.match(child.stdout, /5\.7\.1/);
    assert.deepEqual(flagsSet(child.stderr), [INLINING_BUDGET_FLAG], child.stderr);
  });
});
