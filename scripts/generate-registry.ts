// Turns the vendored IANA registry XML and the basic reply-code list into the two TypeScript tables
// under server/src/registry/. Run with `npm run registry:generate`; the unit tests regenerate both in
// memory and fail when the committed files differ.
//
// Anything in the inputs that this script does not understand makes it throw instead of guessing,
// so that a registry update with a new kind of value is noticed rather than silently mis-parsed.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type {
  AssociatedReplyCodes,
  BasicReplyCode,
  Citation,
  ClassEntry,
  CodeStatus,
  EnhancedCodeEntry,
  EnhancedRegistry,
  Reference,
  ReplyCodeMeaning,
  ReplyCodePattern,
  SubjectEntry,
} from '../server/src/registry/types';

const XML_PATH = 'server/src/registry/data/smtp-enhanced-status-codes.xml';
const BASIC_JSON_PATH = 'server/src/registry/data/basic-reply-codes.json';
const IANA_OUTPUT_PATH = 'server/src/registry/iana.generated.ts';
const BASIC_OUTPUT_PATH = 'server/src/registry/basicReplyCodes.generated.ts';

const IANA_PAGE = 'https://www.iana.org/assignments/smtp-enhanced-status-codes/smtp-enhanced-status-codes.xhtml';

// ---------------------------------------------------------------------------------------------
// XML access. With `preserveOrder` every element is `{ name: children[], ':@'?: attributes }` and
// text is `{ '#text': string }`; order matters because descriptions mix text and <xref/>.

type XmlNode = Record<string, unknown>;

const ATTRIBUTES = ':@';
const TEXT = '#text';

class RegistryFormatError extends Error {
  constructor(where: string, message: string) {
    super(`${where}: ${message}. Update scripts/generate-registry.ts if the registry legitimately changed.`);
    this.name = 'RegistryFormatError';
  }
}

function isText(node: XmlNode): boolean {
  return TEXT in node;
}

function nameOf(node: XmlNode): string {
  const name = Object.keys(node).find((key) => key !== ATTRIBUTES);
  if (name === undefined) throw new Error('XML node without a name');
  return name;
}

function childrenOf(node: XmlNode): XmlNode[] {
  return node[nameOf(node)] as XmlNode[];
}

function attributesOf(node: XmlNode): Record<string, string> {
  return (node[ATTRIBUTES] as Record<string, string> | undefined) ?? {};
}

function elementsOf(nodes: readonly XmlNode[], name?: string): XmlNode[] {
  return nodes.filter((n) => !isText(n) && (name === undefined || nameOf(n) === name));
}

function onlyElement(nodes: readonly XmlNode[], name: string, where: string): XmlNode {
  const found = elementsOf(nodes, name);
  if (found.length !== 1) throw new RegistryFormatError(where, `expected one <${name}>, found ${found.length}`);
  return found[0];
}

/** Values are wrapped over several lines (some indented); a reader wants one line of prose. */
function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function renderXref(node: XmlNode, where: string): string {
  const { type, data } = attributesOf(node);
  if (type === 'rfc') return `RFC ${rfcNumber(data, where)}`;
  if (type === 'draft') return draftName(data, where);
  throw new RegistryFormatError(where, `unsupported <xref type="${type}" data="${data}">`);
}

/** An element's content as one line of text, with inline <xref/> written out ("RFC 7208"). */
function inlineText(element: XmlNode, where: string): string {
  let text = '';
  for (const child of childrenOf(element)) {
    if (isText(child)) text += String(child[TEXT]);
    else if (nameOf(child) === 'xref') text += renderXref(child, where);
    else throw new RegistryFormatError(where, `unexpected <${nameOf(child)}> inside <${nameOf(element)}>`);
  }
  return collapseWhitespace(text);
}

function rfcNumber(data: string | undefined, where: string): number {
  const match = /^rfc(\d+)$/.exec(data ?? '');
  if (!match) throw new RegistryFormatError(where, `RFC xref with unexpected data "${data}"`);
  return Number(match[1]);
}

