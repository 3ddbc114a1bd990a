import { TextDocument } from 'vscode-languageserver-textdocument';
import { SITE_CODE_KEY } from '../../../common';
import { oldestFirst } from '../files/rotation';
import {
  analyze,
  failureLines,
  idDescription,
  idsOnLine,
  lineText,
  ownerOf,
  readStory,
  traceMessages,
  type LinkKind,
  type LogSource,
  type MessageStory,
  type TracedMessage,
} from '../service';
import { EXIT, parseCommandLine, oneOf, UsageError } from './args';
import { visitSources } from './documents';
import type { Source } from './files';
import { plural } from './findings';
import { collectOptions, INPUT_HELP, INPUT_OPTIONS } from './inputs';
import type { Io } from './io';

export const TRACE_HELP = `Usage: smtp-status trace [options] ID <file|directory|glob|->...
       smtp-status trace [options] --code CODE <file|directory|glob|->...
       smtp-status trace [options] --failures <file|directory|glob|->...

Prints every line of the messages asked for, grouped by message, and follows the links between
messages: the id a content filter or relay queued it again under, the notification (bounce) it
caused, the message a bounce is about. For Postfix, Exim, Sendmail and OpenSMTPD logs, as
Postfix's collate.pl and Exim's exigrep do for theirs. The inputs are read as one log: name
rotated files in any order, they are put oldest first (mail.log.2.gz, mail.log.1, mail.log).

  ID               a queue id (4Y3p2F4b2Pz3, 9C1F24A0B3), an Exim message id (1tJaBc-000AbC-1x),
                   a Sendmail queue id, an OpenSMTPD message, envelope or session id

Options:
  --code CODE      the messages with a line carrying CODE: 5.1.1, X.1.1 (any class) or a
                   reply code (550); may be given more than once
  --failures       the messages with a line carrying a 4xx or 5xx code
  --format FORMAT  text (default) or json
  -h, --help       show this help

${INPUT_HELP}

Exit codes: 0 messages printed, 1 none found, 2 usage error or an input that could not be read.
`;

const OPTIONS = {
  code: { type: 'string', multiple: true },
  failures: { type: 'boolean' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...INPUT_OPTIONS,
} as const;

/** One line of the output: where it is, 1-based, and its text. */
export interface TraceLine {
  file: string;
  line: number;
  text: string;
}

/** A message as `--format json` prints it (docs/cli.md). */
export interface TraceMessage {
  id: string;
  mta: TracedMessage['mta'];
  kind: 'message' | 'session';
  lines: TraceLine[];
  links: { id: string; kind: LinkKind }[];
  first: string | null;
  last: string | null;
  from: string | null;
  size: number | null;
  outcomes: {
    recipient: string;
    outcome: string;
    relay: string | null;
    delay: string | null;
    code: string | null;
    title: string | null;
    attempts: number;
    file: string;
    line: number;
  }[];
}

export interface TraceReport {
  messages: TraceMessage[];
  /** Lines that matched `--code` or `--failures` but belong to no message (Postfix's `NOQUEUE` refusals). */
  unqueued: TraceLine[];
}

/** What to trace: one id, or the messages whose lines match. */
type Selection = { id: string } | { matches: (log: LogSource) => number[] };

export async function trace(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS, TRACE_HELP);
  if (values.help) {
    io.out(TRACE_HELP);
    return EXIT.clean;
  }
  const format = oneOf(values.format, ['text', 'json'] as const, 'text', '--format', TRACE_HELP);
  const { selection, inputs } = selectionOf(values.code ?? [], values.failures === true, positionals);
  const options = collectOptions(inputs, values, io, TRACE_HELP);

  const logs: { source: Source; log: LogSource }[] = [];
  const outcome = await visitSources(inputs, options, io, 'trace', ({ source, text }) => {
    const document = TextDocument.create(source.uri ?? 'untitled:stdin', source.languageId, 1, text);
    logs.push({ source, log: { analysis: analyze(document), document } });
  });
  // Rotated logs oldest first, whatever order they were named or walked in.
  const ordered = oldestFirst(logs, (l) => l.source.display);
  const report = traceReport(
    ordered.map((l) => l.log),
    ordered.map((l) => l.source.display),
    selection,
  );
  io.out(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatTraceText(report));
  if (outcome.problems.length > 0) return EXIT.error;
  return report.messages.length > 0 || report.unqueued.length > 0 ? EXIT.clean : EXIT.findings;
}

