// PLACEHOLDER API (implementation in progress).
import type { CodeMatch, BareReplyMatch, LineScan, ScanMode } from './types';
export type * from './types';
/** State carried from one line to the next (open block comment or multi-line string in source mode). */
export interface ScanState { readonly inside?: string }
export declare const INITIAL_STATE: ScanState;
export interface DocumentScan { codes: CodeMatch[]; replies: BareReplyMatch[] }
/** Scans a whole document; results sorted by position. */
export declare function scanDocument(text: string, mode: ScanMode): DocumentScan;
/** Scans one line (without its line break), given the state the previous line left. */
export declare function scanLine(line: string, lineNumber: number, mode: ScanMode, state: ScanState): { scan: LineScan; state: ScanState };
/** The scan mode for a VS Code language id (`log`, `plaintext`, `smtp`, `email` -> log; c, go, python, json, ... -> source). */
export declare function modeForLanguage(languageId: string): ScanMode;
