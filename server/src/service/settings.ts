import { RULE_IDS, RULES, type RuleId, type SeveritySetting } from './rules';

/** The `smtpStatus` settings section, as the service uses it (validated, defaults filled in). */
export interface Settings {
  enable: boolean;
  severity: Readonly<Record<RuleId, SeveritySetting>>;
  /** Most diagnostics reported for one document (big logs can hold thousands). */
  maxDiagnostics: number;
}

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'information', 'hint', 'off']);

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  enable: true,
  severity: Object.freeze(Object.fromEntries(RULE_IDS.map((id) => [id, RULES[id].defaultSeverity])) as Record<RuleId, SeveritySetting>),
  maxDiagnostics: 1000,
});

/**
 * Reads whatever the client sent for the `smtpStatus` section. Anything missing or malformed
 * falls back to its default, so a bad settings file never stops the server.
 */
export function readSettings(raw: unknown): Settings {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_SETTINGS;
  const section = raw as Record<string, unknown>;
  const severity = { ...DEFAULT_SETTINGS.severity };
  const given = section.severity;
  if (typeof given === 'object' && given !== null) {
    for (const id of RULE_IDS) {
      const value = (given as Record<string, unknown>)[id];
      if (typeof value === 'string' && SEVERITIES.has(value)) severity[id] = value as SeveritySetting;
    }
  }
  const max = section.maxDiagnostics;
  return {
    enable: typeof section.enable === 'boolean' ? section.enable : DEFAULT_SETTINGS.enable,
    severity,
    maxDiagnostics: typeof max === 'number' && Number.isInteger(max) && max >= 0 ? max : DEFAULT_SETTINGS.maxDiagnostics,
  };
}
