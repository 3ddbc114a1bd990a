import { statSync } from 'node:fs';
import { fileBytes, readLines, type ReadOptions } from '../files/read';
import { CodeTable, scanLineInto, type CodeMatch } from '../scan';
import type { Summary, SummarySource } from '../../../common';
import { SummaryBuilder } from '../service/summary';

export interface SummarizeOptions {
  /** A `TextDecoder` label for files without a byte order mark (default UTF-8). */
  encoding?: string;
  /** The fraction of all the files' bytes read so far (compressed bytes for `.gz`). */
  onProgress?: (fraction: number) => void;
  /** Aborting stops the read and rejects. */
  signal?: AbortSignal;
}

export type TimelineSummaryResult = Summary & { sources: SummarySource[] };

const NO_CODES: readonly CodeMatch[] = [];

/**
 * A summary of texts read one after another as one timeline, each streamed line by line in the
 * scanner's log mode: nothing is kept of a text but the counts. Lines are numbered through all
 * the texts; `sources` says where each begins and how it was read.
 */
export class TimelineSummary {
  private readonly builder = new SummaryBuilder();
  private readonly sources: SummarySource[] = [];
  private firstLine = 0;
  /** One table for every line, emptied after each: a line's codes are read from it at once. */
  private readonly table = new CodeTable(16);

  /** Reads one text into the summary; returns how it was read (refused, or read with notes). */
  async add(name: string, bytes: AsyncIterable<Uint8Array>, options: ReadOptions = {}): Promise<Awaited<ReturnType<typeof readLines>>> {
    const firstLine = this.firstLine;
    const read = await readLines(bytes, (text, line) => this.addLine(text, firstLine + line), options);
    if ('refused' in read) {
      const skipped = read.reader === undefined ? read.refused : `${read.refused}; decompress it first (${read.reader})`;
      this.sources.push({ name, firstLine, lines: 0, skipped });
      return read;
    }
    const { lines, encoding, compression, undecodable, error } = read;
    this.sources.push({
      name,
      firstLine,
      lines,
      encoding,
      ...(compression && { compression }),
      ...(undecodable && { undecodable }),
      ...(error && { error }),
    });
    this.firstLine += lines;
    return read;
  }

  build(): TimelineSummaryResult {
    return { ...this.builder.build(), lines: this.firstLine, sources: this.sources };
  }

  private addLine(text: string, line: number): void {
    const table = this.table;
    table.splice(0, table.length);
    scanLineInto(table, text, line, 'log');
    this.builder.addLine(text, line, table.length === 0 ? NO_CODES : table.toArray());
  }
}

/**
 * Summarises files of any size as one timeline (the rotated set of one log, oldest first:
 * `mail.log.2.gz`, `mail.log.1`, `mail.log`): what the editor cannot do for files over 50 MB,
 * which VS Code never hands to extensions. Any bytes are read (see server/src/files); gzip is
 * decompressed on the way. A file that is not text is left out and named in `sources` with the
 * reason; one whose read fails part way (a truncated `.gz`) keeps what was read, with the error.
 */
export async function summarizeFiles(paths: readonly string[], options: SummarizeOptions = {}): Promise<TimelineSummaryResult> {
  const sizes = paths.map((path) => statSync(path).size);
  const total = sizes.reduce((a, b) => a + b, 0);
  const summary = new TimelineSummary();
  let done = 0;
  for (const [index, path] of paths.entries()) {
    const onBytes = (bytes: number) => options.onProgress?.(total === 0 ? 1 : (done + bytes) / total);
    await summary.add(path, fileBytes(path, options.signal), { encoding: options.encoding, signal: options.signal, onBytes });
    done += sizes[index];
  }
  options.onProgress?.(1);
  return summary.build();
}

/** One file (see `summarizeFiles`). */
export function summarizeFile(path: string, onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<TimelineSummaryResult> {
  return summarizeFiles([path], { onProgress, signal });
}
