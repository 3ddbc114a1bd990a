import { lookupCode } from '../registry';
import type { CodeTable, Mta } from '../scan';
import { lineText } from './analysis';
import { idsOnLine, type LinkKind, type LogSource, type TracedMessage } from './messages';

/*
 * What a message's own lines say about it, for the hover on its id and the CLI's trace: when it
 * came and went, its sender and size, each recipient's outcome, and the messages it became or
 * caused. Read from the fields each MTA writes (Postfix and Sendmail `key=value, key=value`,
 * OpenSMTPD `key=value key="..."`, Exim's flags `<= => -> ** ==` and `H=`), with string searches
 * only: no pattern here can backtrack.
 */

/** What happened to one recipient, as the last line about it says. */
export interface RecipientOutcome {
  address: string;
  /** `sent`, `deferred`, `bounced`, `expired`, `rejected`, ... in Postfix's words, whatever the MTA. */
  outcome: string;
  relay?: string;
  delay?: string;
  /** The status code of that line (`dsn=`, `stat=`, the reply): its text and registry title. */
  code?: { text: string; title?: string };
  /** How many lines reported a delivery attempt for it. */
  attempts: number;
  /** Where the last of them is. */
  source: number;
  line: number;
}

/** A link with what its line says about it: the relay that queued the message again, the kind of notification. */
export interface StoryLink {
  id: string;
  kind: LinkKind;
  /** `queued-as`: the relay it was handed to (a content filter on localhost, or the next server). */
  relay?: string;
  /** `notification`: Postfix's words for it (`sender non-delivery`, `sender delay`, ...). */
  what?: string;
}

export interface MessageStory {
  id: string;
  mta: Mta;
  session: boolean;
  lineCount: number;
  /** Timestamps as written on the first and last lines. */
  first?: string;
  last?: string;
  from?: string;
  size?: string;
  recipients: RecipientOutcome[];
  links: StoryLink[];
}

/** What one log line says. */
export interface LineFacts {
  time?: string;
  from?: string;
  size?: string;
  recipient?: Omit<RecipientOutcome, 'attempts' | 'source' | 'line' | 'code'>;
  relay?: string;
}

const LEADING_TIME = /^(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d{1,6})?(?:Z|[-+]\d\d:?\d\d)?)/;
const LOCAL_RELAY = /^(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[?::1\]?)(?=[[\]:\s]|$)/;

/** How a story's reader names the kind of id. */
export function idDescription(mta: Mta, session: boolean): string {
  if (session) return 'OpenSMTPD session';
  return { postfix: 'Postfix queue ID', exim: 'Exim message ID', sendmail: 'Sendmail queue ID', opensmtpd: 'OpenSMTPD message ID' }[mta];
}

/** Whether a relay is this host: a content filter (amavis, rspamd proxy) or a local re-injection. */
export function isLocalRelay(relay: string): boolean {
  return LOCAL_RELAY.test(relay);
}

/** The story of a traced message, read from its own lines. */
export function readStory(message: TracedMessage, sources: readonly LogSource[]): MessageStory {
  const story: MessageStory = {
    id: message.id,
    mta: message.mta,
    session: message.session,
    lineCount: message.lines.length,
    recipients: [],
    links: [],
  };
  const recipients = new Map<string, RecipientOutcome>();
  const linkFacts = new Map<string, StoryLink>();
  for (const { source, line } of message.lines) {
    const { analysis, document } = sources[source];
    const text = lineText(document, line);
    const facts = readLine(text, message.mta);
    if (facts.time !== undefined) {
      story.first ??= facts.time;
      story.last = facts.time;
    }
    // The sender as queued (`qmgr`'s line, with the size) over one seen before it (`pickup`'s local name).
    if (facts.from !== undefined && (story.from === undefined || (story.size === undefined && facts.size !== undefined)))
      story.from = facts.from;
    story.size ??= facts.size;
    if (facts.recipient !== undefined) {
      const key = facts.recipient.address.toLowerCase();
      const attempts = (recipients.get(key)?.attempts ?? 0) + 1;
      recipients.delete(key);
      recipients.set(key, { ...facts.recipient, code: codeOnLine(analysis.codes, line), attempts, source, line });
    }
    for (const on of idsOnLine(analysis.messages, line, text)) {
      if (on.role === 'queued-as') linkFacts.set(on.id, { id: on.id, kind: 'queued-as', relay: facts.relay });
      if (on.role === 'notification') linkFacts.set(on.id, { id: on.id, kind: 'notification', what: notificationWords(text, on.start) });
    }
  }
  story.recipients = [...recipients.values()].sort((a, b) => a.source - b.source || a.line - b.line);
  for (const [id, kind] of message.links) story.links.push(linkFacts.get(id) ?? { id, kind });
  return story;
}

/** The status code a line reports: its first status field (`dsn=`, `stat=`), else its first reply. */
export function codeOnLine(codes: CodeTable, line: number): { text: string; title?: string } | undefined {
  let chosen = -1;
  for (let k = codes.firstOnLine(line); k < codes.length && codes.lineOf(k) === line; k++) {
    const context = codes.contextOf(k);
    if (codes.problemOf(k) !== undefined || context === 'bare') continue;
    if (context === 'dsn-field') {
      chosen = k;
      break;
    }
    if (chosen < 0) chosen = k;
  }
  if (chosen < 0) return undefined;
  const title = lookupCode(codes.subjectOf(chosen), codes.detailOf(chosen))?.title;
  return { text: codes.textOf(chosen), title: title || undefined };
}

