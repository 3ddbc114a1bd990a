import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DocumentHighlightKind } from 'vscode-languageserver-types';
import { documentHighlights } from '../../server/src/service';
import { fixtureLog, inside, linesWith } from './support/messageLogs';

describe('document highlights on a message id', () => {
  const log = fixtureLog('postfix.log');

  test('every place the id is written: its own lines as Write, other messages’ lines naming it as Read', () => {
    const id = '4Y8kQ2VbNTz7Hf';
    const highlights = documentHighlights(log.analysis, log.document, inside(log, id, 3))!;
    assert.deepEqual(
      highlights.map((h) => h.range.start.line),
      linesWith(log, id),
    );
    for (const h of highlights) assert.equal(log.lines[h.range.start.line].slice(h.range.start.character, h.range.end.character), id);
    const read = highlights.filter((h) => h.kind === DocumentHighlightKind.Read).map((h) => h.range.start.line);
    assert.deepEqual(read, linesWith(log, `queued as ${id}`), 'the content filter’s `queued as` lines name it');
  });

  test('the same from the first or the last character of the id; nothing off ids', () => {
    const line = log.lines.findIndex((l) => l.includes('9C1F24A0B3'));
    const start = log.lines[line].indexOf('9C1F24A0B3');
    const a = documentHighlights(log.analysis, log.document, { line, character: start });
    const b = documentHighlights(log.analysis, log.document, { line, character: start + 10 });
    assert.deepEqual(a, b);
    assert.equal(a?.length, linesWith(log, '9C1F24A0B3: ').length);
    assert.equal(documentHighlights(log.analysis, log.document, { line, character: start - 3 }), null);
    assert.equal(documentHighlights(log.analysis, log.document, { line: 9999, character: 0 }), null);
  });
});
