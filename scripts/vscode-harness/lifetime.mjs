// Everything the harness starts (servers, browsers, temporary folders) registers how to undo
// itself here, so it is undone on success, on failure, on Ctrl+C and when the run overruns its
// deadline alike.
import { step } from './progress.mjs';

const undoers = [];
let finishing = false;

/** Registers `undo` to run when the harness finishes; returns a function that runs it early. */
export function onFinish(label, undo) {
  const entry = { label, undo, done: false };
  undoers.push(entry);
  return async () => {
    if (entry.done) return;
    entry.done = true;
    await undo();
  };
}

/** Whether the run is stopping (what it started is being undone): an exit then is no surprise. */
export function isFinishing() {
  return finishing;
}

/** Longest wait for one undo, so that a hung one cannot keep the others from running. */
const UNDO_TIMEOUT_MS = 15_000;

async function undoAll() {
  while (undoers.length > 0) {
    const entry = undoers.pop();
    if (entry.done) continue;
    entry.done = true;
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${UNDO_TIMEOUT_MS / 1000}s`)), UNDO_TIMEOUT_MS);
    });
    try {
      await Promise.race([entry.undo(), timeout]);
    } catch (error) {
      step(`could not stop ${entry.label}: ${error?.message ?? error}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Runs `main` (which returns the process exit code), then undoes everything it started.
 * A run longer than `deadlineSeconds` (if given) is stopped as a failure. A signal stops the run
 * with `signalExitCode`.
 */
export async function runHarness(main, { deadlineSeconds, signalExitCode = 130 }) {
  const finish = async (code, why) => {
    if (finishing) return;
    finishing = true;
    if (why) step(why);
    await undoAll();
    process.exit(code);
  };
  // A closed terminal (SIGHUP) takes standard output with it: a progress line written then must
  // not end the process before everything is stopped.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => void finish(signalExitCode, `received ${signal}: stopping what was started`));
  }
  if (deadlineSeconds !== undefined) {
    const deadline = setTimeout(
      () => void finish(1, `FAILED: the run overran its deadline of ${deadlineSeconds}s; stopping what was started`),
      deadlineSeconds * 1000,
    );
    deadline.unref();
  }
  let code = 1;
  try {
    code = await main();
  } catch (error) {
    step(`FAILED: ${error?.stack ?? error}`);
    code = 1;
  }
  await finish(code);
}
