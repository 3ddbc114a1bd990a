/**
 * What a command may touch of the outside world. Commands receive it instead of using `process`
 * directly, so they can be run in-process by tests and their output captured.
 */
export interface Io {
  /** The directory relative paths are resolved against and shown relative to. */
  readonly cwd: string;
  out(text: string): void;
  err(text: string): void;
  /** Progress is drawn only on a terminal; in a pipe or a CI log it would be noise. */
  readonly errIsTTY: boolean;
  /** Standard input, as it arrives (read once). */
  stdin(): AsyncIterable<Uint8Array>;
  /** Milliseconds, for deciding when a run is long enough to show progress. */
  now(): number;
}

/** The process's own streams. */
export function processIo(): Io {
  return {
    cwd: process.cwd(),
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    errIsTTY: process.stderr.isTTY === true,
    stdin: () => process.stdin,
    now: () => performance.now(),
  };
}
