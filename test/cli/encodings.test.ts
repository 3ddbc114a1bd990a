import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { repoPath } from '../support/paths';
import { lines, run, scratchTree } from './support/cli';

/** The fixtures of reading real files (test/fixtures/files/README.md). */
const FILES = repoPath('test', 'fixtures', 'files');

interface CodeRow {
  file: string;
  line: number;
  column: number;
  endColumn: number;
  text: string;
  context: string;
  replyCode: number | null;
}

function codesOf(args: string[], input?: string | Uint8Array): { rows: CodeRow[]; status: number; stderr: string } {
  const { status, stdout, stderr } = run(['codes', '--format', 'json', ...args], { cwd: FILES, input });
  return { rows: JSON.parse(stdout) as CodeRow[], status, stderr };
}

/** A file's lines as VS Code shows them: decoded with `encoding`, what does not decode as U+FFFD. */
function shownLines(file: string, encoding = 'utf-8'): string[] {
  return new TextDecoder(encoding).decode(readFileSync(join(FILES, file))).split(/\r\n|\r|\n/);
}

/** Every row's columns hold its code in the text as shown. */
function assertColumns(rows: readonly CodeRow[], shown: readonly string[]): void {
  assert.ok(rows.length > 0);
  for (const row of rows)
    assert.equal(shown[row.line - 1].slice(row.column - 1, row.endColumn - 1), row.text, `${row.file}:${row.line}:${row.column}`);
}

describe('any bytes: read, every code found, columns as VS Code shows the text', () => {
  test('a Postfix log with raw client bytes, Latin-1 subjects, a NUL run and CRLF: the same codes as its decoded text', () => {
    const { rows, status, stderr } = codesOf(['postfix-raw-bytes.log']);
    assert.equal(status, 0);
    assert.deepEqual(lines(stderr), [
      'smtp-status: postfix-raw-bytes.log: 2 lines (the first: line 2) hold bytes that are not valid UTF-8, read as U+FFFD (--encoding NAME reads another charset)',
    ]);
    const shown = shownLines('postfix-raw-bytes.log');
    assertColumns(rows, shown);
    // The text as VS Code shows it, handed over as valid UTF-8, gives the very same codes.
    const decoded = codesOf(['--stdin-filename', 'postfix-raw-bytes.log', '-'], shown.join('\n'));
    assert.equal(decoded.stderr, '');
    assert.deepEqual(decoded.rows, rows);
    assert.deepEqual([...new Set(rows.map((r) => r.text))].sort(), ['2.0.0', '4.4.1', '4.7.1', '5.1.1', '5.7.1']);
  });

  test('check of the same log: the class mismatch after the raw bytes is found; the note does not fail the run', () => {
    const { status, stdout, stderr } = run(['check', 'postfix-raw-bytes.log'], { cwd: FILES });
    assert.equal(status, 1, stderr);
    assert.match(stdout, /^postfix-raw-bytes\.log:\d+:\d+: error class-mismatch Class 4 of 4\.7\.1 disagrees with reply code 550/m);
    assert.equal(lines(stderr).length, 1);
  });

  for (const [file, encoding] of [
    ['bounce-iso-8859-1.eml', 'iso-8859-1'],
    ['bounce-windows-1252.eml', 'windows-1252'],
    ['bounce-shift_jis.eml', 'shift_jis'],
  ]) {
    test(`${file}: read as UTF-8 with a note, and with --encoding ${encoding} without one; Status and Diagnostic-Code found`, () => {
      const asUtf8 = codesOf([file]);
      assert.equal(asUtf8.status, 0);
      assert.match(asUtf8.stderr, /hold bytes that are not valid UTF-8, read as U\+FFFD/);
      assertColumns(asUtf8.rows, shownLines(file));
      const asCharset = codesOf(['--encoding', encoding, file]);
      assert.equal(asCharset.stderr, '');
      assertColumns(asCharset.rows, shownLines(file, encoding));
      for (const rows of [asUtf8.rows, asCharset.rows]) {
        assert.deepEqual(
          rows.filter((r) => r.context === 'dsn-field').map((r) => [r.text, r.replyCode]),
          [
            ['5.1.1', null],
            ['5.1.1', 550],
          ],
        );
      }
    });
  }

  test('UTF-16LE with a byte order mark: decoded as such, columns in UTF-16 code units', () => {
    const { rows, status, stderr } = codesOf(['message-trace.utf16.txt']);
    assert.equal(status, 0);
    assert.equal(stderr, '');
    assertColumns(rows, new TextDecoder('utf-16le').decode(readFileSync(join(FILES, 'message-trace.utf16.txt'))).split(/\r\n|\r|\n/));
    assert.deepEqual(
      rows.map((r) => r.text),
      ['5.7.606', '5.1.10'],
    );
  });

  test('a real binary file is still refused, named with the reason; the other input is read', () => {
    const { status, stdout, stderr } = run(['check', repoPath('images', 'icon.png'), 'rotation/mail.log'], { cwd: FILES });
    assert.equal(status, 2);
    assert.deepEqual(lines(stderr), [`smtp-status: ${repoPath('images', 'icon.png')}: skipped: a PNG image, not text`]);
    assert.match(stdout, /1 file checked\. 1 input could not be checked/);
  });

  test('raw bytes on standard input are read too, noted for <stdin>', () => {
    const { status, stderr } = run(['check', '-'], { input: readFileSync(join(FILES, 'postfix-raw-bytes.log')) });
    assert.equal(status, 1);
    assert.match(stderr, /^smtp-status: <stdin>: 2 lines \(the first: line 2\) hold bytes/);
  });

  test('SARIF: undecodable bytes are a warning notification; the run is still successful', () => {
    const { stdout } = run(['check', '--format', 'sarif', 'postfix-raw-bytes.log'], { cwd: FILES });
    const invocation = JSON.parse(stdout).runs[0].invocations[0];
    assert.equal(invocation.executionSuccessful, true);
    assert.deepEqual(
      invocation.toolExecutionNotifications.map((n: { level: string; message: { text: string } }) => [n.level, n.message.text]),
      [
        [
          'warning',
          'postfix-raw-bytes.log: 2 lines (the first: line 2) hold bytes that are not valid UTF-8, read as U+FFFD (--encoding NAME reads another charset)',
        ],
      ],
    );
  });
});

