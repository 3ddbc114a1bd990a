// The invariants every input must keep, shared by the bounded fuzz tests in `npm test` and the long
// run of `npm run test:fuzz`. Each check throws an AssertionError naming the input on failure.
import assert from 'node:assert/strict';
import type { Hover, MarkupContent, Position, Range } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  codeSlotAt,
  ID_ROLES,
  INITIAL_STATE,
  MessageTable,
  modeForDocument,
  MTAS,
  replyCodesOnLine,
  scanDocument,
  scanLine,
  scanMessageLine,
  scanMessages,
  type CodeMatch,
  type ScanMode,
} from '../../../server/src/scan';
import {
  Analysis,
  complete,
  computeDiagnostics,
  DEFAULT_SETTINGS,
  definition,
  documentHighlights,
  failureLines,
  hover,
  messageLines,
  references,
  type ContentChange,
  type Settings,
} from '../../../server/src/service';
import { VENDORS } from '../../../server/src/registry';

/** Lines as LSP counts them: `\r\n`, `\n` and a lone `\r` end a line. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Whether column `at` of `line` falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(line: string, at: number): boolean {
  return at > 0 && at < line.length && isHigh(line.charCodeAt(at - 1)) && isLow(line.charCodeAt(at));
}

const show = (text: string) =>
  text.length > 400 ? `${JSON.stringify(text.slice(0, 400))}... (${text.length} chars)` : JSON.stringify(text);

/** A range lies inside the document (given as its lines), is ordered and never splits a surrogate pair. */
export function assertRangeInside(lines: readonly string[], range: Range, what: string): void {
  const { start, end } = range;
  for (const [name, p] of [
    ['start', start],
    ['end', end],
  ] as const) {
    assert.ok(
      Number.isInteger(p.line) && Number.isInteger(p.character),
      `${what}: ${name} is not an integer position ${JSON.stringify(range)}`,
    );
    assert.ok(
      p.line >= 0 && p.line < lines.length,
      `${what}: ${name} line ${p.line} outside 0..${lines.length - 1} ${JSON.stringify(range)}`,
    );
    assert.ok(
      p.character >= 0 && p.character <= lines[p.line].length,
      `${what}: ${name} column ${p.character} outside line ${p.line} of length ${lines[p.line].length}`,
    );
    assert.ok(!splitsSurrogatePair(lines[p.line], p.character), `${what}: ${name} ${JSON.stringify(p)} splits a surrogate pair`);
  }
  assert.ok(
    start.line < end.line || (start.line === end.line && start.character <= end.character),
    `${what}: range ends before it starts ${JSON.stringify(range)}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Recognizer

/** The codes of `text` scanned line by line with `scanLine`, state carried as the analysis does. */
export function scanByLine(text: string, mode: ScanMode, languageId: string): CodeMatch[] {
  const codes: CodeMatch[] = [];
  let state = INITIAL_STATE;
  splitLines(text).forEach((line, k) => {
    const result = scanLine(line, k, mode, state, { languageId });
    codes.push(...result.codes);
    state = result.state;
  });
  return codes;
}

/** Checks one match against the line it is on. */
function assertMatch(lines: readonly string[], m: CodeMatch, input: string): void {
  const where = `match ${JSON.stringify(m)} in ${show(input)}`;
  assertRangeInside(lines, { start: { line: m.line, character: m.start }, end: { line: m.line, character: m.end } }, where);
  assert.ok(m.start < m.end, `empty match: ${where}`);
  const written = lines[m.line].slice(m.start, m.end);
  if (m.call) {
    // A library call's name: `no_such_user` in `DSN.no_such_user()`.
    assert.match(written, /^[A-Za-z_]+$/, `a call's code covers the called name: ${where}`);
  } else {
    // `5.1.1` as written, go-smtp's `5, 1, 1` inside `EnhancedCode{...}`, KumoMTA's
    // `5, "subject": 1, "detail": 1`: the numbers written are the code's, in order.
    assert.match(written, /^\d/, `a code starts with its class: ${where}`);
    assert.equal(written.match(/\d+/g)?.join('.'), m.text, `match text differs from the document: ${where}`);
  }
  assert.match(m.text, /^\d+\.\d+\.\d+$/, `match text: ${where}`);
  const [cls, subject, detail] = m.text.split('.').map(Number);
  assert.deepEqual([m.class, m.subject, m.detail], [cls, subject, detail], `numbers: ${where}`);
  if (m.problem === undefined) assert.notEqual(m.context, undefined, where);
  else assert.notEqual(m.context, 'bare', `a malformed code is kept only where a code must stand: ${where}`);
  if (m.reply !== undefined && m.reply.start >= 0) {
    assert.ok(m.reply.end === m.reply.start + 3 && m.reply.end <= lines[m.line].length, `reply range: ${where}`);
    assert.equal(Number(lines[m.line].slice(m.reply.start, m.reply.end)), m.reply.code, `reply digits: ${where}`);
  }
  if (m.action !== undefined) {
    assert.ok(m.action.start >= 0 && m.action.end <= lines[m.line].length && m.action.start < m.action.end, `action range: ${where}`);
    assert.equal(lines[m.line].slice(m.action.start, m.action.end).toUpperCase(), m.action.word, `action word: ${where}`);
  }
}

