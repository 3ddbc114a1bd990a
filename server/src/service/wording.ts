import { lookupSubject, rfcCitation } from '../registry';
import type { SyntaxProblem } from '../scan';

/*
 * Sentences more than one feature says (hover, diagnostics, the CLI's `explain`): written once, so
 * the product says a thing the same way wherever it says it.
 */

/** What is wrong with a malformed code, after "not a valid enhanced status code:". */
export const PROBLEM_TEXT: Readonly<Record<SyntaxProblem, string>> = {
  class: 'the class must be 2, 4 or 5',
  'leading-zero': 'sub-codes are written without leading zeros',
  'too-many-digits': 'sub-codes have at most three digits',
};

/** RFC 3463's syntax of a code, for a hover on a malformed one. */
export const CODE_SYNTAX_TEXT = `An enhanced status code is class.subject.detail: class 2, 4 or 5, then two numbers of one to three digits without leading zeros (${rfcCitation(3463, '2')}).`;

/** How clients read a code the registry does not list: by class and subject, or by class alone when the subject is unknown too. */
export function unlistedCodeText(subject: number, detail: number): string {
  return lookupSubject(subject) !== undefined
    ? `The registry does not list detail ${detail} under subject ${subject}. Clients read the code by its class and subject (${rfcCitation(3463, '2')}).`
    : `${noSubjectText(subject)} Clients read the code by its class alone (${rfcCitation(3463, '2')}).`;
}

/** `The registry defines no subject 9.` */
export function noSubjectText(subject: number): string {
  return `The registry defines no subject ${subject}.`;
}
