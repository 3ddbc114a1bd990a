import type { VendorId } from '../registry/vendors';

/** Where a code was found; decides how much it is trusted (strongest first). */
export type CodeContext = 'reply' | 'dsn-field' | 'string' | 'bare';

/**
 * How a document is read. `log`: mail logs, transcripts, bounces (replies, DSN fields, bare codes).
 * `source`: source code, where only string literals are read and comments are skipped; the
 * language id picks the comment and string syntax (see `languages.ts`). `config`: MTA
 * configuration (Postfix access and checks maps, Sendmail access, Exim configure): `#` comment
 * lines are skipped and actions (`REJECT 5.7.1`, `ERROR:5.7.1:550`, `message = 550 5.7.1`) are read.
 */
export type ScanMode = 'log' | 'source' | 'config';

/** What is wrong with the syntax of a code (RFC 3463 section 2), if anything. */
export type SyntaxProblem = 'class' | 'leading-zero' | 'too-many-digits';

/** A three-digit SMTP reply code found before an enhanced code or at the start of a reply line. */
export interface ReplyMatch {
  /**
   * Columns on the line, UTF-16 code units, end exclusive; -1 when the reply code stands on an
   * earlier line (the `Code: 550` field above a go-smtp `EnhancedCode{...}`).
   */
  start: number;
  end: number;
  code: number;
  /** `550-...`: a continuation line of a multi-line reply. */
  continuation: boolean;
}

/** An enhanced status code (or something in a code position that fails to be one). */
export interface CodeMatch {
  /** Zero-based line of the document. */
  line: number;
  /** Columns on the line, UTF-16 code units, end exclusive. */
  start: number;
  end: number;
  /** The code as written, e.g. `5.1.1` or `5.01.1`. */
  text: string;
  /** Numeric sub-codes as written (`5.01.1` gives 5, 1, 1; see `problem`). */
  class: number;
  subject: number;
  detail: number;
  /** Set when the code breaks RFC 3463 syntax; such matches come only from reply, dsn-field and string contexts. */
  problem?: SyntaxProblem;
  context: CodeContext;
  /**
   * The reply code the code belongs to: `550` in `550 5.1.1`, or after it in Sendmail's
   * `ERROR:5.1.1:550`.
   */
  reply?: ReplyMatch;
  /** A configuration action that fixes the class: Postfix `REJECT` (5) or `DEFER` (4). */
  action?: ActionMatch;
  /**
   * The vendor whose markers stand on the code's line (`- gsmtp`, `protection.outlook.com`), for a
   * code that vendor documents; the service extends it over the other lines of a multi-line reply.
   */
  vendor?: VendorId;
  /**
   * Set when a library call builds the code rather than writing it (Haraka's `DSN.no_such_user()`,
   * James's `DSNStatus.getStatus(...)`): the range covers the called name.
   */
  call?: boolean;
}

/** A Postfix access or checks action before a code (`REJECT 5.7.1 text`). */
export interface ActionMatch {
  start: number;
  end: number;
  word: string;
  /** The class its replies have: 5 for REJECT, 4 for DEFER and its variants. */
  class: 4 | 5;
}
