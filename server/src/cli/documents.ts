import { compressionError, fileBytes, readText, wholeFile, type ReadEnd, type Refused, type TextInfo } from '../files/read';
import { collectSources, systemMessage, type CollectOptions, type InputProblem, type Source } from './files';
import type { Io } from './io';
import { Progress } from './progress';

/** A text to check and where it came from. */
export interface SourceText {
  source: Source;
  text: string;
}

/** Something to know about an input that was still read: bytes that did not decode. */
export interface InputNote {
  display: string;
  path?: string;
  message: string;
}

export interface VisitOutcome {
  /** How many texts were read and visited. */
  checked: number;
  /** Inputs that could not be read (whole or in part), each already reported on stderr. */
  problems: InputProblem[];
  /** Inputs read with undecodable bytes, each already reported on stderr. */
  notes: InputNote[];
}

/** What reading one input gave: refused, or read (perhaps cut short by an error). */
export type ReadOutcome = Refused | (TextInfo & ReadEnd);

/**
 * Reads every input in turn with `read` (given the input's bytes: a file streamed from disk, or
 * standard input). An input that cannot be read (missing, not text, ...) is reported on stderr
 * with its name as soon as it is met, and the run goes on with the next one: one bad file never
 * hides the findings of the others. `command` names the command in advice (`xzcat f | smtp-status
 * check -`); `how.order` may reorder the inputs found (a summary reads rotated logs oldest
 * first), `how.whole` reads each file in one piece (for texts analysed whole).
 */
export async function forEachInput(
  inputs: readonly string[],
  options: CollectOptions,
  io: Io,
  command: string,
  read: (source: Source, bytes: AsyncIterable<Uint8Array>) => Promise<ReadOutcome>,
  how: { order?: (sources: Source[]) => Source[]; whole?: boolean } = {},
): Promise<VisitOutcome> {
  const { order = (sources: Source[]) => sources, whole = false } = how;
  const collected = collectSources(inputs, options);
  const { problems } = collected;
  const sources = order(collected.sources);
  for (const problem of problems) report(io, problem);
  const notes: InputNote[] = [];
  const progress = new Progress(io, sources.length);
  let checked = 0;
  const problem = (source: Source, kind: InputProblem['kind'], message: string) => {
    const found: InputProblem = { kind, display: source.display, path: source.path, message };
    problems.push(found);
    progress.clear();
    report(io, found);
  };
  for (const [index, source] of sources.entries()) {
    progress.update(index, source.display);
    let outcome: ReadOutcome;
    try {
      const bytes = source.stdin || source.path === undefined ? io.stdin() : whole ? wholeFile(source.path) : fileBytes(source.path);
      outcome = await read(source, bytes);
    } catch (error) {
      problem(source, 'unreadable', compressionError(error) ?? systemMessage(error));
      continue;
    }
    if ('refused' in outcome) {
      const advice =
        outcome.reader === undefined ? '' : `; read it with \`${outcome.reader} ${source.display} | smtp-status ${command} -\``;
      problem(source, 'not-text', `skipped: ${outcome.refused}${advice}`);
      continue;
    }
    checked++;
    if (outcome.undecodable !== undefined) {
      const { lines, firstLine } = outcome.undecodable;
      const where = lines === 1 ? `line ${firstLine + 1} holds` : `${lines} lines (the first: line ${firstLine + 1}) hold`;
      const note = {
        display: source.display,
        path: source.path,
        message: `${where} bytes that are not valid ${charsetName(outcome.encoding)}, read as U+FFFD (--encoding NAME reads another charset)`,
      };
      notes.push(note);
      progress.clear();
      io.err(`smtp-status: ${note.display}: ${note.message}\n`);
    }
    if (outcome.error !== undefined) problem(source, 'unreadable', `${outcome.error}; what came before was read`);
  }
  progress.clear();
  return { checked, problems, notes };
}

/** Reads every input whole and hands its text to `visit` (for `check` and `codes`). */
export function visitSources(
  inputs: readonly string[],
  options: CollectOptions,
  io: Io,
  command: string,
  visit: (document: SourceText) => void,
): Promise<VisitOutcome> {
  return forEachInput(
    inputs,
    options,
    io,
    command,
    async (source, bytes) => {
      const read = await readText(bytes, { encoding: options.encoding });
      if ('text' in read) visit({ source, text: read.text });
      return read;
    },
    { whole: true },
  );
}

/** `UTF-8`, `UTF-16LE`; legacy charsets as `TextDecoder` names them (`windows-1252`, `shift_jis`). */
const charsetName = (encoding: string): string => (encoding.startsWith('utf-') ? encoding.toUpperCase() : encoding);

function report(io: Io, problem: InputProblem): void {
  io.err(`smtp-status: ${problem.display}: ${problem.message}\n`);
}
