import type { Range } from 'vscode-languageserver-types';
import { actionValue, dsnField, rfcCitation, rfcUrl } from '../registry';
import { fieldOf, hasRecipient, type CodeTable, type ReportBlock, type ReportHeader, type ReportIndex } from '../scan';
import type { RuleId } from './rules';

/*
 * The rules that read a DSN recipient's fields together (RFC 3464): whether the Action and the
 * Status agree, whether a field stands where it may, and whether the Status repeats the code of
 * the Diagnostic-Code. Each finding is placed on the field or value it is about.
 */

export interface ReportFinding {
  rule: RuleId;
  message: string;
  range: Range;
  /** The other field the finding is about (the Status an Action disagrees with). */
  related?: { range: Range; message: string };
  /** A link more specific than the rule's. */
  href?: string;
}

/** The Action values RFC 3464 section 2.3.3 defines, as the finding's checks need them. */
export type ActionWord = 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded';

/**
 * Why an Action and the class of a Status contradict each other (RFC 3464 sections 2.3.3 and
 * 2.3.4), or undefined when they fit. `failed` with a 4.X.X status fits (an MTA that gave up on a
 * transient condition, as on an expired message), and `relayed` fits any status (the message went
 * on to where no report comes from, possibly with a loss of information).
 */
export function actionStatusConflict(action: ActionWord, cls: number): string | undefined {
  switch (action) {
    case 'delayed':
      if (cls === 5) return 'a delayed recipient is still being tried, which a permanent failure (5.X.X) rules out; its Status is 4.X.X';
      if (cls === 2) return 'a delayed recipient has not been delivered yet, which a success (2.X.X) contradicts; its Status is 4.X.X';
      return undefined;
    case 'delivered':
    case 'expanded':
      if (cls === 2) return undefined;
      return `a ${action} recipient's message arrived, which a ${cls === 4 ? 'transient' : 'permanent'} failure (${cls}.X.X) contradicts; its Status is 2.X.X`;
    case 'failed':
      if (cls === 2)
        return "a failed recipient's delivery did not succeed, which a success (2.X.X) contradicts; its Status is 5.X.X (or 4.X.X when the MTA gave up on a transient condition)";
      return undefined;
    case 'relayed':
      return undefined;
  }
}

const SECTIONS = 'RFC 3464 sections 2.3.3 and 2.3.4';

/** Every report finding of the document, in document order. */
export function reportFindings(reports: ReportIndex, codes: CodeTable): ReportFinding[] {
  const found: ReportFinding[] = [];
  for (const report of reports.reports) {
    for (const block of report.blocks) {
      if (block.kind === 'mixed') found.push(misplacedRecipient(block));
      if (hasRecipient(block)) recipientFindings(block, codes, found);
    }
  }
  return found;
}

function recipientFindings(block: ReportBlock, codes: CodeTable, found: ReportFinding[]): void {
  const actionField = fieldOf(block, 'action');
  const word = actionField === undefined ? undefined : firstWord(actionField.value);
  const action = word === undefined ? undefined : (actionValue(word)?.value as ActionWord | undefined);
  const statusField = fieldOf(block, 'status');
  const status = statusField === undefined ? -1 : firstCode(codes, statusField);
  if (action !== undefined && status >= 0) {
    const f = actionStatusFinding(codes, action, valueRange(actionField!, word!.length), status);
    if (f !== undefined) found.push(f);
  }
  const retry = fieldOf(block, 'will-retry-until');
  if (retry !== undefined && action !== undefined && action !== 'delayed') {
    found.push({
      rule: 'dsn-field-misplaced',
      message: `Will-Retry-Until belongs to a recipient whose delivery is delayed; this recipient's Action is ${action} (${rfcCitation(3464, '2.3.9')}).`,
      range: nameRange(retry),
    });
  }
  const diagnosticField = fieldOf(block, 'diagnostic-code');
  const diagnostic = diagnosticField === undefined ? -1 : firstCode(codes, diagnosticField);
  if (status >= 0 && diagnostic >= 0) {
    const f = statusDiagnosticFinding(codes, status, diagnostic, 'the Diagnostic-Code', 'Diagnostic-Code');
    if (f !== undefined) found.push(f);
  }
}

