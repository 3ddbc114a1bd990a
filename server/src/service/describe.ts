import {
  IANA_REGISTRY_URL,
  lookupClass,
  lookupSubject,
  replyClass,
  rfcCitation,
  rfcUrl,
  usefulOnlyAs,
  vendorCodeSource,
  withClass,
  type BasicReplyCode,
  type Citation,
  type EnhancedCodeEntry,
} from '../registry';
import { classificationText, type Classification } from './classification';
import { escapeMarkdown, link } from './markdown';
import type { SiteCode } from './settings';
import type { VendorMeaning } from './vendors';
import { unlistedCodeText } from './wording';

/** What is known about one code, from the registry, a vendor's documentation and the user's settings. */
export interface CodeFacts {
  cls: number;
  subject: number;
  detail: number;
  /** The IANA registry entry, when the code is registered. */
  entry?: EnhancedCodeEntry;
  /** The reply code the code came with. */
  replyCode?: number;
  /** The meaning a vendor gives the code, when the reply is marked as that vendor's. */
  vendor?: VendorMeaning;
  /** The meaning the user's settings give it. */
  site?: SiteCode;
  /** Bounce classification, for hovers (completion documentation leaves it out). */
  classification?: Classification;
  /** Markdown under the title: in a log's hover, the message and recipient the code is about. */
  message?: string;
}

/**
 * Markdown for a code: its IANA title and description (or that it is not registered), the vendor's
 * and the site's meanings beside it, the bounce classification, then the registry facts.
 */
export function codeMarkdown(facts: CodeFacts): string {
  const { cls, subject, detail, entry } = facts;
  const text = entry ? withClass(entry.code, cls) : `${cls}.${subject}.${detail}`;
  const parts: string[] = [];
  if (entry) {
    parts.push(`**${escapeMarkdown(text)}** ${entry.title ? escapeMarkdown(entry.title) : '_(no title in the registry)_'}`);
    if (entry.status === 'deprecated') {
      const instead = entry.replacedBy ? `: use **${escapeMarkdown(withClass(entry.replacedBy, cls))}** instead` : '';
      parts.push(`**Deprecated**${instead}.`);
    } else if (entry.status === 'historical') {
      parts.push('**Historical**: the registry keeps this code for historical purposes only.');
    }
  } else {
    parts.push(`**${escapeMarkdown(text)}** _(not in the IANA registry)_`);
  }
  if (facts.message) parts.push(facts.message);
  if (facts.vendor) parts.push(vendorMarkdown(facts.vendor, entry !== undefined));
  if (facts.site) {
    const description = facts.site.description ? ` ${escapeMarkdown(facts.site.description)}` : '';
    parts.push(`**Site-specific:** _${escapeMarkdown(facts.site.title)}_.${description}`);
  }
  if (facts.classification) parts.push(escapeMarkdown(classificationText(facts.classification)));
  const only = entry === undefined ? undefined : usefulOnlyAs(entry);
  if (entry && only !== undefined && cls !== only && cls !== 2) parts.push(escapeMarkdown(classNoteText(entry.code, only, text)));
  if (entry) {
    parts.push(`${facts.vendor ? '**IANA:** ' : ''}${escapeMarkdown(entry.description)}`);
  } else if (!facts.vendor && !facts.site) {
    parts.push(escapeMarkdown(unlistedCodeText(subject, detail)));
  }
  parts.push(factsTable(cls, subject, entry, facts.replyCode));
  return parts.join('\n\n');
}

/**
 * The vendor's meaning: a code of its own (`vendor-specific`), a registered number it uses for
 * something else, or a registered code it documents causes and fixes for; probable when nothing
 * in the text names the vendor.
 */
