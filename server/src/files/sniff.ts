/**
 * What the first bytes of a file say it is: text in some encoding, gzip to decompress, or
 * something that is clearly not text (an image, another archive, a program, mostly NUL or
 * control bytes). Pure: it only looks at the bytes it is given.
 */

/** How much of a file is looked at before deciding: its first blocks. */
export const SNIFF_BYTES = 64 * 1024;

export type Sniffed =
  /** Text; `bomLength` bytes of byte order mark to drop. `encoding` is a WHATWG label. */
  | { kind: 'text'; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; bomLength: number }
  | { kind: 'gzip' }
  /** Left out: `reason` says why; `reader` is a command that turns it into text (`xzcat`). */
  | { kind: 'refused'; reason: string; reader?: string };

interface Magic {
  bytes: readonly number[];
  offset?: number;
  /** More bytes that must follow, for short magic numbers that text could start with. */
  followedBy?: { bytes: readonly number[]; offset: number };
  what: string;
  /** A command that turns it into text (`xzcat`), for compressed logs. */
  reader?: string;
}

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** Formats the tool cannot read, by their magic bytes. gzip is read; these are named. */
const MAGIC: readonly Magic[] = [
  // "BZh", a block size digit, then the first block's magic (digits of pi).
  {
    bytes: [0x42, 0x5a, 0x68],
    followedBy: { bytes: [0x31, 0x41, 0x59, 0x26, 0x53, 0x59], offset: 4 },
    what: 'bzip2-compressed',
    reader: 'bzcat',
  },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'xz-compressed', reader: 'xzcat' },
  { bytes: [0x5d, 0x00, 0x00], what: 'lzma-compressed', reader: 'lzcat' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'zstd-compressed', reader: 'zstdcat' },
  { bytes: [0x04, 0x22, 0x4d, 0x18], what: 'lz4-compressed', reader: 'lz4cat' },
  { bytes: [0x1f, 0x9d], what: 'compress(1)-compressed', reader: 'zcat' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], what: 'a RAR archive' },
  { bytes: ascii('ustar'), offset: 257, what: 'a tar archive' },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: ascii('GIF8'), what: 'a GIF image' },
  { bytes: ascii('RIFF'), what: 'a RIFF file (WebP, WAV, AVI)' },
  { bytes: ascii('%PDF-'), what: 'a PDF document' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'an ELF executable' },
  { bytes: ascii('SQLite format 3\0'), what: 'an SQLite database' },
];

const GZIP = [0x1f, 0x8b];
const UTF8_BOM = [0xef, 0xbb, 0xbf];

const startsWith = (bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + prefix.length && prefix.every((b, i) => bytes[offset + i] === b);

/** A NUL run at least this long is filler (a log extended by a crash), not part of binary data. */
const NUL_RUN = 32;
/** "Mostly": the share of NUL and control bytes, outside filler runs, that makes a file binary. */
const BINARY_SHARE = 0.3;

/**
 * Decides from a file's first bytes (`head`, at most `SNIFF_BYTES`):
 * a byte order mark wins (UTF-8, UTF-16LE, UTF-16BE); then gzip; then the magic bytes of formats
 * that are not text; then UTF-16 without a mark (NULs on every other byte, as VS Code guesses);
 * then the share of NUL and control bytes. Tabs, line breaks, form feeds and ESC (colours) are
 * text; so are a few NULs in a message and long NUL runs, which crashes leave in logs. A file
 * declared UTF-16 (`declared`, an encoding label) is not judged by its NULs.
 */
export function sniff(head: Uint8Array, declared?: string): Sniffed {
  if (startsWith(head, UTF8_BOM)) return { kind: 'text', encoding: 'utf-8', bomLength: 3 };
  if (startsWith(head, [0xff, 0xfe])) return { kind: 'text', encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(head, [0xfe, 0xff])) return { kind: 'text', encoding: 'utf-16be', bomLength: 2 };
  if (startsWith(head, GZIP)) return { kind: 'gzip' };
  for (const magic of MAGIC) {
    if (!startsWith(head, magic.bytes, magic.offset)) continue;
    if (magic.followedBy !== undefined && !startsWith(head, magic.followedBy.bytes, magic.followedBy.offset)) continue;
    return magic.reader === undefined
      ? { kind: 'refused', reason: `${magic.what}, not text` }
      : { kind: 'refused', reason: magic.what, reader: magic.reader };
  }
  const utf16 = utf16WithoutMark(head);
  if (utf16 !== undefined) return { kind: 'text', encoding: utf16, bomLength: 0 };
  if (declared !== undefined && /^utf-?16/i.test(declared)) return { kind: 'text', encoding: 'utf-8', bomLength: 0 };
  const share = controlShare(head);
  if (share > BINARY_SHARE)
    return {
      kind: 'refused',
      reason: `looks binary (${Math.round(share * 100)}% of the first ${kilobytes(head.length)} are NUL or control bytes)`,
    };
  return { kind: 'text', encoding: 'utf-8', bomLength: 0 };
}

function kilobytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * UTF-16 text without a byte order mark: ASCII characters are a NUL and a byte, so NULs fill one
 * half of the positions and almost none of the other. Needs a few hundred bytes to be sure.
 */
function utf16WithoutMark(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const length = Math.min(head.length, 4096) & ~1;
  if (length < 64) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < length; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const pairs = length / 2;
  if (oddNul > pairs * 0.7 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.7 && oddNul < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Whether a byte is neither text nor a text control (tab, line breaks, form feed, ESC). */
const isControl = (byte: number): boolean =>
  (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0b && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) || byte === 0x7f;

/**
 * The share of NUL and control bytes among the bytes outside long NUL runs. A head that is all
 * filler has nothing else to judge by and counts as wholly NUL.
 */
function controlShare(head: Uint8Array): number {
  let counted = 0;
  let controls = 0;
  for (let i = 0; i < head.length; ) {
    if (head[i] === 0) {
      let end = i;
      while (end < head.length && head[end] === 0) end++;
      if (end - i < NUL_RUN) {
        counted += end - i;
        controls += end - i;
      }
      i = end;
      continue;
    }
    counted++;
    if (isControl(head[i])) controls++;
    i++;
  }
  if (counted === 0) return head.length === 0 ? 0 : 1;
  return controls / counted;
}
