import { setFlagsFromString } from 'node:v8';

/**
 * How much bytecode V8's optimising compiler may inline into one compiled function, in all; V8's
 * own limit is 920. The scan's path through one candidate code (reading its numbers, moving to its
 * line, the reply code and status field before it, its row in the table) runs through a dozen small
 * functions, about 1,700 bytes of bytecode. Under V8's limit about half of it is inlined into the
 * scan's loop and the rest is called for every code of the document. A profile of the analysis of
 * the benchmark's 50 MB log showed the calls (`addMatch` alone as 15% of the samples); with this
 * limit they are gone from it, and the analysis with its diagnostics takes 87 ms instead of 97
 * (medians of four processes each, docs/performance.md, P1). A larger limit bought nothing more.
 */
export const INLINING_BUDGET = 4000;

/** The V8 flag that sets it. */
export const INLINING_BUDGET_FLAG = `--max-inlined-bytecode-size-cumulative=${INLINING_BUDGET}`;

/**
 * Raises V8's inlining limit for this process: the Node server and command line call it as they
 * start. It applies to every function V8 optimises from then on, and the scan's functions are
 * optimised only once they run hot. Set from inside, not on the command line: Node allows this
 * flag to change at run time, and a runtime that did not know the flag would warn and go on,
 * where `node --unknown-flag` refuses to start. (The web extension's server runs in a browser
 * worker, where V8's flags cannot be set.)
 */
export function raiseInliningBudget(): void {
  setFlagsFromString(INLINING_BUDGET_FLAG);
}