/** The facts of one line, read the way its MTA writes them. */
export function readLine(text: string, mta: Mta): LineFacts {
  const time = LEADING_TIME.exec(text)?.[0];
  if (mta === 'exim') return { time, ...eximFacts(text) };
  const separator = mta === 'opensmtpd' ? ' ' : ', ';
  const field = (name: string) => fieldValue(text, name, separator);
  const from = field('from');
  const facts: LineFacts = { time, from: from === undefined ? undefined : unbracket(from), size: field('size'), relay: field('relay') };
  const to = field('to');
  if (to === undefined) return facts;
  // A recipient line says where the message went (Postfix, Sendmail, OpenSMTPD) or that it was refused.
  // OpenSMTPD's `result=` says what happened; its `stat=` is the reply.
  const status = field('status') ?? field('result') ?? field('stat');
  const refused = /\b(?:milter-)?reject: /.test(text);
  if (status === undefined && !refused) return facts;
  facts.recipient = {
    address: unbracket(to),
    outcome: refused ? 'rejected' : outcomeWord(status ?? '', field('dsn')),
    relay: facts.relay,
    delay: field('delay'),
  };
  // A refusal's `from=` is the sender of the refused message, not a `from=` the message was queued with.
  if (refused) facts.from = undefined;
  return facts;
}

/** Postfix's status words; Sendmail's `stat=` and OpenSMTPD's `result=` in them. */
function outcomeWord(status: string, dsn: string | undefined): string {
  const word = status.split(/[ (:]/, 1)[0].toLowerCase();
  if (word === 'ok' || word === 'delivered') return 'sent';
  if (word === 'tempfail') return 'deferred';
  if (word === 'permfail') return 'bounced';
  if (['sent', 'deferred', 'bounced', 'expired', 'deliverable', 'undeliverable'].includes(word)) return word;
  // Sendmail writes the reason where the status would be (`stat=User unknown`): the code's class says what happened.
  return dsn?.startsWith('5') ? 'bounced' : dsn?.startsWith('4') ? 'deferred' : word;
}

/** Exim's flags: `<= sender ... S=size`, `=>`/`->` delivered, `**` failed, `==` deferred, `*>` suppressed; `H=host [ip]`. */
function eximFacts(text: string): Omit<LineFacts, 'time'> {
  const flag = /\s(<=|=>|->|>>|\*>|\*\*|==) (\S+)/.exec(text);
  if (flag === null) return {};
  const host = /\sH=(\S+(?: \[[^\]\s]{1,64}\])?)/.exec(text)?.[1];
  const value = (name: string) => fieldValue(text, name, ' ');
  if (flag[1] === '<=') return { from: flag[2], size: value('S'), relay: host };
  const outcome = { '=>': 'sent', '->': 'sent', '>>': 'sent', '*>': 'suppressed', '**': 'bounced', '==': 'deferred' }[flag[1]] ?? '';
  return { relay: host, recipient: { address: flag[2].replace(/:$/, ''), outcome, relay: host ?? value('T'), delay: value('DT') } };
}

/**
 * The value of `name=` in a line of `name=value` fields: `<...>` and `"..."` read to their end,
 * anything else to the separator (`, ` for Postfix and Sendmail, whose values hold spaces:
 * `relay=mx.example.net. [192.0.2.25]`; a space for OpenSMTPD).
 */
export function fieldValue(text: string, name: string, separator: string): string | undefined {
  const needle = `${name}=`;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const before = text.charCodeAt(at - 1);
    if (at > 0 && before !== 32 && before !== 44 /* , */ && before !== 40 /* ( */) continue;
    const start = at + needle.length;
    const open = text[start];
    const close = open === '"' ? '"' : open === '<' ? '>' : undefined;
    if (close !== undefined) {
      const end = text.indexOf(close, start + 1);
      if (end >= 0) return open === '"' ? text.slice(start + 1, end) : text.slice(start, end + 1);
    }
    const end = text.indexOf(separator, start);
    return text.slice(start, end < 0 ? text.length : end);
  }
  return undefined;
}

/** `<a@b.example>` without its brackets; `<>` (the null sender) as it is. */
function unbracket(address: string): string {
  return address.length > 2 && address.startsWith('<') && address.endsWith('>') ? address.slice(1, -1) : address;
}

/** The words before `notification: ID` (`sender non-delivery`, `postmaster delay`); Sendmail's `DSN:` is a delivery status one. */
function notificationWords(text: string, idStart: number): string | undefined {
  const before = text.slice(Math.max(0, idStart - 48), idStart);
  const words = /((?:sender|postmaster) [a-z -]{1,24}?) notification: $/.exec(before)?.[1];
  return words ?? (text.startsWith('DSN:', text.indexOf(' ', idStart) + 1) ? 'delivery status' : undefined);
}