function vendorMarkdown({ vendor, code, probable }: VendorMeaning, registered: boolean): string {
  const label = probable
    ? `Probably ${vendor.name} (vendor-specific: only it documents this code; nothing here names the sender)`
    : !registered
      ? `${vendor.name} (vendor-specific)`
      : code.registered === 'refined'
        ? vendor.name
        : `${vendor.name} uses it for`;
  const fix = code.fix === undefined ? '' : ` **Fix:** ${escapeMarkdown(code.fix)}`;
  return `**${escapeMarkdown(label)}:** _${escapeMarkdown(code.title)}_. ${escapeMarkdown(code.cause)}${fix} ${link('Source', vendorCodeSource(vendor, code))}`;
}

/** The note for a code in the class the registry says it is no use in: `4.7.1`, which X.7.1 is only as a permanent error. */
export function classNoteText(pattern: string, only: 4 | 5, text: string): string {
  const as = only === 5 ? 'a permanent error (5.X.X)' : 'a persistent transient error (4.X.X)';
  return `Note: the registry says ${pattern} is useful only as ${as}; here it stands as ${text}.`;
}

/** Markdown for a basic reply code: each meaning with its RFC. */
export function replyMarkdown(reply: BasicReplyCode | undefined, value: number): string {
  const classText = REPLY_CLASS[replyClass(value)];
  const head = `**${value}** ${classText ? `_${escapeMarkdown(classText)}_` : ''}`.trim();
  if (reply === undefined) return `${head}\n\nNot a reply code that RFC 5321 or its extensions define.`;
  const meanings = reply.meanings.map((m) => {
    const where =
      m.rfc !== undefined
        ? link(rfcCitation(m.rfc, m.section), rfcUrl(m.rfc, m.section?.match(/^\d+(?:\.\d+)*/)?.[0]))
        : escapeMarkdown(m.source);
    const context = m.context ? ` (${escapeMarkdown(m.context)})` : '';
    const paired = m.enhancedCodes.length ? ` Pairs with ${m.enhancedCodes.map((c) => escapeMarkdown(c)).join(', ')}.` : '';
    return `- ${escapeMarkdown(m.text)}${context}: ${where}.${paired}`;
  });
  return [head, meanings.join('\n')].join('\n\n');
}

/** The meaning of a reply code's first digit (RFC 5321 section 4.2.1). */
export const REPLY_CLASS: Readonly<Record<number, string>> = {
  2: 'Positive Completion',
  3: 'Positive Intermediate',
  4: 'Transient Negative Completion',
  5: 'Permanent Negative Completion',
};

function factsTable(cls: number, subject: number, entry: EnhancedCodeEntry | undefined, replyCode: number | undefined): string {
  const rows: string[] = [];
  const classEntry = lookupClass(cls);
  if (classEntry) rows.push(`| Class | **${cls}** ${escapeMarkdown(classEntry.title)}: ${escapeMarkdown(classEntry.description)} |`);
  const subjectEntry = lookupSubject(subject);
  if (subjectEntry)
    rows.push(`| Subject | **X.${subject}** ${escapeMarkdown(subjectEntry.title)}: ${escapeMarkdown(subjectEntry.description)} |`);
  if (entry) {
    const replies = entry.associated.raw === '' ? '_none given_' : escapeMarkdown(entry.associated.raw);
    const fitting = replyCode !== undefined ? ` · in this reply: ${replyCode}` : '';
    rows.push(`| Reply codes | ${replies}${fitting} |`);
    rows.push(`| Reference | ${references(entry.reference.citations) || escapeMarkdown(entry.reference.text)} |`);
    if (entry.submitter) rows.push(`| Submitter | ${escapeMarkdown(entry.submitter)} |`);
    if (entry.changeController) rows.push(`| Change controller | ${escapeMarkdown(entry.changeController)} |`);
  }
  rows.push(`| Registry | ${link('IANA SMTP Enhanced Status Codes', IANA_REGISTRY_URL)} |`);
  return ['| | |', '|---|---|', ...rows].join('\n');
}

function references(citations: readonly Citation[]): string {
  return citations.map((c) => link(c.kind === 'rfc' && c.rfc !== undefined ? `RFC ${c.rfc}` : c.id, c.url)).join(', ');
}
