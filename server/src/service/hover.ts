import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import { lookupCode, lookupReplyCode } from '../registry';
import { codeIndexAt, replyAt, type Analysis, type DocumentLike } from './analysis';
import { classify } from './classification';
import { codeMarkdown, replyMarkdown } from './describe';
import { callMarkdown, callOf } from './libraryCalls';
import { escapeMarkdown } from './markdown';
import { messageHover, messageNote } from './messageHover';
import { reportHover } from './reportHover';
import { DEFAULT_SETTINGS, siteCode, type Settings } from './settings';
import { documentVendorContext, vendorMeaning } from './vendors';
import { CODE_SYNTAX_TEXT } from './wording';

/**
 * Hover on an enhanced code (its registry entry, and in a log the message and recipient it is
 * about), on a reply code (its meaning), on a field of a delivery status notification or feedback
 * report (its name, an Action, a Feedback-Type) or on a message id (its story: `messageHover`). A bare
 * code in prose gets a hover only when the registry lists it: an unknown number there is rarely a code.
 */
export function hover(analysis: Analysis, document: DocumentLike, position: Position, settings: Settings = DEFAULT_SETTINGS): Hover | null {
  const index = codeIndexAt(analysis, position);
  if (index !== undefined) {
    const match = analysis.codes.get(index);
    const value = codeHover(analysis, document, index, settings);
    if (value === undefined) return null;
    // A code a library call builds: which call and where its class comes from, first.
    const call = callOf(analysis, document, index);
    return markdown(call === undefined ? value : `${callMarkdown(call)}\n\n${value}`, range(match.line, match));
  }
  const reply = replyAt(analysis, document, position);
  if (reply !== undefined) return markdown(replyMarkdown(lookupReplyCode(reply.code), reply.code), range(position.line, reply));
  const field = reportHover(analysis, document, position);
  if (field !== undefined) return markdown(field.value, field.range);
  return messageHover(analysis, document, position, settings);
}

function codeHover(analysis: Analysis, document: DocumentLike, index: number, settings: Settings): string | undefined {
  const codes = analysis.codes;
  const match = codes.get(index);
  if (match.problem !== undefined) {
    return `**${escapeMarkdown(match.text)}** _(not a valid enhanced status code)_\n\n${escapeMarkdown(CODE_SYNTAX_TEXT)}`;
  }
  const { class: cls, subject, detail } = match;
  const entry = lookupCode(subject, detail);
  // The markers of the reply's lines are read here: the scanner reads them only around a vendor's own codes.
  const vendor = vendorMeaning(codes, index, documentVendorContext(analysis.reports, document));
  const site = siteCode(settings, cls, subject, detail);
  // A bare number in prose is explained only when something documents it.
  if (match.context === 'bare' && !entry && !vendor && !site) return undefined;
  return codeMarkdown({
    cls,
    subject,
    detail,
    entry,
    replyCode: match.reply?.code,
    vendor,
    site,
    classification: classify(cls, subject, detail, vendor?.code),
    // Under the code's title: which message and recipient the code is about.
    message: messageNote(analysis, document, match.line),
  });
}

function markdown(value: string, range: Range): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

function range(line: number, span: { start: number; end: number }): Range {
  return { start: { line, character: span.start }, end: { line, character: span.end } };
}
