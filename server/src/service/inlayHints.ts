import type { InlayHint, Range } from 'vscode-languageserver-types';
import { lookupCode } from '../registry';
import type { Analysis, DocumentLike } from './analysis';
import { siteCode, type Settings } from './settings';
import { vendorMeaning } from './vendors';

/** Most hints for one request: a viewport never shows more, and a huge range must stay cheap. */
const MAX_HINTS = 2000;

/**
 * The title after each code in `range` (`5.2.2 ▸ Mailbox full`): the site's, the vendor's when the
 * reply is marked as that vendor's, else the registry's. Off unless `smtpStatus.inlayHints.enabled`.
 */
export function inlayHints(analysis: Analysis, _document: DocumentLike, range: Range, settings: Settings): InlayHint[] {
  if (!settings.enable || !settings.inlayHints) return [];
  const hints: InlayHint[] = [];
  const codes = analysis.codes;
  const context = { reports: analysis.reports };
  for (let i = codes.firstOnLine(range.start.line); i < codes.length && hints.length < MAX_HINTS; i++) {
    const match = codes.get(i);
    if (match.line > range.end.line) break;
    if (match.problem !== undefined) continue;
    const title =
      siteCode(settings, match.class, match.subject, match.detail)?.title ??
      vendorMeaning(codes, i, context)?.code.title ??
      lookupCode(match.subject, match.detail)?.title;
    if (!title) continue;
    hints.push({ position: { line: match.line, character: match.end }, label: `▸ ${title}`, paddingLeft: true });
  }
  return hints;
}
