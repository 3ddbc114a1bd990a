// PLACEHOLDER: the registry helper replaces this file. API contract below.
import type { BasicReplyCode, ClassEntry, EnhancedCodeEntry, EnhancedRegistry, SubjectEntry } from './types';
export type * from './types';
export declare const ENHANCED_REGISTRY: EnhancedRegistry;
export declare const BASIC_REPLY_CODES: readonly BasicReplyCode[];
/** https URL of the IANA registry page. */
export declare const IANA_REGISTRY_URL: string;
/** Link to an RFC (and section) on rfc-editor.org, e.g. rfcUrl(3463, '3.2'). */
export declare function rfcUrl(rfc: number, section?: string): string;
export declare function lookupClass(cls: number): ClassEntry | undefined;
export declare function lookupSubject(subject: number): SubjectEntry | undefined;
/** The enumerated entry for X.subject.detail. */
export declare function lookupCode(subject: number, detail: number): EnhancedCodeEntry | undefined;
/** Registered codes of a subject, by detail ascending. */
export declare function codesOfSubject(subject: number): readonly EnhancedCodeEntry[];
export declare function lookupReplyCode(code: number): BasicReplyCode | undefined;
