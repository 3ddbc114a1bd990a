import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import { isVendorCode, lookupCode, lookupSubject } from '../registry';
import type { CodeMatch, CodeTable } from '../scan';
import type { Analysis } from './analysis';
import { withClass } from './describe';
import { RULE_IDS, RULES, type RuleId, type SeveritySetting } from './rules';
import { siteCode, type Settings } from './settings';
import { vendorMeaning, type VendorMeaning } from './vendors';

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
  /** Rule and message: findings with the same key are the same finding (grouped in logs). */
  key: string;
  /** A link more specific than the rule's (the vendor's documentation). */
  href?: string;
}

const finding = (rule: RuleId, message: string, deprecated?: boolean, href?: string): Finding => ({
  rule,
  message,
  deprecated,
  key: `${rule}\n${message}`,
  href,
});

/** Findings about whether the registry knows a code, which a site-specific code overrides. */
const REGISTRATION_RULES: ReadonlySet<RuleId> = new Set(['unknown-subject', 'unregistered', 'vendor-specific']);

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
    // Columns are read here, and an object is made only for a diagnostic: most codes get none.
    if (codes.contextOf(i) === 'bare') continue;
    const cls = codes.classOf(i);
    const subject = codes.subjectOf(i);
    const detail = codes.detailOf(i);
    const vendor = isVendorCode(cls, subject, detail) ? vendorMeaning(codes, i) : undefined;
    const found = findingsOf(codes, i, vendor);
    if (found.length === 0) continue;
    // Codes the user declared site-specific are known: only findings about their use remain.
    const site = siteCode(settings, cls, subject, detail) !== undefined;
    const first = firstReported(found, settings, site);
    if (first === undefined) continue;
    const group = options.groupRepeated ? groups.get(first.key) : undefined;
    if (group !== undefined) {
      group.count++;
      const related = group.diagnostic.relatedInformation;
      if (options.uri !== undefined && related !== undefined && related.length < MAX_RELATED) {
        related.push({ location: { uri: options.uri, range: rangeOf(codes, i) }, message: 'Also here' });
      }
      continue;
    }
    if (diagnostics.length === settings.maxDiagnostics) break;
    const rule = RULES[first.rule];
    const diagnostic: Diagnostic = {
      range: rangeOf(codes, i),
      severity: SEVERITY[settings.severity[first.rule] as Exclude<SeveritySetting, 'off'>],
      code: rule.id,
      codeDescription: { href: first.href ?? rule.href },
      source: DIAGNOSTIC_SOURCE,
      message: first.message,
    };
    if (first.deprecated) diagnostic.tags = [DiagnosticTag.Deprecated];
    if (options.groupRepeated) {
      if (options.uri !== undefined) diagnostic.relatedInformation = [];
      groups.set(first.key, { diagnostic, count: 1 });
    }
    diagnostics.push(diagnostic);
  }
  for (const { diagnostic, count } of groups.values()) {
    if (count > 1) diagnostic.message += ` (${count} times in this file)`;
    if (diagnostic.relatedInformation?.length === 0) delete diagnostic.relatedInformation;
  }
  return diagnostics;
}

/** The first finding whose rule is not switched off (and, for a site-specific code, not about registration). */
function firstReported(found: readonly Finding[], settings: Settings, site: boolean): Finding | undefined {
  for (const f of found) {
    if (settings.severity[f.rule] !== 'off' && !(site && REGISTRATION_RULES.has(f.rule))) return f;
  }
  return undefined;
}

/**
 * The code on the line before in the same multi-line reply: the previous match, if it sits on a
 * continuation line (`550-5.7.1`) on this line (a reply folded into one log line) or the line above.
 * Its index, or -1.
 */
function replyPredecessor(codes: CodeTable, i: number): number {
  if (i === 0 || !codes.hasReply(i) || !codes.isContinuation(i - 1)) return -1;
  return codes.lineOf(i) - codes.lineOf(i - 1) <= 1 ? i - 1 : -1;
}

const rangeOf = (codes: CodeTable, i: number) => {
  const line = codes.lineOf(i);
  return { start: { line, character: codes.startOf(i) }, end: { line, character: codes.endOf(i) } };
};

const NONE: readonly Finding[] = Object.freeze([]);

/**
 * Findings shared between matches of the same code: a log holds the same few codes thousands of
 * times, so their findings are made once. Keyed by the code's numbers, then by what else they
 * depend on (syntax problem, reply code, action class, vendor); two small integers rather than one
 * large one, which V8 would box on every lookup. Never many entries; bounded anyway.
 */
const memo = new Map<number, Map<number, readonly Finding[]>>();
let memoSize = 0;
const MEMO_LIMIT = 10_000;

const PROBLEM_DIGIT = { none: 0, class: 1, 'leading-zero': 2, 'too-many-digits': 3 } as const;

