import { createReadStream, statSync } from 'node:fs';
import { scanLine } from '../scan';
import type { Summary } from '../../../common';
import { SummaryBuilder } from '../service/summary';

/**
 * Summarises a log file of any size by streaming it from disk, line by line, in the scanner's log
 * mode: what the editor cannot do for files over 50 MB, which VS Code never hands to extensions.
 * `onProgress` receives the fraction read; an aborted `signal` stops the read and rejects.
 */
export async function summarizeFile(path: string, onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<Summary> {
  const size = statSync(path).size;
  const builder = new SummaryBuilder();
  const decoder = new TextDecoder('utf-8');
  const stream = createReadStream(path, { highWaterMark: 1 << 20, signal });
  let rest = '';
  let line = 0;
  let read = 0;
  let endedWithCR = false;
  const take = (text: string) => {
    builder.addLine(text, line, scanLine(text, line, 'log').codes);
    line++;
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    read += chunk.length;
    let text = rest + decoder.decode(chunk, { stream: true });
    // A `\r\n` split across chunks is one line break, not two.
    if (endedWithCR && text.startsWith('\n')) text = text.slice(1);
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      take(text.slice(start, i));
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
    endedWithCR = text.charCodeAt(text.length - 1) === 13;
    rest = text.slice(start);
    onProgress?.(size === 0 ? 1 : read / size);
  }
  rest += decoder.decode();
  if (rest.length > 0) take(rest);
  return builder.build();
}
