/**
 * Shapes of the registry tables. The IANA table is generated from the vendored XML
 * (`npm run registry:generate`); nothing here holds logic.
 */

/** Lifecycle of an enhanced status code as the registry describes it. */
export type CodeStatus = 'current' | 'deprecated' | 'historical';

/** One document cited by a registry record. */
export interface Citation {
  /** `rfc` or `draft`, as the registry's xref type says. */
  kind: 'rfc' | 'draft';
  /** `rfc3463` or `draft-levine-mailbomb-header-00`, as in the registry. */
  id: string;
  /** RFC number for `kind: 'rfc'`. */
  rfc?: number;
  /** Where a reader finds the document. */
  url: string;
  /** Standing written beside the citation, e.g. `Standards Track`. */
  note?: string;
}

/** A registry reference field: its text (xrefs written as "RFC 3463") and the documents in it. */
export interface Reference {
  text: string;
  citations: Citation[];
}

/** One entry of an "Associated basic status code" list. */
export type ReplyCodePattern =
  | { kind: 'exact'; code: number }
  /** `5XX`: any reply code of that class. */
  | { kind: 'class'; class: number };

/** The registry's "Associated basic status code" field, parsed, with the raw text kept. */
export interface AssociatedReplyCodes {
  /** The field as written, whitespace folded to single spaces ('' when empty). */
  raw: string;
  codes: ReplyCodePattern[];
  /** `Any`: no restriction. */
  any: boolean;
  /** `Not given`, `.` or empty: the registry names none. */
  unspecified: boolean;
  /** A remark in the field, e.g. `other 4XX or 5XX codes are allowed`. */
  note?: string;
}

interface RecordFields {
  description: string;
  reference: Reference;
  submitter: string;
  changeController: string;
  /** Registration and update dates from the record's attributes, when the registry gives them. */
  registered?: string;
  updated?: string;
}

/** A class sub-code (`2.XXX.YYY`). */
export interface ClassEntry extends RecordFields {
  class: 2 | 4 | 5;
  /** As the registry writes it: `2.XXX.YYY`. */
  pattern: string;
  title: string;
}

/** A subject sub-code (`X.1.YYY`). */
export interface SubjectEntry extends RecordFields {
  subject: number;
  pattern: string;
  title: string;
}

/** An enumerated status code (`X.1.1`). */
export interface EnhancedCodeEntry extends RecordFields {
  /** As the registry writes it: `X.1.1`. */
  code: string;
  subject: number;
  detail: number;
  /** The registry's sample text, used as the code's title ('' when the registry has none). */
  title: string;
  associated: AssociatedReplyCodes;
  status: CodeStatus;
  /** For deprecated codes: the code to use instead, e.g. `X.6.8`. */
  replacedBy?: string;
}

export interface EnhancedRegistry {
  title: string;
  created: string;
  updated: string;
  source: string;
  classes: ClassEntry[];
  subjects: SubjectEntry[];
  codes: EnhancedCodeEntry[];
}

/** One meaning of a three-digit reply code; a code can have several (core and extensions). */
export interface ReplyCodeMeaning {
  text: string;
  /** As the source names it: `RFC 5321`, `RFC 4954`, `RFC 5248 registry entry X.7.12`. */
  source: string;
  /** The defining RFC's number, when there is one. */
  rfc?: number;
  /** Section(s) of that RFC, e.g. `4.2.2, 4.2.3`. */
  section?: string;
  /** `core`, `core-update`, `extension:AUTH`, `registry-only`, ... */
  kind: string;
  /** A narrower use, e.g. `STARTTLS` for the 220 that answers STARTTLS. */
  context?: string;
  /** False where the text was not checked against the RFC. */
  verified: boolean;
  notes: string[];
  /** Enhanced codes the RFC itself pairs with this reply code (e.g. 535 -> 5.7.8). */
  enhancedCodes: string[];
}

/** A three-digit SMTP reply code (RFC 5321 and extensions). */
export interface BasicReplyCode {
  code: number;
  meanings: ReplyCodeMeaning[];
  /** Enhanced codes whose registry entry lists this reply code (`X.7.1`, ...). */
  listedBy: string[];
}

/** Why a message bounced or was delayed, in a few plain categories (see docs/bounce-classification.md). */
export type BounceReason =
  | 'delivered'
  | 'unknown-user'
  | 'mailbox-full'
  | 'mailbox-disabled'
  | 'bad-address'
  | 'bad-domain'
  | 'message-too-big'
  | 'content'
  | 'sender-authentication'
  | 'authentication'
  | 'blocked-reputation'
  | 'rate-limited'
  | 'policy'
  | 'security'
  | 'network'
  | 'routing'
  | 'expired'
  | 'protocol'
  | 'system'
  | 'other';
