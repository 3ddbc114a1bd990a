import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Range,
} from 'vscode-languageserver-types';
import {
  isVendorOwnCode,
  lookupCode,
  lookupSubject,
  replyClass,
  rfcCitation,
  vendor as vendorById,
  vendorCodeSource,
  withClass,
  type Vendor,
} from '../registry';
import type { CodeMatch, CodeTable, ReportIndex } from '../scan';
import type { Analysis, DocumentLike } from './analysis';
import { FindingsCache } from './findingsCache';
import { payloadFindings } from './payloadFindings';
import { reportFindings, type ReportFinding } from './reportFindings';
import { RULE_IDS, RULES, type RuleId, type SeveritySetting } from './rules';
import { DEFAULT_SETTINGS, siteCode, type Settings } from './settings';
import { vendorMeaning, type VendorMeaning } from './vendors';
import { PROBLEM_TEXT } from './wording';

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
  /**
   * Checked every few thousand codes; when it returns true the work stops and the result is partial.
   * Best one function kept across calls: the loop is compiled against the function it calls, and a
   * new one per call throws that code away once the last is collected.
   */
  shouldStop?: () => boolean;
}

const NO_OPTIONS: DiagnosticsOptions = Object.freeze({});

/** Most other locations listed with a grouped finding. */
const MAX_RELATED = 50;

/** How many codes are read between two calls of `shouldStop`. */
const STOP_CHECK_EVERY = 4096;

/** Diagnostics for the codes found in reply, DSN-field and string contexts; bare codes never get one. */
export function computeDiagnostics(
  analysis: Analysis,
  document: DocumentLike,
  options: DiagnosticsOptions,
  settings: Settings,
): Diagnostic[] {
  if (!settings.enable) return [];
  // A `shouldStop` that computed diagnostics itself would find the list in use: it gets its own.
  const list = (LIST.busy ? new DiagnosticList() : LIST).start(document.uri, options, settings);
  try {
    const complete = list.addCodes(analysis.codes, analysis.reports);
    // The rules that read a DSN's fields (or a payload's) together, placed among the others by position.
    if (complete && !options.shouldStop?.())
      list.addStructured([...reportFindings(analysis.reports, analysis.codes), ...payloadFindings(analysis, document)]);
    return list.finish();
  } finally {
    list.release();
  }
}

/**
 * A group of repeated findings: the diagnostic reported for the first, how many there are, and the
 * diagnostic's related locations (kept here too: diagnostics take different shapes as they get
 * tags and related locations, groups keep one).
 */
interface Group {
  diagnostic: Diagnostic;
  count: number;
  related: DiagnosticRelatedInformation[] | undefined;
}

/**
 * The diagnostics of one document as they are made. A class rather than closures in
 * `computeDiagnostics`: its methods are the same functions for every document, so the code V8
 * optimises for one document's loop still fits the next document's (new closures would not). And
 * one object for every document (`LIST`), started anew for each: V8 compiles the loop against the
 * list's shape, and a shape no object has any longer is dropped by a full collection, which threw
 * the loop's optimised code away; with a list made for each document, the diagnostics after every
 * full collection (the server starts one after each large open) took about twice as long.
 */
class DiagnosticList {
  /** Between `start` and `release`. */
  busy = false;
  private diagnostics: Diagnostic[] = [];
  private readonly groups = new Map<string, Group>();
  /** The related locations of grouped findings need the document's URI. */
  private uri: string | undefined = undefined;
  private options: DiagnosticsOptions = NO_OPTIONS;
  private settings: Settings = DEFAULT_SETTINGS;

  /** Empties the list for a document. */
  start(uri: string | undefined, options: DiagnosticsOptions, settings: Settings): this {
    this.busy = true;
    this.diagnostics = [];
    this.groups.clear();
    this.uri = uri;
    this.options = options;
    this.settings = settings;
    return this;
  }

  /** Lets go of the document's diagnostics, options and settings: the list outlives the call. */
  release(): void {
    this.start(undefined, NO_OPTIONS, DEFAULT_SETTINGS).busy = false;
  }

