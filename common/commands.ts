/** The extension's command ids, as package.json contributes them (a test holds the two together). */
export const COMMANDS = {
  /** The summary of the active log, from the server's analysis. */
  summarize: 'smtpStatus.summarize',
  /** The summary of log files on disk, of any size (desktop only). */
  summarizeFile: 'smtpStatus.summarizeFile',
  /** Adds a code to `smtpStatus.siteCodes`; the quick fix for unregistered codes runs it. */
  addSiteCode: 'smtpStatus.addSiteCode',
  /** The lines of the message under the cursor and of the messages linked to it, in a read-only view. */
  showMessage: 'smtpStatus.showMessage',
  /** Every line with a 4xx or 5xx code (and, if asked, the rest of their messages), in a read-only view. */
  showFailures: 'smtpStatus.showFailures',
} as const;