function draftName(data: string | undefined, where: string): string {
  if (!/^draft-[a-z0-9-]+$/.test(data ?? '')) throw new RegistryFormatError(where, `draft xref with unexpected data "${data}"`);
  return data as string;
}

function rfcEditorUrl(rfc: number, section?: string): string {
  const base = `https://www.rfc-editor.org/rfc/rfc${rfc}`;
  return section === undefined ? base : `${base}#section-${section}`;
}

// ---------------------------------------------------------------------------------------------
// Field parsers.

/**
 * What may follow a citation up to the next one: an optional `, Section 3.3`, an optional
 * parenthesised standing such as `(Standards Track)`, and the `;` that separates citations.
 */
const AFTER_CITATION = /^(?:,\s*Section\s+(\d+(?:\.\d+)*))?\s*(?:\(([^()]+)\))?\s*;?$/;

export function parseReference(element: XmlNode, where: string): Reference {
  const citations: Citation[] = [];
  let pending: Citation | undefined;
  let between = '';
  const settle = (): void => {
    const trimmed = collapseWhitespace(between);
    if (pending === undefined) {
      if (trimmed !== '') throw new RegistryFormatError(where, `reference text before the first citation: "${trimmed}"`);
    } else {
      const match = AFTER_CITATION.exec(trimmed);
      if (!match) throw new RegistryFormatError(where, `cannot read reference text after ${pending.id}: "${trimmed}"`);
      const [, section, note] = match;
      if (section !== undefined) {
        if (pending.rfc === undefined) throw new RegistryFormatError(where, `section given for non-RFC ${pending.id}`);
        pending.url = rfcEditorUrl(pending.rfc, section);
      }
      if (note !== undefined) pending.note = collapseWhitespace(note);
      citations.push(pending);
    }
    between = '';
  };
  const children = childrenOf(element);
  if (elementsOf(children, 'xref').length === 0) return { text: inlineText(element, where), citations };
  for (const child of children) {
    if (isText(child)) {
      between += String(child[TEXT]);
      continue;
    }
    if (nameOf(child) !== 'xref') throw new RegistryFormatError(where, `unexpected <${nameOf(child)}> in <reference>`);
    settle();
    const { type, data } = attributesOf(child);
    if (type === 'rfc') {
      const rfc = rfcNumber(data, where);
      pending = { kind: 'rfc', id: data, rfc, url: rfcEditorUrl(rfc) };
    } else if (type === 'draft') {
      const id = draftName(data, where);
      pending = { kind: 'draft', id, url: `https://datatracker.ietf.org/doc/${id}` };
    } else {
      throw new RegistryFormatError(where, `unsupported <xref type="${type}"> in <reference>`);
    }
  }
  settle();
  return { text: inlineText(element, where), citations };
}

/** `Not given`, a lone `.` and an empty field all mean the registry names no reply code. */
const UNSPECIFIED_VALUES = new Set(['', '.', 'not given']);

/** Separators seen between reply codes: `451, 550`, `451/550`, `250 or 251`. */
const REPLY_CODE_SEPARATOR = /\s*,\s*|\s*\/\s*|\s+or\s+/i;