/**
 * The recognizer on one document: `scanDocument` never throws; every match lies on its line with
 * its text as written; matches come in document order; `scanLine` line by line gives the same
 * matches; `replyCodesOnLine` ranges hold their digits; `codeSlotAt` at `offsets` never throws and
 * gives a slot that ends at the cursor on the cursor's line.
 */
export function checkRecognizer(text: string, languageId: string, uri: string, offsets: readonly number[] = []): void {
  const mode = modeForDocument(languageId, uri);
  const lines = splitLines(text);
  const { codes } = scanDocument(text, mode, { languageId });
  for (const m of codes) assertMatch(lines, m, text);
  for (let k = 1; k < codes.length; k++) {
    const [a, b] = [codes[k - 1], codes[k]];
    assert.ok(
      a.line < b.line || (a.line === b.line && a.end <= b.start),
      `matches out of order: ${JSON.stringify(a)} then ${JSON.stringify(b)} in ${show(text)}`,
    );
  }
  assert.deepEqual(
    scanByLine(text, mode, languageId),
    codes,
    `scanLine line by line differs from scanDocument (${languageId}, ${mode}) for ${show(text)}`,
  );
  if (mode !== 'source') {
    lines.forEach((line) => {
      for (const r of replyCodesOnLine(line)) {
        assert.ok(
          r.start >= 0 && r.end === r.start + 3 && r.end <= line.length,
          `replyCodesOnLine range ${JSON.stringify(r)} on ${show(line)}`,
        );
        assert.equal(Number(line.slice(r.start, r.end)), r.code, `replyCodesOnLine digits ${JSON.stringify(r)} on ${show(line)}`);
      }
    });
  }
  checkMessageIndex(text, lines);
  for (const offset of offsets) {
    const slot = codeSlotAt(text, offset, mode, { languageId });
    if (slot === undefined) continue;
    const where = `codeSlotAt(${offset}) = ${JSON.stringify(slot)} in ${show(text)}`;
    assert.ok(slot.start >= 0 && slot.start <= offset, `slot start: ${where}`);
    assert.equal(text.slice(slot.start, offset), slot.typed, `slot typed text: ${where}`);
    assert.ok(!/[\r\n]/.test(slot.typed), `slot spans a line break: ${where}`);
  }
}

/**
 * The message index of a text: the whole-document scan gives what scanning each line alone gives
 * (it is restartable per line); rows lie on their lines in order, each an id without spaces, with
 * a known role and MTA.
 */
export function checkMessageIndex(text: string, lines: readonly string[] = splitLines(text)): void {
  const whole = new MessageTable(1);
  scanMessages(text, whole);
  const byLine = new MessageTable(1);
  lines.forEach((line, k) => {
    scanMessageLine(line, k, byLine);
  });
  assert.deepEqual(whole.toArray(), byLine.toArray(), `message index: whole text and line by line differ for ${show(text)}`);
  whole.toArray().forEach((row, k, rows) => {
    const where = `message id row ${JSON.stringify(row)} in ${show(text)}`;
    assertRangeInside(lines, { start: { line: row.line, character: row.start }, end: { line: row.line, character: row.end } }, where);
    assert.ok(row.start < row.end && !/\s/.test(lines[row.line].slice(row.start, row.end)), where);
    assert.ok(ID_ROLES.includes(row.role) && MTAS.includes(row.mta), where);
    if (k > 0)
      assert.ok(
        rows[k - 1].line < row.line || (rows[k - 1].line === row.line && rows[k - 1].end <= row.start),
        `rows out of order: ${where}`,
      );
  });
}

