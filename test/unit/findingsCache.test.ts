import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { vendor } from '../../server/src/registry';
import { FindingsCache } from '../../server/src/service/findingsCache';

describe('FindingsCache: findings shared between codes, per vendor', () => {
  const code = (5 * 10_000 + 7) * 10_000 + 606;

  test("a third vendor never sees another vendor's findings for the same code", () => {
    const cache = new FindingsCache<string[]>();
    const microsoft = vendor('microsoft');
    const google = vendor('google');
    // A vendor the registry does not have yet: same id as an existing one, another object.
    const third = { ...microsoft, name: 'Another Mail Service' };
    cache.remember(microsoft, code, 550, ["Microsoft's message"]);
    cache.remember(google, code, 550, ["Google's message"]);
    assert.deepEqual(cache.find(microsoft, code, 550), ["Microsoft's message"]);
    assert.deepEqual(cache.find(google, code, 550), ["Google's message"]);
    assert.equal(cache.find(third, code, 550), undefined);
    assert.equal(cache.find(undefined, code, 550), undefined, 'no vendor is a key of its own');
    cache.remember(third, code, 550, ["the third vendor's message"]);
    assert.deepEqual(cache.find(third, code, 550), ["the third vendor's message"]);
    assert.deepEqual(cache.find(microsoft, code, 550), ["Microsoft's message"]);
  });

  test('the variant (reply code, problem, action) is part of the key', () => {
    const cache = new FindingsCache<string>();
    cache.remember(undefined, code, 550, 'with 550');
    assert.equal(cache.find(undefined, code, 450), undefined);
    assert.equal(cache.find(undefined, code + 1, 550), undefined);
    assert.equal(cache.find(undefined, code, 550), 'with 550');
  });

  test('many keys, more than its front has slots: each finds its own findings, and a replaced one the new', () => {
    const cache = new FindingsCache<string>();
    const keys: [number, number][] = [];
    // Every class, subject and detail a log could hold a few of, and 4-digit classes of struct literals.
    for (const cls of [2, 4, 5, 9999]) for (let detail = 0; detail < 100; detail++) keys.push([(cls * 10_000 + 7) * 10_000 + detail, 5500]);
    for (let reply = 200; reply < 560; reply++) keys.push([code, reply * 10]);
    for (const [c, v] of keys) cache.remember(undefined, c, v, `${c}/${v}`);
    for (let round = 0; round < 2; round++) for (const [c, v] of keys) assert.equal(cache.find(undefined, c, v), `${c}/${v}`);
    cache.remember(undefined, code, 5500, 'replaced');
    assert.equal(cache.find(undefined, code, 5500), 'replaced');
    assert.equal(cache.find(undefined, code, 5510), `${code}/5510`);
  });

  test('bounded: emptied when full, never over its limit', () => {
    const cache = new FindingsCache<number>(3);
    for (let k = 0; k < 10; k++) {
      cache.remember(undefined, k, 0, k);
      assert.ok(cache.entries <= 3, `${cache.entries} entries`);
    }
    assert.equal(cache.find(undefined, 9, 0), 9);
    assert.equal(cache.find(undefined, 0, 0), undefined);
  });
});
