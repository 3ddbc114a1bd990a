import type { Connection } from 'vscode-languageserver';
import { readSettings, type Settings } from '../service';

/**
 * The `smtpStatus` settings of each document: asked of the client once (`workspace/configuration`)
 * and forgotten when they change; for clients that cannot be asked, what `didChangeConfiguration`
 * pushed.
 */
export class DocumentSettings {
  private readonly cache = new Map<string, Promise<Settings>>();
  private pushed: unknown;
  /** Counts the changes: what was computed with the settings of an earlier generation is stale. */
  generation = 0;
  /** Set from the client's capabilities at initialize. */
  canAsk = false;

  constructor(private readonly connection: Connection) {}

  of(uri: string): Promise<Settings> {
    if (!this.canAsk) return Promise.resolve(readSettings(this.pushed));
    let settings = this.cache.get(uri);
    if (settings === undefined) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'smtpStatus' })
        .then(readSettings, () => readSettings(undefined));
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** `didChangeConfiguration`: what was pushed replaces what was known. */
  changed(settings: unknown): void {
    this.pushed = (settings as { smtpStatus?: unknown } | null)?.smtpStatus;
    this.cache.clear();
    this.generation++;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