// ---------------------------------------------------------------------------------------------
// Service

/** Hosts a markdown link may point to: the RFCs, IANA, the IETF datatracker. */
const STANDARD_HOSTS = /^https:\/\/(?:www\.)?(?:rfc-editor\.org|iana\.org|datatracker\.ietf\.org)\//;
/** The vendor documentation pages the registry names, the vendors' and each code's (fixed in the source, never from a document). */
const VENDOR_SOURCES = new Set(VENDORS.flatMap((v) => [v.source, ...v.codes.flatMap((c) => (c.source === undefined ? [] : [c.source]))]));

/** Whether a link target is one the service may build: https to the RFCs, IANA or the IETF, or a registry vendor page. */
export function allowedLink(url: string): boolean {
  return STANDARD_HOSTS.test(url) || VENDOR_SOURCES.has(url);
}

/**
 * The inline links of markdown: every unescaped `[` must open `[text](target)`; returns the
 * targets, or a description of the first `[` that opens something else (a reference link, a
 * footnote, a bracket the escaping missed).
 */
export function markdownLinks(value: string): { targets: string[]; stray?: string } {
  const targets: string[] = [];
  const unescaped = (k: number) => {
    let backslashes = 0;
    for (let j = k - 1; j >= 0 && value[j] === '\\'; j--) backslashes++;
    return backslashes % 2 === 0;
  };
  for (let k = 0; k < value.length; k++) {
    if (value[k] !== '[' || !unescaped(k)) continue;
    let close = -1;
    for (let j = k + 1; j < value.length && value[j] !== '\n'; j++) {
      if (value[j] === ']' && unescaped(j)) {
        close = j;
        break;
      }
    }
    if (close === -1 || value[close + 1] !== '(') return { targets, stray: value.slice(Math.max(0, k - 20), k + 60) };
    const end = value.indexOf(')', close);
    targets.push(value.slice(close + 2, end === -1 ? value.length : end));
    k = end === -1 ? value.length : end;
  }
  return { targets };
}

/**
 * Markdown the service produced is inert: every link is `[text](target)` with a target
 * `allowedLink` accepts (so no `command:`, `javascript:`, `file:` links), no bare URL a renderer
 * would linkify points elsewhere, no HTML (no `<` or `>` at all: tags and autolinks are escaped as
 * entities), and no terminal control character (ANSI escapes).
 */
export function assertSafeMarkdown(value: string, what: string): void {
  const { targets, stray } = markdownLinks(value);
  assert.equal(stray, undefined, `${what}: an unescaped [ that opens no allowed link: ${JSON.stringify(stray)} in ${show(value)}`);
  for (const target of targets) assert.ok(allowedLink(target), `${what}: link to ${target} in ${show(value)}`);
  for (const m of value.matchAll(/\b(?:https?|ftp):\/\/[^\s)\]|]+|\bwww\.[^\s)\]|]+/gi))
    assert.ok(allowedLink(m[0]), `${what}: URL ${m[0]} would be linkified in ${show(value)}`);
  assert.doesNotMatch(value, /[<>]/, `${what}: raw < or > in ${show(value)}`);
  assert.doesNotMatch(value, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, `${what}: a control character in ${show(value)}`);
  assert.doesNotMatch(value, /\w@\w/, `${what}: an address the renderer would autolink in ${show(value)}`);
}

/** The markdown of a hover, with its shape checked (MarkupContent, no isTrusted, no HTML support flags). */
export function hoverMarkdown(result: Hover, what: string): string {
  const contents = result.contents as MarkupContent;
  assert.equal(typeof contents, 'object', `${what}: MarkupContent expected`);
  assert.equal(contents.kind, 'markdown', `${what}: markdown expected`);
  assert.ok(!('isTrusted' in (contents as object)) && !('supportHtml' in (contents as object)), `${what}: isTrusted or supportHtml set`);
  return contents.value;
}

