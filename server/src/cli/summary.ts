import { oldestFirst } from '../files/rotation';
import { TimelineSummary } from '../node/summarizeFile';
import { EXIT, oneOf, parseCommandLine, UsageError } from './args';
import { forEachInput } from './documents';
import type { Source } from './files';
import { formatSummaryJson, formatSummaryMarkdown, formatSummaryText, type SummaryReport } from './formats/summary';
import { collectOptions, INPUT_HELP, INPUT_OPTIONS } from './inputs';
import { isMailLog } from './languages';
import type { Io } from './io';

export const SUMMARY_HELP = `Usage: smtp-status summary [options] <file|directory|glob|->...

Summarises mail logs as one timeline (rotated logs oldest first: mail.log.2.gz, mail.log.1,
mail.log; a directory gives its mail logs: mail.log*, maillog*, Exim's mainlog*): what happened
to the mail, from the MTA's own fields (Postfix status= and reject:,
Exim =>, ==, **, Sendmail stat=, OpenSMTPD result=), the codes with their registry titles and
vendors, unregistered codes, and failures per hour. Postfix totals agree with pflogsumm's.

Options:
  --format FORMAT   text (default; with a bar chart of failures per hour), json, markdown
  --top N           codes listed in text and markdown (default 20; json lists all)
  -h, --help        show this help

${INPUT_HELP}

Exit codes: 0 summarised, 2 usage error or an input that could not be read (the summary of
the others is still printed).
`;

const OPTIONS = {
  format: { type: 'string' },
  top: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...INPUT_OPTIONS,
} as const;

const FORMATS = { text: formatSummaryText, json: formatSummaryJson, markdown: formatSummaryMarkdown } as const;
type Format = keyof typeof FORMATS;

export async function summary(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS, SUMMARY_HELP);
  if (values.help) {
    io.out(SUMMARY_HELP);
    return EXIT.clean;
  }
  const format: Format = oneOf(values.format, Object.keys(FORMATS) as Format[], 'text', '--format', SUMMARY_HELP);
  const top = values.top === undefined ? 20 : Number(values.top);
  if (!Number.isInteger(top) || top < 0) throw new UsageError(`--top must be a whole number (got '${values.top}')`, SUMMARY_HELP);
  const options = { ...collectOptions(positionals, values, io, SUMMARY_HELP), takeInWalk: isMailLog };

  const timeline = new TimelineSummary();
  const outcome = await forEachInput(
    positionals,
    options,
    io,
    'summary',
    (source, bytes) => timeline.add(source.display, bytes, { encoding: options.encoding }),
    { order: (sources: readonly Source[]) => oldestFirst(sources, (source) => source.display) },
  );
  const report: SummaryReport = { summary: timeline.build(), problems: outcome.problems, top };
  io.out(FORMATS[format](report));
  return outcome.problems.length > 0 ? EXIT.error : EXIT.clean;
}
