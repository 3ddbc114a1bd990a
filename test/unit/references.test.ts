import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { references } from '../../server/src/service';
import { fixtureLog, inside, linesWith } from './support/messageLogs';

describe('references of a message id', () => {
  test('every line of the message and of the messages linked to it, one location a line, on an id of the chain', () => {
    const log = fixtureLog('postfix.log');
    const chain = ['4Y8kQ2T5mPz7Hd', '4Y8kQ2VbNTz7Hf', '4Y8kQ3Cx9Rz7Hg'];
    const found = references(log.analysis, log.document, inside(log, '4Y8kQ2T5mPz7Hd'))!;
    assert.deepEqual(
      found.map((l) => l.range.start.line),
      linesWith(log, ...chain),
    );
    for (const l of found) {
      assert.equal(l.uri, log.document.uri);
      assert.ok(chain.includes(log.lines[l.range.start.line].slice(l.range.start.character, l.range.end.character)));
    }
  });

  test('Exim: from the bounce, the message it is about', () => {
    const log = fixtureLog('exim.log');
    const found = references(log.analysis, log.document, inside(log, '1tJcAb-000BcE-8f'))!;
    assert.deepEqual(
      found.map((l) => l.range.start.line),
      linesWith(log, '1tJcAa-000BcD-7e', '1tJcAb-000BcE-8f'),
    );
  });

  test('nothing off an id', () => {
    const log = fixtureLog('postfix.log');
    assert.equal(references(log.analysis, log.document, inside(log, 'connect from')), null);
  });
});
