import type { Position, Range } from 'vscode-languageserver-types';
import { actionValue, dsnField, feedbackField, feedbackType, rfcCitation, rfcUrl, type ReportField, type ReportValue } from '../registry';
import { fieldOf, reportAround, TextLines, type Lines, type Report, type ReportBlock, type ReportHeader } from '../scan';
import { documentLines, lineText, type Analysis, type DocumentLike, type LinedDocument } from './analysis';
import { escapeMarkdown, link } from './markdown';
import { actionStatusConflict, firstCode, type ActionWord } from './reportFindings';

/*
 * Hovers on the fields of a delivery status notification (RFC 3464) or a feedback report
 * (RFC 5965): on a field's name, what the field says; on an Action's value, what the action
 * means and what it means together with the recipient's Status; on a Feedback-Type, the type.
 */

/** How a field name stands at the start of a line (as the report reader reads it). */
const FIELD_START = /^([A-Za-z][A-Za-z0-9_-]{0,76})[ \t]*:/;

export function reportHover(analysis: Analysis, document: DocumentLike, position: Position): { value: string; range: Range } | undefined {
  if (analysis.mode !== 'log') return undefined;
  const text = lineText(document, position.line);
  const name = FIELD_START.exec(text)?.[1];
  if (name === undefined) return undefined;
  const report = analysis.reports.reportAt(position.line) ?? lazyReport(document, position.line);
  if (report === undefined) return undefined;
  const block = report.blocks.find((b) => position.line >= b.firstLine && position.line <= b.lastLine);
  const field = block?.fields.find((f) => f.line === position.line);
  if (block === undefined || field === undefined) return undefined;
  const line = position.line;
  if (position.character <= field.name.length) {
    const value = fieldMarkdown(field, report.kind);
    return value === undefined ? undefined : { value, range: span(line, 0, field.name.length) };
  }
  const word = /^[A-Za-z-]+/.exec(field.value)?.[0];
  if (word === undefined || position.character < field.valueStart || position.character > field.valueStart + word.length) return undefined;
  const range = span(line, field.valueStart, field.valueStart + word.length);
  if (report.kind === 'dsn' && field.key === 'action') {
    const action = actionValue(word);
    return action === undefined ? undefined : { value: actionMarkdown(action, block, analysis), range };
  }
  if (report.kind === 'feedback' && field.key === 'feedback-type') {
    const type = feedbackType(word);
    return type === undefined ? undefined : { value: valueMarkdown('Feedback-Type', type), range };
  }
  return undefined;
}

/** A report the index does not hold (a feedback report, a DSN without a status code), read around the line. */
function lazyReport(document: DocumentLike, line: number): Omit<Report, 'windowStart' | 'windowEnd'> | undefined {
  const lines: Lines = 'lineCount' in document ? documentLines(document as LinedDocument) : new TextLines(document.getText());
  // Two report fields at least: a mailbox's lone `Status: RO` header is no report.
  return reportAround(lines, line, 2);
}

function fieldMarkdown(field: ReportHeader, kind: Report['kind']): string | undefined {
  const known: ReportField | undefined = kind === 'feedback' ? (feedbackField(field.key) ?? dsnField(field.key)) : dsnField(field.key);
  if (known === undefined) {
    if (!field.key.startsWith('x-')) return undefined;
    const where = kind === 'feedback' ? rfcCitation(5965) : rfcCitation(3464, '2.4');
    return [
      `**${escapeMarkdown(field.name)}** _extension field_`,
      escapeMarkdown(
        `A field of the reporting system's own, which the report format allows (${where}); readers skip the ones they do not know.`,
      ),
    ].join('\n\n');
  }
  const what = known.scope === 'feedback' ? 'field of a feedback report (ARF)' : `${known.scope} field of a delivery status notification`;
  return [
    `**${escapeMarkdown(known.name)}** _${escapeMarkdown(what)}_`,
    escapeMarkdown(known.meaning),
    link(rfcCitation(known.rfc, known.section), rfcUrl(known.rfc, known.section)),
  ].join('\n\n');
}

function actionMarkdown(action: ReportValue, block: ReportBlock, analysis: Analysis): string {
  const parts = [
    `**Action: ${escapeMarkdown(action.value)}** _what the reporting MTA did for this recipient_`,
    escapeMarkdown(action.meaning),
  ];
  const status = fieldOf(block, 'status');
  const index = status === undefined ? -1 : firstCode(analysis.codes, status);
  if (index >= 0) {
    parts.push(escapeMarkdown(combinationText(action.value as ActionWord, analysis.codes.classOf(index), analysis.codes.textOf(index))));
  }
  parts.push(link(rfcCitation(action.rfc, action.section), rfcUrl(action.rfc, action.section)));
  return parts.join('\n\n');
}

/** What an Action and its recipient's Status say together (RFC 3464 sections 2.3.3 and 2.3.4). */
export function combinationText(action: ActionWord, cls: number, code: string): string {
  const conflict = actionStatusConflict(action, cls);
  if (conflict !== undefined) return `With Status ${code}: they contradict each other, ${conflict} (action-status-mismatch).`;
  switch (action) {
    case 'failed':
      return cls === 4
        ? `With Status ${code}, a transient failure: the MTA gave up on a condition that stayed temporary until it stopped trying (the message expired). RFC 3464 allows the pair; sent again later, the message may get through.`
        : `With Status ${code}, a permanent failure: the usual pair. Sending it again as it is will fail again.`;
    case 'delayed':
      return `With Status ${code}, a transient failure: the usual pair. The MTA keeps trying (until Will-Retry-Until, when it says).`;
    case 'delivered':
    case 'expanded':
      return `With Status ${code}, a success: the usual pair.`;
    case 'relayed':
      return cls === 2
        ? `With Status ${code}: handed on to a system that sends no delivery reports; nothing more will be heard of it.`
        : `With Status ${code}, a failure status on a relayed recipient: the message was handed on, but what the status says may not have survived the relay (a gateway to a system without DSNs). RFC 3464 allows the pair.`;
  }
}

function valueMarkdown(field: string, value: ReportValue): string {
  return [
    `**${escapeMarkdown(field)}: ${escapeMarkdown(value.value)}**`,
    escapeMarkdown(value.meaning),
    link(rfcCitation(value.rfc, value.section), rfcUrl(value.rfc, value.section)),
  ].join('\n\n');
}

function span(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}
