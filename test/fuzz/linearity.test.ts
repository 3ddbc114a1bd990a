// Time grows linearly with the input: for pathological shapes (long runs of digits, dots, spaces,
// `550-`, quotes, backslashes, ...) on one line or over many lines, doubling the input at most
// multiplies the time by 2.5 (64 KB against 256 KB, best of several runs, retried; ratios, never
// absolute speeds), and a 1 MB line is scanned within a generous bound. A bounded sample:
// `npm run test:fuzz` runs every shape in every mode at 512 KB and 2 MB.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scanDocument } from '../../server/src/scan';
import { bestTime, growth, OPERATIONS, regressionOperation, REGRESSION_SHAPES, SHAPES } from './support/timing';

/** Mode and syntax variety at a small cost: a log, a Postfix access map, C-like, Python and Lua source, YAML and JSON. */
const TARGETS = [
  { languageId: 'log', uri: 'file:///f/mail.log' },
  { languageId: 'plaintext', uri: 'file:///etc/postfix/access' },
  { languageId: 'c', uri: 'file:///f/a.c' },
  { languageId: 'python', uri: 'file:///f/a.py' },
  { languageId: 'yaml', uri: 'file:///f/a.yaml' },
  { languageId: 'json', uri: 'file:///f/a.json' },
  { languageId: 'lua', uri: 'file:///f/a.lua' },
];

/** Sizes n and 4n: 64 KB and 256 KB. */
const N = 64 * 1024;

describe('linear time on pathological input', () => {
  // Each shape in log mode and in one other mode, in turn (npm run test:fuzz: every shape, every mode).
  test('scan: doubling the input at most 2.5x the time', () => {
    const slow: string[] = [];
    SHAPES.forEach((shape, k) => {
      for (const { languageId, uri } of [TARGETS[0], TARGETS[1 + (k % (TARGETS.length - 1))]]) {
        const g = growth(shape.make, (text) => OPERATIONS.scan(text, languageId, uri), N, { repeats: 2 });
        if (g.ratio > 2.5)
          slow.push(
            `${shape.name} in ${languageId}: ${g.small.toFixed(1)} ms -> ${g.large.toFixed(1)} ms at 4x the size (x${g.ratio.toFixed(2)} per doubling)`,
          );
      }
    });
    assert.deepEqual(slow, []);
  });

  test('diagnostics, hover and completion on a log: doubling the input at most 2.5x the time', () => {
    const slow: string[] = [];
    for (const shape of SHAPES.filter((s) => /codes|reply|said|status|log lines|mixed|astral|spaces/.test(s.name))) {
      for (const name of ['diagnostics', 'hover and completion at the end']) {
        const g = growth(shape.make, (text) => OPERATIONS[name](text, 'log', 'file:///f/mail.log'), N / 2, { repeats: 2 });
        if (g.ratio > 2.5)
          slow.push(`${name} on ${shape.name}: ${g.small.toFixed(1)} ms -> ${g.large.toFixed(1)} ms (x${g.ratio.toFixed(2)})`);
      }
    }
    assert.deepEqual(slow, []);
  });

  test('a 1 MB single line of each shape scans in under 2 s', () => {
    const slow: string[] = [];
    for (const shape of SHAPES.filter((s) => !/lines|breaks/.test(s.name))) {
      const text = shape.make(1 << 20).replace(/[\r\n]/g, ' ');
      for (const { languageId, uri } of [TARGETS[0], TARGETS[2]]) {
        const ms = bestTime(() => OPERATIONS.scan(text, languageId, uri), 1);
        if (ms > 2000) slow.push(`${shape.name} in ${languageId}: ${ms.toFixed(0)} ms`);
      }
    }
    assert.deepEqual(slow, []);
  });
});

describe('shapes that were once super-linear', () => {
  for (const shape of REGRESSION_SHAPES) {
    test(`${shape.name} (${shape.languageId}, ${shape.operation}): doubling the input at most 2.5x the time`, () => {
      const g = growth(shape.make, regressionOperation(shape), shape.operation === 'scan' ? 32 * 1024 : 8 * 1024, { repeats: 2 });
      assert.ok(
        g.ratio <= 2.5,
        `${g.small.toFixed(1)} ms -> ${g.large.toFixed(1)} ms at 4x the size (x${g.ratio.toFixed(2)} per doubling)`,
      );
    });
  }

  test('a line of 31 `#` before a code scans in well under 100 ms (no backtracking in HEADING_BEFORE)', () => {
    const line = `${'#'.repeat(31)}!5.1.1`;
    const ms = bestTime(() => scanDocument(line, 'log'), 3);
    assert.ok(ms < 100, `${JSON.stringify(line)} took ${ms.toFixed(0)} ms`);
  });

  test('changelog headings still read as versions, not codes', () => {
    for (const heading of ['## 2.3.7', '### [2.6.2] - fixes', '**4.2.7**', '[2.2.1]: https://example.org']) {
      assert.deepEqual(scanDocument(heading, 'log').codes, [], heading);
    }
    assert.equal(scanDocument('x: 5.1.1', 'log').codes.length, 1, 'a code after text is still a code');
  });
});
