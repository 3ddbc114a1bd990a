/*
 * Calls of mail libraries that build an enhanced code without writing it: Haraka's haraka-dsn
 * helpers (`DSN.no_such_user()` replies 550 5.1.1) and Apache James's
 * `DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.ADDRESS_MAILBOX)` (5.1.1). The facts are the
 * libraries' (haraka-dsn's `index.js`, James's `DSNStatus.java`); read from one line of code.
 */

/** A haraka-dsn helper: the reply code it uses when the call passes none, and the code's subject and detail. */
interface Helper {
  readonly reply: number;
  readonly subject: number;
  readonly detail: number;
}

const helper = (reply: number, subject: number, detail: number): Helper => ({ reply, subject, detail });

/**
 * haraka-dsn's helpers, `DSN.<name>(message, code)`. The class is the reply code's first digit:
 * the code passed (when it starts with 2, 4 or 5), else the helper's own.
 */
export const HARAKA_HELPERS: ReadonlyMap<string, Helper> = new Map([
  ['unspecified', helper(450, 0, 0)],
  ['addr_unspecified', helper(450, 1, 0)],
  ['addr_bad_dest_mbox', helper(550, 1, 1)],
  ['no_such_user', helper(550, 1, 1)],
  ['addr_bad_dest_system', helper(550, 1, 2)],
  ['addr_bad_dest_syntax', helper(550, 1, 3)],
  ['addr_dest_ambigous', helper(450, 1, 4)],
  ['addr_rcpt_ok', helper(250, 1, 5)],
  ['addr_mbox_moved', helper(550, 1, 6)],
  ['addr_bad_from_syntax', helper(550, 1, 7)],
  ['addr_bad_from_system', helper(550, 1, 8)],
  ['addr_null_mx', helper(556, 1, 10)],
  ['mbox_unspecified', helper(450, 2, 0)],
  ['mbox_disabled', helper(550, 2, 1)],
  ['mbox_full', helper(450, 2, 2)],
  ['mbox_msg_too_long', helper(550, 2, 3)],
  ['mbox_list_expansion_problem', helper(450, 2, 4)],
  ['sys_unspecified', helper(450, 3, 0)],
  ['sys_disk_full', helper(450, 3, 1)],
  ['sys_not_accepting_mail', helper(450, 3, 2)],
  ['sys_not_supported', helper(450, 3, 3)],
  ['sys_msg_too_big', helper(550, 3, 4)],
  ['sys_incorrectly_configured', helper(450, 3, 5)],
  ['net_unspecified', helper(450, 4, 0)],
  ['net_no_answer', helper(450, 4, 1)],
  ['net_bad_connection', helper(450, 4, 2)],
  ['net_directory_server_failed', helper(450, 4, 3)],
  ['temp_resolver_failed', helper(450, 4, 3)],
  ['net_unable_to_route', helper(550, 4, 4)],
  ['net_system_congested', helper(450, 4, 5)],
  ['net_routing_loop', helper(550, 4, 6)],
  ['too_many_hops', helper(550, 4, 6)],
  ['net_delivery_time_expired', helper(550, 4, 7)],
  ['proto_unspecified', helper(450, 5, 0)],
  ['proto_invalid_command', helper(550, 5, 1)],
  ['proto_syntax_error', helper(550, 5, 2)],
  ['proto_too_many_rcpts', helper(450, 5, 3)],
  ['proto_invalid_cmd_args', helper(550, 5, 4)],
  ['proto_wrong_version', helper(450, 5, 5)],
  ['auth_exch_too_long', helper(500, 5, 6)],
  ['media_unspecified', helper(450, 6, 0)],
  ['media_unsupported', helper(550, 6, 1)],
  ['media_conv_prohibited', helper(550, 6, 2)],
  ['media_conv_unsupported', helper(450, 6, 3)],
  ['media_conv_lossy', helper(450, 6, 4)],
  ['media_conv_failed', helper(450, 6, 5)],
  ['sec_unspecified', helper(450, 7, 0)],
  ['sec_unauthorized', helper(550, 7, 1)],
  ['bad_sender_ip', helper(550, 7, 1)],
  ['relaying_denied', helper(550, 7, 1)],
  ['sec_list_expn_prohibited', helper(550, 7, 2)],
  ['sec_conv_failed', helper(550, 7, 3)],
  ['sec_feature_unsupported', helper(550, 7, 4)],
  ['sec_crypto_failure', helper(550, 7, 5)],
  ['sec_crypto_algo_unsupported', helper(450, 7, 6)],
  ['sec_msg_integrity_failure', helper(550, 7, 7)],
  ['auth_succeeded', helper(235, 7, 0)],
  ['auth_temp_fail', helper(454, 7, 0)],
  ['auth_required', helper(530, 7, 0)],
  ['auth_invalid', helper(535, 7, 8)],
  ['auth_too_weak', helper(534, 7, 9)],
  ['auth_crypt_required', helper(538, 7, 11)],
  ['auth_pass_transition_needed', helper(432, 7, 12)],
  ['sec_dkim_no_pass', helper(550, 7, 20)],
  ['sec_dkim_not_acceptable', helper(550, 7, 21)],
  ['sec_dkim_no_author_match', helper(550, 7, 22)],
  ['sec_spf_fail', helper(550, 7, 23)],
  ['sec_spf_error', helper(451, 7, 24)],
  ['sec_rdns_fail', helper(550, 7, 25)],
  ['sec_multi_auth_fail', helper(550, 7, 26)],
  ['sec_null_mx_sender', helper(550, 7, 27)],
]);

