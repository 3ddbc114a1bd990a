import { lookupCode, lookupSubject } from '../registry';
import type { SyntaxProblem } from '../scan';

/** Where a code stands in the IANA registry (the CLI's `codes` and `explain`, the summary). */
export const REGISTRY_STATUSES = ['registered', 'deprecated', 'historical', 'unregistered', 'unknown-subject', 'invalid'] as const;
export type RegistryStatus = (typeof REGISTRY_STATUSES)[number];

/** The registry status of `class.subject.detail`; `problem` is the scanner's verdict on its syntax. */
export function registryStatus(subject: number, detail: number, problem?: SyntaxProblem): RegistryStatus {
  if (problem !== undefined) return 'invalid';
  if (lookupSubject(subject) === undefined) return 'unknown-subject';
  const entry = lookupCode(subject, detail);
  if (entry === undefined) return 'unregistered';
  return entry.status === 'current' ? 'registered' : entry.status;
}
