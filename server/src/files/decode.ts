import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

/** Decoded text, and whether bytes in it did not decode (they are U+FFFD in `text`). */
export interface TextChunk {
  text: string;
  undecodable: boolean;
}

/** Checks an encoding label as Node's `TextDecoder` knows it; returns its canonical name. */
export function encodingName(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

/**
 * Decodes a byte stream chunk by chunk, never failing: a byte sequence that does not decode
 * becomes U+FFFD, as VS Code shows it, so every other character keeps its column.
 *
 * UTF-8 is decoded in ranges that end on a character boundary (an incomplete sequence at the end
 * of a chunk waits for the next), so that each range can be checked with `isUtf8`: a U+FFFD
 * written in the file itself is text, not a decoding error. In other encodings a U+FFFD can only
 * come from bytes that did not decode (a legacy charset has none of its own; in UTF-16 one
 * written in the file counts too, which is rare enough not to matter).
 */
export class ChunkDecoder {
  private readonly decoder: TextDecoder;
  private readonly utf8: boolean;
  private carry: Uint8Array | undefined;

  constructor(encoding: string) {
    // The caller drops the byte order mark; one further on is a character like any other.
    this.decoder = new TextDecoder(encoding, { ignoreBOM: true });
    this.utf8 = this.decoder.encoding === 'utf-8';
  }

  decode(chunk: Uint8Array): TextChunk {
    if (!this.utf8) return replaced(this.decoder.decode(chunk, { stream: true }));
    const bytes = this.carry === undefined ? chunk : concat(this.carry, chunk);
    const end = completeEnd(bytes);
    this.carry = end < bytes.length ? bytes.slice(end) : undefined;
    return this.utf8Range(bytes.subarray(0, end));
  }

  /** What is left at the end: an incomplete sequence is one U+FFFD. */
  end(): TextChunk {
    if (!this.utf8) return replaced(this.decoder.decode());
    const rest = this.carry ?? new Uint8Array(0);
    this.carry = undefined;
    return this.utf8Range(rest);
  }

  private utf8Range(range: Uint8Array): TextChunk {
    const text = this.decoder.decode(range);
    return { text, undecodable: text.includes('\uFFFD') && !isUtf8(range) };
  }
}

const replaced = (text: string): TextChunk => ({ text, undecodable: text.includes('\uFFFD') });

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/**
 * Where the last complete UTF-8 sequence of `bytes` ends: before a lead byte whose continuation
 * bytes have not all arrived. Cutting there decodes exactly as one stream would.
 */
function completeEnd(bytes: Uint8Array): number {
  let lead = bytes.length - 1;
  while (lead >= 0 && lead > bytes.length - 4 && (bytes[lead] & 0xc0) === 0x80) lead--;
  if (lead < 0 || bytes[lead] < 0xc0) return bytes.length;
  const length = bytes[lead] >= 0xf0 ? 4 : bytes[lead] >= 0xe0 ? 3 : 2;
  return bytes.length - lead < length ? lead : bytes.length;
}
