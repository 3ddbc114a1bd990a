import { parseTree, type Node } from 'jsonc-parser';
import type { Range } from 'vscode-languageserver-types';
import { actionValue } from '../registry';
import { fieldKind, type CodeTable } from '../scan';
import type { Analysis, DocumentLike } from './analysis';
import { actionStatusFinding, statusDiagnosticFinding, type ActionWord, type ReportFinding } from './reportFindings';

/*
 * The DSN rules for providers' event payloads: an object that carries a recipient's `action` and
 * `status` (Amazon SES), or a `status` beside the reply it summarises (SES `diagnosticCode`,
 * Mailgun's `enhanced-code` beside its `message`), is read as a recipient's fields are. JSON and
 * JSONC are read with jsonc-parser (which tolerates the comments and errors of a file being
 * edited); YAML's block mappings by indentation, which is how payloads are written as fixtures.
 */

/** The languages whose objects are read here. */
const PAYLOAD_LANGUAGES: ReadonlySet<string> = new Set(['json', 'jsonc', 'yaml']);

/** One value of an object: where it stands (a single line: payload values are) and its text. */
interface FieldValue {
  line: number;
  start: number;
  end: number;
  text: string;
}

/** An object's fields that the rules read, by what their key says. */
interface PayloadObject {
  action?: FieldValue;
  status?: FieldValue;
  /** The reply text's key, as written (`diagnosticCode`), and its value. */
  reply?: FieldValue & { key: string };
}

/** The findings of the payload objects of a JSON, JSONC or YAML document, in document order. */
export function payloadFindings(analysis: Analysis, document: DocumentLike): ReportFinding[] {
  const codes = analysis.codes;
  if (!PAYLOAD_LANGUAGES.has(analysis.languageId) || !hasStatusField(codes)) return [];
  const text = document.getText();
  const objects = analysis.languageId === 'yaml' ? yamlObjects(text) : jsonObjects(text);
  const found: ReportFinding[] = [];
  for (const object of objects) {
    const status = object.status === undefined ? -1 : firstCodeIn(codes, object.status);
    if (status < 0) continue;
    const action = object.action === undefined ? undefined : (actionValue(object.action.text)?.value as ActionWord | undefined);
    if (action !== undefined) {
      const { line, start, end } = object.action!;
      const f = actionStatusFinding(codes, action, { start: { line, character: start }, end: { line, character: end } }, status);
      if (f !== undefined) found.push(f);
    }
    const reply = object.reply === undefined ? -1 : firstCodeIn(codes, object.reply);
    if (reply >= 0) {
      const f = statusDiagnosticFinding(codes, status, reply, `the ${object.reply!.key} beside it`, object.reply!.key);
      if (f !== undefined) found.push(f);
    }
  }
  return found.sort((a, b) => before(a.range, b.range));
}

/** Whether any code stands under a status key (the scanner gives those the dsn-field context in data files). */
function hasStatusField(codes: CodeTable): boolean {
  for (let i = 0; i < codes.length; i++) if (codes.contextOf(i) === 'dsn-field') return true;
  return false;
}

/** Files an object's field under what its key says; other keys are left out. */
function addField(object: PayloadObject, key: string, value: FieldValue): void {
  if (key === 'action') object.action = value;
  else {
    const kind = fieldKind(key);
    if (kind === 'status') object.status = value;
    else if (kind === 'reply-text' && object.reply === undefined) object.reply = { ...value, key };
  }
}

/** The first well-formed code inside a value, or -1. */
function firstCodeIn(codes: CodeTable, value: FieldValue): number {
  for (let i = codes.firstOnLine(value.line); i < codes.length && codes.lineOf(i) === value.line; i++) {
    if (codes.startOf(i) >= value.start && codes.endOf(i) <= value.end && codes.problemOf(i) === undefined) return i;
  }
  return -1;
}

const before = (a: Range, b: Range) => a.start.line - b.start.line || a.start.character - b.start.character;

// ---------------------------------------------------------------------------------------------
// JSON and JSONC

function jsonObjects(text: string): PayloadObject[] {
  const tree = parseTree(text, [], { allowTrailingComma: true });
  if (tree === undefined) return [];
  const lineStarts = lineStartsOf(text);
  const objects: PayloadObject[] = [];
  const stack: Node[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'object') {
      const object: PayloadObject = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key === undefined || value === undefined) continue;
        if (value.type === 'string' && typeof value.value === 'string') {
          // The value's content, inside its quotes.
          const position = positionOf(lineStarts, value.offset + 1);
          addField(object, String(key.value), {
            ...position,
            end: position.start + value.length - 2,
            text: value.value,
          });
        }
        stack.push(value);
      }
      if (object.status !== undefined) objects.push(object);
    } else if (node.type === 'array') for (const child of node.children ?? []) stack.push(child);
  }
  return objects;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

function positionOf(lineStarts: readonly number[], offset: number): { line: number; start: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, start: offset - lineStarts[lo] };
}

// ---------------------------------------------------------------------------------------------
// YAML

/**
 * One entry of a block mapping: indentation and list-item dashes, a key (plain, double- or
 * single-quoted) and the value on the same line, if any. No two quantifiers meet on the same
 * characters, and there is no backreference.
 */
const YAML_ENTRY = /^([ \t]*(?:-[ \t]+)*)(?:"([\w-]{1,40})"|'([\w-]{1,40})'|([\w-]{1,40}))[ \t]*:(?:[ \t]+([^ \t].*)|[ \t]*)$/;

/**
 * The block mappings of a YAML document, each as the entries that share a key column: a deeper
 * entry opens a nested mapping, a list item (`- key:`) a new one, a shallower entry closes the
 * mappings it is left of.
 */
function yamlObjects(text: string): PayloadObject[] {
  const objects: PayloadObject[] = [];
  const open: { column: number; object: PayloadObject }[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let line = 0; line < lines.length; line++) {
    const entry = lines[line].length <= 4000 ? YAML_ENTRY.exec(lines[line]) : null;
    if (entry === null) continue;
    const [, lead, doubleQuoted, singleQuoted, plain, rawValue] = entry;
    const key = doubleQuoted ?? singleQuoted ?? plain;
    const column = lead.length;
    while (open.length > 0 && open[open.length - 1].column > column) open.pop();
    const top = open[open.length - 1];
    let object: PayloadObject;
    if (top === undefined || top.column < column || lead.includes('-')) {
      object = {};
      objects.push(object);
      open.push({ column, object });
    } else object = top.object;
    if (rawValue === undefined) continue;
    const value = scalarOf(rawValue);
    // The value runs to the end of the line.
    const start = lines[line].length - rawValue.length;
    addField(object, key, { line, start: start + value.from, end: start + value.to, text: rawValue.slice(value.from, value.to) });
  }
  return objects.filter((o) => o.status !== undefined);
}

/** A plain or quoted scalar's content within the value text: its quotes and a trailing comment left out. */
function scalarOf(value: string): { from: number; to: number } {
  const quote = value.charAt(0);
  if (quote === '"' || quote === "'") {
    const close = value.lastIndexOf(quote);
    return close > 0 ? { from: 1, to: close } : { from: 1, to: value.length };
  }
  const comment = value.indexOf(' #');
  return { from: 0, to: (comment === -1 ? value : value.slice(0, comment)).trimEnd().length };
}
