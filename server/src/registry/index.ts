/**
 * The registry tables and O(1) lookups over them. The tables are generated from the vendored
 * data (`npm run registry:generate`); the indexes below are built once, when the module loads.
 */
import { BASIC_REPLY_CODES } from './basicReplyCodes.generated';
import { ENHANCED_REGISTRY } from './iana.generated';
import type { BasicReplyCode, ClassEntry, EnhancedCodeEntry, SubjectEntry } from './types';
import { isVendorCode, VENDOR_TABLE, VENDORS } from './vendors';

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

export {
  isVendorCode,
  lookupVendorCode,
  vendor,
  vendorCodeSource,
  vendorMarkedIn,
  VENDOR_TABLE,
  VendorTable,
  VENDORS,
  type Vendor,
  type VendorCode,
  type VendorId,
} from './vendors';
export {
  ACTION_VALUES,
  actionValue,
  DSN_FIELDS,
  dsnField,
  FEEDBACK_FIELDS,
  FEEDBACK_TYPES,
  feedbackField,
  feedbackType,
  type ReportField,
  type ReportFieldScope,
  type ReportValue,
} from './reportFields';

/**
 * The codes whose meaning a vendor's markers change (`isVendorCode`) that IANA does not register,
 * by class, subject and detail (subjects are few, so a flat array): only for these does a marker
 * change what is wrong with a code (`vendor-specific` rather than `unregistered`), so the scanner
 * reads the markers of their lines. The others (`isVendorReusedCode`) are left to the features that
 * show a vendor's meaning (hovers, hints, colours, summaries).
 */
const OWN_SUBJECTS = 1 + Math.max(0, ...VENDORS.flatMap((v) => v.codes.map((c) => c.subject)));
const ownCodes = new Uint8Array(10 * OWN_SUBJECTS * 1000);
for (const key of VENDOR_TABLE.markedCodes) {
  const cls = Math.floor(key / 1_000_000);
  const subject = Math.floor(key / 1000) % 1000;
  const detail = key % 1000;
  if (lookupCode(subject, detail) === undefined) ownCodes[(cls * OWN_SUBJECTS + subject) * 1000 + detail] = 1;
}

/** Whether a vendor gives the code a meaning of its own and IANA does not register it: a vendor's own code (`4.7.650`). */
export function isVendorOwnCode(cls: number, subject: number, detail: number): boolean {
  return subject < OWN_SUBJECTS && detail < 1000 && cls < 10 && ownCodes[(cls * OWN_SUBJECTS + subject) * 1000 + detail] === 1;
}

/** Whether a vendor gives a code IANA registers a meaning of its own (Gmail's 5.7.26): its markers are read when that meaning is shown. */
export function isVendorReusedCode(cls: number, subject: number, detail: number): boolean {
  return isVendorCode(cls, subject, detail) && !isVendorOwnCode(cls, subject, detail);
}

/** The registry's words for a code that only fits one class: "only useful for permanent failures", "useful only as a permanent error". */
const PERMANENT_ONLY = /\bonly useful for permanent failures\b|\buseful only as a permanent error\b/i;
/** "useful only as a persistent transient error". */
const TRANSIENT_ONLY = /\buseful only as a persistent transient error\b/i;

const onlyClass = new Map<EnhancedCodeEntry, 4 | 5>();
for (const entry of ENHANCED_REGISTRY.codes) {
  if (PERMANENT_ONLY.test(entry.description)) onlyClass.set(entry, 5);
  else if (TRANSIENT_ONLY.test(entry.description)) onlyClass.set(entry, 4);
}

/**
 * The one failure class the registry's description says the code is useful for: 5 for X.7.1
 * ("useful only as a permanent error"), 4 for X.4.1 ("useful only as a persistent transient
 * error"); undefined for the others. Read from the descriptions when the module loads.
 */
export function usefulOnlyAs(entry: EnhancedCodeEntry): 4 | 5 | undefined {
  return onlyClass.get(entry);
}

/** The class of a reply code: its first digit (RFC 5321 section 4.2.1). */
export function replyClass(replyCode: number): number {
  return Math.floor(replyCode / 100);
}

/**
 * How the registry pairs a code with a reply code: `listed`, the reply code or its class (`5XX`) is
 * among the code's associated reply codes; `any`, the code goes with any reply (X.0.0); `none`,
 * it is not listed; `unspecified`, the registry gives no reply codes for the code.
 */
export function replyPairing(entry: EnhancedCodeEntry, replyCode: number): 'listed' | 'any' | 'none' | 'unspecified' {
  const associated = entry.associated;
  if (associated.codes.some((c) => (c.kind === 'exact' ? c.code === replyCode : c.class === replyClass(replyCode)))) return 'listed';
  if (associated.any) return 'any';
  return associated.unspecified ? 'unspecified' : 'none';
}

/** A registry pattern (`X.6.8`) written for a class: `5.6.8`. */
export function withClass(pattern: string, cls: number | string): string {
  return pattern.replace(/^X/, String(cls));
}

/** How a message cites an RFC: `RFC 2034 section 4` (its link is `rfcUrl`). */
export function rfcCitation(rfc: number, section?: string): string {
  return section ? `RFC ${rfc} section ${section}` : `RFC ${rfc}`;
}