/** Positions worth asking about: each code's edges and middle, after each code, random ones, and out-of-range ones. */
export function probePositions(text: string, codes: readonly CodeMatch[], random: readonly number[]): Position[] {
  const lines = splitLines(text);
  const positions: Position[] = [];
  for (const m of codes.slice(0, 20)) {
    positions.push(
      { line: m.line, character: m.start },
      { line: m.line, character: (m.start + m.end) >> 1 },
      { line: m.line, character: m.end },
    );
    if (m.reply !== undefined && m.reply.start >= 0) positions.push({ line: m.line, character: m.reply.start + 1 });
  }
  for (const r of random) {
    const line = Math.floor(r * lines.length) % lines.length;
    positions.push({ line, character: Math.floor(((r * 7919) % 1) * (lines[line].length + 1)) });
  }
  positions.push({ line: 0, character: 0 }, { line: lines.length - 1, character: lines[lines.length - 1].length });
  return positions;
}

/** Positions no client should send: past the end, negative, huge. */
export const WILD_POSITIONS: readonly Position[] = [
  { line: 0, character: 1e9 },
  { line: 1e9, character: 0 },
  { line: -1, character: 0 },
  { line: 0, character: -1 },
  { line: -5, character: -5 },
  { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
];

/**
 * Every service feature on one document: the analysis, diagnostics (grouped or not), hover and
 * completion at the given positions (and at wild ones, where only "does not throw" is checked).
 * Ranges lie inside the document on UTF-16 boundaries; hover and completion markdown is inert.
 * `documentation`: check every completion item's markdown (costly) or only the first few.
 */
export function checkService(
  text: string,
  languageId: string,
  uri: string,
  positions: readonly Position[],
  options: { settings?: Settings; documentation?: 'all' | 'some' } = {},
): void {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const document = TextDocument.create(uri, languageId, 1, text);
  const lines = splitLines(text);
  assert.equal(document.lineCount, lines.length, 'line counting agrees with LSP');
  const analysis = new Analysis(document);
  for (const groupRepeated of [false, true]) {
    for (const d of computeDiagnostics(analysis, document, { groupRepeated }, settings)) {
      const what = `diagnostic ${JSON.stringify(d)} in ${show(text)}`;
      assertRangeInside(lines, d.range, what);
      assert.ok(d.codeDescription === undefined || allowedLink(d.codeDescription.href), `codeDescription: ${what}`);
      for (const related of d.relatedInformation ?? []) assertRangeInside(lines, related.location.range, `related: ${what}`);
    }
  }
  for (const position of positions) {
    const what = `at ${JSON.stringify(position)} in ${languageId} ${show(text)}`;
    const h = hover(analysis, document, position, settings);
    if (h !== null) {
      assert.ok(h.range, `hover without a range ${what}`);
      assertRangeInside(lines, h.range, `hover ${what}`);
      assert.ok(
        h.range.start.line === position.line &&
          h.range.start.character <= position.character &&
          position.character <= h.range.end.character,
        `hover range does not hold the position ${JSON.stringify(h.range)} ${what}`,
      );
      assertSafeMarkdown(hoverMarkdown(h, `hover ${what}`), `hover ${what}`);
    }
    const list = complete(analysis, document, position);
    if (list !== null) {
      list.items.forEach((item, k) => {
        const edit = item.textEdit;
        assert.ok(edit !== undefined && 'range' in edit, `completion item without a textEdit range ${what}`);
        assertRangeInside(lines, edit.range, `completion ${item.label} ${what}`);
        assert.equal(edit.range.start.line, position.line, `completion edit on another line ${what}`);
        if (options.documentation === 'all' || k < 3) {
          const doc = item.documentation;
          if (doc !== undefined) {
            assert.ok(
              typeof doc === 'object' && doc.kind === 'markdown' && !('isTrusted' in doc),
              `completion documentation shape ${what}`,
            );
            assertSafeMarkdown(doc.value, `completion ${item.label} ${what}`);
          }
        }
      });
    }
  }
  checkMessageFeatures(analysis, document, lines, text);
  for (const position of WILD_POSITIONS) {
    hover(analysis, document, position, settings);
    complete(analysis, document, position);
    documentHighlights(analysis, document, position);
    references(analysis, document, position);
    definition(analysis, document, position);
  }
}

/**
 * The message features on the first ids of a document (their edges and middle): highlights,
 * references and definition lie inside the document and hold the id they were asked about; the
 * id's hover is inert markdown; the views' line lists are sorted lines of the document.
 */
function checkMessageFeatures(analysis: Analysis, document: TextDocument, lines: readonly string[], text: string): void {
  const table = analysis.messages;
  const inRange = (range: Range, what: string) => assertRangeInside(lines, range, `${what} in ${show(text)}`);
  for (let i = 0; i < Math.min(table.length, 12); i++) {
    const line = table.lineOf(i);
    for (const character of [table.startOf(i), (table.startOf(i) + table.endOf(i)) >> 1, table.endOf(i)]) {
      const position = { line, character };
      const what = `at ${JSON.stringify(position)}`;
      const highlights = documentHighlights(analysis, document, position);
      assert.ok(highlights !== null && highlights.length > 0, `highlights ${what} in ${show(text)}`);
      for (const h of highlights) inRange(h.range, `highlight ${what}`);
      for (const l of references(analysis, document, position) ?? []) inRange(l.range, `reference ${what}`);
      const found = definition(analysis, document, position);
      assert.ok(found !== null, `definition ${what} in ${show(text)}`);
      inRange(found.range, `definition ${what}`);
      const h = hover(analysis, document, position);
      if (h !== null) assertSafeMarkdown(hoverMarkdown(h, `id hover ${what}`), `id hover ${what}`);
      const view = messageLines(analysis, document, position);
      if (view !== null) assertSortedLines(view.lines, lines.length, `messageLines ${what}`);
    }
  }
  for (const withMessages of [false, true])
    assertSortedLines(failureLines(analysis, document, withMessages).lines, lines.length, 'failureLines');
}

function assertSortedLines(list: readonly number[], lineCount: number, what: string): void {
  list.forEach((line, k) => {
    assert.ok(Number.isInteger(line) && line >= 0 && line < lineCount, `${what}: line ${line} of ${lineCount}`);
    if (k > 0) assert.ok(list[k - 1] < line, `${what}: lines not sorted or repeated ${JSON.stringify(list.slice(0, 40))}`);
  });
}

// ---------------------------------------------------------------------------------------------
// Incremental analysis

/** An edit: where (fractions of the text), how much to replace, what to insert. */
export interface Edit {
  at: number;
  length: number;
  insert: string;
}

/**
 * Applies batches of edits to an analysis one change at a time, as the server does, and after each
 * batch compares it with a fresh analysis of the same text. Positions are those of the current
 * text (a position between `\r` and `\n` cannot be written, so an offset there moves past `\n`).
 */
export function checkIncremental(languageId: string, uri: string, initial: string, batches: readonly (readonly Edit[])[]): void {
  let document = TextDocument.create(uri, languageId, 1, initial);
  const analysis = new Analysis(document);
  // The message index is read on first use: read it before the edits, so that they update it.
  analysis.messages.toArray();
  let version = 1;
  for (const batch of batches) {
    version++;
    const applied: ContentChange[] = [];
    for (const e of batch) {
      const text = document.getText();
      const within = (offset: number) => (text[offset - 1] === '\r' && text[offset] === '\n' ? offset + 1 : offset);
      const start = within(Math.floor(e.at * text.length));
      const end = within(Math.min(text.length, start + Math.floor(e.length * text.length)));
      const change: ContentChange = { range: { start: document.positionAt(start), end: document.positionAt(end) }, text: e.insert };
      applied.push(change);
      const lineCount = document.lineCount;
      document = TextDocument.update(document, [change], version);
      analysis.applyChange(document, change, lineCount);
    }
    const fresh = new Analysis(document);
    assert.deepEqual(
      analysis.codes.toArray(),
      fresh.codes.toArray(),
      `incremental differs from full analysis (${languageId}) after ${JSON.stringify(applied)} from ${show(initial)}; text now ${show(document.getText())}`,
    );
    assert.deepEqual(
      analysis.messages.toArray(),
      fresh.messages.toArray(),
      `incremental message index differs from full analysis (${languageId}) after ${JSON.stringify(applied)} from ${show(initial)}; text now ${show(document.getText())}`,
    );
  }
}
