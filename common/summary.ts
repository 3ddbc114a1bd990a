import type { VendorId } from './vendors';

/**
 * What a whole log holds: counts per code, class and vendor, unregistered codes, failures per
 * hour. The server builds it; the client's summary page and the CLI render it. Plain JSON, since
 * it crosses the connection.
 */
export interface Summary {
  /** Lines read and codes found (every context). */
  lines: number;
  codes: number;
  byClass: Record<'2' | '4' | '5', number>;
  /** Per code as written, most frequent first, with the first lines it occurs on (0-based). */
  byCode: CodeCount[];
  /** Codes whose lines carry a vendor's markers, per vendor. */
  byVendor: Partial<Record<VendorId, number>>;
  /** Codes neither the registry nor a vendor knows, most frequent first. */
  topUnregistered: { code: string; count: number }[];
  /**
   * Failing lines per hour (`2026-11-22 10:00`, or `Nov 22 10:00` for syslog lines without a
   * year): a line counts once, as permanent when it holds a 5.X.X code, else transient for a 4.X.X
   * (`dsn=5.1.1` and `said: 550 5.1.1` are one failed delivery, not two).
   */
  perHour: { hour: string; transient: number; permanent: number }[];
  /** Failing lines that had no timestamp the summary could read. */
  untimed: number;
}

export interface CodeCount {
  code: string;
  count: number;
  status: 'registered' | 'deprecated' | 'unregistered' | 'unknown-subject' | 'invalid' | 'vendor';
  title?: string;
  /** The first lines it occurs on (at most `MAX_LINES_PER_CODE`). */
  lines: number[];
  /** It occurs on more lines than `lines` lists. */
  moreLines?: true;
}

export const MAX_LINES_PER_CODE = 200;
