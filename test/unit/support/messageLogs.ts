// The message fixtures (test/fixtures/messages/) as the service sees them: a document and its analysis.
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import type { Position } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis } from '../../../server/src/service';
import { repoPath } from '../../support/paths';

export interface Log {
  text: string;
  lines: string[];
  document: TextDocument;
  analysis: Analysis;
}

/** A text as an open log document with its analysis. */
export function logOf(text: string, name = 'mail.log'): Log {
  const document = TextDocument.create(`file:///logs/${name}`, 'log', 1, text);
  return { text, lines: text.split('\n'), document, analysis: new Analysis(document) };
}

/** A fixture of test/fixtures/messages/. */
export function fixtureLog(name: string): Log {
  return logOf(readFileSync(repoPath('test', 'fixtures', 'messages', name), 'utf8'), name);
}

/** A position inside the `nth` (0-based) occurrence of `needle`. */
export function inside(log: Log, needle: string, nth = 0): Position {
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = log.text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `occurrence ${nth} of ${needle}`);
  }
  return log.document.positionAt(at + 1);
}

/** The 0-based lines on which `needle` is written: what a plain search finds. */
export function linesWith(log: Log, ...needles: string[]): number[] {
  return log.lines.flatMap((line, k) => (needles.some((n) => line.includes(n)) ? [k] : []));
}
