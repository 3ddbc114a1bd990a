import { resolve } from 'node:path';
import { analyze, computeDiagnostics, type Settings } from '../service';
import { CliError, EXIT, oneOf, parseCommandLine } from './args';
import { cliSettings, ConfigError, loadConfig } from './config';
import { visitSources } from './documents';
import { atOrAbove, SEVERITIES, toFindings, type CheckReport, type Finding } from './findings';
import { formatGithub } from './formats/github';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';
import { collectOptions, INPUT_HELP, INPUT_OPTIONS } from './inputs';
import type { Io } from './io';

const FORMATS = { text: formatText, json: formatJson, sarif: formatSarif, github: formatGithub } as const;
type Format = keyof typeof FORMATS;

export const CHECK_HELP = `Usage: smtp-status check [options] <file|directory|glob|->...

Reports SMTP status codes that break a rule (class-mismatch, invalid-syntax, unregistered,
deprecated, ...): the diagnostics the editor shows, for CI and review.

Options:
  --format FORMAT      text (default), json, sarif (SARIF 2.1.0), github (Actions annotations)
  --severity LEVEL     report findings at or above LEVEL: error, warning, information,
                       hint (default: hint, everything that is not off)
  --config FILE        JSON file with smtpStatus settings, as VS Code's settings.json
                       ("smtpStatus.severity.class-mismatch": "off") or nested
                       ({ "smtpStatus": { "severity": { "class-mismatch": "off" } } })
  -h, --help           show this help

${INPUT_HELP}

Exit codes: 0 no findings, 1 findings at or above the threshold, 2 usage error or an input
that could not be read (all other inputs are still checked and reported).
`;

const OPTIONS = {
  format: { type: 'string' },
  severity: { type: 'string' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...INPUT_OPTIONS,
} as const;

export async function check(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS, CHECK_HELP);
  if (values.help) {
    io.out(CHECK_HELP);
    return EXIT.clean;
  }
  const format: Format = oneOf(values.format, Object.keys(FORMATS) as Format[], 'text', '--format', CHECK_HELP);
  const threshold = oneOf(values.severity, SEVERITIES, 'hint', '--severity', CHECK_HELP);
  const options = collectOptions(positionals, values, io, CHECK_HELP);
  const settings = readConfig(values.config, io);

  const keep = atOrAbove(threshold);
  const findings: Finding[] = [];
  const outcome = await visitSources(positionals, options, io, 'check', ({ source, text }) => {
    const document = { languageId: source.languageId, uri: source.uri, getText: () => text };
    const diagnostics = computeDiagnostics(analyze(document), document, {}, settings);
    if (diagnostics.length === settings.maxDiagnostics && settings.maxDiagnostics > 0) {
      io.err(`smtp-status: ${source.display}: stopped after ${diagnostics.length} findings (smtpStatus.maxDiagnostics)\n`);
    }
    // One at a time: spreading a big log's findings into push() would overflow the stack.
    for (const finding of toFindings(source, diagnostics)) if (keep(finding)) findings.push(finding);
  });

  const report: CheckReport = {
    findings,
    checked: outcome.checked,
    problems: outcome.problems,
    notes: outcome.notes,
    settings,
    cwd: io.cwd,
  };
  io.out(FORMATS[format](report));
  if (outcome.problems.length > 0) return EXIT.error;
  return findings.length > 0 ? EXIT.findings : EXIT.clean;
}

function readConfig(file: string | undefined, io: Io): Settings {
  if (file === undefined) return cliSettings();
  try {
    return loadConfig(resolve(io.cwd, file));
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(`--config ${file}: ${error.message}`);
    throw error;
  }
}
