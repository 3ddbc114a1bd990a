// V8 keeps the subject of the last successful match of any pattern (for `RegExp.input` and
// `RegExp.lastMatch`), and a slice keeps the text it was cut from: a scanned document's text stays
// alive after the document is gone until `forgetLastMatch` runs (the server calls it when a
// document closes). Nothing the scan keeps between scans may hold the text either. Measured on the
// heap with V8's collector run by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { forgetLastMatch, scanTable } from '../../server/src/scan';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** The heap in use after two full collections. */
function heapUsed(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

const LINE =
  'Dec  7 06:00:01 mx postfix/smtp[1]: 4F2A1B: to=<a@example.com>, dsn=5.1.1, status=bounced (host mx said: 550 5.1.1 No such user)\n';

/** Scans a text of about 25 MB that nothing keeps once this returns, as a closed document's. */
function scanAndDrop(): void {
  // Parsed from JSON, as the server receives a document: one flat string on the heap.
  const text: string = JSON.parse(JSON.stringify(LINE.repeat(200_000)));
  assert.equal(scanTable(text, 'log').length, 400_000);
}

test('a scanned text can be collected once forgetLastMatch has run', () => {
  const before = heapUsed();
  scanAndDrop();
  forgetLastMatch();
  const kept = heapUsed() - before;
  assert.ok(kept < 4 * 1024 * 1024, `${(kept / 1024 / 1024).toFixed(1)} MB still in use after the text was dropped`);
});
