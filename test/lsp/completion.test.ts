import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PULL_CAPABILITIES, startForSuite, type CompletionItem, type LspClient, type Position } from './support/lspClient';
import { positionAfter } from './support/text';
import { registeredCodesOfClass, registryCodes } from './support/registry';

let documents = 0;

/** Opens `text` and completes at the end of `before` (which must occur once in `text`). */
async function completeAfter(
  client: LspClient,
  languageId: string,
  text: string,
  before: string,
  trigger?: string,
): Promise<CompletionItem[] | null> {
  const uri = `file:///lsp-tests/completion/doc-${++documents}.${languageId === 'python' ? 'py' : 'log'}`;
  await client.open(uri, languageId, text);
  return client.complete(uri, positionAfter(text, before), trigger);
}

async function completeAt(client: LspClient, languageId: string, text: string, position: Position): Promise<CompletionItem[] | null> {
  const uri = `file:///lsp-tests/completion/doc-${++documents}.${languageId}`;
  await client.open(uri, languageId, text);
  return client.complete(uri, position);
}

const labels = (items: CompletionItem[] | null) => {
  assert.ok(items, 'a completion result');
  return items.map((item) => item.label);
};

const sortKey = (item: CompletionItem) => item.sortText ?? item.label;

/** Registry title for a code like `5.1.1`. */
const titles = new Map(registryCodes().map((c) => [c.subjectDetail, c.title]));
const titleOf = (label: string) => titles.get(label.split('.').slice(1).join('.'));

describe('completion', () => {
  const client = startForSuite({ before, after }, { capabilities: PULL_CAPABILITIES, settings: null });

  test('"550 5.1." in a log: exactly 5.1.0 .. 5.1.10 with titles and markdown documentation', async () => {
    const items = await completeAfter(client(), 'log', '550 5.1.', '550 5.1.', '.');
    assert.deepEqual(
      [...labels(items)].sort(),
      registeredCodesOfClass(5)
        .filter((c) => c.startsWith('5.1.'))
        .sort(),
    );
    assert.equal(items!.length, 11);
    for (let item of items!) {
      if (item.documentation === undefined && client().initializeResult.capabilities.completionProvider?.resolveProvider) {
        item = await client().request<CompletionItem>('completionItem/resolve', item);
      }
      const title = titleOf(item.label);
      assert.ok(title, `registry title for ${item.label}`);
      const shown = `${item.detail ?? ''} ${item.labelDetails?.detail ?? ''} ${item.labelDetails?.description ?? ''}`;
      assert.ok(shown.includes(title), `${item.label}: detail or labelDetails carries "${title}", got ${JSON.stringify(shown)}`);
      assert.ok(item.documentation && typeof item.documentation === 'object', `${item.label}: MarkupContent documentation`);
      assert.equal(item.documentation.kind, 'markdown', `${item.label}: markdown documentation`);
      assert.ok(item.documentation.value.includes(item.label), `${item.label}: documentation names the code`);
      if (item.textEdit && 'range' in item.textEdit) {
        // Accepting the item must leave the full code in place of the typed prefix, not `5.1.5.1.1`.
        const { range, newText } = item.textEdit;
        assert.equal(range.start.line, 0);
        assert.equal('550 5.1.'.slice(0, range.start.character) + newText + '550 5.1.'.slice(range.end.character), `550 ${item.label}`);
      }
    }
  });

  test('"550 5.1." at the end of a Postfix line', async () => {
    const text = 'Nov 22 10:00:01 mx postfix/smtp[123]: ABC: to=<a@b.example>, status=bounced (host mx.b.example[192.0.2.1] said: 550 5.1.';
    const items = await completeAfter(client(), 'log', text, 'said: 550 5.1.', '.');
    assert.deepEqual(
      [...labels(items)].sort(),
      registeredCodesOfClass(5)
        .filter((c) => c.startsWith('5.1.'))
        .sort(),
    );
  });

  test('"550 " gives every registered 5.x.y code and nothing of class 2 or 4', async () => {
    const items = await completeAfter(client(), 'log', '550 ', '550 ', ' ');
    const got = labels(items);
    for (const label of got) assert.match(label, /^5\.\d+\.\d+$/, `class-5 label, got ${label}`);
    assert.deepEqual([...got].sort(), registeredCodesOfClass(5).sort());
  });

  test('"451 " gives class-4 codes only', async () => {
    const items = await completeAfter(client(), 'smtp', 'RCPT TO:<a@b.example>\n451 ', '451 ', ' ');
    const got = labels(items);
    assert.ok(got.length > 0, 'some codes');
    for (const label of got) assert.match(label, /^4\.\d+\.\d+$/, `class-4 label, got ${label}`);
    for (const code of ['4.2.2', '4.4.1', '4.7.1']) assert.ok(got.includes(code), `includes ${code}`);
    for (const label of got) assert.ok(titles.has(label.slice(2)), `${label} is registered`);
  });

  test('python string "550 5.7.: the registered 5.7.x codes', async () => {
    const text = 'def refuse(conn):\n    conn.reply("550 5.7.")\n';
    const items = await completeAfter(client(), 'python', text, '"550 5.7.', '.');
    assert.deepEqual(
      [...labels(items)].sort(),
      registeredCodesOfClass(5)
        .filter((c) => c.startsWith('5.7.'))
        .sort(),
    );
  });

  test('deprecated 5.6.10 carries tag Deprecated and sorts after every other code ("553 5.6.")', async () => {
    const items = await completeAfter(client(), 'log', '553 5.6.', '553 5.6.', '.');
    assert.ok(items && items.length > 1);
    const deprecated = items.find((item) => item.label === '5.6.10');
    assert.ok(deprecated, '5.6.10 is offered');
    assert.deepEqual(deprecated.tags, [1]);
    for (const item of items) {
      if (item !== deprecated) {
        assert.ok(sortKey(deprecated) > sortKey(item), `5.6.10 (${sortKey(deprecated)}) sorts after ${item.label} (${sortKey(item)})`);
        assert.equal(item.tags?.includes(1) ?? false, false, `${item.label} is not deprecated`);
      }
    }
  });

  test('deprecated 5.6.10 also sorts last among all codes after "550 "', async () => {
    const items = await completeAfter(client(), 'log', 'x: 550 ', 'x: 550 ', ' ');
    assert.ok(items);
    const deprecated = items.find((item) => item.label === '5.6.10');
    assert.ok(deprecated, '5.6.10 is offered');
    const last = [...items].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0)).at(-1);
    assert.equal(last?.label, '5.6.10');
    assert.equal(items.filter((item) => sortKey(item) === sortKey(deprecated)).length, 1, 'no other item shares its sortText');
  });

  const outside: [string, string, string, () => Position][] = [
    ['a log timestamp', 'log', 'Nov 22 10:00:01 mx postfix/smtpd[200]: connect\n', () => ({ line: 0, character: 7 })],
    ['log prose after a word', 'log', 'Nov 22 10:00:01 mx note: version \n', () => ({ line: 0, character: 33 })],
    ['python code outside a string', 'python', 'x = 5.7.\n', () => ({ line: 0, character: 8 })],
    ['a python comment', 'python', '# 550 5.7.\n', () => ({ line: 0, character: 10 })],
    ['an empty document', 'log', '', () => ({ line: 0, character: 0 })],
  ];
  for (const [where, languageId, text, position] of outside) {
    test(`nothing in ${where}`, async () => {
      const items = await completeAt(client(), languageId, text, position());
      assert.ok(items === null || items.length === 0, `empty or null, got ${JSON.stringify(items?.map((i) => i.label))}`);
    });
  }
});