/** `DSN.create(code, message, subject, detail)`: any code; the reply code when none is given. */
const CREATE_DEFAULT_REPLY = 450;

/** Apache James's `DSNStatus` classes. */
const JAMES_CLASSES: Readonly<Record<string, number>> = { SUCCESS: 2, TRANSIENT: 4, PERMANENT: 5 };

/** Apache James's `DSNStatus` subject-and-detail constants: `ADDRESS_MAILBOX` is `1.1`. */
const JAMES_DETAILS: ReadonlyMap<string, readonly [subject: number, detail: number]> = new Map(
  Object.entries({
    UNDEFINED_STATUS: [0, 0],
    ADDRESS_OTHER: [1, 0],
    ADDRESS_MAILBOX: [1, 1],
    ADDRESS_SYSTEM: [1, 2],
    ADDRESS_SYNTAX: [1, 3],
    ADDRESS_AMBIGUOUS: [1, 4],
    ADDRESS_VALID: [1, 5],
    ADDRESS_MOVED: [1, 6],
    ADDRESS_SYNTAX_SENDER: [1, 7],
    ADDRESS_SYSTEM_SENDER: [1, 8],
    MAILBOX_OTHER: [2, 0],
    MAILBOX_DISABLED: [2, 1],
    MAILBOX_FULL: [2, 2],
    MAILBOX_MSG_TOO_BIG: [2, 3],
    MAILBOX_LIST_EXPANSION: [2, 4],
    SYSTEM_OTHER: [3, 0],
    SYSTEM_FULL: [3, 1],
    SYSTEM_NOT_ACCEPTING: [3, 2],
    SYSTEM_NOT_CAPABLE: [3, 3],
    SYSTEM_MSG_TOO_BIG: [3, 4],
    SYSTEM_CFG_ERROR: [3, 5],
    NETWORK_OTHER: [4, 0],
    NETWORK_NO_ANSWER: [4, 1],
    NETWORK_CONNECTION: [4, 2],
    NETWORK_DIR_SERVER: [4, 3],
    NETWORK_ROUTE: [4, 4],
    NETWORK_CONGESTION: [4, 5],
    NETWORK_LOOP: [4, 6],
    NETWORK_EXPIRED: [4, 7],
    DELIVERY_OTHER: [5, 0],
    DELIVERY_INVALID_CMD: [5, 1],
    DELIVERY_SYNTAX: [5, 2],
    DELIVERY_TOO_MANY_REC: [5, 3],
    DELIVERY_INVALID_ARG: [5, 4],
    DELIVERY_VERSION: [5, 5],
    CONTENT_OTHER: [6, 0],
    CONTENT_UNSUPPORTED: [6, 1],
    CONTENT_CONVERSION_NOT_ALLOWED: [6, 2],
    CONTENT_CONVERSION_NOT_SUPPORTED: [6, 3],
    CONTENT_CONVERSION_LOSS: [6, 4],
    CONTENT_CONVERSION_FAILED: [6, 5],
    SECURITY_OTHER: [7, 0],
    SECURITY_AUTH: [7, 1],
    SECURITY_LIST_EXP: [7, 2],
    SECURITY_CONVERSION: [7, 3],
    SECURITY_UNSUPPORTED: [7, 4],
    SECURITY_CRYPT_FAIL: [7, 5],
    SECURITY_CRYPT_ALGO: [7, 6],
    SECURITY_INTEGRITY: [7, 7],
  }) as [string, readonly [number, number]][],
);

