import { pathToFileURL } from 'node:url';
import type { ArtifactLocation, ConfigurationOverride, Location, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { RULE_IDS, RULES, type SeveritySetting } from '../../service';
import { artifactUri, type Source } from '../files';
import type { CheckReport, Finding } from '../findings';
import { VERSION } from '../version';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** SARIF has no level between warning and note, so information and hints are both notes. */
const LEVEL: Record<Exclude<SeveritySetting, 'off'>, Result.level> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/**
 * A SARIF 2.1.0 log with one run: every rule of the service in the driver, one result per
 * finding, and the inputs that could not be checked as tool execution notifications. Paths are
 * relative to %SRCROOT%, the working directory, as code scanning expects paths relative to the
 * checkout; regions count columns in UTF-16 code units, as the service does.
 */
export function formatSarif(report: CheckReport): string {
  return `${JSON.stringify(sarifLog(report), null, 2)}\n`;
}

export function sarifLog(report: CheckReport): Log {
  const rules: ReportingDescriptor[] = RULE_IDS.map((id) => ({
    id,
    shortDescription: { text: RULES[id].summary },
    helpUri: RULES[id].href,
    defaultConfiguration: { level: LEVEL[RULES[id].defaultSeverity as Exclude<SeveritySetting, 'off'>] },
  }));
  const overrides: ConfigurationOverride[] = [];
  RULE_IDS.forEach((id, index) => {
    const setting = report.settings.enable ? report.settings.severity[id] : 'off';
    if (setting === RULES[id].defaultSeverity) return;
    overrides.push({ descriptor: { id, index }, configuration: setting === 'off' ? { enabled: false } : { level: LEVEL[setting] } });
  });
  const notification = (level: Notification.level, input: { display: string; path?: string; message: string }): Notification => ({
    level,
    message: { text: `${input.display}: ${input.message}` },
    ...(input.path === undefined ? {} : { locations: [{ physicalLocation: { artifactLocation: artifactUri(input.path, report.cwd) } }] }),
  });
  // Undecodable bytes are warnings: the file was still checked.
  const notifications = [...report.problems.map((p) => notification('error', p)), ...report.notes.map((n) => notification('warning', n))];

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'smtp-status', version: VERSION, semanticVersion: VERSION, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: directoryUri(report.cwd) } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: report.problems.length === 0,
            ...(overrides.length === 0 ? {} : { ruleConfigurationOverrides: overrides }),
            ...(notifications.length === 0 ? {} : { toolExecutionNotifications: notifications }),
          },
        ],
        results: report.findings.map((f) => result(f, report.cwd)),
      },
    ],
  };
}

function result(finding: Finding, cwd: string): Result {
  const location: Location = {
    physicalLocation: {
      artifactLocation: artifactLocation(finding.source, cwd),
      region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
    },
  };
  return {
    ruleId: finding.rule,
    ruleIndex: RULE_IDS.indexOf(finding.rule),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [location],
  };
}

/** Standard input has no URI; SARIF lets a location describe its artifact instead. */
function artifactLocation(source: Source, cwd: string): ArtifactLocation {
  return source.path === undefined ? { description: { text: 'standard input' } } : artifactUri(source.path, cwd);
}

/** A directory's file URI with the trailing slash SARIF requires of a base URI. */
function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
