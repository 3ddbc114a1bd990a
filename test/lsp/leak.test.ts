// No leaks under load, bounded: open, edit and close 10 documents of 1 MB each, 9 times, on the
// built server (pull diagnostics: every document is analysed). The floor of the server's RSS in
// the last three cycles stays within 10% of its floor in cycles 4 to 6 (1 to 3 are warm-up, while
// V8 grows the heap to its working size), with the server's heap capped at 160 MB: a plateau.
// RSS does not shrink when V8 frees memory, but it stops growing. `npm run test:stress` runs 100
// documents of 1 MB.
// Method and caveats: docs/security.md, "Limits and load".
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { LspClient, PULL_CAPABILITIES } from './support/lspClient';
import { loadCycles, plateau } from '../fuzz/support/load';

/** The server's heap limit in this test: room for 10 documents of 1 MB (UTF-16) and their analyses, twice over. */
const HEAP_MB = 160;

describe('memory under load', { skip: existsSync('/proc/self/status') ? false : "needs /proc (Linux) to read the server's RSS" }, () => {
  let client: LspClient;
  before(async () => {
    // A small heap makes V8 collect every cycle or two, so RSS readings settle within a short run
    // (and a leak ends in an out-of-memory exit, which fails the test too).
    client = await LspClient.start({ capabilities: PULL_CAPABILITIES, settings: null, nodeOptions: [`--max-old-space-size=${HEAP_MB}`] });
  });
  after(async () => {
    await client.dispose();
  });

  test('10 documents of 1 MB opened, edited and closed 9 times: RSS plateaus within 10%', async (t) => {
    let rss = await loadCycles(client, { documents: 10, bytes: 1 << 20, cycles: 9 });
    let verdict = plateau(rss);
    // One more round before failing: a late GC can leave the last reading high on a busy machine.
    if (!verdict.ok) {
      rss = [...rss, ...(await loadCycles(client, { documents: 10, bytes: 1 << 20, cycles: 3 }))];
      verdict = plateau(rss);
    }
    t.diagnostic(`RSS per cycle (MB): ${rss.map((r) => r?.toFixed(0)).join(', ')}`);
    assert.ok(
      verdict.ok,
      `RSS grew ${((verdict.growth ?? 0) * 100).toFixed(1)}% from the floor after warm-up (${verdict.baseline?.toFixed(0)} MB) to the floor at the end (${verdict.last?.toFixed(0)} MB): ${rss.map((r) => r?.toFixed(0)).join(', ')}`,
    );
    assert.equal(client.exitStatus, undefined, 'the server is alive');
  });
});