/** Parses the "Associated basic status code" field; throws on anything it cannot read. */
export function parseAssociatedReplyCodes(raw: string, where: string): AssociatedReplyCodes {
  const value = collapseWhitespace(raw);
  const result: AssociatedReplyCodes = { raw: value, codes: [], any: false, unspecified: false };
  const fail = (why: string): never => {
    throw new RegistryFormatError(where, `cannot parse associated basic status code "${value}" (${why})`);
  };
  if (UNSPECIFIED_VALUES.has(value.toLowerCase())) return { ...result, unspecified: true };
  if (value.toLowerCase() === 'any') return { ...result, any: true };

  let list = value;
  const remark = /^(.*?)\s*\(([^()]*)\)$/.exec(value);
  if (remark) {
    list = remark[1];
    result.note = collapseWhitespace(remark[2]);
    if (result.note === '') fail('empty parenthesised remark');
  }
  if (list === '') fail('no reply codes');
  const seen = new Set<string>();
  for (const token of list.split(REPLY_CODE_SEPARATOR)) {
    if (seen.has(token.toUpperCase())) fail(`"${token}" listed twice`);
    seen.add(token.toUpperCase());
    let pattern: ReplyCodePattern;
    if (/^[2-5]\d\d$/.test(token)) pattern = { kind: 'exact', code: Number(token) };
    else if (/^[2-5]XX$/i.test(token)) pattern = { kind: 'class', class: Number(token[0]) };
    else return fail(token === '' ? 'empty item in the list' : `"${token}" is not a reply code`);
    result.codes.push(pattern);
  }
  return result;
}

const DEPRECATION = /\bThis is a duplicate of (X\.\d{1,3}\.\d{1,3}) and is thus deprecated\./;
const HISTORICAL = /\bdocumented here for historical purposes only\b/;

/** Lifecycle as the description states it; a mention we cannot read exactly is an error. */
export function statusFromDescription(description: string, where: string): { status: CodeStatus; replacedBy?: string } {
  const deprecated = DEPRECATION.exec(description);
  const historical = HISTORICAL.test(description);
  if (!deprecated && /deprecat/i.test(description)) {
    throw new RegistryFormatError(where, `description mentions deprecation in unrecognised words: "${description}"`);
  }
  if (!historical && /\bhistoric/i.test(description)) {
    throw new RegistryFormatError(where, `description mentions history in unrecognised words: "${description}"`);
  }
  if (deprecated && historical) throw new RegistryFormatError(where, 'description says both deprecated and historical');
  if (deprecated) return { status: 'deprecated', replacedBy: deprecated[1] };
  return { status: historical ? 'historical' : 'current' };
}

// ---------------------------------------------------------------------------------------------
// The IANA registry.

const CLASS_FIELDS = ['code', 'summary', 'description', 'reference', 'submitter', 'change_controller'];
const CODE_FIELDS = ['code', 'sample', 'basic_code', 'description', 'reference', 'submitter', 'change_controller'];
const RECORD_ATTRIBUTES = new Set(['date', 'updated']);

interface RawRecord {
  where: string;
  fields: Map<string, XmlNode>;
  registered?: string;
  updated?: string;
}

