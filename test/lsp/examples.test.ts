// The examples the project calls "done", end to end through the built server.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PULL_CAPABILITIES, PUSH_CAPABILITIES, startForSuite } from './support/lspClient';
import { DEFAULT_SEVERITY, hoverText, inside, only, positionAfter, rangeOf } from './support/text';

let documents = 0;
const uriFor = (ext: string) => `file:///lsp-tests/examples/doc-${++documents}.${ext}`;

for (const mode of ['push', 'pull'] as const) {
  describe(`diagnostics of the done examples (${mode})`, () => {
    const client = startForSuite(
      { before, after },
      {
        capabilities: mode === 'pull' ? PULL_CAPABILITIES : PUSH_CAPABILITIES,
        settings: null,
      },
    );

    const cases: { line: string; code: string; rule: string; tags?: number[] }[] = [
      { line: '550 4.1.1 <a@b.example>: Recipient address rejected', code: '4.1.1', rule: 'class-mismatch' },
      { line: '550 5.9.1 <a@b.example>: Rejected', code: '5.9.1', rule: 'unknown-subject' },
      { line: '451 4.7.99 Try again later', code: '4.7.99', rule: 'unregistered' },
      { line: '553 5.6.10 UTF-8 address not permitted', code: '5.6.10', rule: 'deprecated', tags: [2] },
    ];
    for (const { line, code, rule, tags } of cases) {
      test(`${rule} for "${line.slice(0, 10)}"`, async () => {
        const uri = uriFor('log');
        const text = `${line}\n`;
        await client().open(uri, 'log', text);
        const diagnostic = only(await client().diagnostics(uri, 1));
        assert.equal(diagnostic.code, rule);
        assert.equal(diagnostic.severity, DEFAULT_SEVERITY[rule]);
        assert.deepEqual(diagnostic.range, rangeOf(text, code));
        if (tags) assert.deepEqual(diagnostic.tags, tags);
      });
    }

    test('nothing for 550 5.1.1', async () => {
      const uri = uriFor('log');
      await client().open(uri, 'log', '550 5.1.1 <a@b.example>: Recipient address rejected\n');
      assert.deepEqual(await client().diagnostics(uri, 1), []);
    });

    test('nothing for "version": "5.1.3" in a json document', async () => {
      const uri = uriFor('json');
      await client().open(uri, 'json', '{"version": "5.1.3"}\n');
      assert.deepEqual(await client().diagnostics(uri, 1), []);
    });
  });
}

describe('hover and completion of the done examples', () => {
  const client = startForSuite({ before, after }, { capabilities: PULL_CAPABILITIES, settings: null });

  test('hover on 5.1.1 in "550 5.1.1 <a@b.example>: Recipient address rejected"', async () => {
    const uri = uriFor('log');
    const text = '550 5.1.1 <a@b.example>: Recipient address rejected\n';
    await client().open(uri, 'log', text);
    const hover = await client().hover(uri, inside(rangeOf(text, '5.1.1')));
    assert.ok(hover, 'a hover');
    assert.match(hoverText(hover.contents), /Bad destination mailbox address/);
  });

  test('no hover claiming a meaning for "version": "5.1.3" in json', async () => {
    const uri = uriFor('json');
    const text = '{"version": "5.1.3"}\n';
    await client().open(uri, 'json', text);
    const hover = await client().hover(uri, inside(rangeOf(text, '5.1.3')));
    // 5.1.3 would be "Bad destination mailbox address syntax"; a version string must not be explained as one.
    assert.ok(
      hover === null || !/Bad destination mailbox address syntax|Addressing Status|Permanent Failure/.test(hoverText(hover.contents)),
      `hover on a version string: ${JSON.stringify(hover)}`,
    );
  });

  test('completion of "550 5.1." gives exactly the registered 5.1.0 .. 5.1.10', async () => {
    const uri = uriFor('log');
    const text = '550 5.1.';
    await client().open(uri, 'log', text);
    const items = await client().complete(uri, positionAfter(text, '550 5.1.'), '.');
    assert.ok(items, 'completion items');
    const labels = items.map((item) => item.label);
    for (const label of labels) assert.ok(label.startsWith('5.1.'), `label ${label} starts with 5.1.`);
    assert.equal(labels.length, 11, `11 items, got ${JSON.stringify(labels)}`);
    assert.ok(labels.includes('5.1.10'), 'includes 5.1.10');
    assert.deepEqual([...labels].sort(), Array.from({ length: 11 }, (_, i) => `5.1.${i}`).sort());
  });
});
