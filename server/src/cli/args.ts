import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Exit codes, as documented in docs/cli.md. */
export const EXIT = {
  clean: 0,
  /** `check` found something at or above the severity threshold. */
  findings: 1,
  /** Bad usage, or an input that could not be read (every other input is still processed). */
  error: 2,
} as const;

/** An error the user can act on (a bad configuration file, say): its message and exit code 2. */
export class CliError extends Error {}

/** Wrong command-line usage: reported with the command's usage line, exit code 2. */
export class UsageError extends CliError {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** `node:util` parseArgs in strict mode, its errors turned into usage errors. */
export function parseCommandLine<O extends Options>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message, usage);
  }
}

/** An option's value, checked against the values it takes. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, option: string, usage: string): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got '${value}')`, usage);
}