function readRecord(record: XmlNode, expectedFields: readonly string[], registryId: string, index: number): RawRecord {
  const children = childrenOf(record);
  const codeElement = elementsOf(children, 'code')[0];
  const where = `${registryId} record ${codeElement ? inlineText(codeElement, registryId) : `#${index + 1}`}`;
  const fields = new Map<string, XmlNode>();
  for (const element of elementsOf(children)) {
    const name = nameOf(element);
    if (!expectedFields.includes(name)) throw new RegistryFormatError(where, `unexpected field <${name}>`);
    if (fields.has(name)) throw new RegistryFormatError(where, `field <${name}> appears twice`);
    fields.set(name, element);
  }
  const missing = expectedFields.filter((name) => !fields.has(name));
  if (missing.length > 0) throw new RegistryFormatError(where, `missing <${missing.join('>, <')}>`);
  const raw: RawRecord = { where, fields };
  for (const [name, value] of Object.entries(attributesOf(record))) {
    if (!RECORD_ATTRIBUTES.has(name)) throw new RegistryFormatError(where, `unexpected attribute ${name}="${value}"`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new RegistryFormatError(where, `${name}="${value}" is not a date`);
    if (name === 'date') raw.registered = value;
    else raw.updated = value;
  }
  return raw;
}

function text(record: RawRecord, field: string): string {
  return inlineText(record.fields.get(field) as XmlNode, record.where);
}

function commonFields(record: RawRecord) {
  return {
    description: text(record, 'description'),
    reference: parseReference(record.fields.get('reference') as XmlNode, record.where),
    submitter: text(record, 'submitter'),
    changeController: text(record, 'change_controller'),
    ...(record.registered !== undefined && { registered: record.registered }),
    ...(record.updated !== undefined && { updated: record.updated }),
  };
}

function recordsOf(registry: XmlNode, id: string, expectedFields: readonly string[]): RawRecord[] {
  return elementsOf(childrenOf(registry), 'record').map((r, i) => readRecord(r, expectedFields, id, i));
}

export function parseEnhancedRegistry(xml: string): EnhancedRegistry {
  // The parser itself is lenient about malformed markup; a truncated download must not pass.
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw new RegistryFormatError('registry XML', `not well-formed at line ${line}, column ${col}: ${msg}`);
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    // Keep `550` a string and keep the spaces around inline <xref/>; whitespace is folded later.
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  const top = onlyElement(parser.parse(xml) as XmlNode[], 'registry', 'registry XML');
  const topChildren = childrenOf(top);
  if (attributesOf(top).id !== 'smtp-enhanced-status-codes') {
    throw new RegistryFormatError('registry XML', `unexpected registry id "${attributesOf(top).id}"`);
  }
  const subRegistry = (suffix: number): XmlNode => {
    const id = `smtp-enhanced-status-codes-${suffix}`;
    const found = elementsOf(topChildren, 'registry').filter((r) => attributesOf(r).id === id);
    if (found.length !== 1) throw new RegistryFormatError('registry XML', `expected one sub-registry ${id}, found ${found.length}`);
    return found[0];
  };
  if (elementsOf(topChildren, 'registry').length !== 3) {
    throw new RegistryFormatError('registry XML', `expected 3 sub-registries, found ${elementsOf(topChildren, 'registry').length}`);
  }

  const classes: ClassEntry[] = recordsOf(subRegistry(1), 'class sub-codes', CLASS_FIELDS).map((record) => {
    const pattern = text(record, 'code');
    const match = /^([245])\.XXX\.YYY$/.exec(pattern);
    if (!match) throw new RegistryFormatError(record.where, `class pattern "${pattern}" is not c.XXX.YYY`);
    return { class: Number(match[1]) as 2 | 4 | 5, pattern, title: text(record, 'summary'), ...commonFields(record) };
  });

  const subjects: SubjectEntry[] = recordsOf(subRegistry(2), 'subject sub-codes', CLASS_FIELDS).map((record) => {
    const pattern = text(record, 'code');
    const match = /^X\.(\d{1,3})\.YYY$/.exec(pattern);
    if (!match) throw new RegistryFormatError(record.where, `subject pattern "${pattern}" is not X.n.YYY`);
    return { subject: Number(match[1]), pattern, title: text(record, 'summary'), ...commonFields(record) };
  });

  const codes: EnhancedCodeEntry[] = recordsOf(subRegistry(3), 'enumerated codes', CODE_FIELDS).map((record) => {
    const code = text(record, 'code');
    const match = /^X\.(\d{1,3})\.(\d{1,3})$/.exec(code);
    if (!match) throw new RegistryFormatError(record.where, `code "${code}" is not X.n.n`);
    const fields = commonFields(record);
    const { status, replacedBy } = statusFromDescription(fields.description, record.where);
    return {
      code,
      subject: Number(match[1]),
      detail: Number(match[2]),
      title: text(record, 'sample'),
      associated: parseAssociatedReplyCodes(text(record, 'basic_code'), record.where),
      status,
      ...(replacedBy !== undefined && { replacedBy }),
      ...fields,
    };
  });

  checkUnique(
    classes.map((c) => c.pattern),
    'class sub-codes',
  );
  checkUnique(
    subjects.map((s) => s.pattern),
    'subject sub-codes',
  );
  checkUnique(
    codes.map((c) => c.code),
    'enumerated codes',
  );
  const subjectNumbers = new Set(subjects.map((s) => s.subject));
  const codeNames = new Set(codes.map((c) => c.code));
  for (const entry of codes) {
    if (!subjectNumbers.has(entry.subject)) throw new RegistryFormatError(entry.code, `subject ${entry.subject} is not registered`);
    if (entry.replacedBy !== undefined && !codeNames.has(entry.replacedBy)) {
      throw new RegistryFormatError(entry.code, `replacement ${entry.replacedBy} is not registered`);
    }
  }

  return {
    title: inlineText(onlyElement(topChildren, 'title', 'registry XML'), 'registry title'),
    created: inlineText(onlyElement(topChildren, 'created', 'registry XML'), 'registry created'),
    updated: inlineText(onlyElement(topChildren, 'updated', 'registry XML'), 'registry updated'),
    source: IANA_PAGE,
    classes: classes.sort((a, b) => a.class - b.class),
    subjects: subjects.sort((a, b) => a.subject - b.subject),
    codes: codes.sort((a, b) => a.subject - b.subject || a.detail - b.detail),
  };
}

function checkUnique(values: readonly string[], where: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new RegistryFormatError(where, `${value} is registered twice`);
    seen.add(value);
  }
}

