import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TextDecoder } from 'node:util';
import { createGunzip } from 'node:zlib';
import { ChunkDecoder } from './decode';
import { LineSplitter, type Undecodable } from './lines';
import { SNIFF_BYTES, sniff } from './sniff';

/**
 * Reading files as they lie on disk (node only): any bytes decoded, gzip decompressed on the
 * way, what is clearly not text left out with the reason. Text is handed on chunk by chunk, so a
 * file or a pipe of any size is read in bounded memory.
 */

export interface ReadOptions {
  /** A `TextDecoder` label (latin1, windows-1252, shift_jis, ...); a byte order mark still wins. */
  encoding?: string;
  signal?: AbortSignal;
  /** Called as bytes are read (compressed bytes for a compressed file), with the running total. */
  onBytes?: (total: number) => void;
}

/** How a text was read. */
export interface TextInfo {
  /** The encoding it was decoded from (the `TextDecoder` name: utf-8, utf-16le, windows-1252, ...). */
  encoding: string;
  compression?: 'gzip';
}

/** Why an input was left out; `reader` is a command that would turn it into text. */
export interface Refused {
  refused: string;
  reader?: string;
}

/** What was read of a text before an error stopped it: the text up to there is still used. */
export interface ReadEnd {
  /** Lines with bytes that did not decode. */
  undecodable?: Undecodable;
  /** The error that cut the text short (a truncated gzip file, a read error). */
  error?: string;
}

/** A file's bytes as a stream (1 MiB chunks; `signal` aborts the read). */
export function fileBytes(path: string, signal?: AbortSignal): AsyncIterable<Uint8Array> {
  return createReadStream(path, { highWaterMark: 1 << 20, signal });
}

/** An input opened as text: its bytes (decompressed, without the byte order mark) and their decoder. */
/** A file's bytes in one piece, for texts that are read whole anyway (one read is the fastest). */
export async function* wholeFile(path: string): AsyncGenerator<Uint8Array> {
  yield await readFile(path);
}

type Opened = { info: TextInfo; bytes: AsyncIterable<Uint8Array>; decoder: ChunkDecoder } | Refused;

/**
 * Looks at the first blocks of a byte stream and opens it as text: a byte order mark, gzip
 * (decompressed, and its content looked at again), formats that are not text (refused), else
 * the encoding asked for or UTF-8.
 */
async function open(bytes: AsyncIterable<Uint8Array>, options: ReadOptions): Promise<Opened> {
  let total = 0;
  const counted = async function* () {
    for await (const chunk of bytes) {
      total += chunk.length;
      options.onBytes?.(total);
      yield chunk;
    }
  };
  let source: AsyncIterator<Uint8Array> = counted();
  let { head, rest } = await readHead(source);
  let found = sniff(head.subarray(0, SNIFF_BYTES), options.encoding);
  let compression: TextInfo['compression'];
  if (found.kind === 'gzip') {
    compression = 'gzip';
    const gunzip = createGunzip();
    // The pipeline's error (corrupt data, an aborted read) reaches whoever reads `gunzip`.
    pipeline(Readable.from(rest), gunzip).catch(() => {});
    source = (gunzip as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
    ({ head, rest } = await readHead(source));
    found = sniff(head.subarray(0, SNIFF_BYTES), options.encoding);
  }
  if (found.kind !== 'text') {
    await source.return?.();
    const reason = found.kind === 'gzip' ? 'gzip inside gzip, not text' : found.reason;
    return {
      refused: compression === undefined ? reason : `gzip-compressed, and inside: ${reason}`,
      ...(found.kind === 'refused' && found.reader ? { reader: found.reader } : {}),
    };
  }
  // A byte order mark says what the file is; otherwise the encoding asked for, else the guess.
  const encoding = found.bomLength > 0 || options.encoding === undefined ? found.encoding : options.encoding;
  const skip = found.bomLength;
  const text = async function* (): AsyncGenerator<Uint8Array> {
    let first = true;
    for await (const chunk of rest) {
      yield first ? chunk.subarray(skip) : chunk;
      first = false;
    }
  };
  return {
    info: { encoding: new TextDecoder(encoding).encoding, ...(compression ? { compression } : {}) },
    bytes: text(),
    decoder: new ChunkDecoder(encoding),
  };
}

/** At least the first `SNIFF_BYTES` (or all, if fewer) as one buffer, and the whole stream again. */
async function readHead(source: AsyncIterator<Uint8Array>): Promise<{ head: Uint8Array; rest: AsyncIterable<Uint8Array> }> {
  const parts: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < SNIFF_BYTES) {
    const next = await source.next();
    if (next.done) {
      done = true;
      break;
    }
    parts.push(next.value);
    length += next.value.length;
  }
  const head = parts.length === 1 ? parts[0] : Buffer.concat(parts);
  const rest = async function* () {
    if (head.length > 0) yield head;
    if (done) return;
    for (let next = await source.next(); !next.done; next = await source.next()) yield next.value;
  };
  return { head, rest: rest() };
}

