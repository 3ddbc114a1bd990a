/** V8's `gc`, offered to a process started with `--expose-gc` (see `SERVER_NODE_OPTIONS`). */
type V8Collect = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => void;

/**
 * A call that starts a full collection of the heap, V8 marking on a thread of its own, or
 * undefined when the process was started without `--expose-gc`. The flag is not set from inside:
 * V8's flags changed at run time changed when it collected on its own (a 50 MB open then left
 * 105-115 MB instead of about 220, V8 collecting during the open, which costs the open time).
 */
export function v8Collector(): (() => void) | undefined {
  const collect = (globalThis as { gc?: unknown }).gc;
  if (typeof collect !== 'function') return undefined;
  return () => (collect as V8Collect)({ type: 'major', execution: 'async' });
}
