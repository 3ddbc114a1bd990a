import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import { lookupCode, lookupReplyCode } from '../registry';
import type { CodeMatch } from '../scan';
import { codeAt, replyAt, type Analysis, type DocumentLike } from './analysis';
import { codeMarkdown, replyMarkdown, unregisteredMarkdown } from './describe';
import { escape } from './markdown';

/**
 * Hover on an enhanced code (its registry entry) or on a reply code (its meaning). A bare code in
 * prose gets a hover only when the registry lists it: an unknown number there is rarely a code.
 */
export function hover(document: DocumentLike, analysis: Analysis, position: Position): Hover | null {
  const match = codeAt(analysis, position);
  if (match !== undefined) {
    const value = codeHover(match);
    return value === undefined ? null : markdown(value, range(match.line, match));
  }
  const reply = replyAt(analysis, document, position);
  if (reply !== undefined) return markdown(replyMarkdown(lookupReplyCode(reply.code), reply.code), range(position.line, reply));
  return null;
}

function codeHover(match: CodeMatch): string | undefined {
  if (match.problem !== undefined) {
    return `**${escape(match.text)}** _(not a valid enhanced status code)_\n\nAn enhanced status code is class.subject.detail: class 2, 4 or 5, then two numbers of one to three digits without leading zeros (RFC 3463 section 2).`;
  }
  const entry = lookupCode(match.subject, match.detail);
  if (entry !== undefined) return codeMarkdown(match.class, entry, match.reply?.code);
  if (match.context === 'bare') return undefined;
  return unregisteredMarkdown(match.class, match.subject, match.detail, match.reply?.code);
}

function markdown(value: string, range: Range): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

function range(line: number, span: { start: number; end: number }): Range {
  return { start: { line, character: span.start }, end: { line, character: span.end } };
}
