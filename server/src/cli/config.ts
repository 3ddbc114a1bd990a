import { readFileSync } from 'node:fs';
import { readSettings, RULE_IDS, SEVERITY_SETTINGS, type Settings } from '../service';

/** A configuration file that cannot be used: reported with its name, exit code 2. */
export class ConfigError extends Error {}

const SEVERITY_VALUES: readonly string[] = SEVERITY_SETTINGS;
const SECTION = 'smtpStatus';
/** Settings of the VS Code client that mean nothing to the CLI; accepted so settings.json can be shared. */
const CLIENT_ONLY = new Set(['trace.server']);

/**
 * Settings for the command line: the editor's defaults, except that the number of findings per
 * file is not capped unless the file says so (a CI run should see every problem).
 */
export function cliSettings(raw: Record<string, unknown> = {}): Settings {
  return readSettings({ maxDiagnostics: Number.MAX_SAFE_INTEGER, ...raw });
}

/**
 * Reads the `smtpStatus` settings from a JSON file, in either shape:
 *  - VS Code's flat keys, as in `.vscode/settings.json` (which can be passed as it is: comments,
 *    trailing commas and other extensions' settings are allowed):
 *    `{ "smtpStatus.severity.class-mismatch": "off", "smtpStatus.maxDiagnostics": 100 }`
 *  - a nested section: `{ "smtpStatus": { "severity": { "class-mismatch": "off" } } }`.
 * An unknown `smtpStatus` setting or a bad value is an error, not a silent default: a typo in CI
 * configuration should not pass unnoticed.
 */
export function loadConfig(path: string): Settings {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new ConfigError(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a JSON file' : message);
  }
  return parseConfig(text);
}

export function parseConfig(text: string): Settings {
  let json: unknown;
  try {
    json = JSON.parse(stripJsonExtensions(text));
  } catch (error) {
    throw new ConfigError(`not valid JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ConfigError('must hold a JSON object');

  const flat = new Map<string, unknown>();
  for (const [key, value] of Object.entries(json)) {
    if (key === SECTION) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(`"${SECTION}" must be an object`);
      flatten(value as Record<string, unknown>, '', flat);
    } else if (key.startsWith(`${SECTION}.`)) {
      const name = key.slice(SECTION.length + 1);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) flatten(value as Record<string, unknown>, `${name}.`, flat);
      else flat.set(name, value);
    }
  }

  const raw: Record<string, unknown> = {};
  const severity: Record<string, unknown> = {};
  for (const [key, value] of flat) {
    const name = `${SECTION}.${key}`;
    if (key === 'enable') {
      if (typeof value !== 'boolean') throw new ConfigError(`${name} must be true or false`);
      raw.enable = value;
    } else if (key === 'maxDiagnostics') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
        throw new ConfigError(`${name} must be a whole number, 0 or more`);
      raw.maxDiagnostics = value;
    } else if (key.startsWith('severity.') && (RULE_IDS as readonly string[]).includes(key.slice('severity.'.length))) {
      if (typeof value !== 'string' || !SEVERITY_VALUES.includes(value)) {
        throw new ConfigError(`${name} must be one of ${SEVERITY_VALUES.join(', ')} (got ${JSON.stringify(value)})`);
      }
      severity[key.slice('severity.'.length)] = value;
    } else if (!CLIENT_ONLY.has(key)) {
      throw new ConfigError(
        `unknown setting ${name}; known: ${SECTION}.enable, ${SECTION}.maxDiagnostics, ${RULE_IDS.map((id) => `${SECTION}.severity.${id}`).join(', ')}`,
      );
    }
  }
  raw.severity = severity;
  return cliSettings(raw);
}

/** `{ severity: { x: 'off' } }` as `severity.x -> 'off'`; `{ trace: { server } }` likewise. */
function flatten(section: Record<string, unknown>, prefix: string, into: Map<string, unknown>): void {
  for (const [key, value] of Object.entries(section)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      flatten(value as Record<string, unknown>, `${prefix}${key}.`, into);
    else into.set(`${prefix}${key}`, value);
  }
}

/**
 * JSON with comments (`//`, `/* *\/`) and trailing commas, as VS Code's settings files allow, made
 * plain JSON. Removed characters become spaces so JSON.parse's positions still point into the file.
 */
export function stripJsonExtensions(text: string): string {
  const out = text.split('');
  let pendingComma = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      pendingComma = -1;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      for (; i < text.length && text[i] !== '\n' && text[i] !== '\r'; i++) out[i] = ' ';
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close === -1 ? text.length : close + 2;
      for (; i < end; i++) if (text[i] !== '\n' && text[i] !== '\r') out[i] = ' ';
      i--;
    } else if (c === ',') {
      pendingComma = i;
    } else if (c === '}' || c === ']') {
      if (pendingComma !== -1) out[pendingComma] = ' ';
      pendingComma = -1;
    } else if (!/\s/.test(c)) {
      pendingComma = -1;
    }
  }
  return out.join('');
}
