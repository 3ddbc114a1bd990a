import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ChunkDecoder, encodingName } from '../../server/src/files/decode';
import { LineSplitter } from '../../server/src/files/lines';
import { readLines, readText } from '../../server/src/files/read';
import { sniff } from '../../server/src/files/sniff';
import { repoPath } from '../support/paths';

const bytes = (...parts: (string | number | Uint8Array)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p)] : typeof p === 'number' ? [p] : [...p])));

/** The bytes as a stream cut into chunks of `size` (so sequences and line breaks fall across chunks). */
async function* chunked(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

describe('sniff', () => {
  test('byte order marks, gzip, text', () => {
    assert.deepEqual(sniff(bytes(0xef, 0xbb, 0xbf, 'x')), { kind: 'text', encoding: 'utf-8', bomLength: 3 });
    assert.deepEqual(sniff(bytes(0xff, 0xfe, 'x', 0)), { kind: 'text', encoding: 'utf-16le', bomLength: 2 });
    assert.deepEqual(sniff(bytes(0xfe, 0xff, 0, 'x')), { kind: 'text', encoding: 'utf-16be', bomLength: 2 });
    assert.equal(sniff(gzipSync('550 5.1.1\n')).kind, 'gzip');
    assert.deepEqual(sniff(bytes('Nov 22 postfix/smtp[1]: caf', 0xe9, '\n')), { kind: 'text', encoding: 'utf-8', bomLength: 0 });
  });

  test('NULs in a log or a message are text: a few, or long runs of crash debris', () => {
    assert.equal(sniff(bytes('550 5.1.1 user', 0, 'unknown\n')).kind, 'text');
    assert.equal(sniff(bytes('Nov 22 a\n', new Uint8Array(4096), 'Nov 22 b 550 5.1.1\n')).kind, 'text');
  });

  test('what is clearly not text is refused, with the reason; compressed formats with a reader', () => {
    assert.deepEqual(sniff(readFileSync(repoPath('images', 'icon.png'))), { kind: 'refused', reason: 'a PNG image, not text' });
    assert.deepEqual(sniff(bytes(0xfd, '7zXZ', 0, 0, 4)), { kind: 'refused', reason: 'xz-compressed', reader: 'xzcat' });
    assert.deepEqual(sniff(bytes('BZh9', 0x31, 0x41, 0x59, 0x26, 0x53, 0x59)), {
      kind: 'refused',
      reason: 'bzip2-compressed',
      reader: 'bzcat',
    });
    assert.equal(sniff(bytes('BZh is a word\n')).kind, 'text', 'text that starts like bzip2 but is not');
    assert.deepEqual(sniff(bytes(0x28, 0xb5, 0x2f, 0xfd, 0)), { kind: 'refused', reason: 'zstd-compressed', reader: 'zstdcat' });
    const controls = Uint8Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? 0x41 : (i % 7) + 1));
    assert.match(
      (sniff(controls) as { reason: string }).reason,
      /^looks binary \(\d+% of the first 1000 bytes are NUL or control bytes\)$/,
    );
    assert.equal(sniff(new Uint8Array(4096)).kind, 'refused', 'nothing but NULs');
  });

  test('UTF-16 without a byte order mark, as VS Code guesses it', () => {
    const text = 'Nov 22 10:00:00 mx postfix/smtp[1]: said: 550 5.1.1 unknown\n'.repeat(3);
    assert.deepEqual(sniff(Buffer.from(text, 'utf16le')), { kind: 'text', encoding: 'utf-16le', bomLength: 0 });
    assert.deepEqual(sniff(Buffer.from(text, 'utf16le').swap16()), { kind: 'text', encoding: 'utf-16be', bomLength: 0 });
  });
});

describe('ChunkDecoder', () => {
  test('a character split between chunks decodes whole; a U+FFFD in the file is text, not an error', () => {
    const input = bytes('a é 📧 \uFFFD z');
    for (let size = 1; size <= input.length; size++) {
      const decoder = new ChunkDecoder('utf-8');
      const chunks = [];
      for (let i = 0; i < input.length; i += size) chunks.push(decoder.decode(input.subarray(i, i + size)));
      chunks.push(decoder.end());
      assert.equal(chunks.map((c) => c.text).join(''), 'a é 📧 \uFFFD z', `chunks of ${size}`);
      assert.ok(
        chunks.every((c) => !c.undecodable),
        `chunks of ${size}`,
      );
    }
  });

  test('invalid UTF-8 becomes U+FFFD as TextDecoder decodes it whole, and is flagged', () => {
    const input = bytes('ok ', 0xc3, 0x28, ' ', 0xff, 0xfe, ' caf', 0xe9, ' ', 0xe2, 0x82, '\n', 0xf0, 0x9f);
    const whole = new TextDecoder('utf-8').decode(input);
    for (let size = 1; size <= input.length; size++) {
      const decoder = new ChunkDecoder('utf-8');
      const chunks = [];
      for (let i = 0; i < input.length; i += size) chunks.push(decoder.decode(input.subarray(i, i + size)));
      chunks.push(decoder.end());
      assert.equal(chunks.map((c) => c.text).join(''), whole, `chunks of ${size}`);
      assert.ok(
        chunks.some((c) => c.undecodable),
        `chunks of ${size}`,
      );
    }
  });

  test('legacy charsets by their TextDecoder labels', () => {
    assert.equal(encodingName('latin1'), 'windows-1252');
    assert.equal(encodingName('Shift_JIS'), 'shift_jis');
    assert.equal(encodingName('no-such-charset'), undefined);
    const sjis = new ChunkDecoder('shift_jis');
    assert.deepEqual(sjis.decode(bytes(0x83, 0x86, 0x81, 0x5b, 0x83, 0x55, ' 550 5.1.1')), {
      text: 'ユーザ 550 5.1.1',
      undecodable: false,
    });
  });
});

