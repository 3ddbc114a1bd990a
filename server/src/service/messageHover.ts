import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import { lineText, type Analysis, type DocumentLike } from './analysis';
import { escapeMarkdown } from './markdown';
import { idDescription, isLocalRelay, readLine, readStory, type MessageStory, type StoryLink } from './messageStory';
import { idAt, idsOnLine, ownerOf, traceMessages } from './messages';
import { DEFAULT_SETTINGS, type Settings } from './settings';

/** Most recipients and links a hover lists; a mailing list's message can have thousands. */
const MAX_ROWS = 20;

/**
 * Hover on a message id: the message's story from its own lines (first and last time, sender,
 * size, each recipient's outcome with relay, delay and status code, the content-filter hop and
 * the notification it caused). Every piece of log text is escaped.
 */
export function messageHover(
  analysis: Analysis,
  document: DocumentLike,
  position: Position,
  _settings: Settings = DEFAULT_SETTINGS,
): Hover | null {
  const on = idAt(analysis, document, position);
  if (on === undefined) return null;
  const sources = [{ analysis, document }];
  const message = traceMessages(sources, [on.id], 1).find((m) => m.id === on.id);
  if (message === undefined) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: storyMarkdown(readStory(message, sources)) },
    range: { start: { line: on.line, character: on.start }, end: { line: on.line, character: on.end } },
  };
}

/**
 * The line a code's hover adds about where the code stands: which message and recipient (or that
 * the message was refused before it had a queue id). Undefined on a line that names neither.
 */
export function messageNote(analysis: Analysis, document: DocumentLike, line: number): string | undefined {
  if (analysis.mode !== 'log') return undefined;
  const text = lineText(document, line);
  const owner = ownerOf(idsOnLine(analysis.messages, line, text));
  if (owner === undefined) {
    const recipient = text.includes(' NOQUEUE: ') ? readLine(text, 'postfix').recipient : undefined;
    return recipient && `Refused before it was queued (\`NOQUEUE\`), for **${escapeMarkdown(recipient.address)}**.`;
  }
  const recipient = readLine(text, owner.mta).recipient;
  const to = recipient === undefined ? '' : `, recipient **${escapeMarkdown(recipient.address)}** (${escapeMarkdown(recipient.outcome)})`;
  return `In ${idDescription(owner.mta, owner.role === 'session')} **${escapeMarkdown(owner.id)}**${to}.`;
}

export function storyMarkdown(story: MessageStory): string {
  const lines = story.lineCount === 1 ? '1 line' : `${story.lineCount} lines`;
  const when =
    story.first === undefined
      ? ''
      : story.first === story.last
        ? `, ${escapeMarkdown(story.first)}`
        : `, ${escapeMarkdown(story.first)} to ${escapeMarkdown(story.last!)}`;
  const parts = [
    `**${escapeMarkdown(story.id)}** ${idDescription(story.mta, story.session)}: ${story.lineCount === 0 ? 'named here, its own lines are not in this log' : lines}${when}`,
  ];
  if (story.from !== undefined || story.size !== undefined) {
    const from =
      story.from === undefined ? '' : `From **${escapeMarkdown(story.from === '<>' ? '<> (the null sender: a bounce)' : story.from)}**`;
    const size = story.size === undefined ? '' : `${from ? ', ' : ''}${escapeMarkdown(story.size)} bytes`;
    parts.push(`${from}${size}.`);
  }
  if (story.recipients.length > 0) {
    const rows = story.recipients.slice(0, MAX_ROWS).map((r) => {
      const outcome = r.attempts > 1 ? `${r.outcome} (${r.attempts} attempts)` : r.outcome;
      const code =
        r.code === undefined ? '' : `**${escapeMarkdown(r.code.text)}**${r.code.title ? ` ${escapeMarkdown(r.code.title)}` : ''}`;
      return `| ${[r.address, outcome, r.relay ?? '', r.delay ?? ''].map(escapeMarkdown).join(' | ')} | ${code} |`;
    });
    const more = story.recipients.length > MAX_ROWS ? `\n\n_and ${story.recipients.length - MAX_ROWS} more recipients_` : '';
    parts.push(['| Recipient | Outcome | Relay | Delay | Status |', '|---|---|---|---|---|', ...rows].join('\n') + more);
  }
  const links = story.links.slice(0, MAX_ROWS).map(linkSentence);
  if (story.links.length > MAX_ROWS) links.push(`_and ${story.links.length - MAX_ROWS} more_`);
  if (links.length > 0) parts.push(links.map((l) => `- ${l}`).join('\n'));
  return parts.join('\n\n');
}

function linkSentence(link: StoryLink): string {
  const id = `**${escapeMarkdown(link.id)}**`;
  switch (link.kind) {
    case 'queued-as':
      if (link.relay === undefined) return `Queued again as ${id}.`;
      return isLocalRelay(link.relay)
        ? `Passed to the content filter at ${escapeMarkdown(link.relay)}, which queued it again as ${id}.`
        : `Accepted by ${escapeMarkdown(link.relay)} as ${id}.`;
    case 'queued-from':
      return `Queued again from ${id} (a content filter or a local relay handed it back).`;
    case 'notification':
      return link.what === undefined ? `Caused the notification ${id}.` : `Caused the ${escapeMarkdown(link.what)} notification ${id}.`;
    case 'notification-of':
      return `A notification about ${id}.`;
    case 'session':
      return `Received or delivered in OpenSMTPD session ${id}.`;
    case 'message':
      return `Carried message ${id}.`;
  }
}
