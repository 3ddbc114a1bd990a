import type { CheckReport, Severity } from '../findings';

/** GitHub has three annotation levels; information and hints both become notices. */
const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/**
 * GitHub Actions workflow commands, one annotation a finding:
 * `::error file=F,line=L,col=C,endColumn=E,title=T::message`. Paths are relative to the working
 * directory, which in a workflow is the checkout (GITHUB_WORKSPACE).
 */
export function formatGithub(report: CheckReport): string {
  return report.findings
    .map((f) => {
      const properties = [
        ...(f.source.path === undefined ? [] : [`file=${escapeProperty(f.source.display)}`]),
        `line=${f.line}`,
        `col=${f.column}`,
        `endColumn=${f.endColumn}`,
        `title=${escapeProperty(`smtp-status ${f.rule}`)}`,
      ];
      return `::${COMMAND[f.severity]} ${properties.join(',')}::${escapeData(`${f.message} (${f.rule}: ${f.href})`)}\n`;
    })
    .join('');
}

/** The runner reads `%`, CR and LF in a message as escapes and line ends. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** In a property `:` and `,` also end the value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
