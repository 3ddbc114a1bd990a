import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { definition } from '../../server/src/service';
import { fixtureLog, inside, linesWith } from './support/messageLogs';

describe('definition of a message id', () => {
  const log = fixtureLog('postfix.log');

  test('from any line of the message, its first line', () => {
    const id = '9C1F24A0B3';
    const [first] = linesWith(log, id);
    for (let nth = 0; nth < 4; nth++) {
      const found = definition(log.analysis, log.document, inside(log, `${id}:`, nth))!;
      assert.equal(found.uri, log.document.uri);
      assert.equal(found.range.start.line, first);
      assert.equal(log.lines[first].slice(found.range.start.character, found.range.end.character), id);
    }
  });

  test('a notification: the line of the message that caused it, where it is first named', () => {
    const found = definition(log.analysis, log.document, inside(log, '4Y8kQ3Cx9Rz7Hg', 3))!;
    assert.equal(found.range.start.line, linesWith(log, '4Y8kQ3Cx9Rz7Hg')[0]);
  });

  test('nothing off an id', () => {
    assert.equal(definition(log.analysis, log.document, { line: 0, character: 0 }), null);
  });
});