  /** The codes' own findings, in document order; false when the document has as many diagnostics as it may. */
  addCodes(codes: CodeTable, reports: ReportIndex): boolean {
    const { options, settings, groups } = this;
    const context = { reports };
    // A log's codes share a few findings arrays (FINDINGS keeps one per code and variant): the
    // reported finding and its group are worked out once for the last array seen, not for every code.
    let lastFound: readonly Finding[] | undefined;
    let lastSite = false;
    let lastFirst: Finding | undefined;
    let lastGroup: Group | undefined;
    // `shouldStop` is asked before every 4096 codes, in an outer loop: a check inside the loop that
    // first runs at the 4096th code would meet code V8 has already optimised without it.
    for (let from = 0; from < codes.length; from += STOP_CHECK_EVERY) {
      if (options.shouldStop?.()) return true;
      const to = Math.min(codes.length, from + STOP_CHECK_EVERY);
      for (let i = from; i < to; i++) {
        // Columns are read here, and an object is made only for a diagnostic: most codes get none.
        if (codes.contextOf(i) === 'bare') continue;
        const cls = codes.classOf(i);
        const subject = codes.subjectOf(i);
        const detail = codes.detailOf(i);
        // A vendor changes the findings of its own codes only (`vendor-specific`, not `unregistered`).
        const vendor = isVendorOwnCode(cls, subject, detail) ? vendorMeaning(codes, i, context) : undefined;
        const found = findingsOf(
          codes,
          i,
          vendor,
          vendor === undefined && !reports.isEmpty ? reportVendorOf(reports, codes, i) : undefined,
        );
        if (found.length === 0) continue;
        // Codes the user declared site-specific are known: only findings about their use remain.
        const site = siteCode(settings, cls, subject, detail) !== undefined;
        if (found !== lastFound || site !== lastSite) {
          lastFound = found;
          lastSite = site;
          lastFirst = firstReported(found, settings, site);
          lastGroup = undefined;
        }
        const first = lastFirst;
        if (first === undefined) continue;
        // A repeated finding in a log is counted, and its range made only while it is listed.
        const group = lastGroup ?? (options.groupRepeated ? groups.get(first.key) : undefined);
        if (group !== undefined) {
          lastGroup = group;
          if (this.counted(group)) this.alsoHere(group, rangeOf(codes, i));
          continue;
        }
        if (!this.add(first, rangeOf(codes, i))) return false;
      }
    }
    return true;
  }

  /** Findings of the structured rules (reports, payloads), merged with the codes' by position. */
  addStructured(structured: readonly ReportFinding[]): void {
    const before = this.diagnostics.length;
    for (const f of structured) {
      if (this.settings.severity[f.rule] === 'off') continue;
      const first: Finding = { rule: f.rule, message: f.message, key: `${f.rule}\n${f.message}`, href: f.href };
      const group = this.options.groupRepeated ? this.groups.get(first.key) : undefined;
      if (group !== undefined) {
        if (this.counted(group)) this.alsoHere(group, f.range);
      } else if (!this.add(first, f.range, f.related)) break;
    }
    if (this.diagnostics.length > before)
      this.diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  }

  /** The diagnostics, each grouped one saying how often its finding occurs. */
  finish(): Diagnostic[] {
    for (const { diagnostic, count } of this.groups.values()) {
      if (count > 1) diagnostic.message += ` (${count} times in this file)`;
    }
    return this.diagnostics;
  }

  /**
   * Counts one more occurrence of a group's finding; true when its location is to be listed (the
   * callers make the range only then).
   */
  private counted(group: Group): boolean {
    group.count++;
    return this.uri !== undefined && (group.related === undefined || group.related.length < MAX_RELATED);
  }

  /** Lists another location of a group's finding (the list is made with its first entry: no empty arrays to grow). */
  private alsoHere(group: Group, range: Range): void {
    const other = { location: { uri: this.uri!, range }, message: 'Also here' };
    if (group.related === undefined) group.related = group.diagnostic.relatedInformation = [other];
    else group.related.push(other);
  }

  /** Adds a new diagnostic; false when the document has as many as it may. */
  private add(first: Finding, range: Range, related?: { range: Range; message: string }): boolean {
    const { diagnostics, settings, uri } = this;
    if (diagnostics.length === settings.maxDiagnostics) return false;
    const rule = RULES[first.rule];
    const diagnostic: Diagnostic = {
      range,
      severity: SEVERITY[settings.severity[first.rule] as Exclude<SeveritySetting, 'off'>],
      code: rule.id,
      codeDescription: { href: first.href ?? rule.href },
      source: DIAGNOSTIC_SOURCE,
      message: first.message,
    };
    if (first.deprecated) diagnostic.tags = [DiagnosticTag.Deprecated];
    if (uri !== undefined && related !== undefined)
      diagnostic.relatedInformation = [{ location: { uri, range: related.range }, message: related.message }];
    if (this.options.groupRepeated) this.groups.set(first.key, { diagnostic, count: 1, related: diagnostic.relatedInformation });
    diagnostics.push(diagnostic);
    return true;
  }
}

const LIST = new DiagnosticList();

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

/** The findings of every code seen so far, shared by every document (they depend on the code alone). */
const FINDINGS = new FindingsCache<readonly Finding[]>();

