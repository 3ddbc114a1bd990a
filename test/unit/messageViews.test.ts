import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { failureLines, messageLines } from '../../server/src/service';
import { fixtureLog, inside, linesWith, logOf } from './support/messageLogs';

describe('Show This Message: the lines of the message at the cursor', () => {
  const log = fixtureLog('postfix.log');

  test('on an id, or anywhere on a line of the message: the message and the ones linked to it', () => {
    const expected = linesWith(log, '4Y8kQ2T5mPz7Hd', '4Y8kQ2VbNTz7Hf', '4Y8kQ3Cx9Rz7Hg');
    const onId = messageLines(log.analysis, log.document, inside(log, '4Y8kQ2VbNTz7Hf'));
    assert.deepEqual(onId, { id: '4Y8kQ2VbNTz7Hf', lines: expected, messages: 3 });
    const line = log.lines.findIndex((l) => l.includes('sender non-delivery notification'));
    const onLine = messageLines(log.analysis, log.document, { line, character: 0 });
    assert.deepEqual(onLine?.lines, expected);
  });

  test('null on a line of no message', () => {
    const line = log.lines.findIndex((l) => l.includes('NOQUEUE'));
    assert.equal(messageLines(log.analysis, log.document, { line, character: 60 }), null);
  });
});

describe('Show Failures: lines with a 4xx or 5xx code', () => {
  test('the failing lines: 4.X.X and 5.X.X codes in replies and status fields, NOQUEUE refusals too', () => {
    const log = fixtureLog('postfix.log');
    const failing = linesWith(log, 'dsn=5.', 'dsn=4.', 'NOQUEUE: reject');
    assert.deepEqual(failureLines(log.analysis, log.document, false), { lines: failing, failures: failing.length, messages: 0 });
  });

  test('with their messages: every line of the messages the failures belong to, and of those linked to them', () => {
    const log = fixtureLog('postfix.log');
    const expected = [
      ...new Set([...linesWith(log, '4Y8kQ2T5mPz7Hd', '4Y8kQ2VbNTz7Hf', '4Y8kQ3Cx9Rz7Hg', '9C1F24A0B3'), ...linesWith(log, 'NOQUEUE')]),
    ].sort((a, b) => a - b);
    const found = failureLines(log.analysis, log.document, true);
    assert.deepEqual(found.lines, expected);
    assert.equal(found.failures, 3);
    assert.equal(found.messages, 4);
  });

  test('a reply without an enhanced code, and a code in prose (not a failure)', () => {
    const log = logOf(['<- 550 Invalid recipient', '<- 250 Ok', 'see 5.1.1 in the RFC', 'said: 451 try later'].join('\n'), 'session.smtp');
    assert.deepEqual(failureLines(log.analysis, log.document, false).lines, [0, 3]);
  });
});
