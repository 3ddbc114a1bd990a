// The Node server's collection after a large message (server/src/node/collectGarbage.ts): V8's
// own `gc`, only where the process was started with `--expose-gc`, asked to mark on its thread.
// That the built server calls it when it should is test/lsp/collectGarbage.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { v8Collector } from '../../server/src/node/collectGarbage';

test('no collector in a process started without --expose-gc', () => {
  assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'this test runs without --expose-gc');
  assert.equal(v8Collector(), undefined);
});

test("the collector asks V8's gc for a full collection marked on V8's thread", () => {
  const calls: unknown[] = [];
  const global = globalThis as { gc?: (options?: unknown) => void };
  global.gc = (options) => calls.push(options);
  try {
    const collect = v8Collector();
    assert.equal(calls.length, 0, 'nothing collected until asked');
    collect?.();
    assert.deepEqual(calls, [{ type: 'major', execution: 'async' }]);
  } finally {
    delete global.gc;
  }
});
