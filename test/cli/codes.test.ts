import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { CodeRow } from '../../server/src/cli/codes';
import { FIXTURES, lines, run, scratchTree } from './support/cli';

const PROBLEMS_LOG = 'postfix-problems.log';

describe('codes', () => {
  test('json: every code in the Postfix log, with position, context, reply code and registry status', () => {
    const { status, stdout, stderr } = run(['codes', '--format', 'json', PROBLEMS_LOG]);
    assert.equal(status, 0);
    assert.equal(stderr, '');
    const rows = JSON.parse(stdout) as CodeRow[];
    assert.deepEqual(
      rows.map((r) => [r.line, r.text, r.context, r.replyCode, r.status]),
      [
        [3, '5.1.1', 'reply', 550, 'registered'],
        [4, '4.7.1', 'dsn-field', null, 'registered'],
        [4, '4.7.1', 'reply', 550, 'registered'],
        [5, '4.7.99', 'reply', 451, 'unregistered'],
        [6, '5.6.8', 'dsn-field', null, 'registered'],
        [6, '5.6.10', 'reply', 553, 'deprecated'],
        [7, '5.0.0', 'dsn-field', null, 'registered'],
        [7, '5.9.1', 'reply', 550, 'unknown-subject'],
      ],
    );
    // Positions are 1-based, in UTF-16 code units, and hold the code's text.
    const fileLines = readFileSync(join(FIXTURES, PROBLEMS_LOG), 'utf8').split('\n');
    for (const row of rows) {
      assert.equal(row.file, PROBLEMS_LOG);
      assert.equal(row.endLine, row.line);
      assert.equal(fileLines[row.line - 1].slice(row.column - 1, row.endColumn - 1), row.text);
    }
    assert.equal(rows[0].title, 'Bad destination mailbox address');
    assert.equal(rows[3].title, null);
  });

  test('text: aligned columns and a count by status', () => {
    const { status, stdout } = run(['codes', PROBLEMS_LOG]);
    assert.equal(status, 0);
    const out = lines(stdout);
    assert.equal(out.length, 9);
    assert.match(out[0], /^postfix-problems\.log:3:\d+-\d+ +5\.1\.1 +reply 550 +registered +Bad destination mailbox address$/);
    assert.match(out[3], /^postfix-problems\.log:5:\d+-\d+ +4\.7\.99 +reply 451 +unregistered$/);
    assert.equal(out[8], '8 codes (5 registered, 1 deprecated, 1 unregistered, 1 unknown-subject) in 1 file; 1 file read.');
  });

  test('bare codes and invalid ones are listed too (recognition audit), historical codes by status', () => {
    const text = ['see 5.7.1 in the manual', '550 5.01.1 leading zero', '538 5.7.11 Encryption required', 'postfix version 3.7.2'].join(
      '\n',
    );
    const rows = JSON.parse(run(['codes', '--format', 'json', '-'], { input: text }).stdout) as CodeRow[];
    assert.deepEqual(
      rows.map((r) => [r.file, r.line, r.text, r.context, r.status]),
      [
        ['<stdin>', 1, '5.7.1', 'bare', 'registered'],
        ['<stdin>', 2, '5.01.1', 'reply', 'invalid'],
        ['<stdin>', 3, '5.7.11', 'reply', 'historical'],
      ],
    );
  });

  test('source code: only string literals', () => {
    const rows = JSON.parse(run(['codes', '--format', 'json', 'handlers.py']).stdout) as CodeRow[];
    assert.deepEqual(
      rows.map((r) => [r.text, r.context, r.replyCode]),
      [
        ['4.1.1', 'string', 550],
        ['2.1.5', 'string', 250],
        ['2.0.0', 'string', 250],
      ],
    );
  });

  test('same input handling as check: a missing and a binary file are named, exit 2, the rest listed', () => {
    const { dir, remove } = scratchTree({ 'a.log': '550 5.1.1 no such user\n', 'b.log': Uint8Array.from([0, 1, 2, 3]) });
    try {
      const { status, stdout, stderr } = run(['codes', 'missing.log', '.'], { cwd: dir });
      assert.equal(status, 2);
      assert.deepEqual(lines(stderr), [
        'smtp-status: missing.log: no such file or directory',
        'smtp-status: b.log: skipped: looks binary (100% of the first 4 bytes are NUL or control bytes)',
      ]);
      assert.match(lines(stdout)[0], /^a\.log:1:5-10 +5\.1\.1 +reply 550 +registered/);
    } finally {
      remove();
    }
  });

  test('no codes at all', () => {
    const { status, stdout } = run(['codes', '-'], { input: 'nothing to see\n' });
    assert.equal(status, 0);
    assert.equal(stdout, 'No codes; 1 file read.\n');
  });
});
