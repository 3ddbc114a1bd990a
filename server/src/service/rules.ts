/**
 * The diagnostic rules: stable ids (the diagnostic `code`), default severities, and where each
 * rule's normative text lives (the diagnostic's `codeDescription`).
 */
import { IANA_REGISTRY_URL, rfcUrl } from '../registry';

export const RULE_IDS = [
  'invalid-syntax',
  'code-on-intermediate-reply',
  'class-mismatch',
  'multiline-inconsistent',
  'unknown-subject',
  'unregistered',
  'vendor-specific',
  'deprecated',
  'action-status-mismatch',
  'dsn-field-misplaced',
  'status-diagnostic-mismatch',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** The values of a rule's severity setting. */
export const SEVERITY_SETTINGS = ['error', 'warning', 'information', 'hint', 'off'] as const;
export type SeveritySetting = (typeof SEVERITY_SETTINGS)[number];

export interface Rule {
  id: RuleId;
  defaultSeverity: SeveritySetting;
  /** The RFC section or registry page that states the rule. */
  href: string;
  /** One line for settings and docs. */
  summary: string;
}

const IANA = IANA_REGISTRY_URL;

export const RULES: Readonly<Record<RuleId, Rule>> = {
  'invalid-syntax': {
    id: 'invalid-syntax',
    defaultSeverity: 'error',
    href: rfcUrl(3463, '2'),
    summary: 'Not a valid enhanced status code: class other than 2, 4 or 5, a leading zero, or more than three digits.',
  },
  'code-on-intermediate-reply': {
    id: 'code-on-intermediate-reply',
    defaultSeverity: 'warning',
    href: rfcUrl(2034, '4'),
    summary: 'An enhanced code on a 3xx reply, which must not carry one.',
  },
  'class-mismatch': {
    id: 'class-mismatch',
    defaultSeverity: 'error',
    href: rfcUrl(2034, '4'),
    summary: "The enhanced code's class disagrees with the reply code's first digit.",
  },
  'multiline-inconsistent': {
    id: 'multiline-inconsistent',
    defaultSeverity: 'warning',
    href: rfcUrl(2034, '4'),
    summary: 'A line of a multi-line reply whose reply code or enhanced code differs from the line before.',
  },
  'unknown-subject': {
    id: 'unknown-subject',
    defaultSeverity: 'warning',
    href: IANA,
    summary: 'The subject (second number) is not one the registry defines.',
  },
  unregistered: {
    id: 'unregistered',
    defaultSeverity: 'warning',
    href: IANA,
    summary: 'A well-formed code that the IANA registry does not list.',
  },
  'vendor-specific': {
    id: 'vendor-specific',
    defaultSeverity: 'information',
    href: IANA,
    summary:
      "A code the IANA registry does not list but a vendor documents: the replying vendor's (by the markers of its reply or its bounce), or the one vendor that documents it (Microsoft 365's 5.7.606, 5.7.139, ...).",
  },
  deprecated: {
    id: 'deprecated',
    defaultSeverity: 'warning',
    href: IANA,
    summary: 'A code the registry marks as deprecated.',
  },
  'action-status-mismatch': {
    id: 'action-status-mismatch',
    defaultSeverity: 'warning',
    href: rfcUrl(3464, '2.3.3'),
    summary:
      "A DSN recipient's Action that its Status contradicts: delayed with a 2.X.X or 5.X.X status, delivered or expanded with a failure, failed with a success.",
  },
  'dsn-field-misplaced': {
    id: 'dsn-field-misplaced',
    defaultSeverity: 'warning',
    href: rfcUrl(3464, '2.3.9'),
    summary:
      "A DSN field where it must not stand: Will-Retry-Until on a recipient that is not delayed, a recipient's field among the per-message fields.",
  },
  'status-diagnostic-mismatch': {
    id: 'status-diagnostic-mismatch',
    defaultSeverity: 'information',
    href: rfcUrl(3464, '2.3.6'),
    summary: "A DSN recipient's Status that differs from the enhanced code in its Diagnostic-Code (the Status may be the less precise).",
  },
};

/** The rules about a DSN's fields read together, rather than about one code. */
export const REPORT_RULES: ReadonlySet<RuleId> = new Set(['action-status-mismatch', 'dsn-field-misplaced', 'status-diagnostic-mismatch']);
