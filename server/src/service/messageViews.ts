import type { Position } from 'vscode-languageserver-types';
import { replyCodesOnLine } from '../scan';
import type { Analysis, DocumentLike } from './analysis';
import { lineText } from './analysis';
import { idAt, idsOnLine, linesOf, ownerOf, traceMessages } from './messages';
import { DEFAULT_SETTINGS, type Settings } from './settings';

/*
 * The line lists behind the client's read-only views of a log: *Show This Message* and *Show
 * Failures*. The server computes them from the analysis; the client shows those lines of its
 * own copy of the document.
 */

/** The lines of the message at the position (the id under the cursor, else the one that owns its line), with the messages linked to it. */
export function messageLines(
  analysis: Analysis,
  document: DocumentLike,
  position: Position,
  _settings: Settings = DEFAULT_SETTINGS,
): { id: string; lines: number[]; messages: number } | null {
  const id =
    idAt(analysis, document, position)?.id ?? ownerOf(idsOnLine(analysis.messages, position.line, lineText(document, position.line)))?.id;
  if (id === undefined) return null;
  const traced = traceMessages([{ analysis, document }], [id]);
  return { id, lines: linesOf(traced, 1)[0], messages: traced.filter((m) => m.lines.length > 0).length };
}

/**
 * Every line with a failure, a 4.X.X or 5.X.X code (outside prose) or a 4xx or 5xx reply; with
 * `withMessages`, also every line of the messages those lines belong to and of their linked ones.
 */
export function failureLines(
  analysis: Analysis,
  document: DocumentLike,
  withMessages: boolean,
  _settings: Settings = DEFAULT_SETTINGS,
): { lines: number[]; failures: number; messages: number } {
  const failing = failingLines(analysis, document);
  if (!withMessages) return { lines: failing, failures: failing.length, messages: 0 };
  const owners = new Set<string>();
  for (const line of failing) {
    const owner = ownerOf(idsOnLine(analysis.messages, line, lineText(document, line)));
    if (owner !== undefined) owners.add(owner.id);
  }
  const traced = traceMessages([{ analysis, document }], owners);
  const lines = new Set(linesOf(traced, 1)[0]);
  for (const line of failing) lines.add(line);
  return { lines: [...lines].sort((a, b) => a - b), failures: failing.length, messages: traced.filter((m) => m.lines.length > 0).length };
}

function failingLines(analysis: Analysis, document: DocumentLike): number[] {
  const codes = analysis.codes;
  const failing = new Set<number>();
  for (let k = 0; k < codes.length; k++) {
    const cls = codes.classOf(k);
    const reply = codes.replyCodeOf(k);
    if (codes.contextOf(k) !== 'bare' && (cls === 4 || cls === 5 || reply >= 400)) failing.add(codes.lineOf(k));
  }
  // Replies written without an enhanced code (`<- 550 Invalid recipient`, `said: 451 Try later`).
  if (analysis.mode !== 'source') {
    document
      .getText()
      .split(/\r\n|\r|\n/)
      .forEach((text, line) => {
        if (!failing.has(line) && replyCodesOnLine(text).some((r) => r.code >= 400)) failing.add(line);
      });
  }
  return [...failing].sort((a, b) => a - b);
}
