import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import { lookupCode, lookupReplyCode } from '../registry';
import type { CodeTable } from '../scan';
import { codeIndexAt, replyAt, type Analysis, type DocumentLike } from './analysis';
import { classify } from './classification';
import { codeMarkdown, replyMarkdown } from './describe';
import { escape } from './markdown';
import { DEFAULT_SETTINGS, siteCode, type Settings } from './settings';
import { vendorMeaning } from './vendors';

/**
 * Hover on an enhanced code (its registry entry) or on a reply code (its meaning). A bare code in
 * prose gets a hover only when the registry lists it: an unknown number there is rarely a code.
 */
export function hover(document: DocumentLike, analysis: Analysis, position: Position, settings: Settings = DEFAULT_SETTINGS): Hover | null {
  const index = codeIndexAt(analysis, position);
  if (index !== undefined) {
    const match = analysis.codes.get(index);
    const value = codeHover(analysis.codes, index, settings);
    return value === undefined ? null : markdown(value, range(match.line, match));
  }
  const reply = replyAt(analysis, document, position);
  if (reply !== undefined) return markdown(replyMarkdown(lookupReplyCode(reply.code), reply.code), range(position.line, reply));
  return null;
}

function codeHover(codes: CodeTable, index: number, settings: Settings): string | undefined {
  const match = codes.get(index);
  if (match.problem !== undefined) {
    return `**${escape(match.text)}** _(not a valid enhanced status code)_\n\nAn enhanced status code is class.subject.detail: class 2, 4 or 5, then two numbers of one to three digits without leading zeros (RFC 3463 section 2).`;
  }
  const { class: cls, subject, detail } = match;
  const entry = lookupCode(subject, detail);
  const vendor = vendorMeaning(codes, index);
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
  });
}

function markdown(value: string, range: Range): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

function range(line: number, span: { start: number; end: number }): Range {
  return { start: { line, character: span.start }, end: { line, character: span.end } };
}
