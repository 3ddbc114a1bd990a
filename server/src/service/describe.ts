import {
  IANA_REGISTRY_URL,
  lookupClass,
  lookupSubject,
  rfcUrl,
  type BasicReplyCode,
  type Citation,
  type EnhancedCodeEntry,
} from '../registry';
import { escape, link } from './markdown';

/** `X.6.8` written for a class: `5.6.8`. */
export function withClass(pattern: string, cls: number): string {
  return pattern.replace(/^X/, String(cls));
}

/** Markdown for one registered code: title, description, class, subject, reply codes, status, references. */
export function codeMarkdown(cls: number, entry: EnhancedCodeEntry, replyCode?: number): string {
  const text = withClass(entry.code, cls);
  const parts = [`**${escape(text)}** ${entry.title ? escape(entry.title) : '_(no title in the registry)_'}`];
  if (entry.status === 'deprecated') {
    const instead = entry.replacedBy ? `: use **${escape(withClass(entry.replacedBy, cls))}** instead` : '';
    parts.push(`**Deprecated**${instead}.`);
  } else if (entry.status === 'historical') {
    parts.push('**Historical**: the registry keeps this code for historical purposes only.');
  }
  parts.push(escape(entry.description));
  parts.push(facts(cls, entry.subject, entry, replyCode));
  return parts.join('\n\n');
}

/** Markdown for a well-formed code that the registry does not list (or whose subject it lacks). */
export function unregisteredMarkdown(cls: number, subject: number, detail: number, replyCode?: number): string {
  const text = `${cls}.${subject}.${detail}`;
  const known = lookupSubject(subject) !== undefined;
  const parts = [
    `**${escape(text)}** _(not in the IANA registry)_`,
    known
      ? `The registry does not list detail ${detail} under subject ${subject}. Clients read it as its class and subject (RFC 3463 section 2).`
      : `The registry defines no subject ${subject}. Clients read it by its class alone (RFC 3463 section 2).`,
    facts(cls, subject, undefined, replyCode),
  ];
  return parts.join('\n\n');
}

/** Markdown for a basic reply code: each meaning with its RFC. */
export function replyMarkdown(reply: BasicReplyCode | undefined, value: number): string {
  const classText = REPLY_CLASS[Math.floor(value / 100)];
  const head = `**${value}** ${classText ? `_${escape(classText)}_` : ''}`.trim();
  if (reply === undefined) return `${head}\n\nNot a reply code that RFC 5321 or its extensions define.`;
  const meanings = reply.meanings.map((m) => {
    const where = m.rfc !== undefined ? link(`RFC ${m.rfc}${m.section ? ` section ${m.section}` : ''}`, rfcUrl(m.rfc, m.section?.match(/^\d+(?:\.\d+)*/)?.[0])) : escape(m.source);
    const context = m.context ? ` (${escape(m.context)})` : '';
    const paired = m.enhancedCodes.length ? ` Pairs with ${m.enhancedCodes.map((c) => escape(c)).join(', ')}.` : '';
    return `- ${escape(m.text)}${context}: ${where}.${paired}`;
  });
  return [head, meanings.join('\n')].join('\n\n');
}

/** The meaning of a reply code's first digit (RFC 5321 section 4.2.1). */
const REPLY_CLASS: Record<number, string> = {
  2: 'Positive Completion',
  3: 'Positive Intermediate',
  4: 'Transient Negative Completion',
  5: 'Permanent Negative Completion',
};

function facts(cls: number, subject: number, entry: EnhancedCodeEntry | undefined, replyCode: number | undefined): string {
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
