import type { Io } from './io';

/** Runs with more files than this show progress from the start. */
const MANY_FILES = 50;
/** Shorter runs show it once they have taken this long. */
const LONG_RUN_MS = 1000;
const REDRAW_MS = 100;

/**
 * A one-line `checked 120/500: path` counter on stderr, redrawn in place. Drawn only when stderr
 * is a terminal and the run is long: in a pipe or a CI log it would only be noise.
 */
export class Progress {
  private drawn = false;
  private lastDraw = -Infinity;
  private readonly start: number;

  constructor(
    private readonly io: Io,
    private readonly total: number,
  ) {
    this.start = io.now();
  }

  update(done: number, current: string): void {
    if (!this.io.errIsTTY) return;
    const now = this.io.now();
    if (this.total <= MANY_FILES && now - this.start < LONG_RUN_MS) return;
    if (now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const line = `smtp-status: checked ${done}/${this.total}: ${current}`;
    this.io.err(`\r\x1b[K${line.length > 100 ? `${line.slice(0, 99)}…` : line}`);
    this.drawn = true;
  }

  /** Removes the line, before other output to stderr and at the end. */
  clear(): void {
    if (!this.drawn) return;
    this.io.err('\r\x1b[K');
    this.drawn = false;
    this.lastDraw = -Infinity;
  }
}