/** The libraries, as hovers name them. */
export type Library = 'haraka-dsn' | 'Apache James';

/** What a call builds. Columns are offsets in the text it was read from. */
export interface LibraryCall {
  readonly library: Library;
  /** As written: `DSN.no_such_user`, `DSNStatus.getStatus`. */
  readonly callee: string;
  /** The called name, which the code's range covers (`no_such_user`, `getStatus`). */
  readonly nameStart: number;
  readonly nameEnd: number;
  /** After the closing parenthesis, or the name's end when the call does not close on its line. */
  readonly end: number;
  readonly cls: number;
  readonly subject: number;
  readonly detail: number;
  /** The reply code the call answers with (haraka-dsn), or 0. */
  readonly reply: number;
  /** haraka-dsn: the reply code is the helper's own, not one the call passes. */
  readonly defaultReply: boolean;
}

/** `DSN.name` and `DSNStatus.getStatus`; the constants' names are read after the parenthesis. */
const CALLEE = /\b(DSN|DSNStatus)\.([A-Za-z_]{1,40})(?![\w$])/g;

/** James's arguments: `(DSNStatus.PERMANENT, DSNStatus.ADDRESS_MAILBOX)`; static imports leave out `DSNStatus.`. */
const JAMES_ARGUMENTS = /\([ \t]*(?:DSNStatus\.)?([A-Z]{1,12})[ \t]*,[ \t]*(?:DSNStatus\.)?([A-Z_]{1,40})[ \t]*\)/y;

/** The library calls in `segment`, the code (outside strings and comments) at `from`, on a line that ends at `lineEnd`. */
export function libraryCalls(text: string, segment: string, from: number, lineEnd: number): LibraryCall[] {
  const found: LibraryCall[] = [];
  if (!segment.includes('DSN')) return found;
  CALLEE.lastIndex = 0;
  for (let m = CALLEE.exec(segment); m !== null; m = CALLEE.exec(segment)) {
    const nameStart = from + m.index + m[1].length + 1;
    const call = readCall(text, m[1], m[2], nameStart, lineEnd);
    if (call !== undefined) found.push(call);
  }
  return found;
}

/** The call whose name starts at `nameStart` on a line of code (for a hover or a hint on a code the scan found). */
export function libraryCallAt(line: string, nameStart: number): LibraryCall | undefined {
  CALLEE.lastIndex = 0;
  for (let m = CALLEE.exec(line); m !== null; m = CALLEE.exec(line)) {
    const start = m.index + m[1].length + 1;
    if (start === nameStart) return readCall(line, m[1], m[2], start, line.length);
    if (start > nameStart) break;
  }
  return undefined;
}

