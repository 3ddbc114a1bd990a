import {
  CompletionItemKind,
  CompletionItemTag,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
} from 'vscode-languageserver-types';
import { codesOfSubject, ENHANCED_REGISTRY, type EnhancedCodeEntry } from '../registry';
import { codeSlotAt, modeForDocument } from '../scan';
import { codeMarkdown, withClass } from './describe';

/** The text of a document and how to turn positions into offsets (a TextDocument fits). */
export interface CompletionDocument {
  readonly languageId: string;
  readonly uri?: string;
  getText(): string;
  offsetAt(position: Position): number;
}

/**
 * Registered codes for the slot at the cursor: after a reply code (`550 `) the codes of its class,
 * inside a code (`5.7.`) those of the typed class and subject. Codes the registry pairs with the
 * reply code come first; deprecated and historical ones last.
 */
export function complete(document: CompletionDocument, position: Position): CompletionList | null {
  const text = document.getText();
  const offset = document.offsetAt(position);
  const slot = codeSlotAt(text, offset, modeForDocument(document.languageId, document.uri), { languageId: document.languageId });
  if (slot === undefined) return null;

  // `5.7.` or, in a struct literal, `5, 7, `.
  const typedParts = slot.typed.split(slot.form === 'struct' ? /\s*,\s*/ : '.');
  const [typedClass, typedSubject] = typedParts;
  const replyClass = slot.replyCode === undefined ? undefined : Math.floor(slot.replyCode / 100);
  // A 3xx reply takes no enhanced code, so there is nothing to offer after one.
  if (replyClass === 3) return null;
  const cls = typedClass ? Number(typedClass) : (replyClass ?? slot.actionClass);
  if (cls !== 2 && cls !== 4 && cls !== 5) return null;
  // Filter by subject only once it is complete (`5.7.`); `5.1` may still become `5.12`.
  const subjectDone = typedParts.length === 3 ? Number(typedSubject) : undefined;

  // The slot lies on the cursor's line, so its start is a column on that line.
  const range = { start: { line: position.line, character: position.character - (offset - slot.start) }, end: position };
  const items: CompletionItem[] = [];
  for (const entry of subjectDone === undefined ? ENHANCED_REGISTRY.codes : codesOfSubject(subjectDone)) {
    const label = withClass(entry.code, cls);
    const written = slot.form === 'struct' ? `${cls}, ${entry.subject}, ${entry.detail}` : label;
    const item: CompletionItem = {
      label,
      labelDetails: { description: entry.title },
      kind: CompletionItemKind.EnumMember,
      detail: entry.title || undefined,
      documentation: {
        kind: MarkupKind.Markdown,
        value: codeMarkdown({ cls, subject: entry.subject, detail: entry.detail, entry, replyCode: slot.replyCode }),
      },
      sortText: `${rank(entry, slot.replyCode)}.${pad(entry.subject)}.${pad(entry.detail)}`,
      filterText: written,
      textEdit: { range, newText: written },
    };
    if (entry.status === 'deprecated') item.tags = [CompletionItemTag.Deprecated];
    items.push(item);
  }
  return { isIncomplete: false, items };
}

/** 0: the registry pairs it with this reply code; 1: other current codes; 2: historical; 3: deprecated. */
function rank(entry: EnhancedCodeEntry, replyCode: number | undefined): number {
  if (entry.status === 'deprecated') return 3;
  if (entry.status === 'historical') return 2;
  if (replyCode === undefined) return 1;
  const fits = entry.associated.codes.some((c) => (c.kind === 'exact' ? c.code === replyCode : c.class === Math.floor(replyCode / 100)));
  return fits ? 0 : 1;
}

const pad = (n: number) => String(n).padStart(3, '0');