// ---------------------------------------------------------------------------------------------
// Basic reply codes.

interface BasicSourceEntry {
  code: string;
  text: string;
  defining_rfc: string;
  section: string;
  kind: string;
  text_verified_against_rfc: boolean;
  context: string | null;
  notes: string[];
  enhanced_codes_given_in_rfc: string[];
  listed_by_enhanced_codes: string[];
}

const BASIC_ENTRY_KEYS = [
  'code',
  'text',
  'defining_rfc',
  'section',
  'kind',
  'text_verified_against_rfc',
  'context',
  'notes',
  'enhanced_codes_given_in_rfc',
  'listed_by_enhanced_codes',
];

/** The list's way of saying it has no section number; there is then nothing to link to. */
const NO_SECTION = 'not verified';

function checkBasicEntry(entry: unknown, index: number): BasicSourceEntry {
  const where = `basic-reply-codes.json codes[${index}]`;
  if (typeof entry !== 'object' || entry === null) throw new RegistryFormatError(where, 'not an object');
  const record = entry as Record<string, unknown>;
  const keys = Object.keys(record);
  const unexpected = keys.filter((k) => !BASIC_ENTRY_KEYS.includes(k));
  const missing = BASIC_ENTRY_KEYS.filter((k) => !keys.includes(k));
  if (unexpected.length > 0 || missing.length > 0) {
    throw new RegistryFormatError(where, `unexpected keys [${unexpected.join(', ')}], missing keys [${missing.join(', ')}]`);
  }
  const strings = (value: unknown): boolean => Array.isArray(value) && value.every((v) => typeof v === 'string');
  const wellTyped =
    typeof record.code === 'string' &&
    typeof record.text === 'string' &&
    typeof record.defining_rfc === 'string' &&
    typeof record.section === 'string' &&
    typeof record.kind === 'string' &&
    typeof record.text_verified_against_rfc === 'boolean' &&
    (record.context === null || typeof record.context === 'string') &&
    strings(record.notes) &&
    strings(record.enhanced_codes_given_in_rfc) &&
    strings(record.listed_by_enhanced_codes);
  if (!wellTyped) throw new RegistryFormatError(where, 'a field has an unexpected type');
  return record as unknown as BasicSourceEntry;
}

function compareEnhancedNames(a: string, b: string): number {
  const [, as, ad] = a.split('.').map(Number);
  const [, bs, bd] = b.split('.').map(Number);
  return as - bs || ad - bd;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  return sa.size === new Set(b).size && b.every((x) => sa.has(x));
}

