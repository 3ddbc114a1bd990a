// Documents and one-call helpers for the service's unit tests: a feature run on a line of text.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-types';
import { analyze, complete, computeDiagnostics, DEFAULT_SETTINGS, hover } from '../../../server/src/service';

export const doc = (text: string, languageId = 'log') => TextDocument.create(`file:///test.${languageId}`, languageId, 1, text);

export const diagnose = (text: string, languageId = 'log', settings = DEFAULT_SETTINGS) => {
  const document = doc(text, languageId);
  return computeDiagnostics(analyze(document), document, { groupRepeated: false }, settings);
};

export const completeAt = (text: string, character: number) => {
  const document = doc(text);
  return complete(analyze(document), document, { line: 0, character });
};

export const rules = (text: string, languageId = 'log') => diagnose(text, languageId).map((d) => d.code);

export const hoverText = (text: string, character: number, line = 0, languageId = 'log') => {
  const document = doc(text, languageId);
  const result = hover(analyze(document), document, { line, character });
  return result === null ? null : (result.contents as MarkupContent).value;
};
