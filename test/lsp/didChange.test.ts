import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PULL_CAPABILITIES, PUSH_CAPABILITIES, startForSuite, type LspClient } from './support/lspClient';
import { assertWellFormed, expected, positionAfter, rangeOf, summarize } from './support/text';

const reject = (time: string, reply: string, rcpt: string) =>
  `Nov 22 ${time} mx postfix/smtpd[200]: NOQUEUE: reject: RCPT from unknown[192.0.2.9]: ${reply} <${rcpt}>: Recipient address rejected`;

/** Diagnostics after the edit that produced `version`, compared with what the client's copy of the text implies. */
async function expectAfter(client: LspClient, uri: string, version: number, problems: { code: string; anchor: string; rule: string }[]) {
  const diagnostics = await client.diagnostics(uri, version);
  diagnostics.forEach(assertWellFormed);
  const text = client.document(uri).getText();
  assert.deepEqual(
    summarize(diagnostics),
    problems.map((p) => expected(rangeOf(text, p.code, p.anchor), p.rule)).sort(),
    `after version ${version}:\n${text}`,
  );
}

for (const mode of ['push', 'pull'] as const) {
  describe(`incremental didChange (${mode})`, () => {
    const client = startForSuite(
      { before, after },
      {
        capabilities: mode === 'pull' ? PULL_CAPABILITIES : PUSH_CAPABILITIES,
        settings: null,
      },
    );

    // One document edited step by step: each test builds on the previous one's text, as a user's edits would.
    const uri = `file:///lsp-tests/didChange/${mode}.log`;

    test('open: class-mismatch on line 0', async () => {
      const text = `${reject('10:00:01', '550 4.1.1', 'a@b.example')}\n${reject('10:00:02', '550 5.1.1', 'c@d.example')}\n`;
      await client().open(uri, 'log', text);
      await expectAfter(client(), uri, 1, [{ code: '4.1.1', anchor: '550 4.1.1', rule: 'class-mismatch' }]);
    });

    test('replace one character: 550 4.1.1 -> 550 5.1.1 removes the diagnostic', async () => {
      const start = rangeOf(client().document(uri).getText(), '4', '4.1.1 <a@b').start;
      const version = await client().change(uri, [
        { range: { start, end: { line: start.line, character: start.character + 1 } }, text: '5' },
      ]);
      assert.match(client().document(uri).getText(), /550 5\.1\.1 <a@b\.example>/);
      await expectAfter(client(), uri, version, []);
    });

    test('insert a line above: the new problem appears and nothing else moves wrongly', async () => {
      const version = await client().change(uri, [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          text: `${reject('10:00:00', '451 4.7.99', 'x@y.example')}\n`,
        },
      ]);
      await expectAfter(client(), uri, version, [{ code: '4.7.99', anchor: '451 4.7.99', rule: 'unregistered' }]);
    });

    test('replace a code on another line: 5.1.1 -> 5.9.1 adds unknown-subject there', async () => {
      const range = rangeOf(client().document(uri).getText(), '5.1.1', '550 5.1.1 <c@d');
      const version = await client().change(uri, [{ range, text: '5.9.1' }]);
      await expectAfter(client(), uri, version, [
        { code: '4.7.99', anchor: '451 4.7.99', rule: 'unregistered' },
        { code: '5.9.1', anchor: '550 5.9.1 <c@d', rule: 'unknown-subject' },
      ]);
    });

    test('delete a whole line: its diagnostic goes, the others shift up', async () => {
      const version = await client().change(uri, [
        { range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' },
      ]);
      await expectAfter(client(), uri, version, [{ code: '5.9.1', anchor: '550 5.9.1 <c@d', rule: 'unknown-subject' }]);
      assert.equal(rangeOf(client().document(uri).getText(), '5.9.1').start.line, 1);
    });

    test('delete characters inside a line: 5.9.1 -> 5.1 leaves no code there', async () => {
      const range = rangeOf(client().document(uri).getText(), '.9', '550 5.9.1 <c@d');
      const version = await client().change(uri, [{ range, text: '' }]);
      assert.match(client().document(uri).getText(), /550 5\.1 <c@d\.example>/);
      // `550 5.1` is no enhanced code at all, so nothing is reported on it.
      await expectAfter(client(), uri, version, []);
    });

    test('several changes in one notification are applied in order', async () => {
      const text = client().document(uri).getText();
      const fix = rangeOf(text, '5.1', '550 5.1 <c@d');
      const end = positionAfter(text, 'c@d.example>: Recipient address rejected');
      const version = await client().change(uri, [
        // Restores the code to 5.1.1 (a correct one) ...
        { range: fix, text: '5.1.1' },
        // ... then, in coordinates of the text after that first change, appends a problem line.
        {
          range: { start: { line: end.line, character: end.character + 2 }, end: { line: end.line, character: end.character + 2 } },
          text: `\n${reject('10:00:03', '550 4.1.1', 'e@f.example')}`,
        },
      ]);
      assert.match(client().document(uri).getText(), /550 5\.1\.1 <c@d\.example>: Recipient address rejected\n.*550 4\.1\.1 <e@f/);
      await expectAfter(client(), uri, version, [{ code: '4.1.1', anchor: '550 4.1.1 <e@f', rule: 'class-mismatch' }]);
    });

    test('typing character by character: 553 5.6.1 then 0 gives deprecated', async () => {
      let text = client().document(uri).getText();
      const lastLine = text.split('\n').length - 1;
      let version = await client().change(uri, [
        {
          range: { start: { line: lastLine, character: 0 }, end: { line: lastLine, character: 0 } },
          text: 'Nov 22 10:00:04 mx relay said: 553 5.6.1',
        },
      ]);
      await expectAfter(client(), uri, version, [{ code: '4.1.1', anchor: '550 4.1.1 <e@f', rule: 'class-mismatch' }]);
      text = client().document(uri).getText();
      const at = positionAfter(text, '553 5.6.1');
      version = await client().change(uri, [{ range: { start: at, end: at }, text: '0' }]);
      await expectAfter(client(), uri, version, [
        { code: '4.1.1', anchor: '550 4.1.1 <e@f', rule: 'class-mismatch' },
        { code: '5.6.10', anchor: '553 5.6.10', rule: 'deprecated' },
      ]);
    });

    test('replace the whole text with one ranged change', async () => {
      const document = client().document(uri);
      const all = { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) };
      const version = await client().change(uri, [{ range: all, text: 'x: 451 4.7.99 later\n' }]);
      await expectAfter(client(), uri, version, [{ code: '4.7.99', anchor: '451 4.7.99', rule: 'unregistered' }]);
    });
  });
}
