import assert from 'node:assert/strict';
import type { Diagnostic, Position, Range } from 'vscode-languageserver-protocol';

/** Position of a string offset; JavaScript offsets are UTF-16 code units, as LSP columns are by default. */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/**
 * The range of `needle` in `text`, searched from the start of `anchor` (which must occur once) so
 * that `rangeOf(text, '4.1.1', '550 4.1.1 <c@')` picks the code in the reply, not an earlier copy.
 */
export function rangeOf(text: string, needle: string, anchor: string = needle): Range {
  const anchorAt = text.indexOf(anchor);
  assert.ok(anchorAt >= 0, `anchor ${JSON.stringify(anchor)} not in text`);
  assert.equal(text.indexOf(anchor, anchorAt + 1), -1, `anchor ${JSON.stringify(anchor)} occurs more than once`);
  const at = text.indexOf(needle, anchorAt);
  assert.ok(at >= 0, `${JSON.stringify(needle)} not found after ${JSON.stringify(anchor)}`);
  return { start: positionAt(text, at), end: positionAt(text, at + needle.length) };
}

/** The position just after `needle` (which must occur once): where a cursor sits after typing it. */
export function positionAfter(text: string, needle: string): Position {
  return rangeOf(text, needle).end;
}

/** A position strictly inside a range (its middle column on the start line). */
export function inside(range: Range): Position {
  assert.equal(range.start.line, range.end.line, 'single-line range expected');
  return { line: range.start.line, character: Math.floor((range.start.character + range.end.character) / 2) };
}

/** A compact, order-independent view of diagnostics for deepEqual: "line:start-end rule". */
export function summarize(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics
    .map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)}`)
    .sort();
}

/** The expected form of `summarize` for one rule at one range. */
export function expected(range: Range, rule: string): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} ${rule}`;
}

export const Severity = { error: 1, warning: 2, information: 3, hint: 4 } as const;

/** The default severity of every rule, as the contract fixes it. */
export const DEFAULT_SEVERITY: Record<string, number> = {
  'class-mismatch': Severity.error,
  'invalid-syntax': Severity.error,
  'unknown-subject': Severity.warning,
  unregistered: Severity.warning,
  deprecated: Severity.warning,
  'code-on-intermediate-reply': Severity.warning,
  'multiline-inconsistent': Severity.warning,
  'vendor-specific': Severity.information,
  'action-status-mismatch': Severity.warning,
  'dsn-field-misplaced': Severity.warning,
  'status-diagnostic-mismatch': Severity.information,
};

/** Asserts the fields every diagnostic of this server carries. */
export function assertWellFormed(diagnostic: Diagnostic): void {
  const context = JSON.stringify(diagnostic);
  assert.equal(diagnostic.source, 'smtp-status', `source: ${context}`);
  assert.equal(typeof diagnostic.code, 'string', `code is the rule id: ${context}`);
  assert.ok(Object.hasOwn(DEFAULT_SEVERITY, diagnostic.code as string), `known rule id: ${context}`);
  assert.ok(diagnostic.codeDescription, `codeDescription: ${context}`);
  assert.match(diagnostic.codeDescription.href, /^https:\/\//, `codeDescription.href is https: ${context}`);
  // LSP 3.18 also allows MarkupContent here; either way it must say something.
  const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
  assert.ok(message.trim().length > 0, `non-empty message: ${context}`);
}

/** The single diagnostic of `diagnostics`, checked for the common fields. */
export function only(diagnostics: readonly Diagnostic[]): Diagnostic {
  assert.equal(diagnostics.length, 1, `exactly one diagnostic expected, got ${JSON.stringify(diagnostics)}`);
  assertWellFormed(diagnostics[0]!);
  return diagnostics[0]!;
}

/** Markdown text of a hover, whatever shape `contents` takes. */
export function hoverText(contents: unknown): string {
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map(hoverText).join('\n');
  if (contents && typeof contents === 'object' && 'value' in contents) return String((contents as { value: unknown }).value);
  return '';
}

/** Whitespace folded, so registry prose wrapped over lines matches however the server reflows it. */
export const fold = (s: string): string => s.replace(/\s+/g, ' ');