/**
 * Reads a whole text (for `check` and `codes`, whose analysis needs it at once). The bytes are
 * decoded in one piece: the text is whole anyway, and one call decodes fastest.
 */
export async function readText(
  bytes: AsyncIterable<Uint8Array>,
  options: ReadOptions = {},
): Promise<({ text: string } & TextInfo & ReadEnd) | Refused> {
  const opened = await open(bytes, options);
  if ('refused' in opened) return opened;
  const parts: Uint8Array[] = [];
  let error: string | undefined;
  try {
    for await (const chunk of opened.bytes) parts.push(chunk);
  } catch (caught) {
    if (options.signal?.aborted) throw caught;
    error = readError(caught);
  }
  const whole = opened.decoder.decode(parts.length === 1 ? parts[0] : Buffer.concat(parts));
  parts.length = 0;
  const last = opened.decoder.end();
  const text = whole.text + last.text;
  return { text, ...opened.info, ...ends(whole.undecodable || last.undecodable ? undecodableIn(text) : undefined, error) };
}

/**
 * Reads a text line by line (for summaries: nothing is kept but the current chunk and line).
 * An aborted `signal` rejects; any other read error ends the text where it happened.
 */
export async function readLines(
  bytes: AsyncIterable<Uint8Array>,
  onLine: (text: string, line: number) => void,
  options: ReadOptions = {},
): Promise<({ lines: number } & TextInfo & ReadEnd) | Refused> {
  const opened = await open(bytes, options);
  if ('refused' in opened) return opened;
  const splitter = new LineSplitter(onLine);
  let error: string | undefined;
  try {
    for await (const chunk of opened.bytes) splitter.push(opened.decoder.decode(chunk));
  } catch (caught) {
    if (options.signal?.aborted) throw caught;
    error = readError(caught);
  }
  splitter.push(opened.decoder.end());
  const { lines, undecodable } = splitter.end();
  return { lines, ...opened.info, ...ends(undecodable, error) };
}

const ends = (undecodable: Undecodable | undefined, error: string | undefined): ReadEnd => ({
  ...(undecodable ? { undecodable } : {}),
  ...(error ? { error } : {}),
});

/** zlib's errors in words, or undefined for any other error. */
export function compressionError(error: unknown): string | undefined {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'Z_BUF_ERROR') return 'the compressed data ends early (unexpected end of file)';
  if (code === 'Z_DATA_ERROR') return `the compressed data is corrupt (${message})`;
  return undefined;
}

/** An error met while reading, in words: zlib's, `permission denied`, the system's message. */
function readError(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'EACCES') return 'permission denied';
  return compressionError(error) ?? message.replace(/^[A-Z]+: /, '');
}

/** The lines of `text` that hold U+FFFD (of a text with bytes that did not decode). */
function undecodableIn(text: string): Undecodable | undefined {
  let lines = 0;
  let firstLine = -1;
  let line = 0;
  let scanned = 0;
  let lastCounted = -1;
  for (let at = text.indexOf('\uFFFD'); at !== -1; at = text.indexOf('\uFFFD', at + 1)) {
    // Count the line breaks between the last position looked at and this one.
    for (; scanned < at; scanned++) {
      const c = text.charCodeAt(scanned);
      if (c === 10 || (c === 13 && text.charCodeAt(scanned + 1) !== 10)) line++;
    }
    if (line === lastCounted) continue;
    lines++;
    lastCounted = line;
    if (firstLine === -1) firstLine = line;
  }
  return lines === 0 ? undefined : { lines, firstLine };
}
