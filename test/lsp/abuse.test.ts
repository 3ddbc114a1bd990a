// Protocol abuse against the built server over stdio: unknown and closed documents, positions out
// of range, negative or not numbers, huge ranges, malformed params, didChange for unknown documents
// or with ranges outside the document, out-of-order versions, cancellation mid-request, and 10,000
// such requests in a row. Every request gets an empty result or a proper JSON-RPC error, the
// process stays alive, and a normal hover still works afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CancellationTokenSource, ResponseError } from 'vscode-languageserver-protocol/node';
import { LspClient, PULL_CAPABILITIES, PUSH_CAPABILITIES } from './support/lspClient';
import { hoverText } from './support/text';

const OPEN_URI = 'file:///lsp-tests/abuse/open.log';
const OPEN_TEXT = 'x: 550 5.1.1 user unknown\nx: 451 4.7.1 later\n';
const GONE_URI = 'file:///lsp-tests/abuse/never.log';

/** Requests the server registers, with a well-formed params builder for a document and a position. */
const REQUESTS: { method: string; params: (uri: unknown, position: unknown) => unknown }[] = [
  { method: 'textDocument/hover', params: (uri, position) => ({ textDocument: { uri }, position }) },
  {
    method: 'textDocument/completion',
    params: (uri, position) => ({ textDocument: { uri }, position, context: { triggerKind: 2, triggerCharacter: '.' } }),
  },
  { method: 'textDocument/diagnostic', params: (uri) => ({ textDocument: { uri } }) },
  {
    method: 'textDocument/codeAction',
    params: (uri, position) => ({ textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }),
  },
  {
    method: 'textDocument/inlayHint',
    params: (uri, position) => ({ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: position } }),
  },
  { method: 'textDocument/semanticTokens/full', params: (uri) => ({ textDocument: { uri } }) },
  {
    method: 'textDocument/semanticTokens/range',
    params: (uri, position) => ({ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: position } }),
  },
  { method: 'textDocument/documentLink', params: (uri) => ({ textDocument: { uri } }) },
  { method: 'smtpStatus/summary', params: (uri) => ({ uri }) },
];

const BAD_POSITIONS: unknown[] = [
  { line: 1e9, character: 0 },
  { line: 0, character: 1e9 },
  { line: -1, character: 0 },
  { line: 0, character: -7 },
  { line: -2147483648, character: -2147483648 },
  { line: 2147483647, character: 2147483647 },
  { line: 0.5, character: 1.5 },
  { line: Number.MAX_SAFE_INTEGER, character: 3 },
  { line: '0', character: '5' },
  { line: null, character: null },
  {},
  null,
  'here',
  [0, 5],
];

const BAD_URIS: unknown[] = [
  GONE_URI,
  '',
  'not a uri',
  5,
  null,
  {},
  ['x'],
  `file:///${'a'.repeat(10_000)}`,
  'file:///%',
  'untitled:\u0000',
];

/** Whole params objects of the wrong shape. */
const BAD_PARAMS: unknown[] = [
  undefined,
  null,
  {},
  [],
  'text',
  42,
  true,
  { textDocument: null },
  { textDocument: {} },
  { textDocument: { uri: OPEN_URI } },
  { position: { line: 0, character: 0 } },
];

type Outcome = { result: unknown } | { error: ResponseError<unknown> };

/** The answer: a result or a JSON-RPC error; anything else (a timeout, the process dying) throws. */
async function outcome(client: LspClient, method: string, params: unknown, timeoutMs = 10_000): Promise<Outcome> {
  try {
    return { result: await client.request(method, params, timeoutMs) };
  } catch (error) {
    if (error instanceof ResponseError) return { error };
    throw error;
  }
}

/** An empty answer of the kind the method gives, or an error. */
function assertEmptyOrError(method: string, answer: Outcome, what: string): void {
  if ('error' in answer) {
    assert.equal(typeof answer.error.code, 'number', `${what}: error code`);
    return;
  }
  const r = answer.result as Record<string, unknown> | unknown[] | null;
  const empty =
    r === null ||
    (Array.isArray(r) && r.length === 0) ||
    (typeof r === 'object' && r !== null && 'items' in r && Array.isArray(r.items) && r.items.length === 0) ||
    (typeof r === 'object' && r !== null && 'data' in r && Array.isArray(r.data) && r.data.length === 0);
  assert.ok(empty, `${what}: ${method} should answer empty, got ${JSON.stringify(r).slice(0, 300)}`);
}

/** The server is alive and answers a normal hover correctly. */
async function stillServes(client: LspClient): Promise<void> {
  assert.equal(client.exitStatus, undefined, `server exited\n${client.stderr()}`);
  const hover = await client.hover(OPEN_URI, { line: 0, character: 8 });
  assert.ok(hover, 'hover after the abuse');
  assert.match(hoverText(hover.contents), /Bad destination mailbox address/);
}

