// The Node server's collection after a large message (server/src/node/collectGarbage.ts): it
// returns at once, frees what nothing holds, and leaves no `gc` behind for other contexts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { backgroundCollector } from '../../server/src/node/collectGarbage';

/** A weak reference to an object of about 8 MB that nothing else holds once this returns. */
function dropped(): WeakRef<object> {
  return new WeakRef({ payload: new Array<number>(1 << 20).fill(1.5) });
}

test('the collector frees an object nothing holds, in the background', async () => {
  const collect = backgroundCollector();
  assert.equal(typeof collect, 'function', 'V8 offers a collection here');
  const ref = dropped();
  // A weak reference holds its target until the current job ends.
  await new Promise((resolve) => setImmediate(resolve));
  assert.notEqual(ref.deref(), undefined, 'alive before the collection');
  collect!();
  let waited = 0;
  while (ref.deref() !== undefined && waited < 5000) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    waited += 20;
  }
  assert.equal(ref.deref(), undefined, 'collected within 5 s');
});

test('no context made later sees gc', () => {
  backgroundCollector();
  assert.equal(runInNewContext('typeof gc'), 'undefined');
  assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined');
});
