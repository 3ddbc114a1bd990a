import {
  IANA_REGISTRY_URL,
  lookupClass,
  lookupSubject,
  rfcUrl,
  type BasicReplyCode,
  type Citation,
  type EnhancedCodeEntry,
} from '../registry';
import { classificationText, type Classification } from './classification';
import { escape, link } from './markdown';
import type { SiteCode } from './settings';
import type { VendorMeaning } from './vendors';

/** `X.6.8` written for a class: `5.6.8`. */
export function withClass(pattern: string, cls: number): string {
  return pattern.replace(/^X/, String(cls));
}

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
    parts.push(`**${escape(text)}** ${entry.title ? escape(entry.title) : '_(no title in the registry)_'}`);
    if (entry.status === 'deprecated') {
      const instead = entry.replacedBy ? `: use **${escape(withClass(entry.replacedBy, cls))}** instead` : '';
      parts.push(`**Deprecated**${instead}.`);
    } else if (entry.status === 'historical') {
      parts.push('**Historical**: the registry keeps this code for historical purposes only.');
    }
  } else {
    parts.push(`**${escape(text)}** _(not in the IANA registry)_`);
  }
  if (facts.vendor) {
    const { vendor, code } = facts.vendor;
    const label = entry ? `${vendor.name} uses it for` : `${vendor.name} (vendor-specific)`;
    parts.push(`**${escape(label)}:** _${escape(code.title)}_. ${escape(code.description)} ${link('Source', vendor.source)}`);
  }
  if (facts.site) {
    const description = facts.site.description ? ` ${escape(facts.site.description)}` : '';
    parts.push(`**Site-specific:** _${escape(facts.site.title)}_.${description}`);
  }
  if (facts.classification) parts.push(escape(classificationText(facts.classification)));
  if (entry) {
    parts.push(`${facts.vendor ? '**IANA:** ' : ''}${escape(entry.description)}`);
  } else if (!facts.vendor && !facts.site) {
    parts.push(
      lookupSubject(subject) !== undefined
        ? `The registry does not list detail ${detail} under subject ${subject}. Clients read it as its class and subject (RFC 3463 section 2).`
        : `The registry defines no subject ${subject}. Clients read it by its class alone (RFC 3463 section 2).`,
    );
  }
  parts.push(factsTable(cls, subject, entry, facts.replyCode));
  return parts.join('\n\n');
}

/** Markdown for a basic reply code: each meaning with its RFC. */
export function replyMarkdown(reply: BasicReplyCode | undefined, value: number): string {
  const classText = REPLY_CLASS[Math.floor(value / 100)];
  const head = `**${value}** ${classText ? `_${escape(classText)}_` : ''}`.trim();
  if (reply === undefined) return `${head}\n\nNot a reply code that RFC 5321 or its extensions define.`;
  const meanings = reply.meanings.map((m) => {
    const where =
      m.rfc !== undefined
        ? link(`RFC ${m.rfc}${m.section ? ` section ${m.section}` : ''}`, rfcUrl(m.rfc, m.section?.match(/^\d+(?:\.\d+)*/)?.[0]))
        : escape(m.source);
    const context = m.context ? ` (${escape(m.context)})` : '';
    const paired = m.enhancedCodes.length ? ` Pairs with ${m.enhancedCodes.map((c) => escape(c)).join(', ')}.` : '';
    return `- ${escape(m.text)}${context}: ${where}.${paired}`;
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
  if (classEntry) rows.push(`| Class | **${cls}** ${escape(classEntry.title)}: ${escape(classEntry.description)} |`);
  const subjectEntry = lookupSubject(subject);
  if (subjectEntry) rows.push(`| Subject | **X.${subject}** ${escape(subjectEntry.title)}: ${escape(subjectEntry.description)} |`);
  if (entry) {
    const replies = entry.associated.raw === '' ? '_none given_' : escape(entry.associated.raw);
    const fitting = replyCode !== undefined ? ` · in this reply: ${replyCode}` : '';
    rows.push(`| Reply codes | ${replies}${fitting} |`);
    rows.push(`| Reference | ${references(entry.reference.citations) || escape(entry.reference.text)} |`);
    if (entry.submitter) rows.push(`| Submitter | ${escape(entry.submitter)} |`);
    if (entry.changeController) rows.push(`| Change controller | ${escape(entry.changeController)} |`);
  }
  rows.push(`| Registry | ${link('IANA SMTP Enhanced Status Codes', IANA_REGISTRY_URL)} |`);
  return ['| | |', '|---|---|', ...rows].join('\n');
}

function references(citations: readonly Citation[]): string {
  return citations.map((c) => link(c.kind === 'rfc' && c.rfc !== undefined ? `RFC ${c.rfc}` : c.id, c.url)).join(', ');
}
