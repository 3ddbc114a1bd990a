import type { Location, Position } from 'vscode-languageserver-types';
import type { Analysis, DocumentLike } from './analysis';
import { idAt, idsOnLine, linesOf, traceMessages, type LogSource } from './messages';
import { lineText } from './analysis';
import { DEFAULT_SETTINGS, type Settings } from './settings';

/** Most locations one answer carries; a trace of real messages is far shorter. */
const MAX_REFERENCES = 20_000;

/**
 * Find All References on a message id: every line of the message and of the messages linked to it
 * (the one it was queued again as after a content filter, the notification it caused, the
 * message it is a bounce of, ...), one location a line, on the id that line is about.
 */
export function references(
  analysis: Analysis,
  document: DocumentLike & { readonly uri: string },
  position: Position,
  _settings: Settings = DEFAULT_SETTINGS,
): Location[] | null {
  const on = idAt(analysis, document, position);
  if (on === undefined) return null;
  const source: LogSource = { analysis, document };
  const traced = traceMessages([source], [on.id]);
  const ids = new Set(traced.map((m) => m.id));
  return linesOf(traced, 1)[0]
    .slice(0, MAX_REFERENCES)
    .map((line) => {
      const named = idsOnLine(analysis.messages, line, lineText(document, line)).find((id) => ids.has(id.id))!;
      return { uri: document.uri, range: { start: { line, character: named.start }, end: { line, character: named.end } } };
    });
}
