import type { Range, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import { isVendorCode, lookupCode, replyClass } from '../registry';
import type { Analysis, DocumentLike } from './analysis';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { documentVendorContext, vendorMeaning } from './vendors';

/**
 * Token types and modifiers; package.json maps each to TextMate scopes (`semanticTokenScopes`) so
 * themes without semantic rules colour them as the grammars do.
 */
export const SEMANTIC_LEGEND: SemanticTokensLegend = {
  tokenTypes: ['smtpReplyCode', 'smtpStatusCode'],
  tokenModifiers: ['class2', 'class3', 'class4', 'class5', 'deprecated', 'unregistered', 'vendor'],
};

const REPLY = 0;
const STATUS = 1;
const modifier = (name: string) => 1 << SEMANTIC_LEGEND.tokenModifiers.indexOf(name);
const CLASS_MODIFIER: Record<number, number> = {
  2: modifier('class2'),
  3: modifier('class3'),
  4: modifier('class4'),
  5: modifier('class5'),
};
const DEPRECATED = modifier('deprecated');
const UNREGISTERED = modifier('unregistered');
const VENDOR = modifier('vendor');

/**
 * Tokens for reply codes and enhanced codes, on the lines of `range` (all lines when undefined).
 * Bare codes get tokens only when the registry or a vendor knows them, as hovers do.
 */
export function semanticTokens(
  analysis: Analysis,
  document: DocumentLike,
  range: Range | undefined,
  settings: Settings = DEFAULT_SETTINGS,
): SemanticTokens {
  if (!settings.enable) return { data: [] };
  const codes = analysis.codes;
  const context = documentVendorContext(analysis.reports, document);
  const first = range === undefined ? 0 : codes.firstOnLine(range.start.line);
  const last = range === undefined ? Infinity : range.end.line;
  // Per token: line, start, length, type, modifiers; sorted by position before encoding.
  const tokens: number[][] = [];
  for (let i = first; i < codes.length && codes.lineOf(i) <= last; i++) {
    // A library call's name is code, not a status code written out: the editor colours it as code.
    if (codes.isCall(i)) continue;
    const match = codes.get(i);
    const entry = match.problem === undefined ? lookupCode(match.subject, match.detail) : undefined;
    const vendor = isVendorCode(match.class, match.subject, match.detail) ? vendorMeaning(codes, i, context) : undefined;
    if (match.context === 'bare' && entry === undefined && vendor === undefined) continue;
    let modifiers = CLASS_MODIFIER[match.class] ?? 0;
    if (entry?.status === 'deprecated') modifiers |= DEPRECATED;
    if (entry === undefined && vendor === undefined) modifiers |= UNREGISTERED;
    if (vendor !== undefined) modifiers |= VENDOR;
    tokens.push([match.line, match.start, match.end - match.start, STATUS, modifiers]);
    const reply = match.reply;
    if (reply !== undefined && reply.start >= 0) {
      tokens.push([match.line, reply.start, reply.end - reply.start, REPLY, CLASS_MODIFIER[replyClass(reply.code)] ?? 0]);
    }
  }
  tokens.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  // LSP's relative encoding: line delta, start delta (on the same line), length, type, modifiers.
  const data: number[] = [];
  let line = 0;
  let start = 0;
  for (const [tokenLine, tokenStart, length, type, modifiers] of tokens) {
    data.push(tokenLine - line, tokenLine === line ? tokenStart - start : tokenStart, length, type, modifiers);
    line = tokenLine;
    start = tokenStart;
  }
  return { data };
}
