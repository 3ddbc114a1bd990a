import {
  CompletionItemKind,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type InlayHint,
  type Position,
} from 'vscode-languageserver-types';
import { lookupCode, withClass } from '../registry';
import { HARAKA_HELPERS, libraryCallAt, stringAround, type LibraryCall } from '../scan';
import { lineText, type Analysis, type DocumentLike } from './analysis';
import { codeMarkdown } from './describe';
import { escapeMarkdown } from './markdown';

/*
 * What the service says about codes that mail libraries' calls build (`DSN.no_such_user()`,
 * `DSNStatus.getStatus(...)`; the scanner finds them, `scan/libraryCalls.ts`): a line in the
 * hover, the code as an inlay hint after the call, completion of haraka-dsn's helpers after `DSN.`.
 */

/** The call behind the code at `index` of the analysis, read again from its line. */
export function callOf(analysis: Analysis, document: DocumentLike, index: number): LibraryCall | undefined {
  const codes = analysis.codes;
  if (!codes.isCall(index)) return undefined;
  return libraryCallAt(lineText(document, codes.lineOf(index)), codes.startOf(index));
}

/** The hover's first line for a code a call builds: which call, which library, where the class comes from. */
export function callMarkdown(call: LibraryCall): string {
  const code = `**${call.cls}.${call.subject}.${call.detail}**`;
  // Not a code span: escapes do not apply inside one, and the name is the document's text.
  const callee = `**${escapeMarkdown(call.callee)}()**`;
  if (call.library === 'Apache James') return `${callee} builds ${code} (Apache James).`;
  if (!call.defaultReply) return `${callee} builds ${code} with reply code ${call.reply}, the one the call passes (haraka-dsn).`;
  const argument = call.callee === 'DSN.create' ? 'first' : 'second';
  return `${callee} builds ${code} with reply code ${call.reply}, haraka-dsn's default: a reply code passed as its ${argument} argument sets the class.`;
}

/** The code a call builds, after the call: `DSN.no_such_user() ▸ 5.1.1`. */
export function callHint(call: LibraryCall, line: number): InlayHint {
  return { position: { line, character: call.end }, label: `▸ ${call.cls}.${call.subject}.${call.detail}`, paddingLeft: true };
}

/** `DSN.` and what is typed of a helper's name, right before the cursor. */
const HELPER_SLOT = /\bDSN\.([a-z_]{0,40})$/;

/** haraka-dsn's helpers after `DSN.` in code (not in a string), each with the code it builds by default. */
export function helperCompletion(analysis: Analysis, document: DocumentLike, position: Position): CompletionList | null {
  if (analysis.mode !== 'source') return null;
  const line = lineText(document, position.line);
  const typed = HELPER_SLOT.exec(line.slice(Math.max(0, position.character - 48), position.character))?.[1];
  if (typed === undefined) return null;
  if (stringAround(line, position.character, analysis.languageId, analysis.stateBefore(position.line)) !== undefined) return null;
  const range = { start: { line: position.line, character: position.character - typed.length }, end: position };
  const items: CompletionItem[] = [];
  for (const [name, helper] of HARAKA_HELPERS) {
    const cls = Math.floor(helper.reply / 100);
    const entry = lookupCode(helper.subject, helper.detail);
    const code = entry ? withClass(entry.code, cls) : `${cls}.${helper.subject}.${helper.detail}`;
    items.push({
      label: name,
      labelDetails: { description: `${helper.reply} ${code}` },
      kind: CompletionItemKind.Function,
      detail: entry?.title ? `${code} ${entry.title}` : code,
      documentation: {
        kind: MarkupKind.Markdown,
        value: codeMarkdown({ cls, subject: helper.subject, detail: helper.detail, entry, replyCode: helper.reply }),
      },
      textEdit: { range, newText: name },
    });
  }
  return { isIncomplete: false, items };
}
