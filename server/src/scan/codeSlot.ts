import { ACTION_BEFORE, isStatusField, LOOKBACK, SENDMAIL_ERROR_BEFORE } from './contextWords';
import { readReplyCode, replyBefore } from './syntax';
import { lineStartBefore, stringAround, STRUCTURED_REPLY_LINES, type ScanState } from './sourceText';
import type { ScanMode } from './types';

export interface SlotOptions {
  /** VS Code language id; picks the comment and string syntax in source mode. */
  languageId?: string;
  /** Source mode: the state the offset's line starts in, when an analysis has it (else the text is read from the top). */
  lineState?: ScanState;
}

/** A place where an enhanced code belongs, with what has been typed of it so far. */
export interface CodeSlot {
  /** Absolute offset where the code starts (the typed part runs from here to the cursor). */
  start: number;
  /** What is typed so far: '', `5`, `5.7.`, `5.7.2` ... */
  typed: string;
  /** The reply code before the slot (`550 `), if any. */
  replyCode?: number;
  /** The class a configuration action before the slot fixes (`REJECT ` -> 5). */
  actionClass?: 4 | 5;
  /** `struct`: inside go-smtp's `EnhancedCode{`, where a code is written `5, 7, 1`. */
  form: 'dotted' | 'struct';
}

/** `EnhancedCode{` and what is typed after it: `5, 7, `. */
const STRUCT_SLOT = /\bEnhancedCode\s*\{\s*((?:\d{1,3}\s*,\s*){0,2}\d{0,3})$/;

/**
 * The `Code: 550` field of the struct around a slot, on its line or the few lines above; searched
 * only after the last `}` there (a closed struct's fields do not apply), so the search is linear.
 */
const STRUCT_REPLY = /\bCode\s*:\s*([2-5][0-5]\d)\b/;

/** The partly typed code right before the cursor: `5`, `5.`, `5.7`, `5.7.`, `5.7.12`. */
const TYPED_CODE = /\d(?:\.\d{0,3}){0,2}$/;

/**
 * The code slot that ends at `offset`: after a reply code (`550 `, `550-5.7.`), in a status field
 * (`dsn=5.`), or in source code inside a string literal (`"550 5.7.`, `"4.`).
 */
export function codeSlotAt(text: string, offset: number, mode: ScanMode, options: SlotOptions = {}): CodeSlot | undefined {
  const lineStart = lineStartBefore(text, offset);
  let limit = lineStart;
  let literalStart = false;
  if (mode === 'source') {
    const literal = stringAround(text, offset, options.languageId, options.lineState);
    if (literal === undefined) return structSlotAt(text, offset, lineStart);
    limit = literal.from;
    literalStart = literal.literalStart;
  }
  const before = text.slice(Math.max(limit, offset - 12), offset);
  const typed = TYPED_CODE.exec(before)?.[0] ?? '';
  const start = offset - typed.length;
  if (start > limit && /[A-Za-z0-9.]/.test(text[start - 1])) return undefined;
  const reply = replyBefore(text, start, limit);
  if (reply >= 0) return { start, typed, replyCode: readReplyCode(text, reply), form: 'dotted' };
  if (mode === 'config') {
    const action = ACTION_BEFORE.exec(text.slice(Math.max(lineStart, start - LOOKBACK), start));
    if (action !== null) return { start, typed, actionClass: /^REJECT$/i.test(action[1]) ? 5 : 4, form: 'dotted' };
  }
  if (typed === '') return undefined;
  let fits: boolean;
  if (mode === 'source') fits = literalStart && start === limit;
  else if (mode === 'config') fits = SENDMAIL_ERROR_BEFORE.test(text.slice(Math.max(lineStart, start - LOOKBACK), start));
  else fits = isStatusField(text, lineStart, start);
  return fits ? { start, typed, form: 'dotted' } : undefined;
}

/** A slot inside `EnhancedCode{` in code, with the reply code of a `Code:` field just above. */
function structSlotAt(text: string, offset: number, lineStart: number): CodeSlot | undefined {
  const typed = STRUCT_SLOT.exec(text.slice(Math.max(lineStart, offset - 64), offset))?.[1];
  if (typed === undefined) return undefined;
  let from = lineStart;
  for (let k = 0; k < STRUCTURED_REPLY_LINES && from > 0; k++) from = Math.max(text.lastIndexOf('\n', from - 2) + 1, 0);
  const above = text.slice(from, offset - typed.length);
  const reply = STRUCT_REPLY.exec(above.slice(above.lastIndexOf('}') + 1));
  const slot: CodeSlot = { start: offset - typed.length, typed, form: 'struct' };
  if (reply !== null) slot.replyCode = Number(reply[1]);
  return slot;
}