export function buildBasicReplyCodes(basicJson: string, registry: EnhancedRegistry): BasicReplyCode[] {
  const source = JSON.parse(basicJson) as { codes?: unknown; basic_codes_in_enhanced_registry?: unknown };
  if (!Array.isArray(source.codes)) throw new RegistryFormatError('basic-reply-codes.json', '"codes" is not a list');
  const listedMap = source.basic_codes_in_enhanced_registry as Record<string, string[]> | undefined;
  if (typeof listedMap !== 'object' || listedMap === null) {
    throw new RegistryFormatError('basic-reply-codes.json', '"basic_codes_in_enhanced_registry" is missing');
  }

  // Which enhanced codes list each reply code (or `5XX`), as the XML says.
  const listedByXml = new Map<string, string[]>();
  for (const entry of registry.codes) {
    for (const pattern of entry.associated.codes) {
      const key = pattern.kind === 'exact' ? String(pattern.code) : `${pattern.class}XX`;
      listedByXml.set(key, [...(listedByXml.get(key) ?? []), entry.code]);
    }
  }
  // The JSON's copy of that mapping must agree, so the two inputs cannot drift apart unnoticed.
  const mismatch = [...new Set([...listedByXml.keys(), ...Object.keys(listedMap)])].filter(
    (key) => !sameSet(listedByXml.get(key) ?? [], listedMap[key] ?? []),
  );
  if (mismatch.length > 0) {
    throw new RegistryFormatError(
      'basic-reply-codes.json',
      `basic_codes_in_enhanced_registry disagrees with the registry XML for ${mismatch.join(', ')}`,
    );
  }

  const byCode = new Map<number, BasicReplyCode>();
  source.codes.forEach((raw, index) => {
    const entry = checkBasicEntry(raw, index);
    const where = `basic-reply-codes.json ${entry.code}`;
    const match = /^([2-5]\d\d)(?:\(([A-Z][A-Z0-9-]*)\))?$/.exec(entry.code);
    if (!match) throw new RegistryFormatError(where, 'code is neither NNN nor NNN(CONTEXT)');
    const code = Number(match[1]);
    if (match[2] !== undefined && entry.context !== null && entry.context !== match[2]) {
      throw new RegistryFormatError(where, `context "${entry.context}" contradicts the code's "${match[2]}"`);
    }
    const context = match[2] ?? entry.context ?? undefined;

    const listedBy = (listedByXml.get(match[1]) ?? []).slice().sort(compareEnhancedNames);
    if (!sameSet(listedBy, entry.listed_by_enhanced_codes)) {
      throw new RegistryFormatError(where, 'listed_by_enhanced_codes disagrees with the registry XML');
    }

    const notes = [...entry.notes];
    const enhancedCodes = entry.enhanced_codes_given_in_rfc.map((given) => {
      const parsed = /^([245])\.\d{1,3}\.\d{1,3}(?: \(([^()]+)\))?$/.exec(given);
      if (!parsed) throw new RegistryFormatError(where, `cannot read enhanced code "${given}"`);
      if (parsed[1] !== match[1][0]) throw new RegistryFormatError(where, `enhanced code ${given} is of another class`);
      const name = parsed[0].split(' ')[0];
      // The condition under which the RFC pairs the two codes is prose, so it joins the notes.
      if (parsed[2] !== undefined) notes.push(`${name} for ${parsed[2]}.`);
      return name;
    });

    const rfc = /^RFC (\d+)\b/.exec(entry.defining_rfc);
    const meaning: ReplyCodeMeaning = {
      text: entry.text,
      source: entry.defining_rfc,
      ...(rfc && { rfc: Number(rfc[1]) }),
      ...(entry.section !== NO_SECTION && entry.section !== '' && { section: entry.section }),
      kind: entry.kind,
      ...(context !== undefined && { context }),
      verified: entry.text_verified_against_rfc,
      notes,
      enhancedCodes,
    };
    const existing = byCode.get(code);
    if (existing) existing.meanings.push(meaning);
    else byCode.set(code, { code, meanings: [meaning], listedBy });
  });

  for (const key of listedByXml.keys()) {
    if (/^\d+$/.test(key) && !byCode.has(Number(key))) {
      throw new RegistryFormatError('basic-reply-codes.json', `reply code ${key} is used by the registry but has no entry`);
    }
  }
  return [...byCode.values()].sort((a, b) => a.code - b.code);
}

