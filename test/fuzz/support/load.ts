// Load cycles against the built server over stdio, for the leak test and `npm run test:stress`:
// open N documents of about 1 MB, edit them, ask for diagnostics, hovers and completion, close
// them; measure the server's resident memory (VmRSS from /proc/PID/status) after each cycle.
//
// The server's heap is not visible from outside, and RSS does not shrink when V8 frees memory (it
// keeps pages for reuse and collects only now and then), so the criterion is a plateau: after
// warm-up (the first third of the cycles), the floor of RSS in the last third stays within 10% of
// its floor in the second (see `plateau` for how the readings are taken). A leak of a document per cycle (1 MB
// of text as UTF-16 is 2 MB, plus its analysis) grows RSS by N x that every cycle, far past 10%.
import { readFileSync } from 'node:fs';
import type { LspClient } from '../../lsp/support/lspClient';
import { realLines } from './inputs';

/** Resident set size of a process in MB (Linux), or undefined where /proc is absent. */
export function rssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/** A log of about `bytes` characters built from real lines, different for each `seed`. */
export function logOfSize(bytes: number, seed: number): string {
  const lines = realLines({ corpus: false }).filter((l) => /\d\.\d+\.\d/.test(l));
  const out: string[] = [];
  let size = 0;
  for (let k = seed; size < bytes; k++) {
    const line = `${seed}:${k} ${lines[k % lines.length]}`;
    out.push(line);
    size += line.length + 1;
  }
  return out.join('\n');
}

export interface CycleOptions {
  documents: number;
  bytes: number;
  cycles: number;
  /** Called after each cycle with its number (1-based) and the server's RSS in MB. */
  onCycle?: (cycle: number, rss: number | undefined) => void;
  /** False: never close the documents (a deliberate leak, to show the criterion catches one). */
  close?: boolean;
}

/** Runs the cycles; returns RSS after each one. */
export async function loadCycles(client: LspClient, options: CycleOptions): Promise<(number | undefined)[]> {
  const texts = Array.from({ length: options.documents }, (_, k) => logOfSize(options.bytes, k));
  const rss: (number | undefined)[] = [];
  for (let cycle = 1; cycle <= options.cycles; cycle++) {
    const uris = texts.map((_, k) => `file:///lsp-tests/load/c${cycle}-d${k}/mail.log`);
    for (let k = 0; k < texts.length; k++) {
      await client.open(uris[k], 'log', texts[k]);
      const document = client.document(uris[k]);
      const middle = document.lineCount >> 1;
      // Edits: a line at the top, a change in the middle, a deletion at the end.
      await client.change(uris[k], [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x: 550 5.1.1 added\n' },
        { range: { start: { line: middle, character: 0 }, end: { line: middle + 2, character: 0 } }, text: 'x: 451 4.7.1 changed\r\n' },
        { range: { start: { line: document.lineCount - 2, character: 0 }, end: { line: document.lineCount, character: 0 } }, text: '' },
      ]);
      await client.diagnostics(uris[k]);
      await client.hover(uris[k], { line: 0, character: 8 });
      await client.complete(uris[k], { line: 0, character: 9 }, '.');
    }
    if (options.close !== false) for (const uri of uris) await client.close(uri);
    // A request after the closes: the server has processed them when it answers.
    await client.hover(uris[0], { line: 0, character: 0 }).catch(() => null);
    const value = rssMb(client.process.pid!);
    rss.push(value);
    options.onCycle?.(cycle, value);
  }
  return rss;
}

/**
 * The plateau criterion. RSS swings with the moment V8 last collected (documents of 100 MB in all
 * pile up until a collection, then drop), and V8 grows the heap to its working size over the first
 * cycles, so each part of the run is read as its floor: the lowest reading of a window of `w`
 * cycles (a third of the run, at least 2). The first window is warm-up; the floor of the last
 * window must stay within `tolerance` of the floor of the second. A leak keeps what it holds
 * through every collection, so its floor rises window after window.
 */
export function plateau(
  rss: readonly (number | undefined)[],
  tolerance = 0.1,
): { ok: boolean; baseline?: number; last?: number; growth?: number } {
  const w = Math.max(2, Math.floor(rss.length / 3));
  const floor = (values: readonly (number | undefined)[]) => {
    const known = values.filter((v): v is number => v !== undefined);
    return known.length === 0 ? undefined : Math.min(...known);
  };
  if (rss.length < 3 * w) return { ok: true };
  const baseline = floor(rss.slice(w, 2 * w));
  const last = floor(rss.slice(rss.length - w));
  if (baseline === undefined || last === undefined) return { ok: true };
  const growth = last / baseline - 1;
  return { ok: growth <= tolerance, baseline, last, growth };
}
