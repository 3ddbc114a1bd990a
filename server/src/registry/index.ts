/**
 * The registry tables and O(1) lookups over them. The tables are generated from the vendored
 * data (`npm run registry:generate`); the indexes below are built once, when the module loads.
 */
import { BASIC_REPLY_CODES } from './basicReplyCodes.generated';
import { ENHANCED_REGISTRY } from './iana.generated';
import type { BasicReplyCode, ClassEntry, EnhancedCodeEntry, SubjectEntry } from './types';

export type * from './types';
export { BASIC_REPLY_CODES, ENHANCED_REGISTRY };

/** https URL of the IANA registry page. */
export const IANA_REGISTRY_URL = 'https://www.iana.org/assignments/smtp-enhanced-status-codes/smtp-enhanced-status-codes.xhtml';

/** Link to an RFC (and section) on rfc-editor.org, e.g. rfcUrl(3463, '3.2'). */
export function rfcUrl(rfc: number, section?: string): string {
  const base = `https://www.rfc-editor.org/rfc/rfc${rfc}`;
  return section ? `${base}#section-${section}` : base;
}

const classes = new Map<number, ClassEntry>(ENHANCED_REGISTRY.classes.map((entry) => [entry.class, entry]));
const subjects = new Map<number, SubjectEntry>(ENHANCED_REGISTRY.subjects.map((entry) => [entry.subject, entry]));
const replyCodes = new Map<number, BasicReplyCode>(BASIC_REPLY_CODES.map((entry) => [entry.code, entry]));

/** A number, not a string, so a lookup allocates nothing (it runs once per code in a log). */
const codeKey = (subject: number, detail: number): number => subject * 1000 + detail;
const codes = new Map<number, EnhancedCodeEntry>(ENHANCED_REGISTRY.codes.map((entry) => [codeKey(entry.subject, entry.detail), entry]));

const codesBySubject = new Map<number, readonly EnhancedCodeEntry[]>(
  ENHANCED_REGISTRY.subjects.map((s) => [
    s.subject,
    ENHANCED_REGISTRY.codes.filter((c) => c.subject === s.subject).sort((a, b) => a.detail - b.detail),
  ]),
);
const NO_CODES: readonly EnhancedCodeEntry[] = Object.freeze([]);

export function lookupClass(cls: number): ClassEntry | undefined {
  return classes.get(cls);
}

export function lookupSubject(subject: number): SubjectEntry | undefined {
  return subjects.get(subject);
}

/** The enumerated entry for X.subject.detail. */
export function lookupCode(subject: number, detail: number): EnhancedCodeEntry | undefined {
  // Sub-codes have at most three digits; anything larger cannot be registered (and must not alias).
  if (detail > 999 || subject > 999) return undefined;
  return codes.get(codeKey(subject, detail));
}

/** Registered codes of a subject, by detail ascending. */
export function codesOfSubject(subject: number): readonly EnhancedCodeEntry[] {
  return codesBySubject.get(subject) ?? NO_CODES;
}

export function lookupReplyCode(code: number): BasicReplyCode | undefined {
  return replyCodes.get(code);
}

export { isVendorCode, lookupVendorCode, vendor, vendorMarkedIn, VENDORS, type Vendor, type VendorCode, type VendorId } from './vendors';