function readCall(text: string, object: string, name: string, nameStart: number, lineEnd: number): LibraryCall | undefined {
  const nameEnd = nameStart + name.length;
  let open = nameEnd;
  while (open < lineEnd && (text.charCodeAt(open) === 32 || text.charCodeAt(open) === 9)) open++;
  if (text.charCodeAt(open) !== 40 /* ( */) return undefined;
  const args = callArguments(text, open, lineEnd);
  const end = args?.end ?? nameEnd;
  const callee = `${object}.${name}`;
  if (object === 'DSNStatus') {
    if (name !== 'getStatus') return undefined;
    JAMES_ARGUMENTS.lastIndex = open;
    const m = JAMES_ARGUMENTS.exec(text);
    const cls = m === null ? undefined : JAMES_CLASSES[m[1]];
    const parts = m === null ? undefined : JAMES_DETAILS.get(m[2]);
    if (cls === undefined || parts === undefined) return undefined;
    return {
      library: 'Apache James',
      callee,
      nameStart,
      nameEnd,
      end,
      cls,
      subject: parts[0],
      detail: parts[1],
      reply: 0,
      defaultReply: false,
    };
  }
  if (name === 'create') {
    // DSN.create(code, message, subject, detail): the numbers must be written in the call.
    const subject = numberArgument(text, args?.list[2]);
    const detail = numberArgument(text, args?.list[3]);
    if (subject === undefined || detail === undefined) return undefined;
    return harakaCall(callee, nameStart, nameEnd, end, subject, detail, replyArgument(text, args?.list[0]), CREATE_DEFAULT_REPLY);
  }
  const known = HARAKA_HELPERS.get(name);
  if (known === undefined) return undefined;
  return harakaCall(callee, nameStart, nameEnd, end, known.subject, known.detail, replyArgument(text, args?.list[1]), known.reply);
}

/** A haraka-dsn call: the class is the first digit of the reply code the call passes, else of the default. */
function harakaCall(
  callee: string,
  nameStart: number,
  nameEnd: number,
  end: number,
  subject: number,
  detail: number,
  given: number | undefined,
  defaultReply: number,
): LibraryCall {
  const reply = given ?? defaultReply;
  return {
    library: 'haraka-dsn',
    callee,
    nameStart,
    nameEnd,
    end,
    cls: Math.floor(reply / 100),
    subject,
    detail,
    reply,
    defaultReply: given === undefined,
  };
}

/** How far a call's arguments are read: a call longer than that on one line builds its default code. */
const MAX_CALL_LENGTH = 400;

/**
 * The top-level arguments of the call whose `(` is at `open`, as offsets, and where the call ends;
 * undefined when it does not close on the line. Strings are skipped, nested brackets counted.
 */
function callArguments(text: string, open: number, lineEnd: number): { list: [number, number][]; end: number } | undefined {
  const list: [number, number][] = [];
  let depth = 0;
  let start = open + 1;
  // Bounded, so that a line of unclosed calls is not read to its end once per call.
  const limit = Math.min(lineEnd, open + MAX_CALL_LENGTH);
  for (let i = open + 1; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39 || c === 96 /* " ' ` */) {
      i++;
      while (i < limit && text.charCodeAt(i) !== c) i += text.charCodeAt(i) === 92 /* \ */ ? 2 : 1;
    } else if (c === 40 || c === 91 || c === 123) depth++;
    else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
    else if (c === 44 /* , */ && depth === 0) {
      list.push([start, i]);
      start = i + 1;
    } else if (c === 41 /* ) */) {
      if (i > start || list.length > 0) list.push([start, i]);
      return { list, end: i + 1 };
    }
  }
  return undefined;
}

/** An argument that is a reply code haraka-dsn takes (it starts with 2, 4 or 5): `550`, `'550'`. */
function replyArgument(text: string, range: [number, number] | undefined): number | undefined {
  const value =
    range === undefined
      ? ''
      : text
          .slice(range[0], range[1])
          .trim()
          .replace(/^(["'`])(\d{3})\1$/, '$2');
  return /^[245]\d\d$/.test(value) ? Number(value) : undefined;
}

/** An argument that is a small number: `1`, `10`. */
function numberArgument(text: string, range: [number, number] | undefined): number | undefined {
  const value = range === undefined ? '' : text.slice(range[0], range[1]).trim();
  return /^\d{1,3}$/.test(value) ? Number(value) : undefined;
}
