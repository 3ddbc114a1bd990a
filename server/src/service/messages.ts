import type { Position } from 'vscode-languageserver-types';
import { idKey, type IdRole, type MessageTable, type Mta } from '../scan';
import { lineText, type Analysis, type DocumentLike } from './analysis';

/*
 * Messages in a log, from the analysis's index of the ids written on its lines (`MessageTable`):
 * the id under the cursor, the lines an id stands on, and the messages linked to it, followed
 * over one document (the editor) or several (the CLI's `trace`, over rotated logs).
 */

/** A document and its analysis: one log of those a trace follows messages through. */
export interface LogSource {
  readonly analysis: Analysis;
  readonly document: DocumentLike;
}

/** One id written on a line. */
export interface IdOnLine {
  /** Its row in the analysis's message table. */
  index: number;
  line: number;
  start: number;
  end: number;
  /** The message or session it names (for an OpenSMTPD envelope, its message's id). */
  id: string;
  role: IdRole;
  mta: Mta;
}

/** What another message is to a message. */
export type LinkKind = 'queued-as' | 'queued-from' | 'notification' | 'notification-of' | 'session' | 'message';

/** A message (or OpenSMTPD session) a trace reached: the lines it owns and its links. */
export interface TracedMessage {
  id: string;
  mta: Mta;
  /** An OpenSMTPD session: it carried messages, it is not one. */
  session: boolean;
  /** The lines whose first id is this one (see `ownerOf`), in source order, then line order. */
  lines: { source: number; line: number }[];
  /** The messages its lines name, and those whose lines name it, by what they are to it. */
  links: Map<string, LinkKind>;
}

/** A real chain of messages is a few hops long (content filter, bounce, double bounce); a longer one is followed this far. */
const MAX_HOPS = 16;

const LINK_OF_ROLE: Partial<Record<IdRole, LinkKind>> = {
  'queued-as': 'queued-as',
  'queued-from': 'queued-from',
  notification: 'notification',
  parent: 'notification-of',
};
const REVERSE: Readonly<Record<LinkKind, LinkKind>> = {
  'queued-as': 'queued-from',
  'queued-from': 'queued-as',
  notification: 'notification-of',
  'notification-of': 'notification',
  session: 'message',
  message: 'session',
};

/** The ids on line `line` of a table, read from the line's text. */
export function idsOnLine(table: MessageTable, line: number, text: string): IdOnLine[] {
  const ids: IdOnLine[] = [];
  for (let i = table.firstOnLine(line); i < table.length && table.lineOf(i) === line; i++) {
    const start = table.startOf(i);
    ids.push({
      index: i,
      line,
      start,
      end: table.endOf(i),
      id: text.slice(start, table.keyEndOf(i)),
      role: table.roleOf(i),
      mta: table.mtaOf(i),
    });
  }
  return ids;
}

/** The id whose range holds the position (its end included, as editors place the cursor there). */
export function idAt(analysis: Analysis, document: DocumentLike, position: Position): IdOnLine | undefined {
  const table = analysis.messages;
  const first = table.firstOnLine(position.line);
  if (first >= table.length || table.lineOf(first) !== position.line) return undefined;
  return idsOnLine(table, position.line, lineText(document, position.line)).find(
    (id) => position.character >= id.start && position.character <= id.end,
  );
}

/** The id that owns a line: its first message (or envelope), else its session. */
export function ownerOf(ids: readonly IdOnLine[]): IdOnLine | undefined {
  return ids.find((id) => id.role === 'message' || id.role === 'envelope') ?? ids.find((id) => id.role === 'session');
}

/** Every place `id` is written in a document, in order (rows that only share its key are left out). */
export function occurrencesOf(source: LogSource, id: string): IdOnLine[] {
  const found: IdOnLine[] = [];
  forEachLineOf([source], new Set([id]), (_source, ids) => {
    for (const on of ids) if (on.id === id) found.push(on);
  });
  return found;
}