/**
 * The vendor of a code IANA does not register and no vendor documents, when it stands in a
 * vendor's report (Exchange Online's 5.1.351 in its own NDR): its findings say so.
 */
function reportVendorOf(reports: ReportIndex, codes: CodeTable, i: number): Vendor | undefined {
  if (reports.isEmpty || lookupCode(codes.subjectOf(i), codes.detailOf(i)) !== undefined) return undefined;
  const id = reports.vendorAt(codes.lineOf(i));
  return id === undefined ? undefined : vendorById(id);
}

/** Every rule the code breaks, strongest first (in the order of RULE_IDS). */
function findingsOf(codes: CodeTable, i: number, vendor: VendorMeaning | undefined, reportVendor: Vendor | undefined): readonly Finding[] {
  const code = (codes.classOf(i) * 10_000 + codes.subjectOf(i)) * 10_000 + codes.detailOf(i);
  const variant = (codes.problemNumberOf(i) * 1000 + codes.replyCodeOf(i)) * 10 + (codes.actionOf(i)?.class ?? 0);
  // Keyed by the vendor's meaning (one object per vendor code, definite or probable) or, for a code
  // no vendor documents, by the vendor whose report it stands in: never shared between vendors.
  const key = vendor ?? reportVendor;
  let own = FINDINGS.find(key, code, variant);
  if (own === undefined) {
    own = codeFindings(codes.get(i), vendor, reportVendor);
    FINDINGS.remember(key, code, variant, own);
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
      `Reply code ${reply} differs from ${previousReply} on the line before; every line of a multi-line reply has the same reply code (${rfcCitation(5321, '4.2.1')}).`,
    );
  }
  // Numbers compared first: the texts are made only for the message, or for a malformed code, whose text is its own.
  const same =
    codes.classOf(i) === codes.classOf(previous) &&
    codes.subjectOf(i) === codes.subjectOf(previous) &&
    codes.detailOf(i) === codes.detailOf(previous) &&
    ((codes.problemOf(i) === undefined && codes.problemOf(previous) === undefined) || codes.textOf(i) === codes.textOf(previous));
  if (!same) {
    const text = codes.textOf(i);
    const previousText = codes.textOf(previous);
    return finding(
      'multiline-inconsistent',
      `${text} differs from ${previousText} on the line before; every line of a multi-line reply carries the same code (${rfcCitation(2034, '4')}).`,
    );
  }
  return undefined;
}

/** The rules a code breaks by itself, with its reply code or action. */
function codeFindings(match: CodeMatch, vendor: VendorMeaning | undefined, reportVendor: Vendor | undefined): readonly Finding[] {
  const text = match.text;
  if (match.problem !== undefined) {
    return [
      finding('invalid-syntax', `${text} is not a valid enhanced status code: ${PROBLEM_TEXT[match.problem]} (${rfcCitation(3463, '2')}).`),
    ];
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
  if (reply !== undefined && replyClass(reply) === 3) {
    found.push(
      finding(
        'code-on-intermediate-reply',
        `${reply} is an intermediate reply; 3xx replies carry no enhanced status code (${rfcCitation(2034, '4')}).`,
      ),
    );
  } else if (reply !== undefined && replyClass(reply) !== match.class) {
    const want = replyClass(reply);
    found.push(
      finding(
        'class-mismatch',
        `Class ${match.class} of ${text} disagrees with reply code ${reply}: a ${want}xx reply carries a ${want}.X.X code (${rfcCitation(2034, '4')}).`,
      ),
    );
  }
  const entry = lookupCode(match.subject, match.detail);
  if (entry === undefined && vendor !== undefined) {
    const { vendor: v, code } = vendor;
    found.push(
      finding(
        'vendor-specific',
        vendor.probable
          ? `${text} is not in the IANA registry: probably ${v.name}'s own code (${code.title}), the only vendor that documents it.`
          : `${text} is ${v.name}'s own code (${code.title}), not one in the IANA registry.`,
        false,
        vendorCodeSource(v, code),
      ),
    );
  } else if (lookupSubject(match.subject) === undefined) {
    found.push(finding('unknown-subject', `${text}: the registry defines no subject ${match.subject}.`));
  } else if (entry === undefined) {
    const whose =
      reportVendor === undefined ? '' : ` It stands in a report of ${reportVendor.name}, whose documentation does not list it either.`;
    found.push(finding('unregistered', `${text} is not in the IANA registry of enhanced status codes.${whose}`));
  } else if (entry.status === 'deprecated') {
    const instead = entry.replacedBy ? `; use ${withClass(entry.replacedBy, match.class)} instead` : '';
    found.push(finding('deprecated', `${text} is deprecated${instead}.`, true));
  }
  return found.length === 0 ? NONE : found;
}
