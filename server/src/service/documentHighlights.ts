import { DocumentHighlightKind, type DocumentHighlight, type Position } from 'vscode-languageserver-types';
import type { Analysis, DocumentLike } from './analysis';
import { idAt, occurrencesOf } from './messages';
import { DEFAULT_SETTINGS, type Settings } from './settings';

/**
 * On a message id, every place the document writes it: where a line is about the message
 * (`Write`, as a definition is highlighted) and where another message's line names it (`Read`:
 * `queued as ID`, `notification: ID`, `R=ID`).
 */
export function documentHighlights(
  analysis: Analysis,
  document: DocumentLike,
  position: Position,
  _settings: Settings = DEFAULT_SETTINGS,
): DocumentHighlight[] | null {
  const on = idAt(analysis, document, position);
  if (on === undefined) return null;
  return occurrencesOf({ analysis, document }, on.id).map((o) => ({
    range: { start: { line: o.line, character: o.start }, end: { line: o.line, character: o.end } },
    kind: o.role === 'message' || o.role === 'session' || o.role === 'envelope' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}
