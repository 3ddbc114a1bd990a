import { SITE_CODE_KEY } from '../../../common';
import { RULE_IDS, RULES, SEVERITY_SETTINGS, type RuleId, type SeveritySetting } from './rules';

/** The `smtpStatus` settings section, as the service uses it (validated, defaults filled in). */
export interface Settings {
  enable: boolean;
  severity: Readonly<Record<RuleId, SeveritySetting>>;
  /** Most diagnostics reported for one document (big logs can hold thousands). */
  maxDiagnostics: number;
  /** Titles after codes (`5.2.2 ▸ Mailbox full`). */
  inlayHints: boolean;
  /** Codes this site uses on purpose, by `5.7.900` or `X.7.900`: explained on hover, never flagged as unregistered. */
  siteCodes: ReadonlyMap<string, SiteCode>;
}

/** A site-specific code as the user described it in `smtpStatus.siteCodes`. */
export interface SiteCode {
  title: string;
  description?: string;
}

/** The site code for a code, looked up as written with its class and then as `X.s.d`. */
export function siteCode(settings: Settings, cls: number, subject: number, detail: number): SiteCode | undefined {
  if (settings.siteCodes.size === 0) return undefined;
  return settings.siteCodes.get(`${cls}.${subject}.${detail}`) ?? settings.siteCodes.get(`X.${subject}.${detail}`);
}

const SEVERITIES: ReadonlySet<string> = new Set(SEVERITY_SETTINGS);

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  enable: true,
  severity: Object.freeze(Object.fromEntries(RULE_IDS.map((id) => [id, RULES[id].defaultSeverity])) as Record<RuleId, SeveritySetting>),
  maxDiagnostics: 1000,
  inlayHints: false,
  siteCodes: new Map(),
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
    inlayHints: (section.inlayHints as { enabled?: unknown } | undefined)?.enabled === true,
    siteCodes: readSiteCodes(section.siteCodes),
  };
}

/** `{ "5.7.900": "Title" }` or `{ "X.7.900": { "title": "...", "description": "..." } }`; bad entries are skipped. */
function readSiteCodes(raw: unknown): ReadonlyMap<string, SiteCode> {
  const codes = new Map<string, SiteCode>();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return codes;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const code = key.trim().replace(/^x/, 'X');
    if (!SITE_CODE_KEY.test(code)) continue;
    if (typeof value === 'string') codes.set(code, { title: value });
    else if (value === true) codes.set(code, { title: 'Site-specific code' });
    else if (typeof value === 'object' && value !== null) {
      const { title, description } = value as Record<string, unknown>;
      codes.set(code, {
        title: typeof title === 'string' && title.trim() !== '' ? title : 'Site-specific code',
        description: typeof description === 'string' ? description : undefined,
      });
    }
  }
  return codes;
}
