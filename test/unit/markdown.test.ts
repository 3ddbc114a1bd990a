import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeMarkdown, link } from '../../server/src/service/markdown';

test('escape leaves no markup: links, commands, HTML, emphasis, code, tables', () => {
  const hostile = '[click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> **b** `c` | d ~~e~~ # f';
  const out = escapeMarkdown(hostile);
  assert.doesNotMatch(out, /(?<!\\)\[/);
  assert.doesNotMatch(out, /<|>/);
  assert.doesNotMatch(out, /(?<!\\)[*`|~#]/);
  assert.match(out, /&lt;img/);
});

test('escape keeps list and heading markers at line starts literal', () => {
  assert.equal(escapeMarkdown('1. one'), '1\\. one');
  assert.equal(escapeMarkdown('- item'), '\\- item');
  assert.equal(escapeMarkdown('5.1.1 stays as it is'), '5.1.1 stays as it is');
  assert.equal(escapeMarkdown('a & b'), 'a &amp; b');
});

test('link escapes its text', () => {
  assert.equal(link('RFC [1]', 'https://www.rfc-editor.org/rfc/rfc1'), '[RFC \\[1\\]](https://www.rfc-editor.org/rfc/rfc1)');
});
