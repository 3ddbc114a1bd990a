// The `smtp-status` command line: picks the command, runs it, sets the exit code.
import { CliError, EXIT, UsageError } from './args';
import { check } from './check';
import { codes } from './codes';
import { explain } from './explain';
import { processIo, type Io } from './io';
import { summary } from './summary';
import { trace } from './trace';
import { VERSION } from './version';

const HELP = `Usage: smtp-status <command> [options]

Commands:
  check <inputs...>    report SMTP status codes that break a rule (text, json, sarif, github)
  explain <code>       explain 5.7.1, X.7.1, 550 or "550 5.7.1" from the IANA registry and RFCs
  codes <inputs...>    list every status code found, with its context and registry status
  summary <inputs...>  summarise mail logs: outcomes, codes, failures per hour (text, json, markdown)
  trace <ID|--code CODE|--failures> <inputs...>
                       print every line of the messages asked for, grouped by message,
                       following content-filter hops and bounces (Postfix, Exim, Sendmail, OpenSMTPD)

Options:
  -h, --help           show help (smtp-status <command> --help for a command's options)
  -v, --version        show the version
`;

const COMMANDS = new Map<string, (args: string[], io: Io) => Promise<number>>([
  ['check', check],
  ['explain', explain],
  ['codes', codes],
  ['summary', summary],
  ['trace', trace],
]);

async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  try {
    if (name === '--version' || name === '-v') {
      io.out(`${VERSION}\n`);
      return EXIT.clean;
    }
    if (name === '--help' || name === '-h' || (name === 'help' && args.length === 0)) {
      io.out(HELP);
      return EXIT.clean;
    }
    // `smtp-status help check` is `smtp-status check --help`.
    const [commandName, commandArgs] = name === 'help' ? [args[0], ['--help']] : [name, args];
    const command = commandName === undefined ? undefined : COMMANDS.get(commandName);
    if (command === undefined)
      throw new UsageError(commandName === undefined ? 'no command given' : `unknown command '${commandName}'`, HELP);
    return await command(commandArgs, io);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.err(`smtp-status: ${error.message}\n`);
    if (error instanceof UsageError) {
      const more = error.usage === HELP ? 'smtp-status --help' : `smtp-status ${name} --help`;
      io.err(`${error.usage.split('\n')[0]}\nRun '${more}' for more.\n`);
    }
    return EXIT.error;
  }
}

// A reader that closes the pipe early (`smtp-status codes x | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.clean);
  throw error;
});

main(process.argv.slice(2), processIo()).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`smtp-status: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT.error;
  },
);