describe('rotated and compressed logs', () => {
  test('a directory walk takes the rotation set; the gzipped log gives the codes of the log', () => {
    const plain = gunzipSync(readFileSync(join(FILES, 'rotation', 'mail.log.2.gz')));
    const { dir, remove } = scratchTree({ 'mail.log.2': plain });
    try {
      const walked = codesOf(['rotation']);
      assert.deepEqual(
        [...new Set(walked.rows.map((r) => r.file))],
        ['rotation/mail.log', 'rotation/mail.log.1', 'rotation/mail.log.2.gz'],
      );
      const strip = (rows: CodeRow[]) => rows.map(({ file: _file, ...rest }) => rest);
      const fromGzip = walked.rows.filter((r) => r.file === 'rotation/mail.log.2.gz');
      const { stdout } = run(['codes', '--format', 'json', 'mail.log.2'], { cwd: dir });
      assert.deepEqual(strip(fromGzip), strip(JSON.parse(stdout)));
    } finally {
      remove();
    }
  });

  test('xz, bzip2 and zstd are named, with the command that reads them', () => {
    const { dir, remove } = scratchTree({
      'mail.log.3.xz': Uint8Array.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04]),
      'mail.log.4.bz2': Uint8Array.from([...Buffer.from('BZh9'), 0x31, 0x41, 0x59, 0x26, 0x53, 0x59]),
      'mail.log.5.zst': Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 0x00]),
    });
    try {
      const { status, stderr } = run(['check', '.'], { cwd: dir });
      assert.equal(status, 2);
      assert.deepEqual(lines(stderr), [
        'smtp-status: mail.log.3.xz: skipped: xz-compressed; read it with `xzcat mail.log.3.xz | smtp-status check -`',
        'smtp-status: mail.log.4.bz2: skipped: bzip2-compressed; read it with `bzcat mail.log.4.bz2 | smtp-status check -`',
        'smtp-status: mail.log.5.zst: skipped: zstd-compressed; read it with `zstdcat mail.log.5.zst | smtp-status check -`',
      ]);
    } finally {
      remove();
    }
  });
});
