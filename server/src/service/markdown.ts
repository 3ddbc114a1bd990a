/**
 * Markdown built for hovers and completion documentation. Everything that is not markup goes
 * through `escape`, so neither registry text (`<domain> Service ready`) nor text from a document can
 * become HTML, a link or a command.
 */

/** Escapes text so that markdown shows it literally. */
export function escape(text: string): string {
  return (
    text
      // Characters that open emphasis, code, links, tables, headings or strikethrough anywhere.
      .replace(/[\\`*_[\]|~#]/g, '\\$&')
      // Characters that open a list or a heading underline only at the start of a line.
      .replace(/^([ \t]*)(\d{1,9})([.)])(?=[ \t]|$)/gm, '$1$2\\$3')
      .replace(/^([ \t]*)([-+=])/gm, '$1\\$2')
      // HTML: entities and tags are shown, never interpreted.
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
  );
}

/** `[text](url)` for a URL the service built itself (never one from a document). */
export function link(text: string, url: string): string {
  return `[${escape(text)}](${url})`;
}
