import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** V8's `gc` as its extension offers it: `execution: 'async'` marks on a background thread. */
type V8Collect = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => void;

/**
 * A call that starts a full collection of the heap and returns at once, V8 marking on a background
 * thread while the server goes on; undefined where V8 offers none. V8 gives `gc` only to contexts
 * made while `--expose-gc` is set: the flag is set for one new context and cleared again, so that
 * nothing else this process runs sees it.
 */
export function backgroundCollector(): (() => void) | undefined {
  const collect = (globalThis as { gc?: unknown }).gc ?? fromNewContext();
  if (typeof collect !== 'function') return undefined;
  return () => (collect as V8Collect)({ type: 'major', execution: 'async' });
}

function fromNewContext(): unknown {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('typeof gc === "function" ? gc : undefined');
  } catch {
    return undefined;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
