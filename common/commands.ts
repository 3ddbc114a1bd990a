/** The extension's command ids, as package.json contributes them (a test holds the two together). */
export const COMMANDS = {
  /** The summary of the active log, from the server's analysis. */
  summarize: 'smtpStatus.summarize',
  /** The summary of log files on disk, of any size (desktop only). */
  summarizeFile: 'smtpStatus.summarizeFile',
  /** Adds a code to `smtpStatus.siteCodes`; the quick fix for unregistered codes runs it. */
  addSiteCode: 'smtpStatus.addSiteCode',
} as const;
