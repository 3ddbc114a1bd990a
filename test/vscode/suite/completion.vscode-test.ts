/// <reference types="mocha" />
// Completion through VS Code's own completion command, in strings of an unsaved Python file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, closeWithoutSaving, completionLabels, openUntitled, positionAfter } from './support';

describe('completion', () => {
  before(activeExtension);

  const opened: vscode.TextDocument[] = [];
  const untitledPython = async (content: string) => {
    const document = await openUntitled('python', content);
    opened.push(document);
    return document;
  };
  afterEach(async () => {
    for (const document of opened.splice(0)) await closeWithoutSaving(document);
  });

  it('offers the registered 5.7.x codes after "550 5.7." in a Python string', async () => {
    const document = await untitledPython('def refuse(conn):\n    conn.reply("550 5.7.")\n');
    const labels = await completionLabels(document, positionAfter(document, '"550 5.7.'), '.');
    assert.ok(labels.includes('5.7.1'), `5.7.1 offered: ${labels.join(' ')}`);
    assert.ok(labels.includes('5.7.26'), '5.7.26 offered');
    const ours = labels.filter((l) => /^\d\.\d+\.\d+$/.test(l));
    assert.ok(ours.length >= 20, `about thirty X.7.x codes, got ${ours.length}`);
    assert.deepEqual(
      ours.filter((l) => !l.startsWith('5.7.')),
      [],
      'only class 5, subject 7',
    );
  });

  it('offers class 4 codes after "451 " in a Python string', async () => {
    const document = await untitledPython('REPLY = "451 "\n');
    const labels = await completionLabels(document, positionAfter(document, '"451 '));
    assert.ok(labels.includes('4.7.1'), `4.7.1 offered: ${labels.slice(0, 10).join(' ')} ...`);
    assert.deepEqual(
      labels.filter((l) => /^\d\.\d+\.\d+$/.test(l) && !l.startsWith('4.')),
      [],
      'only class 4',
    );
  });

  it('offers nothing after "550 5.7." in a Python comment', async () => {
    const document = await untitledPython('# see 550 5.7.\n');
    const labels = await completionLabels(document, positionAfter(document, '550 5.7.'), '.');
    assert.deepEqual(
      labels.filter((l) => /^\d\.\d+\.\d+$/.test(l)),
      [],
    );
  });
});