for (const [mode, capabilities] of [
  ['pull', PULL_CAPABILITIES],
  ['push', PUSH_CAPABILITIES],
] as const) {
  describe(`protocol abuse (${mode} diagnostics)`, () => {
    let client: LspClient;
    before(async () => {
      client = await LspClient.start({ capabilities, settings: null });
      await client.open(OPEN_URI, 'log', OPEN_TEXT);
    });
    after(async () => {
      await client.dispose();
    });

    test('requests for unknown, closed and malformed documents: empty or an error', async () => {
      await client.open('file:///lsp-tests/abuse/closed.log', 'log', OPEN_TEXT);
      await client.close('file:///lsp-tests/abuse/closed.log');
      for (const { method, params } of REQUESTS) {
        for (const uri of [...BAD_URIS, 'file:///lsp-tests/abuse/closed.log']) {
          assertEmptyOrError(
            method,
            await outcome(client, method, params(uri, { line: 0, character: 8 })),
            `uri ${JSON.stringify(uri).slice(0, 40)}`,
          );
        }
      }
      await stillServes(client);
    });

    test('positions out of range, negative, fractional or not numbers: empty or an error', async () => {
      for (const { method, params } of REQUESTS) {
        for (const position of BAD_POSITIONS) {
          const answer = await outcome(client, method, params(OPEN_URI, position));
          // Whole-document requests ignore the position and may answer with content.
          if (
            ![
              'textDocument/diagnostic',
              'textDocument/semanticTokens/full',
              'textDocument/documentLink',
              'smtpStatus/summary',
              'textDocument/inlayHint',
              'textDocument/semanticTokens/range',
            ].includes(method)
          ) {
            assertEmptyOrError(method, answer, `position ${JSON.stringify(position)}`);
          }
        }
      }
      await stillServes(client);
    });

    test('huge ranges and inverted ranges', async () => {
      const ranges = [
        { start: { line: 0, character: 0 }, end: { line: 1e9, character: 1e9 } },
        { start: { line: 5, character: 5 }, end: { line: 0, character: 0 } },
        { start: { line: -1e9, character: -1 }, end: { line: 1e9, character: 1e9 } },
      ];
      for (const range of ranges) {
        for (const method of ['textDocument/inlayHint', 'textDocument/semanticTokens/range', 'textDocument/codeAction']) {
          await outcome(client, method, { textDocument: { uri: OPEN_URI }, range, context: { diagnostics: [] } });
        }
      }
      await stillServes(client);
    });

    test('malformed params of every request: empty or an error', async () => {
      for (const { method } of [...REQUESTS, { method: 'textDocument/definition' }, { method: 'no/such/method' }]) {
        for (const params of BAD_PARAMS) await outcome(client, method, params);
      }
      await stillServes(client);
    });

    test('malformed notifications: didOpen, didChange, didClose, didChangeConfiguration', async () => {
      const c = client.connection;
      const notify = (method: string, params: unknown) => c.sendNotification(method, params as object);
      // Not OPEN_URI: a well-formed didClose for it would close it.
      for (const params of BAD_PARAMS.map((p) => (JSON.stringify(p)?.includes(OPEN_URI) ? { textDocument: { uri: GONE_URI } } : p))) {
        for (const method of [
          'textDocument/didOpen',
          'textDocument/didChange',
          'textDocument/didClose',
          'workspace/didChangeConfiguration',
          'textDocument/didSave',
          '$/setTrace',
          'no/such/notification',
        ]) {
          await notify(method, params);
        }
      }
      // Wrong-typed fields other than the uri and the text (those: below).
      await notify('textDocument/didOpen', {
        textDocument: { uri: 'file:///lsp-tests/abuse/c.log', languageId: null, version: 'one', text: '550 5.1.1' },
      });
      for (const { method, params } of REQUESTS)
        await outcome(client, method, params('file:///lsp-tests/abuse/c.log', { line: 0, character: 1 }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      await stillServes(client);
    });

    test('didChange: unknown documents, ranges outside the document, out-of-order versions', async () => {
      const uri = 'file:///lsp-tests/abuse/edited.log';
      await client.open(uri, 'log', OPEN_TEXT);
      const change = (version: unknown, contentChanges: unknown) =>
        client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges } as object);
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: GONE_URI, version: 2 },
        contentChanges: [{ text: '550 5.1.1' }],
      });
      const outside = [
        { range: { start: { line: 100, character: 0 }, end: { line: 200, character: 5 } }, text: '550 5.1.1\n' },
        { range: { start: { line: 0, character: 500 }, end: { line: 0, character: 900 } }, text: 'x' },
        { range: { start: { line: -3, character: -3 }, end: { line: -1, character: 0 } }, text: '451 4.7.1' },
        { range: { start: { line: 1, character: 5 }, end: { line: 0, character: 2 } }, text: '\r\n' },
        { range: { start: { line: 0, character: 0 }, end: { line: 1e9, character: 1e9 } }, text: 'x: 552 5.2.2 full\r\n' },
        { range: { start: { line: 0.5, character: 'x' }, end: null }, text: 'y' },
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
        { text: null },
        {},
      ];
      for (const [k, c] of outside.entries()) await change(3 + k, [c]);
      await change(1, [{ text: 'x: 550 5.1.1 stale' }]);
      await change(1_000_000, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n\n' }]);
      await change(2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
      await change(null, []);
      await change(7, null);
      // Whatever the server made of it, its answers for the document are well-formed.
      for (const { method, params } of REQUESTS) await outcome(client, method, params(uri, { line: 0, character: 5 }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      await stillServes(client);
    });

    // Cancellation and the flood once (pull mode), the rest in both modes.
    const testOnce = mode === 'pull' ? test : (((): undefined => undefined) as unknown as typeof test);
    testOnce('$/cancelRequest mid-request: a result or RequestCancelled, and the server goes on', async () => {
      const uri = 'file:///lsp-tests/abuse/big.log';
      const line = 'Nov 22 10:00:01 mx postfix/smtp[1]: A: to=<a@b>, dsn=5.9.9, status=bounced (host x said: 550 5.9.9 unknown)\n';
      await client.open(uri, 'log', line.repeat(40_000));
      const answers: Promise<Outcome>[] = [];
      for (let k = 0; k < 20; k++) {
        for (const { method, params } of REQUESTS) {
          // The client library sends $/cancelRequest when the token is cancelled.
          const source = new CancellationTokenSource();
          const sent = client.connection.sendRequest(method, params(uri, { line: k, character: 60 }), source.token).then(
            (result) => ({ result }),
            (error: unknown) => {
              if (error instanceof ResponseError) return { error };
              throw error;
            },
          );
          if (k % 2 === 0) source.cancel();
          else setTimeout(() => source.cancel(), k);
          answers.push(sent);
        }
      }
      const settled = await Promise.all(answers);
      for (const a of settled)
        if ('error' in a) assert.ok([-32800, -32603, -32602].includes(a.error.code), `error ${a.error.code}: ${a.error.message}`);
      await client.close(uri);
      await stillServes(client);
    });

    testOnce('10,000 abusive requests in a row, pipelined: all answered within a bounded time', async () => {
      const started = Date.now();
      let errors = 0;
      const batch: Promise<Outcome>[] = [];
      for (let k = 0; k < 10_000; k++) {
        const { method, params } = REQUESTS[k % REQUESTS.length];
        const uri = k % 3 === 0 ? OPEN_URI : BAD_URIS[k % BAD_URIS.length];
        const position = BAD_POSITIONS[k % BAD_POSITIONS.length];
        const request = k % 7 === 0 ? BAD_PARAMS[k % BAD_PARAMS.length] : params(uri, position);
        batch.push(outcome(client, method, request, 60_000));
        if (batch.length === 500) {
          for (const a of await Promise.all(batch)) if ('error' in a) errors++;
          batch.length = 0;
        }
      }
      for (const a of await Promise.all(batch)) if ('error' in a) errors++;
      const seconds = (Date.now() - started) / 1000;
      assert.ok(seconds < 60, `10,000 requests took ${seconds.toFixed(1)} s`);
      await stillServes(client);
      assert.ok(errors < 10_000, 'not everything is an error');
    });
  });
}

describe('didOpen with a missing or wrong-typed text or uri', () => {
  const OTHER = 'file:///lsp-tests/abuse/malformed.log';
  for (const [mode, capabilities] of [
    ['pull', PULL_CAPABILITIES],
    ['push', PUSH_CAPABILITIES],
  ] as const) {
    const variants = [
      ['text missing', { uri: OTHER, languageId: 'log', version: 1 }],
      ['text null', { uri: OTHER, languageId: 'log', version: 1, text: null }],
      ['text a number', { uri: OTHER, languageId: 'log', version: 1, text: 42 }],
      ['uri null', { uri: null, languageId: 'log', version: 1, text: '550 5.1.1' }],
      ['uri a number', { uri: 7, languageId: 'log', version: 1, text: '550 5.1.1' }],
    ] as const;
    test(`${mode} diagnostics: text missing, null or a number, uri null or a number: the server stays up`, async () => {
      const client = await LspClient.start({ capabilities, settings: null });
      try {
        await client.open(OPEN_URI, 'log', OPEN_TEXT);
        for (const [name, textDocument] of variants) {
          await client.connection.sendNotification('textDocument/didOpen', { textDocument } as object);
          for (const { method, params } of REQUESTS) await outcome(client, method, params(textDocument.uri, { line: 0, character: 1 }));
          await new Promise((resolve) => setTimeout(resolve, 50));
          await assert.doesNotReject(stillServes(client), `after a didOpen with ${name}`);
        }
      } finally {
        await client.dispose();
      }
    });
  }
});
