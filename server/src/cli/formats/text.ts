import { plural, SEVERITIES, type CheckReport, type Severity } from '../findings';

/** `file:line:col: severity rule-id message`, one finding a line, then a summary line. */
export function formatText(report: CheckReport): string {
  const lines = report.findings.map((f) => `${f.source.display}:${f.line}:${f.column}: ${f.severity} ${f.rule} ${f.message}`);
  lines.push(summary(report));
  return `${lines.join('\n')}\n`;
}

const SEVERITY_WORDS: Record<Severity, [one: string, many: string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  information: ['information', 'information'],
  hint: ['hint', 'hints'],
};

function summary({ findings, checked, problems }: CheckReport): string {
  const files = plural(checked, 'file');
  let text: string;
  if (findings.length === 0) {
    text = `No problems in ${files} checked.`;
  } else {
    const bySeverity = SEVERITIES.map((severity) => {
      const count = findings.filter((f) => f.severity === severity).length;
      return count === 0 ? '' : `${count} ${SEVERITY_WORDS[severity][count === 1 ? 0 : 1]}`;
    }).filter(Boolean);
    const withFindings = new Set(findings.map((f) => f.source.display)).size;
    text = `${plural(findings.length, 'problem')} (${bySeverity.join(', ')}) in ${plural(withFindings, 'file')}; ${files} checked.`;
  }
  if (problems.length > 0) text += ` ${plural(problems.length, 'input')} could not be checked (see the messages above).`;
  return text;
}
