import type { Location, Position } from 'vscode-languageserver-types';
import type { Analysis, DocumentLike } from './analysis';
import { idAt, occurrencesOf } from './messages';
import { DEFAULT_SETTINGS, type Settings } from './settings';

/**
 * Go to Definition on a message id: the first line that writes it, where the message starts (or,
 * for a notification or a message queued again, the line of the message that made it).
 */
export function definition(
  analysis: Analysis,
  document: DocumentLike & { readonly uri: string },
  position: Position,
  _settings: Settings = DEFAULT_SETTINGS,
): Location | null {
  const on = idAt(analysis, document, position);
  if (on === undefined) return null;
  const [first] = occurrencesOf({ analysis, document }, on.id);
  return {
    uri: document.uri,
    range: { start: { line: first.line, character: first.start }, end: { line: first.line, character: first.end } },
  };
}