/** Every rule the code breaks, strongest first (in the order of RULE_IDS). */
function findingsOf(codes: CodeTable, i: number, vendor: VendorMeaning | undefined): readonly Finding[] {
  const code = (codes.classOf(i) * 10_000 + codes.subjectOf(i)) * 10_000 + codes.detailOf(i);
  const vendorDigit = vendor === undefined ? 0 : vendor.vendor.id === 'microsoft' ? 1 : 2;
  const rest =
    ((PROBLEM_DIGIT[codes.problemOf(i) ?? 'none'] * 1000 + codes.replyCodeOf(i)) * 10 + (codes.actionOf(i)?.class ?? 0)) * 10 + vendorDigit;
  let byRest = memo.get(code);
  if (byRest === undefined) {
    if (memoSize >= MEMO_LIMIT) {
      memo.clear();
      memoSize = 0;
    }
    memo.set(code, (byRest = new Map()));
  }
  let own = byRest.get(rest);
  if (own === undefined) {
    own = codeFindings(codes.get(i), vendor);
    byRest.set(rest, own);
    memoSize++;
  }
  const previous = replyPredecessor(codes, i);
  const multiline = previous < 0 ? undefined : multilineFinding(codes, i, previous);
  if (multiline === undefined) return own;
  return [...own, multiline].sort((a, b) => RULE_IDS.indexOf(a.rule) - RULE_IDS.indexOf(b.rule));
}

/** A line of a multi-line reply whose reply code or code differs from the line before. */
function multilineFinding(codes: CodeTable, i: number, previous: number): Finding | undefined {
  const reply = codes.replyCodeOf(i);
  const previousReply = codes.replyCodeOf(previous);
  if (previousReply !== reply) {
    return finding(
      'multiline-inconsistent',
      `Reply code ${reply} differs from ${previousReply} on the line before; every line of a multi-line reply has the same reply code (RFC 5321 section 4.2.1).`,
    );
  }
  const text = codes.textOf(i);
  const previousText = codes.textOf(previous);
  if (previousText !== text) {
    return finding(
      'multiline-inconsistent',
      `${text} differs from ${previousText} on the line before; every line of a multi-line reply carries the same code (RFC 2034 section 4).`,
    );
  }
  return undefined;
}

/** The rules a code breaks by itself, with its reply code or action. */
function codeFindings(match: CodeMatch, vendor: VendorMeaning | undefined): readonly Finding[] {
  const text = match.text;
  if (match.problem !== undefined) {
    return [finding('invalid-syntax', `${text} is not a valid enhanced status code: ${PROBLEM_TEXT[match.problem]} (RFC 3463 section 2).`)];
  }
  const found: Finding[] = [];
  const reply = match.reply?.code;
  const action = match.action;
  if (action !== undefined && action.class !== match.class) {
    found.push(
      finding(
        'class-mismatch',
        `Class ${match.class} of ${text} disagrees with ${action.word}, which answers with a ${action.class}xx reply; use a ${action.class}.X.X code.`,
      ),
    );
  }
  if (reply !== undefined && Math.floor(reply / 100) === 3) {
    found.push(
      finding(
        'code-on-intermediate-reply',
        `${reply} is an intermediate reply; 3xx replies carry no enhanced status code (RFC 2034 section 4).`,
      ),
    );
  } else if (reply !== undefined && Math.floor(reply / 100) !== match.class) {
    const want = Math.floor(reply / 100);
    found.push(
      finding(
        'class-mismatch',
        `Class ${match.class} of ${text} disagrees with reply code ${reply}: a ${want}xx reply carries a ${want}.X.X code (RFC 2034 section 4).`,
      ),
    );
  }
  const entry = lookupCode(match.subject, match.detail);
  if (entry === undefined && vendor !== undefined) {
    found.push(
      finding(
        'vendor-specific',
        `${text} is ${vendor.vendor.name}'s own code (${vendor.code.title}), not one in the IANA registry.`,
        false,
        vendor.vendor.source,
      ),
    );
  } else if (lookupSubject(match.subject) === undefined) {
    found.push(finding('unknown-subject', `${text}: the registry defines no subject ${match.subject}.`));
  } else if (entry === undefined) {
    found.push(finding('unregistered', `${text} is not in the IANA registry of enhanced status codes.`));
  } else if (entry.status === 'deprecated') {
    const instead = entry.replacedBy ? `; use ${withClass(entry.replacedBy, match.class)} instead` : '';
    found.push(finding('deprecated', `${text} is deprecated${instead}.`, true));
  }
  return found.length === 0 ? NONE : found;
}

const PROBLEM_TEXT = {
  class: 'the class must be 2, 4 or 5',
  'leading-zero': 'sub-codes are written without leading zeros',
  'too-many-digits': 'sub-codes have at most three digits',
} as const;
