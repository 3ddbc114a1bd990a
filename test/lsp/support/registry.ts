import { readFileSync } from 'node:fs';
import { repoPath } from '../../support/paths';

/**
 * The enumerated codes of the vendored IANA XML, read here independently of the server's own
 * registry module so that completion is checked against the source data, not against itself.
 */
export interface RegistryCode {
  /** `1.1` for the registry's `X.1.1`. */
  subjectDetail: string;
  title: string;
}

export function registryCodes(): RegistryCode[] {
  const xml = readFileSync(repoPath('server', 'src', 'registry', 'data', 'smtp-enhanced-status-codes.xml'), 'utf8');
  const codes: RegistryCode[] = [];
  for (const [, record] of xml.matchAll(/<record\b[^>]*>([\s\S]*?)<\/record>/g)) {
    const code = /<code>X\.(\d+\.\d+)<\/code>/.exec(record!);
    if (!code) continue;
    const sample = /<sample>([\s\S]*?)<\/sample>/.exec(record!);
    codes.push({ subjectDetail: code[1]!, title: sample ? sample[1]!.replace(/\s+/g, ' ').trim() : '' });
  }
  return codes;
}

/** Every registered code of a class, e.g. `5.1.1`, in registry order. */
export function registeredCodesOfClass(cls: 2 | 4 | 5): string[] {
  return registryCodes().map((c) => `${cls}.${c.subjectDetail}`);
}
