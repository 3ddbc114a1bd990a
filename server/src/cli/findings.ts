import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { RULES, type RuleId, type Settings } from '../service';
import type { InputNote } from './documents';
import type { InputProblem, Source } from './files';

export const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;
export type Severity = (typeof SEVERITIES)[number];

const SEVERITY_NAME: Record<DiagnosticSeverity, Severity> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

/** One diagnostic of the service, placed in its file. Lines and columns are 1-based; columns count UTF-16 code units, as LSP and VS Code do. */
export interface Finding {
  source: Source;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  rule: RuleId;
  message: string;
  href: string;
}

/** What `check` hands to an output format. */
export interface CheckReport {
  findings: Finding[];
  /** Texts read and checked. */
  checked: number;
  /** Inputs that could not be checked (already reported on stderr). */
  problems: InputProblem[];
  /** Inputs checked with bytes that did not decode (already reported on stderr). */
  notes: InputNote[];
  settings: Settings;
  /** The working directory: paths and SARIF URIs are relative to it. */
  cwd: string;
}

export function toFindings(source: Source, diagnostics: readonly Diagnostic[]): Finding[] {
  return diagnostics.map((d) => {
    const rule = d.code as RuleId;
    return {
      source,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
      severity: SEVERITY_NAME[d.severity ?? DiagnosticSeverity.Error],
      rule,
      message: typeof d.message === 'string' ? d.message : d.message.value,
      href: d.codeDescription?.href ?? RULES[rule].href,
    };
  });
}

/** Whether a finding is at or above a severity threshold (`warning` keeps errors and warnings). */
export function atOrAbove(threshold: Severity): (finding: Finding) => boolean {
  const limit = SEVERITIES.indexOf(threshold);
  return (finding) => SEVERITIES.indexOf(finding.severity) <= limit;
}

/** `3 errors`, `1 warning`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
