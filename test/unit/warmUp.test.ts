// The warm-up a server runs after `initialized` (server/src/lsp/warmUp.ts): its sample must take
// the paths a real log takes, or V8 optimises the wrong code; and it must run to its end in
// slices, leaving the event loop between them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { warmUp, warmUpSample } from '../../server/src/lsp/warmUp';
import { Analysis, computeDiagnostics, DEFAULT_SETTINGS } from '../../server/src/service';

test("the warm-up's sample takes a log's paths: reply codes, status fields, a vendor's code, findings", () => {
  const document = TextDocument.create('warm-up:mail.log', 'log', 1, warmUpSample(0));
  const analysis = new Analysis(document);
  const codes = analysis.codes;
  const contexts = new Set<string>();
  let withReply = 0;
  let vendors = 0;
  for (let i = 0; i < codes.length; i++) {
    contexts.add(codes.contextOf(i));
    if (codes.hasReply(i)) withReply++;
    if (codes.lineVendorOf(i) !== undefined) vendors++;
  }
  assert.ok(codes.length > 200, `${codes.length} codes in a slice`);
  assert.deepEqual([...contexts].sort(), ['dsn-field', 'reply']);
  assert.ok(withReply > 100 && vendors > 10, `${withReply} codes with a reply code, ${vendors} of a vendor`);
  const found = new Set(computeDiagnostics(analysis, document, { groupRepeated: true }, DEFAULT_SETTINGS).map((d) => d.code));
  assert.deepEqual([...found].sort(), ['class-mismatch', 'vendor-specific']);
});

test('the warm-up runs its slices to the end, leaving the event loop between them', async () => {
  const turns: string[] = [];
  const ended = new Promise<void>((resolve) => warmUp(3, resolve));
  // A timer set now runs between the first slices: the warm-up does not hold the loop.
  setTimeout(() => turns.push('timer'), 0);
  await ended;
  turns.push('warm-up');
  assert.deepEqual(turns, ['timer', 'warm-up']);
});
