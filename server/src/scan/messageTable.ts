import { LineRows } from './lineRows';

/**
 * What an id written on a line is to that line.
 * - `message`: the line is about this message (a queue id where the MTA writes it, OpenSMTPD's `msgid=`).
 * - `session`: the line is about this OpenSMTPD session, which may carry several messages.
 * - `envelope`: an OpenSMTPD envelope (`evpid=`), one recipient of the message its first eight
 *   hex digits name: the row's key is that message's.
 * - `queued-as`: the line's message was handed on and queued again under this id (`queued as ID`
 *   after a content filter or a relay, Exim's `id=` in the reply it logs).
 * - `queued-from`: the line's message is that queuing again of this id (Postfix's `orig_queue_id=`).
 * - `notification`: the line's message caused this notification (`sender non-delivery
 *   notification: ID`, Sendmail's `ID: NEWID: DSN:`).
 * - `parent`: the line's message is a notification about this id (Exim's `<= <> R=ID`).
 */
export type IdRole = 'message' | 'session' | 'envelope' | 'queued-as' | 'queued-from' | 'notification' | 'parent';

/** The MTA whose log format the id was read in. */
export type Mta = 'postfix' | 'exim' | 'sendmail' | 'opensmtpd';

export const ID_ROLES: readonly IdRole[] = ['message', 'session', 'envelope', 'queued-as', 'queued-from', 'notification', 'parent'];
export const MTAS: readonly Mta[] = ['postfix', 'exim', 'sendmail', 'opensmtpd'];
const ROLE_BITS: Readonly<Record<IdRole, number>> = Object.fromEntries(ID_ROLES.map((role, bits) => [role, bits])) as Record<
  IdRole,
  number
>;
const MTA_BITS: Readonly<Record<Mta, number>> = Object.fromEntries(MTAS.map((mta, bits) => [mta, bits])) as Record<Mta, number>;

/** Columns: line (first, as `LineRows` wants), start and end column, key, then role (bits 0-2) and MTA (bits 3-4). */
const STRIDE = 5;
const START = 1;
const END = 2;
const KEY = 3;
const FLAGS = 4;
const MTA_SHIFT = 3;

/** How many characters of an OpenSMTPD envelope id name its message. */
export const ENVELOPE_MESSAGE_LENGTH = 8;

/**
 * The message ids of a document: one row per id written on a line, in document order. No id text
 * is kept, only a 32-bit hash of it (`idKey`): a 50 MB log holds a few hundred thousand ids, and
 * a string each would weigh on the heap. Whoever looks an id up compares the text at the rows
 * whose key matches (two ids can share a hash).
 */
export class MessageTable extends LineRows {
  constructor(capacity = 16) {
    super(STRIDE, capacity);
  }

  /** Appends one id; `start`/`end` are its columns on the line. */
  add(line: number, start: number, end: number, key: number, role: IdRole, mta: Mta): void {
    const index = this.count;
    this.reserve(index + 1);
    const o = index * STRIDE;
    this.data[o] = line;
    this.data[o + START] = start;
    this.data[o + END] = end;
    this.data[o + KEY] = key;
    this.data[o + FLAGS] = ROLE_BITS[role] | (MTA_BITS[mta] << MTA_SHIFT);
    this.count = index + 1;
  }

  startOf(index: number): number {
    return this.data[index * STRIDE + START];
  }
  endOf(index: number): number {
    return this.data[index * STRIDE + END];
  }
  keyOf(index: number): number {
    return this.data[index * STRIDE + KEY];
  }
  roleOf(index: number): IdRole {
    return ID_ROLES[this.data[index * STRIDE + FLAGS] & 7];
  }
  mtaOf(index: number): Mta {
    return MTAS[this.data[index * STRIDE + FLAGS] >> MTA_SHIFT];
  }
  /** Where the text the key was made from ends: an envelope is keyed by its message's part. */
  keyEndOf(index: number): number {
    const start = this.startOf(index);
    return this.roleOf(index) === 'envelope' ? start + ENVELOPE_MESSAGE_LENGTH : this.endOf(index);
  }

  /** Replaces `deleteCount` rows at `index` with the rows of `inserted`. */
  splice(index: number, deleteCount: number, inserted?: MessageTable): void {
    this.spliceRows(index, deleteCount, inserted);
  }

  /** Every row as an object, for tests and comparisons. */
  toArray(): { line: number; start: number; end: number; key: number; role: IdRole; mta: Mta }[] {
    const rows = [];
    for (let i = 0; i < this.count; i++) {
      rows.push({
        line: this.lineOf(i),
        start: this.startOf(i),
        end: this.endOf(i),
        key: this.keyOf(i),
        role: this.roleOf(i),
        mta: this.mtaOf(i),
      });
    }
    return rows;
  }
}

/** The key of `text[start, end)`: FNV-1a over its UTF-16 code units, as a signed 32-bit number. */
export function idKey(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash | 0;
}
