import { CodeTable } from './codeTable';
import { sourceSyntax } from './languages';
import { scanLog } from './logClassifier';
import { INITIAL_STATE, scanSource, scanSourceLine, type ScanState } from './sourceText';
import type { CodeMatch, ScanMode } from './types';

/*
 * The scanner's entry points: a whole document, or one line given the state the line before left.
 * Logs and configuration are read by `logClassifier.ts`, source code by `sourceText.ts`; what a
 * code looks like is in `syntax.ts`, the words around it in `contextWords.ts`.
 */

export interface DocumentScan {
  codes: CodeMatch[];
}

export interface ScanOptions {
  /** VS Code language id; picks the comment and string syntax in source mode. */
  languageId?: string;
  /** Source mode: receives the state each line ends in, so a later edit can re-scan from any line. */
  lineStates?: ScanState[];
}

/** Scans a whole document; results are in document order. */
export function scanDocument(text: string, mode: ScanMode, options: ScanOptions = {}): DocumentScan {
  return { codes: scanTable(text, mode, options).toArray() };
}

/** Scans a whole document into a table (see `CodeTable`): what an analysis keeps. */
export function scanTable(text: string, mode: ScanMode, options: ScanOptions = {}): CodeTable {
  // A busy mail log holds a code every 150 to 300 characters: room for that saves the copies of
  // growing from nothing, and costs little where codes are rarer.
  const table = new CodeTable(Math.ceil(text.length / 160));
  if (mode === 'source') scanSource(text, sourceSyntax(options.languageId), table, options.lineStates);
  else scanLog(text, 0, mode === 'config', table);
  return table;
}

/**
 * Scans one line (without its line break), given the state the previous line left. Gives the same
 * matches as `scanDocument` gives for that line, so a changed line can be re-scanned alone.
 */
export function scanLine(
  line: string,
  lineNumber: number,
  mode: ScanMode,
  state: ScanState = INITIAL_STATE,
  options: ScanOptions = {},
): { codes: CodeMatch[]; state: ScanState } {
  const table = new CodeTable(1);
  const end = scanLineInto(table, line, lineNumber, mode, state, options);
  return { codes: table.toArray(), state: end };
}

/** `scanLine` appending to a table; returns the state the line ends in. */
export function scanLineInto(
  table: CodeTable,
  line: string,
  lineNumber: number,
  mode: ScanMode,
  state: ScanState = INITIAL_STATE,
  options: ScanOptions = {},
): ScanState {
  if (mode !== 'source') {
    scanLog(line, lineNumber, mode === 'config', table);
    return INITIAL_STATE;
  }
  return scanSourceLine(line, 0, line.length, lineNumber, state, sourceSyntax(options.languageId), table);
}

/**
 * Lets go of the text of the last successful match. V8 keeps the subject of the last match of any
 * pattern (for the legacy `RegExp.input` and `RegExp.lastMatch`), and a slice of a text keeps the
 * whole text: after a scan, a document's text stays alive, closed or not, until some pattern
 * matches another string. The server calls this when a document closes; without it a closed 50 MB
 * log stayed in memory until the next document's scan.
 */
export function forgetLastMatch(): void {
  NOTHING.test('');
}

/** Matches the empty string: the smallest subject to leave behind. */
const NOTHING = /(?:)/;
