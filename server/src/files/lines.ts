import type { TextChunk } from './decode';

/** Lines that held bytes that did not decode: how many, and the first (0-based). */
export interface Undecodable {
  lines: number;
  firstLine: number;
}

/** A line longer than this is handed on in pieces (all with its number), so memory stays bounded. */
const MAX_LINE = 4 * 1024 * 1024;

/**
 * Cuts decoded text into lines as VS Code does (`\r\n`, `\r` or `\n` ends a line, a break split
 * between two chunks included) and notes the lines that hold undecodable bytes.
 */
export class LineSplitter {
  /** The number of the line being read (0-based). */
  private line = 0;
  private rest = '';
  private restUndecodable = false;
  private endedWithCR = false;
  /** Part of the current line was handed on already (it was too long). */
  private pieced = false;
  private undecodableLines = 0;
  private firstUndecodable = -1;
  private lastUndecodable = -1;

  constructor(private readonly onLine: (text: string, line: number) => void) {}

  push({ text: chunk, undecodable }: TextChunk): void {
    if (chunk.length === 0) return;
    // A `\r\n` split across chunks is one line break, not two.
    const text = this.rest + (this.endedWithCR && chunk.startsWith('\n') ? chunk.slice(1) : chunk);
    // A line is suspect if any of it came from a chunk with undecodable bytes.
    const carried = this.rest.length;
    const suspectFrom = (start: number) => undecodable || (start < carried && this.restUndecodable);
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.take(text.slice(start, i), suspectFrom(start));
      this.line++;
      this.pieced = false;
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
    this.endedWithCR = text.charCodeAt(text.length - 1) === 13;
    this.restUndecodable = start < text.length && suspectFrom(start);
    this.rest = text.slice(start);
    if (this.rest.length > MAX_LINE) {
      this.take(this.rest, this.restUndecodable);
      this.rest = '';
      this.restUndecodable = false;
      this.pieced = true;
    }
  }

  /** Hands on the last line (if the text does not end with a break) and returns what was counted. */
  end(): { lines: number; undecodable?: Undecodable } {
    if (this.rest.length > 0 || this.pieced) {
      this.take(this.rest, this.restUndecodable);
      this.line++;
      this.rest = '';
    }
    const undecodable = this.undecodableLines === 0 ? undefined : { lines: this.undecodableLines, firstLine: this.firstUndecodable };
    return { lines: this.line, undecodable };
  }

  private take(text: string, suspect: boolean): void {
    if (suspect && this.lastUndecodable !== this.line && text.includes('\uFFFD')) {
      this.undecodableLines++;
      if (this.firstUndecodable === -1) this.firstUndecodable = this.line;
      this.lastUndecodable = this.line;
    }
    this.onLine(text, this.line);
  }
}
