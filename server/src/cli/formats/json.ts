import type { CheckReport } from '../findings';

/**
 * An array of findings: file, line, column, endLine, endColumn (1-based; columns in UTF-16 code
 * units, the end exclusive, as in SARIF), severity, rule, message, href.
 */
export function formatJson(report: CheckReport): string {
  const findings = report.findings.map((f) => ({
    file: f.source.display,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    severity: f.severity,
    rule: f.rule,
    message: f.message,
    href: f.href,
  }));
  return `${JSON.stringify(findings, null, 2)}\n`;
}
