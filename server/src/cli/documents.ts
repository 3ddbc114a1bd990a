import { collectSources, decode, readSource, type CollectOptions, type InputProblem, type Source } from './files';
import type { Io } from './io';
import { Progress } from './progress';

/** A text to check and where it came from. */
export interface SourceText {
  source: Source;
  text: string;
}

export interface VisitOutcome {
  /** How many texts were read and visited. */
  checked: number;
  /** Inputs that could not be checked, each already reported on stderr. */
  problems: InputProblem[];
}

/**
 * Reads every input in turn and hands its text to `visit`. An input that cannot be read (missing,
 * binary, not UTF-8, ...) is reported on stderr with its name as soon as it is met, and the run
 * goes on with the next one: one bad file never hides the findings of the others.
 */
export async function visitSources(
  inputs: readonly string[],
  options: CollectOptions,
  io: Io,
  visit: (document: SourceText) => void,
): Promise<VisitOutcome> {
  const { sources, problems } = collectSources(inputs, options);
  for (const problem of problems) report(io, problem);
  const progress = new Progress(io, sources.length);
  let checked = 0;
  for (const [index, source] of sources.entries()) {
    progress.update(index, source.display);
    const read = source.stdin || source.path === undefined ? decode(await io.readStdin()) : readSource(source.path);
    if ('text' in read) {
      visit({ source, text: read.text });
      checked++;
    } else {
      const problem: InputProblem = { kind: read.kind, display: source.display, path: source.path, message: read.message };
      problems.push(problem);
      progress.clear();
      report(io, problem);
    }
  }
  progress.clear();
  return { checked, problems };
}

function report(io: Io, problem: InputProblem): void {
  io.err(`smtp-status: ${problem.display}: ${problem.message}\n`);
}