describe('LineSplitter', () => {
  test('CRLF, CR and LF end lines, a CRLF split between chunks once; undecodable lines counted once', () => {
    const lines: [string, number][] = [];
    const splitter = new LineSplitter((text, line) => lines.push([text, line]));
    splitter.push({ text: 'a\r', undecodable: false });
    splitter.push({ text: '', undecodable: false });
    splitter.push({ text: '\nb\uFFFD\uFFFD\rc', undecodable: true });
    splitter.push({ text: '\nd\uFFFD', undecodable: false });
    assert.deepEqual(splitter.end(), { lines: 4, undecodable: { lines: 1, firstLine: 1 } });
    assert.deepEqual(lines, [
      ['a', 0],
      ['b\uFFFD\uFFFD', 1],
      ['c', 2],
      ['d\uFFFD', 3],
    ]);
  });
});

describe('readText and readLines', () => {
  const log = bytes(
    'Nov 22 10:00:00 mx postfix/postscreen[1]: COMMAND PIPELINING after ',
    0xc3,
    0x28,
    '\r\n',
    'Nov 22 10:00:01 mx postfix/smtp[2]: said: 550 5.1.1 caf',
    0xe9,
    '\r\n',
    'Nov 22 10:00:02 ok 250 2.0.0\r\n',
  );

  test('any chunking gives the same text and the same undecodable lines', async () => {
    for (const size of [1, 3, 64, 1 << 20]) {
      const read = await readText(chunked(log, size));
      assert.ok('text' in read);
      assert.equal(read.text, new TextDecoder().decode(log));
      assert.deepEqual(read.undecodable, { lines: 2, firstLine: 0 }, `chunks of ${size}`);
      const lines: string[] = [];
      const byLine = await readLines(chunked(log, size), (text) => lines.push(text));
      assert.ok('lines' in byLine);
      assert.deepEqual([byLine.lines, byLine.undecodable], [3, { lines: 2, firstLine: 0 }]);
      assert.equal(`${lines.join('\r\n')}\r\n`, read.text);
    }
  });

  test('gzip is decompressed; a byte order mark dropped; --encoding decodes a legacy charset', async () => {
    const gz = await readText(chunked(gzipSync(log), 7));
    assert.ok('text' in gz);
    assert.deepEqual([gz.compression, gz.text], ['gzip', new TextDecoder().decode(log)]);
    const utf16 = await readText(chunked(bytes(0xff, 0xfe, Buffer.from('550 5.1.1\r\n', 'utf16le')), 3));
    assert.ok('text' in utf16);
    assert.deepEqual([utf16.encoding, utf16.text, utf16.undecodable], ['utf-16le', '550 5.1.1\r\n', undefined]);
    const latin1 = await readText(chunked(bytes('caf', 0xe9, ' 550 5.1.1'), 2), { encoding: 'latin1' });
    assert.ok('text' in latin1);
    assert.deepEqual([latin1.encoding, latin1.text, latin1.undecodable], ['windows-1252', 'café 550 5.1.1', undefined]);
  });

  test('a truncated gzip file keeps what was read and says why it ends; gzip around an image is refused', async () => {
    const text = Array.from(
      { length: 2000 },
      (_, i) => `Nov 22 10:00:00 mx postfix/smtp[${i * 7919}]: said: 550 5.1.1 user${(i * 104729) % 9973} unknown\n`,
    ).join('');
    const gz = gzipSync(text);
    const cut = gz.subarray(0, gz.length >> 1);
    const read = await readLines(chunked(cut, 512), () => {});
    assert.ok('lines' in read);
    assert.ok(read.lines > 0 && read.lines < 2000, `${read.lines} lines`);
    assert.match(read.error ?? '', /ends early/);
    const png = await readText(chunked(gzipSync(readFileSync(repoPath('images', 'icon.png'))), 1024));
    assert.deepEqual(png, { refused: 'gzip-compressed, and inside: a PNG image, not text' });
  });
});
