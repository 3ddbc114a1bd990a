import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import { lookupCode, lookupSubject } from '../registry';
import type { CodeMatch } from '../scan';
import type { Analysis } from './analysis';
import { withClass } from './describe';
import { RULES, type RuleId, type SeveritySetting } from './rules';
import type { Settings } from './settings';

export const DIAGNOSTIC_SOURCE = 'smtp-status';

const SEVERITY: Record<Exclude<SeveritySetting, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Why a code breaks a rule, in words; the first finding whose rule is not switched off is reported. */
interface Finding {
  rule: RuleId;
  message: string;
  deprecated?: boolean;
}

export interface DiagnosticsOptions {
  /**
   * Reports each distinct finding once, with how often it occurs and where (related information),
   * instead of once per occurrence: for big logs, where one unregistered code repeats on every line.
   */
  groupRepeated?: boolean;
  /** The document's URI, for the related locations of grouped findings. */
  uri?: string;
  /** Checked every few thousand codes; when it returns true the work stops and the result is partial. */
  shouldStop?: () => boolean;
}

/** Most other locations listed with a grouped finding. */
const MAX_RELATED = 50;

/** Diagnostics for the codes found in reply, DSN-field and string contexts; bare codes never get one. */
export function computeDiagnostics(analysis: Analysis, settings: Settings, options: DiagnosticsOptions = {}): Diagnostic[] {
  if (!settings.enable) return [];
  const diagnostics: Diagnostic[] = [];
  const groups = new Map<string, { diagnostic: Diagnostic; count: number }>();
  const codes = analysis.codes;
  for (let i = 0; i < codes.length; i++) {
    if ((i & 4095) === 4095 && options.shouldStop?.()) break;
    const match = codes[i];
    if (match.context === 'bare') continue;
    const finding = findings(match, replyPredecessor(codes, i)).find((f) => settings.severity[f.rule] !== 'off');
    if (finding === undefined) continue;
    const range = { start: { line: match.line, character: match.start }, end: { line: match.line, character: match.end } };
    const key = `${finding.rule}\n${finding.message}`;
    const group = options.groupRepeated ? groups.get(key) : undefined;
    if (group !== undefined) {
      group.count++;
      const related = group.diagnostic.relatedInformation;
      if (options.uri !== undefined && related !== undefined && related.length < MAX_RELATED) {
        related.push({ location: { uri: options.uri, range }, message: 'Also here' });
      }
      continue;
    }
    if (diagnostics.length === settings.maxDiagnostics) break;
    const rule = RULES[finding.rule];
    const diagnostic: Diagnostic = {
      range,
      severity: SEVERITY[settings.severity[finding.rule] as Exclude<SeveritySetting, 'off'>],
      code: rule.id,
      codeDescription: { href: rule.href },
      source: DIAGNOSTIC_SOURCE,
      message: finding.message,
    };
    if (finding.deprecated) diagnostic.tags = [DiagnosticTag.Deprecated];
    if (options.groupRepeated) {
      if (options.uri !== undefined) diagnostic.relatedInformation = [];
      groups.set(key, { diagnostic, count: 1 });
    }
    diagnostics.push(diagnostic);
  }
  for (const { diagnostic, count } of groups.values()) {
    if (count > 1) diagnostic.message += ` (${count} times in this file)`;
    if (diagnostic.relatedInformation?.length === 0) delete diagnostic.relatedInformation;
  }
  return diagnostics;
}

/**
 * The code on the line before in the same multi-line reply: the previous match, if it sits on a
 * continuation line (`550-5.7.1`) on this line (a reply folded into one log line) or the line above.
 */
function replyPredecessor(codes: readonly CodeMatch[], i: number): CodeMatch | undefined {
  const previous = codes[i - 1];
  const match = codes[i];
  if (previous === undefined || match.reply === undefined || previous.reply?.continuation !== true) return undefined;
  return match.line - previous.line <= 1 ? previous : undefined;
}

/** Every rule the code breaks, strongest first. */
function findings(match: CodeMatch, previous: CodeMatch | undefined): Finding[] {
  const text = match.text;
  if (match.problem !== undefined) {
    return [{ rule: 'invalid-syntax', message: `${text} is not a valid enhanced status code: ${PROBLEM_TEXT[match.problem]} (RFC 3463 section 2).` }];
  }
  const found: Finding[] = [];
  const reply = match.reply?.code;
  const action = match.action;
  if (action !== undefined && action.class !== match.class) {
    found.push({
      rule: 'class-mismatch',
      message: `Class ${match.class} of ${text} disagrees with ${action.word}, which answers with a ${action.class}xx reply; use a ${action.class}.X.X code.`,
    });
  }
  if (reply !== undefined && Math.floor(reply / 100) === 3) {
    found.push({
      rule: 'code-on-intermediate-reply',
      message: `${reply} is an intermediate reply; 3xx replies carry no enhanced status code (RFC 2034 section 4).`,
    });
  } else if (reply !== undefined && Math.floor(reply / 100) !== match.class) {
    const want = Math.floor(reply / 100);
    found.push({
      rule: 'class-mismatch',
      message: `Class ${match.class} of ${text} disagrees with reply code ${reply}: a ${want}xx reply carries a ${want}.X.X code (RFC 2034 section 4).`,
    });
  }
  if (previous?.reply !== undefined && match.reply !== undefined) {
    if (previous.reply.code !== match.reply.code) {
      found.push({
        rule: 'multiline-inconsistent',
        message: `Reply code ${match.reply.code} differs from ${previous.reply.code} on the line before; every line of a multi-line reply has the same reply code (RFC 5321 section 4.2.1).`,
      });
    } else if (previous.text !== text) {
      found.push({
        rule: 'multiline-inconsistent',
        message: `${text} differs from ${previous.text} on the line before; every line of a multi-line reply carries the same code (RFC 2034 section 4).`,
      });
    }
  }
  const entry = lookupCode(match.subject, match.detail);
  if (lookupSubject(match.subject) === undefined) {
    found.push({ rule: 'unknown-subject', message: `${text}: the registry defines no subject ${match.subject}.` });
  } else if (entry === undefined) {
    found.push({ rule: 'unregistered', message: `${text} is not in the IANA registry of enhanced status codes.` });
  } else if (entry.status === 'deprecated') {
    const instead = entry.replacedBy ? `; use ${withClass(entry.replacedBy, match.class)} instead` : '';
    found.push({ rule: 'deprecated', message: `${text} is deprecated${instead}.`, deprecated: true });
  }
  return found;
}

const PROBLEM_TEXT = {
  class: 'the class must be 2, 4 or 5',
  'leading-zero': 'sub-codes are written without leading zeros',
  'too-many-digits': 'sub-codes have at most three digits',
} as const;
