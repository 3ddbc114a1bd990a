// After a notification that carried a large text, the built server (started as VS Code's client
// starts it, with `--expose-gc`) collects its heap once idle, so that the copies of the message
// that reading it left behind go back (about three times the text; docs/performance.md, P5). Seen
// from outside through Node's GC performance entries: a preload in the server's process reports
// each forced collection on stderr, and V8 never forces one of its own accord.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LspClient, PULL_CAPABILITIES } from './support/lspClient';

// A class mismatch (550 with 4.1.1) on every line: the log's one finding, grouped.
const LINE = 'Dec  7 06:00:01 mx postfix/smtp[1]: 4F2A1B: to=<a@example.com>, dsn=4.1.1, status=bounced (said: 550 4.1.1 unknown)\n';
const MB = 1024 * 1024;
/** A log of at least `mb` MB of text. */
const log = (mb: number) => LINE.repeat(Math.ceil((mb * MB) / LINE.length));

const PRELOAD = `const { PerformanceObserver, constants } = require('node:perf_hooks');
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if ((entry.detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) !== 0) process.stderr.write('forced collection\\n');
  }
}).observe({ entryTypes: ['gc'] });
`;

describe('memory after a large message', () => {
  let client: LspClient;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'smtp-status-gc-'));
    const preload = join(dir, 'report-forced-collections.cjs');
    writeFileSync(preload, PRELOAD);
    client = await LspClient.start({ capabilities: PULL_CAPABILITIES, settings: null, nodeOptions: ['--require', preload] });
  });
  after(async () => {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const forced = () => client.stderr().match(/^forced collection$/gm)?.length ?? 0;
  /** Waits until `count` forced collections were reported, or 5 s. */
  async function reported(count: number): Promise<number> {
    for (let waited = 0; forced() < count && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    return forced();
  }

  test('a 1 MB open starts none; a 9 MB open and a 9 MB insertion one each, once the documents are idle for 1 s', async () => {
    const small = 'file:///lsp-tests/gc/small.log';
    await client.open(small, 'log', log(1));
    assert.equal((await client.diagnostics(small)).length, 1, 'the small log is analysed');
    // Time for a collection to be reported, had one been started (the server waits 1 s).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(forced(), 0, client.stderr());

    const large = 'file:///lsp-tests/gc/large.log';
    await client.open(large, 'log', log(9));
    assert.equal((await client.diagnostics(large)).length, 1, 'the large log is analysed');
    assert.equal(forced(), 0, 'not on the path of the open');
    assert.equal(await reported(1), 1, client.stderr());

    await client.change(large, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: log(9) }]);
    assert.equal((await client.diagnostics(large)).length, 1, 'the edited log is analysed');
    // Typing on: one small edit every 300 ms for 1.5 s puts the collection off until it stops.
    for (let k = 0; k < 5; k++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await client.change(small, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
    }
    assert.equal(forced(), 1, 'not while the documents change');
    assert.equal(await reported(2), 2, client.stderr());
    assert.equal(client.exitStatus, undefined, 'the server is alive');
  });
});
