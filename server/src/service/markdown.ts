/**
 * Markdown built for hovers and completion documentation. Everything that is not markup goes
 * through `escape`, so neither registry text (`<domain> Service ready`) nor text from a document can
 * become HTML, a link or a command.
 */

/** Escapes text so that markdown shows it literally. */
export function escapeMarkdown(text: string): string {
  return (
    text
      // Characters that open emphasis, code, links, tables, headings or strikethrough anywhere.
      .replace(/[\\`*_[\]|~#]/g, '\\$&')
      // Characters that open a list or a heading underline only at the start of a line.
      .replace(/^([ \t]*)(\d{1,9})([.)])(?=[ \t]|$)/gm, '$1$2\\$3')
      .replace(/^([ \t]*)([-+=])/gm, '$1\\$2')
      // What renderers turn into links without any markup (GFM autolinks): `scheme://`, `www.`, `a@b`.
      .replace(/:(?=\/\/)/g, '\\:')
      .replace(/\b(www)\./gi, '$1\\.')
      .replace(/@/g, '\\@')
      // Control characters (ANSI escape sequences for terminal clients, NUL, C1 controls): shown as U+FFFD.
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd')
      // HTML: entities and tags are shown, never interpreted.
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
  );
}

/** `[text](url)` for a URL the service built itself (never one from a document). */
export function link(text: string, url: string): string {
  return `[${escapeMarkdown(text)}](${url})`;
}
