import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CodeTable, type CodeMatch } from '../../server/src/scan';

/** A match with every field present, as the scanner makes them. */
function match(line: number, text: string, fields: Partial<CodeMatch> = {}): CodeMatch {
  const [cls, subject, detail] = text.split('.').map(Number);
  return {
    line,
    start: 4,
    end: 4 + text.length,
    text,
    class: cls,
    subject,
    detail,
    problem: undefined,
    context: 'reply',
    reply: { start: 0, end: 3, code: 550, continuation: false },
    action: undefined,
    vendor: undefined,
    ...fields,
  };
}

const SAMPLES: CodeMatch[] = [
  match(0, '5.1.1'),
  match(1, '5.7.26', { reply: { start: 0, end: 3, code: 550, continuation: true }, vendor: 'google' }),
  match(1, '4.7.0', { context: 'dsn-field', reply: undefined, vendor: 'microsoft' }),
  match(2, '5.01.1', { problem: 'leading-zero' }),
  match(3, '1234.1.1', { problem: 'class', context: 'string', reply: undefined }),
  match(4, '5.7.1', { context: 'string', reply: undefined, action: { start: 0, end: 6, word: 'REJECT', class: 5 } }),
  match(5, '5.1.1', { context: 'string', reply: { start: -1, end: -1, code: 550, continuation: false } }),
  match(6, '2.0.0', { context: 'bare', reply: undefined }),
];

function tableOf(matches: readonly CodeMatch[]): CodeTable {
  const table = new CodeTable(1);
  for (const m of matches) table.push(m);
  return table;
}

describe('CodeTable', () => {
  test('gives back every field of what was pushed, as written (growing past its first capacity)', () => {
    const table = tableOf(SAMPLES);
    assert.equal(table.length, SAMPLES.length);
    assert.deepEqual(table.toArray(), SAMPLES);
    assert.deepEqual([...table], SAMPLES);
    assert.equal(table.textOf(3), '5.01.1', 'a malformed code keeps its text');
    assert.equal(table.replyCodeOf(2), 0, 'no reply reads as 0');
    assert.equal(table.isContinuation(1), true);
    assert.equal(table.lineVendorOf(1), 'google');
  });

  test('a match made by get is a copy: changing it leaves the table as it is', () => {
    const table = tableOf(SAMPLES);
    const copy = table.get(0);
    copy.line = 99;
    copy.reply!.code = 250;
    assert.deepEqual(table.get(0), SAMPLES[0]);
  });

  test('firstOnLine finds the first code on a line, or where it would go', () => {
    const table = tableOf(SAMPLES);
    assert.equal(table.firstOnLine(0), 0);
    assert.equal(table.firstOnLine(1), 1);
    assert.equal(table.firstOnLine(2), 3);
    assert.equal(table.firstOnLine(100), SAMPLES.length);
  });

  test('splice and shiftLines move codes with their text and actions', () => {
    for (let at = 0; at <= SAMPLES.length; at++) {
      for (let remove = 0; at + remove <= SAMPLES.length; remove++) {
        for (const inserted of [[], SAMPLES.slice(3, 6), SAMPLES.slice(0, 1)]) {
          const table = tableOf(SAMPLES);
          table.splice(at, remove, tableOf(inserted));
          const expected = [...SAMPLES];
          expected.splice(at, remove, ...inserted);
          assert.deepEqual(table.toArray(), expected, `splice(${at}, ${remove}, ${inserted.length} codes)`);
        }
      }
    }
    const table = tableOf(SAMPLES);
    table.shiftLines(3, 10);
    assert.deepEqual(
      table.toArray().map((m) => m.line),
      SAMPLES.map((m, i) => (i >= 3 ? m.line + 10 : m.line)),
    );
  });
});
