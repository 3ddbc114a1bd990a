// Completion: the registered codes for the slot at the cursor.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CompletionItemTag, type MarkupContent } from 'vscode-languageserver-types';
import { ENHANCED_REGISTRY } from '../../server/src/registry';
import { analyze, complete } from '../../server/src/service';
import { doc, completeAt } from './support/documents';

describe('completion', () => {
  const labels = (text: string, languageId = 'log', position?: { line: number; character: number }) => {
    const document = doc(text, languageId);
    const list = complete(analyze(document), document, position ?? document.positionAt(text.length));
    return list?.items.map((i) => i.label) ?? null;
  };
  const registered = (cls: number, subject?: number) =>
    ENHANCED_REGISTRY.codes.filter((c) => subject === undefined || c.subject === subject).map((c) => c.code.replace('X', String(cls)));

  test('550 5.1. offers 5.1.0 to 5.1.10', () => {
    const got = labels('550 5.1.');
    assert.deepEqual([...got!].sort(), [...registered(5, 1)].sort());
    assert.ok(got!.includes('5.1.0') && got!.includes('5.1.10'));
  });

  test('after a reply code: the codes of its class', () => {
    assert.deepEqual([...labels('550 ')!].sort(), [...registered(5)].sort());
    assert.ok(labels('451 ')!.every((l) => l.startsWith('4.')));
    assert.ok(labels('250-')!.every((l) => l.startsWith('2.')));
    assert.equal(labels('354 '), null);
  });

  test('items replace what is typed and carry title and documentation', () => {
    const document = doc('x said: 550 5.7.');
    const list = complete(analyze(document), document, { line: 0, character: 16 })!;
    const item = list.items.find((i) => i.label === '5.7.1')!;
    assert.equal(item.detail, 'Delivery not authorized, message refused');
    assert.match((item.documentation as MarkupContent).value, /Delivery not authorized/);
    assert.deepEqual(item.textEdit, { range: { start: { line: 0, character: 12 }, end: { line: 0, character: 16 } }, newText: '5.7.1' });
  });

  test('deprecated codes are tagged and sort last; codes paired with the reply code first', () => {
    const list = completeAt('553 5.6.', 8)!;
    const sorted = [...list.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    const last = sorted[sorted.length - 1];
    assert.equal(last.label, '5.6.10');
    assert.deepEqual(last.tags, [CompletionItemTag.Deprecated]);
    assert.ok(sorted.slice(0, -1).every((i) => i.tags === undefined));
    // The registry pairs 5.1.1 with 550, so it sorts before 5.1.0.
    const five = completeAt('550 5.1.', 8)!.items;
    const rank = (label: string) => five.find((i) => i.label === label)!.sortText!;
    assert.ok(rank('5.1.1') < rank('5.1.0'));
  });

  test('in source code only inside strings', () => {
    assert.deepEqual([...labels('reply("550 5.7.")', 'python', { line: 0, character: 15 })!].sort(), [...registered(5, 7)].sort());
    assert.equal(labels('x = 550 5.', 'python'), null);
    assert.equal(labels('# "550 5.', 'python'), null);
  });

  test('in a go-smtp struct literal the code is written 5, 7, 1 and the Code field sets the class', () => {
    const text = 'return &smtp.SMTPError{\n\tCode: 550,\n\tEnhancedCode: smtp.EnhancedCode{5, 7, ';
    const document = doc(text, 'go');
    const list = complete(analyze(document), document, document.positionAt(text.length))!;
    assert.deepEqual([...list.items.map((i) => i.label)].sort(), [...registered(5, 7)].sort());
    const item = list.items.find((i) => i.label === '5.7.1')!;
    assert.equal((item.textEdit as { newText: string }).newText, '5, 7, 1');
    assert.equal(item.filterText, '5, 7, 1');
    const empty = 'e := &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{';
    assert.ok(labels(empty, 'go')!.every((l) => l.startsWith('4.')));
  });

  test('nothing away from a code slot', () => {
    assert.equal(labels('hello world'), null);
    assert.equal(labels('version 5.'), null);
  });
});