/**
 * The messages reachable from `start` through the links on their lines, each with the lines it
 * owns, in the order of their first line (ids only named, as a relay's `queued as`, come last).
 * OpenSMTPD sessions reached from a message add the lines that name no other message (connect,
 * TLS, disconnect), so a long session does not pull in every message it carried. `hops`: how
 * far to follow (1: the start ids' own lines, and the messages they are linked with).
 */
export function traceMessages(sources: readonly LogSource[], start: Iterable<string>, hops = MAX_HOPS): TracedMessage[] {
  const found = new Map<string, TracedMessage>();
  const entry = (on: IdOnLine): TracedMessage => {
    let message = found.get(on.id);
    if (message === undefined) {
      message = { id: on.id, mta: on.mta, session: on.role === 'session', lines: [], links: new Map() };
      found.set(on.id, message);
    }
    return message;
  };
  // Ids whose lines are read: each hop's frontier, and the sessions read for context at the end.
  let frontier = new Set(start);
  const seen = new Set(frontier);
  const context = new Set<string>();
  for (let hop = 0; hop < Math.min(hops, MAX_HOPS) && frontier.size > 0; hop++) {
    const next = new Set<string>();
    const follow = (id: string, forContext: boolean) => {
      if (seen.has(id)) return;
      seen.add(id);
      (forContext ? context : next).add(id);
    };
    forEachLineOf(sources, frontier, (source, ids) => {
      const owner = ownerOf(ids)!;
      const mine = frontier.has(owner.id);
      const message = entry(owner);
      if (mine) {
        message.mta = owner.mta;
        message.lines.push({ source, line: owner.line });
      }
      for (const other of ids) {
        if (other.id === owner.id) continue;
        const kind = LINK_OF_ROLE[other.role] ?? (other.role === 'session' ? 'session' : 'message');
        message.links.set(other.id, kind);
        entry(other).links.set(owner.id, REVERSE[kind]);
        if (mine) follow(other.id, other.role === 'session' && !message.session);
      }
      // Another message's line that names one of these: that message is followed next.
      if (!mine) follow(owner.id, false);
    });
    frontier = next;
  }
  // A session's own lines name no message (a line naming one belongs to that message).
  forEachLineOf(sources, context, (source, ids) => {
    const owner = ownerOf(ids)!;
    if (context.has(owner.id)) entry(owner).lines.push({ source, line: owner.line });
  });
  const firstOf = (m: TracedMessage) => (m.lines.length === 0 ? Number.MAX_SAFE_INTEGER : m.lines[0].source * 2 ** 32 + m.lines[0].line);
  return [...found.values()].sort((a, b) => firstOf(a) - firstOf(b));
}

/** Every line of the traced messages, per source, sorted. */
export function linesOf(messages: readonly TracedMessage[], sourceCount: number): number[][] {
  const lines: number[][] = Array.from({ length: sourceCount }, () => []);
  for (const message of messages) for (const { source, line } of message.lines) lines[source].push(line);
  return lines.map((list) => list.sort((a, b) => a - b));
}

/**
 * Calls `visit` once for every line on which one of `ids` is written, with every id of that
 * line, in document order: one pass over each table, reading only the lines whose keys match.
 */
function forEachLineOf(sources: readonly LogSource[], ids: ReadonlySet<string>, visit: (source: number, ids: IdOnLine[]) => void): void {
  if (ids.size === 0) return;
  const keys = new Set<number>();
  for (const id of ids) keys.add(idKey(id, 0, id.length));
  sources.forEach(({ analysis, document }, source) => {
    const table = analysis.messages;
    for (let i = 0; i < table.length; ) {
      const line = table.lineOf(i);
      let hit = false;
      for (; i < table.length && table.lineOf(i) === line; i++) hit ||= keys.has(table.keyOf(i));
      if (!hit) continue;
      const onLine = idsOnLine(table, line, lineText(document, line));
      if (onLine.some((on) => ids.has(on.id))) visit(source, onLine);
    }
  });
}
