// Quick fixes, called directly: what each diagnostic is offered, which fix is preferred, and the
// edits they make.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { COMMANDS } from '../../common';
import { lookupCode, withClass } from '../../server/src/registry';
import { analyze, codeActions, computeDiagnostics, DEFAULT_SETTINGS } from '../../server/src/service';

/** The diagnostics of a text and the quick fixes offered for them. */
function fixes(text: string, uri = 'file:///f/mail.log', languageId = 'log'): { diagnostics: Diagnostic[]; actions: CodeAction[] } {
  const document = TextDocument.create(uri, languageId, 1, text);
  const analysis = analyze(document);
  const diagnostics = computeDiagnostics(analysis, document, {}, DEFAULT_SETTINGS);
  return { diagnostics, actions: codeActions(analysis, document, { diagnostics }, DEFAULT_SETTINGS) };
}

/** The text after applying an action's edits (single line). */
function applied(text: string, action: CodeAction): string {
  const edits = Object.values(action.edit?.changes ?? {}).flat();
  return [...edits]
    .sort((a, b) => b.range.start.character - a.range.start.character)
    .reduce((t, e) => t.slice(0, e.range.start.character) + e.newText + t.slice(e.range.end.character), text);
}

describe('code actions', () => {
  test('550 4.1.1: change the class (preferred) or the reply code', () => {
    const text = 'said: 550 4.1.1 <a@b.example>: User unknown';
    const { actions } = fixes(text);
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      [
        ['Change the class: 5.1.1', true],
        ['Change the reply code: 450', false],
      ],
    );
    assert.equal(applied(text, actions[0]), 'said: 550 5.1.1 <a@b.example>: User unknown');
    assert.equal(applied(text, actions[1]), 'said: 450 4.1.1 <a@b.example>: User unknown');
    for (const action of actions) assert.equal(action.kind, 'quickfix');
  });

  test('a configuration action fixes the class alone', () => {
    const text = 'spammer@example.com  REJECT 4.7.1 No mail from you';
    const { actions } = fixes(text, 'file:///etc/postfix/access', 'plaintext');
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      [['Change the class: 5.7.1', true]],
    );
    assert.equal(applied(text, actions[0]), 'spammer@example.com  REJECT 5.7.1 No mail from you');
  });

  test('a deprecated code is replaced by what the registry names', () => {
    const text = '553 5.6.10 bad header';
    const replacement = withClass(lookupCode(6, 10)!.replacedBy!, 5);
    const { actions } = fixes(text);
    assert.deepEqual(
      actions.map((a) => a.title),
      [`Replace 5.6.10 with ${replacement}`],
    );
    assert.equal(applied(text, actions[0]), `553 ${replacement} bad header`);
  });

  test('a line of a multi-line reply is made to agree with the line before', () => {
    const text = '552-5.3.4 Message too big\n552 5.3.5 for this system';
    const { actions } = fixes(text);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Use 5.3.4, as on the line before'],
    );
    assert.equal(applied('552 5.3.5 for this system', actions[0]), '552 5.3.4 for this system');
  });

  test('an unregistered code can be accepted as site-specific, by the client command', () => {
    const { actions } = fixes('451 4.7.99 try later');
    assert.equal(actions.length, 1);
    assert.equal(actions[0].command?.command, COMMANDS.addSiteCode);
    assert.deepEqual(actions[0].command?.arguments, ['4.7.99']);
    assert.equal(actions[0].edit, undefined);
  });

  test('no fix for a diagnostic whose range no longer holds its code, nor for another source', () => {
    const text = 'said: 550 4.1.1 <a@b.example>: User unknown';
    const document = TextDocument.create('file:///f/mail.log', 'log', 1, text);
    const analysis = analyze(document);
    const [diagnostic] = computeDiagnostics(analysis, document, {}, DEFAULT_SETTINGS);
    const moved = {
      ...diagnostic,
      range: { ...diagnostic.range, end: { ...diagnostic.range.end, character: diagnostic.range.end.character + 1 } },
    };
    assert.deepEqual(codeActions(analysis, document, { diagnostics: [moved] }, DEFAULT_SETTINGS), []);
    assert.deepEqual(codeActions(analysis, document, { diagnostics: [{ ...diagnostic, source: 'another-linter' }] }, DEFAULT_SETTINGS), []);
    assert.equal(codeActions(analysis, document, { diagnostics: [diagnostic] }, DEFAULT_SETTINGS).length, 2);
    assert.deepEqual(codeActions(analysis, document, { diagnostics: [diagnostic] }, { ...DEFAULT_SETTINGS, enable: false }), []);
  });
});
