import type { DocumentLink } from 'vscode-languageserver-types';
import { IANA_REGISTRY_URL, lookupCode, rfcUrl } from '../registry';
import type { Analysis, DocumentLike } from './analysis';
import { DEFAULT_SETTINGS, type Settings } from './settings';

/** Most links for one document: a 50 MB log holds hundreds of thousands of codes. */
const MAX_LINKS = 5000;

/** `RFC 3463`, `RFC5321`, `rfc 2034`, optionally with `section 4.2` or `§4`. */
const RFC_REFERENCE = /\bRFC[ -]?(\d{3,4})\b(?:,?[ \t]*(?:section|sec\.?|§)[ \t]*(\d{1,2}(?:\.\d{1,2}){0,3}))?/gi;

/**
 * Links from RFC references to the RFC (and section), and from codes to the document that defines
 * them. Targets are built from numbers only, never from document text, so a log line cannot
 * become a link of its own choosing.
 */
export function documentLinks(analysis: Analysis, document: DocumentLike, settings: Settings = DEFAULT_SETTINGS): DocumentLink[] {
  if (!settings.enable) return [];
  const links: DocumentLink[] = [];
  for (const match of analysis.codes) {
    if (links.length >= MAX_LINKS) return links;
    if (match.context === 'bare' || match.problem !== undefined) continue;
    const entry = lookupCode(match.subject, match.detail);
    links.push({
      range: { start: { line: match.line, character: match.start }, end: { line: match.line, character: match.end } },
      target: entry?.reference.citations[0]?.url ?? IANA_REGISTRY_URL,
      tooltip: entry ? `${match.text}: ${entry.title}` : `${match.text} in the IANA registry`,
    });
  }
  const text = document.getText();
  if (!/rfc/i.test(text)) return links;
  const lines = text.split(/\r\n|\r|\n/);
  for (let line = 0; line < lines.length && links.length < MAX_LINKS; line++) {
    for (const m of lines[line].matchAll(RFC_REFERENCE)) {
      links.push({
        range: { start: { line, character: m.index }, end: { line, character: m.index + m[0].length } },
        target: rfcUrl(Number(m[1]), m[2]),
      });
    }
  }
  return links;
}
