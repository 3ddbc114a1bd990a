import { lookupCode } from '../registry';
import type { CodeMatch } from '../scan';
import { analyze } from '../service';
import { EXIT, oneOf, parseCommandLine } from './args';
import { visitSources } from './documents';
import type { Source } from './files';
import { plural } from './findings';
import { collectOptions, INPUT_HELP, INPUT_OPTIONS } from './inputs';
import type { Io } from './io';
import { REGISTRY_STATUSES, registryStatus, type RegistryStatus } from '../service';

export const CODES_HELP = `Usage: smtp-status codes [options] <file|directory|glob|->...

Lists every status code the recognizer finds, diagnosed or not, so recognition can be
audited: where it is, the text, the reply code it belongs to, the context it was found in
(reply, dsn-field, string, bare) and where it stands in the IANA registry (registered,
deprecated, historical, unregistered, unknown-subject, invalid).

Options:
  --format FORMAT   text (default) or json
  -h, --help        show this help

${INPUT_HELP}

Exit codes: 0 listed, 2 usage error or an input that could not be read.
`;

const OPTIONS = {
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...INPUT_OPTIONS,
} as const;

/** One recognised code. Lines and columns are 1-based, columns in UTF-16 code units, the end exclusive. */
export interface CodeRow {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
  context: CodeMatch['context'];
  replyCode: number | null;
  status: RegistryStatus;
  /** The registry's title for a registered, deprecated or historical code. */
  title: string | null;
}

export async function codes(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS, CODES_HELP);
  if (values.help) {
    io.out(CODES_HELP);
    return EXIT.clean;
  }
  const format = oneOf(values.format, ['text', 'json'] as const, 'text', '--format', CODES_HELP);
  const options = collectOptions(positionals, values, io, CODES_HELP);

  const rows: CodeRow[] = [];
  const outcome = await visitSources(positionals, options, io, 'codes', ({ source, text }) => {
    const analysis = analyze({ languageId: source.languageId, uri: source.uri, getText: () => text });
    for (const match of analysis.codes) rows.push(codeRow(source, match));
  });
  io.out(format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : formatCodesText(rows, outcome.checked));
  return outcome.problems.length > 0 ? EXIT.error : EXIT.clean;
}

export function codeRow(source: Source, match: CodeMatch): CodeRow {
  const status = registryStatus(match.subject, match.detail, match.problem);
  const entry = status === 'invalid' ? undefined : lookupCode(match.subject, match.detail);
  return {
    file: source.display,
    line: match.line + 1,
    column: match.start + 1,
    endLine: match.line + 1,
    endColumn: match.end + 1,
    text: match.text,
    context: match.context,
    replyCode: match.reply?.code ?? null,
    status,
    title: entry?.title || null,
  };
}

/** Aligned columns: `file:line:col-endcol  code  context [reply]  status  title`, then a count by status. */
export function formatCodesText(rows: readonly CodeRow[], checked: number): string {
  const cells = rows.map((r) => [
    `${r.file}:${r.line}:${r.column}-${r.endColumn}`,
    r.text,
    r.replyCode === null ? r.context : `${r.context} ${r.replyCode}`,
    r.status,
    r.title ?? '',
  ]);
  const widths = [0, 1, 2, 3].map((i) => cells.reduce((width, c) => Math.max(width, c[i].length), 0));
  const lines = cells.map((c) =>
    c
      .map((cell, i) => (i < 4 ? cell.padEnd(widths[i]) : cell))
      .join('  ')
      .trimEnd(),
  );
  const byStatus = REGISTRY_STATUSES.map((status) => [status, rows.filter((r) => r.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
  const files = new Set(rows.map((r) => r.file)).size;
  lines.push(
    rows.length === 0
      ? `No codes; ${plural(checked, 'file')} read.`
      : `${plural(rows.length, 'code')} (${byStatus}) in ${plural(files, 'file')}; ${plural(checked, 'file')} read.`,
  );
  return `${lines.join('\n')}\n`;
}