function selectionOf(codes: string[], failures: boolean, positionals: string[]): { selection: Selection; inputs: string[] } {
  if (codes.length === 0 && !failures) {
    const [id, ...inputs] = positionals;
    if (id === undefined) throw new UsageError('name an id to trace, or give --code or --failures', TRACE_HELP);
    if (!/^[0-9A-Za-z][0-9A-Za-z-]{2,63}$/.test(id))
      throw new UsageError(`'${id}' is not a message id (letters, digits and dashes)`, TRACE_HELP);
    return { selection: { id }, inputs };
  }
  const tests = codes.map(codeTest);
  const matches = (log: LogSource): number[] => {
    if (failures && tests.length === 0) return failureLines(log.analysis, log.document, false).lines;
    const lines = new Set(failures ? failureLines(log.analysis, log.document, false).lines : []);
    const table = log.analysis.codes;
    for (let k = 0; k < table.length; k++) {
      if (table.contextOf(k) === 'bare' || table.problemOf(k) !== undefined) continue;
      if (tests.some((test) => test(table.classOf(k), table.subjectOf(k), table.detailOf(k), table.replyCodeOf(k))))
        lines.add(table.lineOf(k));
    }
    return [...lines].sort((a, b) => a - b);
  };
  return { selection: { matches }, inputs: positionals };
}

/** `5.1.1`, `X.1.1` (any class) or a reply code `550`, as a test of a code and its reply. */
function codeTest(code: string): (cls: number, subject: number, detail: number, reply: number) => boolean {
  if (/^[2-5][0-5]\d$/.test(code)) return (_c, _s, _d, reply) => reply === Number(code);
  if (!SITE_CODE_KEY.test(code)) throw new UsageError(`--code takes 5.1.1, X.1.1 or a reply code such as 550 (got '${code}')`, TRACE_HELP);
  const [cls, subject, detail] = code.toUpperCase().split('.');
  return (c, s, d) => (cls === 'X' || Number(cls) === c) && Number(subject) === s && Number(detail) === d;
}

/** The messages of a selection in logs read as one (in order), with the story of each. */
export function traceReport(logs: readonly LogSource[], files: readonly string[], selection: Selection): TraceReport {
  const start = new Set<string>();
  const unqueued: TraceLine[] = [];
  if ('id' in selection) start.add(selection.id);
  else {
    logs.forEach((log, source) => {
      for (const line of selection.matches(log)) {
        const text = lineText(log.document, line);
        const owner = ownerOf(idsOnLine(log.analysis.messages, line, text));
        if (owner === undefined) unqueued.push({ file: files[source], line: line + 1, text });
        else start.add(owner.id);
      }
    });
  }
  const messages = traceMessages(logs, start)
    .filter((m) => m.lines.length > 0)
    .map((m) => messageOf(readStory(m, logs), m, logs, files));
  return { messages, unqueued };
}

function messageOf(story: MessageStory, traced: TracedMessage, logs: readonly LogSource[], files: readonly string[]): TraceMessage {
  return {
    id: story.id,
    mta: story.mta,
    kind: story.session ? 'session' : 'message',
    lines: traced.lines.map(({ source, line }) => ({ file: files[source], line: line + 1, text: lineText(logs[source].document, line) })),
    links: [...traced.links].map(([id, kind]) => ({ id, kind })),
    first: story.first ?? null,
    last: story.last ?? null,
    from: story.from ?? null,
    size: story.size === undefined || !/^\d+$/.test(story.size) ? null : Number(story.size),
    outcomes: story.recipients.map((r) => ({
      recipient: r.address,
      outcome: r.outcome,
      relay: r.relay ?? null,
      delay: r.delay ?? null,
      code: r.code?.text ?? null,
      title: r.code?.title ?? null,
      attempts: r.attempts,
      file: files[r.source],
      line: r.line + 1,
    })),
  };
}

const outcomeText = (o: TraceMessage['outcomes'][number]) =>
  `${o.recipient} ${o.outcome}${o.code === null ? '' : ` ${o.code}`}${o.attempts > 1 ? ` after ${o.attempts} attempts` : ''}`;

const LINK_WORDS: Readonly<Record<LinkKind, string>> = {
  'queued-as': 'queued again as',
  'queued-from': 'queued again from',
  notification: 'caused notification',
  'notification-of': 'notification about',
  session: 'in session',
  message: 'carried',
};

/**
 * Each message: a `#` line that tells its story in short (what the id is, sender, each
 * recipient's outcome and code, links), then its lines as grep -Hn prints them, then a blank line.
 */
export function formatTraceText(report: TraceReport): string {
  const out: string[] = [];
  for (const m of report.messages) {
    const facts = [`${m.id} (${idDescription(m.mta, m.kind === 'session')}): ${plural(m.lines.length, 'line')}`];
    if (m.first !== null) facts.push(m.first === m.last ? m.first : `${m.first} to ${m.last}`);
    if (m.from !== null) facts.push(`from ${m.from}`);
    if (m.outcomes.length > 0) facts.push(m.outcomes.map(outcomeText).join(', '));
    for (const link of m.links) facts.push(`${LINK_WORDS[link.kind]} ${link.id}`);
    out.push(`# ${facts.join('; ')}`, ...m.lines.map((l) => `${l.file}:${l.line}:${l.text}`), '');
  }
  if (report.unqueued.length > 0) {
    out.push(`# without a queue id (refused before queueing, or not a line of a message): ${plural(report.unqueued.length, 'line')}`);
    out.push(...report.unqueued.map((l) => `${l.file}:${l.line}:${l.text}`), '');
  }
  if (out.length === 0) return 'No messages found.\n';
  return `${out.join('\n')}\n`;
}
