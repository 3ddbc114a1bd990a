import {
  CompletionItemKind,
  CompletionItemTag,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
} from 'vscode-languageserver-types';
import { codesOfSubject, ENHANCED_REGISTRY, replyClass, replyPairing, withClass, type EnhancedCodeEntry } from '../registry';
import { codeSlotAt } from '../scan';
import type { Analysis, DocumentLike } from './analysis';
import { codeMarkdown } from './describe';
import { helperCompletion } from './libraryCalls';
import { DEFAULT_SETTINGS, type Settings } from './settings';

/** The text of a document and how to turn positions into offsets (a TextDocument fits). */
export interface CompletionDocument extends DocumentLike {
  offsetAt(position: Position): number;
}

/**
 * Registered codes for the slot at the cursor: after a reply code (`550 `) the codes of its class,
 * inside a code (`5.7.`) those of the typed class and subject. Codes the registry pairs with the
 * reply code come first; deprecated and historical ones last. After `DSN.` in code, haraka-dsn's
 * helpers with the code each builds.
 */
export function complete(
  analysis: Analysis,
  document: CompletionDocument,
  position: Position,
  settings: Settings = DEFAULT_SETTINGS,
): CompletionList | null {
  if (!settings.enable) return null;
  const text = document.getText();
  const offset = document.offsetAt(position);
  // The analysis knows the state the line starts in: only the cursor's line is read.
  const slot = codeSlotAt(text, offset, analysis.mode, { languageId: analysis.languageId, lineState: analysis.stateBefore(position.line) });
  // Outside a code slot: haraka-dsn's helpers after `DSN.`.
  if (slot === undefined) return helperCompletion(analysis, document, position);

  // `5.7.` or, in a struct literal, `5, 7, `.
  const typedParts = slot.typed.split(slot.form === 'struct' ? /\s*,\s*/ : '.');
  const [typedClass, typedSubject] = typedParts;
  const slotClass = slot.replyCode === undefined ? undefined : replyClass(slot.replyCode);
  // A 3xx reply takes no enhanced code, so there is nothing to offer after one.
  if (slotClass === 3) return null;
  const cls = typedClass ? Number(typedClass) : (slotClass ?? slot.actionClass);
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
  return replyPairing(entry, replyCode) === 'listed' ? 0 : 1;
}

const pad = (n: number) => String(n).padStart(3, '0');