// ---------------------------------------------------------------------------------------------
// Output: TypeScript literals in one fixed layout, so regenerating gives byte-identical files.

const MAX_INLINE = 120;

function quote(value: string): string {
  const json = JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"');
  return `'${json.replace(/'/g, "\\'")}'`;
}

function propertyKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key);
}

function literal(value: unknown, indent: string): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const flat = `[${value.map((v) => literal(v, inner)).join(', ')}]`;
    if (!flat.includes('\n') && flat.length + indent.length <= MAX_INLINE) return flat;
    return `[\n${value.map((v) => `${inner}${literal(v, inner)},\n`).join('')}${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const parts = entries.map(([k, v]) => `${propertyKey(k)}: ${literal(v, inner)}`);
    const nested = entries.some(([, v]) => typeof v === 'object' && v !== null && (!Array.isArray(v) || v.length > 0));
    const flat = `{ ${parts.join(', ')} }`;
    if (!nested && flat.length + indent.length <= MAX_INLINE) return flat;
    return `{\n${parts.map((p) => `${inner}${p},\n`).join('')}${indent}}`;
  }
  throw new Error(`cannot write ${typeof value} as a literal`);
}

function header(lines: readonly string[]): string {
  return [
    '// Generated by `npm run registry:generate` (scripts/generate-registry.ts). Do not edit by hand:',
    '// change the inputs under server/src/registry/data/ or the generator, then regenerate.',
    ...lines.map((line) => `// ${line}`),
    '',
  ].join('\n');
}

export function generateRegistrySource(xml: string, basicJson: string): { iana: string; basic: string } {
  const registry = parseEnhancedRegistry(xml);
  const basic = buildBasicReplyCodes(basicJson, registry);
  const xmlSha256 = createHash('sha256').update(xml).digest('hex');
  const jsonSha256 = createHash('sha256').update(basicJson).digest('hex');

  const iana = [
    header([
      `Source: ${XML_PATH} (sha256 ${xmlSha256}),`,
      `IANA's "${registry.title}",`,
      `created ${registry.created}, updated ${registry.updated}: ${IANA_PAGE}`,
      'Where the vendored copy came from: server/src/registry/README.md.',
    ]),
    "import type { EnhancedRegistry } from './types';",
    '',
    `export const ENHANCED_REGISTRY: EnhancedRegistry = ${literal(registry, '')};`,
    '',
  ].join('\n');

  const basicSource = [
    header([`Source: ${BASIC_JSON_PATH} (sha256 ${jsonSha256}),`, `checked against ${XML_PATH} (sha256 ${xmlSha256}).`]),
    "import type { BasicReplyCode } from './types';",
    '',
    `export const BASIC_REPLY_CODES: readonly BasicReplyCode[] = ${literal(basic, '')};`,
    '',
  ].join('\n');

  return { iana, basic: basicSource };
}

// ---------------------------------------------------------------------------------------------

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = up;
  }
  return dir;
}

function main(): void {
  const root = repoRoot();
  const { iana, basic } = generateRegistrySource(
    readFileSync(join(root, XML_PATH), 'utf8'),
    readFileSync(join(root, BASIC_JSON_PATH), 'utf8'),
  );
  for (const [path, content] of [
    [IANA_OUTPUT_PATH, iana],
    [BASIC_OUTPUT_PATH, basic],
  ] as const) {
    const target = join(root, path);
    const before = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    if (before === content) {
      console.log(`unchanged ${path}`);
    } else {
      writeFileSync(target, content);
      console.log(`wrote ${path}`);
    }
  }
}

// When a test bundles this file, `module` is the test bundle's own module and so is also
// `require.main`; the file name check keeps the test from rewriting the committed tables.
if (require.main === module && basename(__filename).startsWith('generate-registry.')) {
  main();
}