/** `action-status-mismatch` for an Action (at `actionRange`) and the Status code `status`, or undefined when they fit. */
export function actionStatusFinding(codes: CodeTable, action: ActionWord, actionRange: Range, status: number): ReportFinding | undefined {
  const why = actionStatusConflict(action, codes.classOf(status));
  if (why === undefined) return undefined;
  const text = codes.textOf(status);
  return {
    rule: 'action-status-mismatch',
    message: `Action ${action} with Status ${text}: ${why} (${SECTIONS}).`,
    range: actionRange,
    related: { range: codeRange(codes, status), message: `Status ${text}` },
  };
}

/**
 * `status-diagnostic-mismatch` for a Status code and the code of the reply beside it (`where`: the
 * Diagnostic-Code, a payload's `diagnosticCode`), or undefined when they say the same.
 */
export function statusDiagnosticFinding(
  codes: CodeTable,
  status: number,
  diagnostic: number,
  where: string,
  label: string,
): ReportFinding | undefined {
  const s = codes.textOf(status);
  const d = codes.textOf(diagnostic);
  if (s === d) return undefined;
  return {
    rule: 'status-diagnostic-mismatch',
    message: lessPrecise(codes, status, diagnostic)
      ? `Status ${s} is less precise than ${d} in ${where}, which ${rfcCitation(3464, '2.3.6')} allows; a program that reads only the Status misses the detail.`
      : `Status ${s} differs from ${d} in ${where}: a program that reads the Status learns another reason than the reply gives (${rfcCitation(3464, '2.3.6')}).`,
    range: codeRange(codes, status),
    related: { range: codeRange(codes, diagnostic), message: `${label} ${d}` },
  };
}

/** Whether the Status says what the Diagnostic-Code's code says, with less detail: 5.0.0 beside 5.1.1, 5.1.0 beside 5.1.1. */
function lessPrecise(codes: CodeTable, status: number, diagnostic: number): boolean {
  if (codes.classOf(status) !== codes.classOf(diagnostic) || codes.detailOf(status) !== 0) return false;
  return codes.subjectOf(status) === 0 || codes.subjectOf(status) === codes.subjectOf(diagnostic);
}

/** A first block that runs the message's fields into a recipient's, with no blank line between. */
function misplacedRecipient(block: ReportBlock): ReportFinding {
  const first = block.fields.find((f) => dsnField(f.key)?.scope === 'per-recipient')!;
  return {
    rule: 'dsn-field-misplaced',
    message: `${first.name} is a recipient's field, but it stands among the per-message fields with no blank line before it: each recipient's fields are a block of their own (${rfcCitation(3464, '2.1')}).`,
    range: nameRange(first),
    href: rfcUrl(3464, '2.1'),
  };
}

function firstWord(value: string): string | undefined {
  return /^[A-Za-z-]+/.exec(value)?.[0];
}

/** The first well-formed code in a field's value (its lines, folded ones included), or -1. */
export function firstCode(codes: CodeTable, field: ReportHeader): number {
  for (let i = codes.firstOnLine(field.line); i < codes.length && codes.lineOf(i) <= field.lastLine; i++) {
    if (codes.lineOf(i) === field.line && codes.startOf(i) < field.valueStart) continue;
    if (codes.problemOf(i) === undefined) return i;
  }
  return -1;
}

function nameRange(field: ReportHeader): Range {
  return { start: { line: field.line, character: 0 }, end: { line: field.line, character: field.name.length } };
}

function valueRange(field: ReportHeader, length: number): Range {
  return { start: { line: field.line, character: field.valueStart }, end: { line: field.line, character: field.valueStart + length } };
}

function codeRange(codes: CodeTable, i: number): Range {
  const line = codes.lineOf(i);
  return { start: { line, character: codes.startOf(i) }, end: { line, character: codes.endOf(i) } };
}
