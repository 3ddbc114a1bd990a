// Requests for documents the server was never told about (or was told are closed) must not break it:
// an empty answer or a JSON-RPC error are both acceptable, a crash or a hang is not.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseError } from 'vscode-languageserver-protocol/node';
import { PULL_CAPABILITIES, startForSuite, type LspClient } from './support/lspClient';
import { hoverText, inside, rangeOf } from './support/text';

const NEVER_OPENED = 'file:///lsp-tests/unopened/never-opened.log';
const POSITION = { line: 0, character: 5 };

/** The result, or the JSON-RPC error the server answered with (any other failure, such as a timeout, is rethrown). */
async function resultOrError<T>(request: Promise<T>): Promise<{ result: T } | { error: ResponseError<unknown> }> {
  try {
    return { result: await request };
  } catch (error) {
    if (error instanceof ResponseError) return { error };
    throw error;
  }
}

/** The server still answers correctly for an open document. */
async function stillAnswers(client: LspClient, name: string): Promise<void> {
  const uri = `file:///lsp-tests/unopened/alive-${name}.log`;
  const text = 'x: 550 5.1.1 user unknown\n';
  await client.open(uri, 'log', text);
  const hover = await client.hover(uri, inside(rangeOf(text, '5.1.1')));
  assert.ok(hover, 'hover on an open document after the failed request');
  assert.match(hoverText(hover.contents), /Bad destination mailbox address/);
}

describe('requests for documents that are not open', () => {
  const client = startForSuite({ before, after }, { capabilities: PULL_CAPABILITIES, settings: null });

  test('hover: null or an error', async () => {
    const answer = await resultOrError(client().hover(NEVER_OPENED, POSITION));
    if ('result' in answer) assert.equal(answer.result, null);
    await stillAnswers(client(), 'hover');
  });

  test('completion: empty, null or an error', async () => {
    const answer = await resultOrError(client().complete(NEVER_OPENED, POSITION));
    if ('result' in answer) assert.ok(answer.result === null || answer.result.length === 0, JSON.stringify(answer.result));
    await stillAnswers(client(), 'completion');
  });

  test('pull diagnostics: an empty full report or an error', async () => {
    const answer = await resultOrError(client().pullDiagnostics(NEVER_OPENED));
    if ('result' in answer) {
      const report = answer.result;
      assert.equal(report.kind, 'full', JSON.stringify(report));
      assert.deepEqual(report.kind === 'full' ? report.items : undefined, []);
    }
    await stillAnswers(client(), 'diagnostics');
  });

  test('a closed document is forgotten: hover on it is null or an error', async () => {
    const uri = 'file:///lsp-tests/unopened/closed.log';
    const text = 'x: 550 5.1.1 user unknown\n';
    await client().open(uri, 'log', text);
    assert.ok(await client().hover(uri, inside(rangeOf(text, '5.1.1'))), 'hover while open');
    await client().close(uri);
    const answer = await resultOrError(client().hover(uri, inside(rangeOf(text, '5.1.1'))));
    if ('result' in answer) assert.equal(answer.result, null);
    await stillAnswers(client(), 'closed');
  });

  test('positions beyond the end of an open document', async () => {
    const uri = 'file:///lsp-tests/unopened/short.log';
    await client().open(uri, 'log', 'x: 550 5.1.1 user unknown\n');
    for (const position of [
      { line: 40, character: 0 },
      { line: 0, character: 400 },
    ]) {
      const hover = await resultOrError(client().hover(uri, position));
      if ('result' in hover) assert.equal(hover.result, null, `hover at ${JSON.stringify(position)}`);
      const items = await resultOrError(client().complete(uri, position));
      if ('result' in items) assert.ok(items.result === null || items.result.length === 0, `completion at ${JSON.stringify(position)}`);
    }
    await stillAnswers(client(), 'beyond');
  });
});
