import type { InlayHint, Range } from 'vscode-languageserver-types';
import { lookupCode } from '../registry';
import type { Analysis, DocumentLike } from './analysis';
import { callHint, callOf } from './libraryCalls';
import { siteCode, type Settings } from './settings';
import { documentVendorContext, vendorMeaning } from './vendors';

/** Most hints for one request: a viewport never shows more, and a huge range must stay cheap. */
const MAX_HINTS = 2000;

/**
 * The title after each code in `range` (`5.2.2 ▸ Mailbox full`): the site's, the vendor's when the
 * reply is marked as that vendor's, else the registry's; after a library call that builds a code,
 * the code. Off unless `smtpStatus.inlayHints.enabled`.
 */
export function inlayHints(analysis: Analysis, document: DocumentLike, range: Range, settings: Settings): InlayHint[] {
  if (!settings.enable || !settings.inlayHints) return [];
  const hints: InlayHint[] = [];
  const codes = analysis.codes;
  const context = documentVendorContext(analysis.reports, document);
  for (let i = codes.firstOnLine(range.start.line); i < codes.length && hints.length < MAX_HINTS; i++) {
    const match = codes.get(i);
    if (match.line > range.end.line) break;
    if (match.problem !== undefined) continue;
    // A library call does not show its code: the hint is the code (`DSN.no_such_user() ▸ 5.1.1`).
    const call = callOf(analysis, document, i);
    if (call !== undefined) {
      hints.push(callHint(call, match.line));
      continue;
    }
    const title =
      siteCode(settings, match.class, match.subject, match.detail)?.title ??
      vendorMeaning(codes, i, context)?.code.title ??
      lookupCode(match.subject, match.detail)?.title;
    if (!title) continue;
    hints.push({ position: { line: match.line, character: match.end }, label: `▸ ${title}`, paddingLeft: true });
  }
  return hints;
}
