// Measures recognition on real text: `npm run eval` (add `-- --write` to update docs/recognition.md).
//
// Sets (from ../shared/corpus and this checkout):
//   bounces       sisimai's bounces; recall of the delivery status its tests expect, where that status
//                 is written in the message (status_in_text = 1)
//   bounces-more  flanker's and MailBounceDetector's bounces; recall where expected.tsv names a status
//   logs          fail2ban's mail-server logs
//   providers     provider replies (JSON)
//   payloads      providers' event payloads (esp-payloads: SES, Mailgun, SendGrid, Postmark, Brevo,
//                 Mailjet); recall of the enhanced codes in the status and reply fields truth.tsv
//                 marks, and every code found anywhere else counted (goal 0)
//   decoys        text full of versions and addresses that holds no status code: our decoy fixture, the
//                 lockfile, every package.json and changelog under node_modules; goal 0 diagnostics
// For every set: files, crashes, codes per context, diagnostics per rule.
// Microsoft bounces: the bounces (both sets) that Microsoft 365 / Exchange wrote or refused, by their
// name or by the vendor their DSN names; the vendor warnings on them, goal 0 `unregistered` on a
// code Microsoft documents.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lookupCode, lookupVendorCode } from '../server/src/registry';
import { analyze, codeAt, computeDiagnostics, DEFAULT_SETTINGS, type Analysis } from '../server/src/service';

const root = join(__dirname, '..', '..');
const corpus = join(root, '..', 'shared', 'corpus');

interface SetResult {
  name: string;
  files: number;
  crashes: string[];
  contexts: Record<string, number>;
  diagnostics: Record<string, number>;
  /** Bare codes the registry lists: each would get a hover that claims a meaning. */
  registeredBare: number;
  recall?: { expected: number; found: number; strong: number; missed: string[] };
  /** Payloads: codes found outside the fields that hold codes. */
  elsewhere?: string[];
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function languageOf(file: string): string {
  if (file.endsWith('.json')) return 'json';
  if (file.endsWith('.eml')) return 'email';
  if (file.endsWith('.md')) return 'markdown';
  return 'log';
}

function evaluate(
  name: string,
  files: string[],
  expected?: Map<string, string[]>,
  inspect?: (file: string, analysis: Analysis, document: TextDocument, result: SetResult) => void,
): SetResult {
  const result: SetResult = { name, files: files.length, crashes: [], contexts: {}, diagnostics: {}, registeredBare: 0 };
  if (expected) result.recall = { expected: 0, found: 0, strong: 0, missed: [] };
  for (const file of files) {
    let analysis: Analysis;
    let document: TextDocument;
    try {
      // latin1 keeps every byte: bounces mix charsets, and codes are ASCII.
      document = TextDocument.create(`file://${file}`, languageOf(file), 1, readFileSync(file, 'latin1'));
      analysis = analyze(document);
      for (const d of computeDiagnostics(analysis, document, {}, { ...DEFAULT_SETTINGS, maxDiagnostics: Infinity })) {
        result.diagnostics[String(d.code)] = (result.diagnostics[String(d.code)] ?? 0) + 1;
      }
    } catch (error) {
      result.crashes.push(`${file}: ${(error as Error).message}`);
      continue;
    }
    for (const m of analysis.codes) {
      result.contexts[m.context] = (result.contexts[m.context] ?? 0) + 1;
      if (m.context === 'bare' && lookupCode(m.subject, m.detail)) result.registeredBare++;
    }
    // A bounce for several recipients expects one status per recipient.
    for (const status of expected?.get(basename(file)) ?? []) {
      const recall = result.recall!;
      recall.expected++;
      const hits = analysis.codes.toArray().filter((m) => m.text === status);
      if (hits.length > 0) recall.found++;
      else recall.missed.push(`${basename(file)} (${status})`);
      if (hits.some((m) => m.context !== 'bare')) recall.strong++;
    }
    inspect?.(file, analysis, document, result);
  }
  return result;
}

/** truth.tsv's roles of the fields whose codes are to be found. */
const CODE_FIELD_ROLES = new Set(['status-code field (truth)', 'smtp-reply/diagnostic text field (truth: codes inside)']);

interface PayloadField {
  /** Offsets in the file of the field's value (several for a field held, escaped, in a string). */
  ranges: [number, number][];
  /** The enhanced codes in its value, in order. */
  codes: string[];
  where: string;
}

/**
 * The fields of one payload file that truth.tsv marks as holding codes, located by their JSON path
 * (`Message{json}.x`: `x` in the JSON an SNS message holds as a string, found in it as escaped text).
 */
function payloadFields(text: string, rows: Record<string, string>[]): PayloadField[] {
  const tree = parseTree(text);
  const pathOf = (path: string) =>
    path
      .split(/\.|\[(\d+)\]/)
      .filter((p) => p !== undefined && p !== '')
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const fields: PayloadField[] = [];
  for (const row of rows) {
    if (!CODE_FIELD_ROLES.has(row.field_role)) continue;
    const codes = row.enhanced_in_value === '' ? [] : row.enhanced_in_value.split(',');
    const where = `${basename(row.path)} ${row.json_path}`;
    const [outer, inner] = row.json_path.split('{json}.');
    let ranges: [number, number][] = [];
    if (inner === undefined) {
      const node = tree && findNodeAtLocation(tree, pathOf(outer));
      if (node) ranges = [[node.offset, node.offset + node.length]];
    } else {
      const holder: Node | undefined = tree && findNodeAtLocation(tree, pathOf(outer));
      const value = holder && findValue(JSON.parse(holder.value as string), pathOf(inner));
      // The field as the holding string writes it: `\"status\":\"5.1.1\"`.
      const needle = JSON.stringify(JSON.stringify({ [row.key]: value }).slice(1, -1)).slice(1, -1);
      for (
        let at = holder ? text.indexOf(needle, holder.offset) : -1;
        at !== -1 && holder && at < holder.offset + holder.length;
        at = text.indexOf(needle, at + 1)
      )
        ranges.push([at, at + needle.length]);
    }
    if (ranges.length === 0) throw new Error(`${where}: not in the file`);
    fields.push({ ranges, codes, where });
  }
  return fields;
}

function findValue(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((v, key) => (v as Record<string | number, unknown>)?.[key], value);
}

/** Providers' payloads: every code of the status and reply fields found, none anywhere else. */
function evaluatePayloads(dir: string): SetResult {
  const [header, ...lines] = readFileSync(join(dir, 'truth.tsv'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => l.split('\t'));
  const rows = lines.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
  const files = walk(dir).filter((f) => f.endsWith('.json'));
  const result = evaluate('provider payloads (esp-payloads)', files, undefined, (file, analysis, document, r) => {
    const fields = payloadFields(
      document.getText(),
      rows.filter((row) => file.endsWith(`${row.repo.replace('/', '+')}/${row.path}`)),
    );
    const recall = (r.recall ??= { expected: 0, found: 0, strong: 0, missed: [] });
    r.elsewhere ??= [];
    const used = new Set<number>();
    const codes = analysis.codes.toArray();
    for (const field of fields) {
      for (const code of field.codes) {
        recall.expected++;
        const k = codes.findIndex(
          (m, i) => !used.has(i) && m.text === code && inside(field, document.offsetAt({ line: m.line, character: m.start })),
        );
        if (k === -1) {
          recall.missed.push(`${field.where} (${code})`);
          continue;
        }
        used.add(k);
        recall.found++;
        if (codes[k].context !== 'bare') recall.strong++;
      }
    }
    codes.forEach((m, i) => {
      if (!used.has(i) && !fields.some((f) => inside(f, document.offsetAt({ line: m.line, character: m.start }))))
        r.elsewhere!.push(`${basename(file)}:${m.line + 1} ${m.text}`);
    });
  });
  return result;
}

const inside = (field: PayloadField, offset: number) => field.ranges.some(([from, to]) => offset >= from && offset < to);

/** The vendor warnings on Microsoft's bounces. */
interface VendorResult {
  files: number;
  vendorSpecific: number;
  /** `unregistered` on a code Microsoft documents: the goal is none. */
  unregisteredDocumented: string[];
  /** `unregistered` on a code Microsoft does not document either, by code. */
  unregisteredUndocumented: Record<string, number>;
}

/** A bounce is Microsoft's when its name says so or a DSN in it names Microsoft (Reporting-MTA, Remote-MTA, markers). */
const MICROSOFT_NAME = /office365|outlook|exchange|microsoft|hotmail/i;

function evaluateMicrosoft(files: string[]): VendorResult {
  const result: VendorResult = { files: 0, vendorSpecific: 0, unregisteredDocumented: [], unregisteredUndocumented: {} };
  for (const file of files) {
    const document = TextDocument.create(`file://${file}`, 'email', 1, readFileSync(file, 'latin1'));
    const analysis = analyze(document);
    const named = analysis.reports.reports.some((r) => r.vendor === 'microsoft' || r.blocks.some((b) => b.vendor === 'microsoft'));
    if (!named && !MICROSOFT_NAME.test(basename(file))) continue;
    result.files++;
    for (const d of computeDiagnostics(analysis, document, {}, { ...DEFAULT_SETTINGS, maxDiagnostics: Infinity })) {
      if (d.code === 'vendor-specific') result.vendorSpecific++;
      if (d.code !== 'unregistered') continue;
      const m = codeAt(analysis, d.range.start)!;
      if (lookupVendorCode('microsoft', m.class, m.subject, m.detail) !== undefined) {
        result.unregisteredDocumented.push(`${basename(file)}:${d.range.start.line + 1} (${m.text})`);
      } else {
        result.unregisteredUndocumented[m.text] = (result.unregisteredUndocumented[m.text] ?? 0) + 1;
      }
    }
  }
  return result;
}

function vendorTable(r: VendorResult): string {
  return [
    '| Microsoft bounces | files | vendor-specific | unregistered on a code Microsoft documents (goal 0) | unregistered on a code Microsoft does not document |',
    '|---|---|---|---|---|',
    `| bounces, bounces-more | ${r.files} | ${r.vendorSpecific} | ${r.unregisteredDocumented.length} | ${counts(r.unregisteredUndocumented)} |`,
  ].join('\n');
}

function readExpected(tsv: string, statusColumn: string, keep: (row: Record<string, string>) => boolean): Map<string, string[]> {
  const [header, ...rows] = readFileSync(tsv, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split('\t'));
  const map = new Map<string, string[]>();
  for (const cells of rows) {
    const row = Object.fromEntries(header.map((h, i) => [h, cells[i]]));
    if (keep(row)) map.set(row.file, [...(map.get(row.file) ?? []), row[statusColumn]]);
  }
  return map;
}

const percent = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
const counts = (o: Record<string, number>) =>
  Object.entries(o)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || '0';

function table(results: SetResult[]): string {
  const lines = [
    '| set | files | crashes | recall (any context) | recall (reply/dsn-field) | codes by context | diagnostics by rule | registered bare codes | codes outside code fields |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const recall = r.recall ? `${percent(r.recall.found, r.recall.expected)} (${r.recall.found}/${r.recall.expected})` : '-';
    const strong = r.recall ? `${percent(r.recall.strong, r.recall.expected)} (${r.recall.strong}/${r.recall.expected})` : '-';
    lines.push(
      `| ${r.name} | ${r.files} | ${r.crashes.length} | ${recall} | ${strong} | ${counts(r.contexts)} | ${counts(r.diagnostics)} | ${r.registeredBare} | ${r.elsewhere?.length ?? '-'} |`,
    );
  }
  return lines.join('\n');
}

function main(): void {
  if (!existsSync(corpus)) {
    process.stderr.write(`eval: the corpus is not at ${corpus}\n`);
    process.exit(2);
  }
  const emails = (dir: string) => walk(dir).filter((f) => f.endsWith('.eml'));
  const sisimai = readExpected(join(corpus, 'bounces', 'expected.tsv'), 'status', (r) => r.status_in_text === '1');
  const flanker = readExpected(
    join(corpus, 'bounces-more', 'flanker', 'expected.tsv'),
    'expected_code',
    (r) => r.status_literally_in_file === 'yes',
  );
  const nodeModules = walk(join(root, 'node_modules')).filter((f) => /(?:^|\/)(?:package\.json|CHANGELOG\.md)$/i.test(f));
  const decoyFiles = [join(root, 'test', 'fixtures', 'recognition', 'decoys.txt'), join(root, 'package-lock.json'), ...nodeModules];

  const results = [
    evaluate('bounces (sisimai)', emails(join(corpus, 'bounces', 'emails')), sisimai),
    evaluate('bounces-more (flanker, MailBounceDetector)', emails(join(corpus, 'bounces-more')), flanker),
    evaluate('logs (fail2ban)', walk(join(corpus, 'logs'))),
    evaluate(
      'provider replies',
      walk(join(corpus, 'provider-replies')).filter((f) => f.endsWith('.json')),
    ),
    evaluatePayloads(join(corpus, 'esp-payloads')),
    evaluate('decoys', decoyFiles),
  ];

  const microsoft = evaluateMicrosoft([...emails(join(corpus, 'bounces', 'emails')), ...emails(join(corpus, 'bounces-more'))]);
  const output = `${table(results)}\n\n${vendorTable(microsoft)}`;
  process.stdout.write(`${output}\n`);
  if (microsoft.unregisteredDocumented.length > 0) {
    process.stdout.write(`unregistered Microsoft codes: ${microsoft.unregisteredDocumented.join(', ')}\n`);
  }
  for (const r of results) {
    for (const crash of r.crashes) process.stdout.write(`crash in ${r.name}: ${crash}\n`);
    if (r.recall && r.recall.missed.length > 0) process.stdout.write(`missed in ${r.name}: ${r.recall.missed.join(', ')}\n`);
    if (r.elsewhere && r.elsewhere.length > 0) process.stdout.write(`outside code fields in ${r.name}: ${r.elsewhere.join(', ')}\n`);
  }

  const [bounces] = results;
  const payloads = results[results.length - 2];
  const decoys = results[results.length - 1];
  const goals = [
    {
      goal: "100% of the enhanced codes in the payloads' status and reply fields, outside them none",
      met: payloads.recall!.strong === payloads.recall!.expected && payloads.elsewhere!.length === 0,
    },
    { goal: 'recall >= 99% on the sisimai bounces', met: bounces.recall!.found >= 0.99 * bounces.recall!.expected },
    { goal: '0 diagnostics on decoys', met: Object.keys(decoys.diagnostics).length === 0 },
    { goal: '0 crashes', met: results.every((r) => r.crashes.length === 0) },
    { goal: "0 unregistered on a code Microsoft documents, in Microsoft's bounces", met: microsoft.unregisteredDocumented.length === 0 },
  ];
  for (const { goal, met } of goals) process.stdout.write(`${met ? 'met' : 'NOT MET'}: ${goal}\n`);

  if (process.argv.includes('--write')) {
    const doc = join(root, 'docs', 'recognition.md');
    const text = readFileSync(doc, 'utf8');
    const start = '<!-- eval:start -->';
    const end = '<!-- eval:end -->';
    const at = text.indexOf(start);
    const until = text.indexOf(end);
    if (at === -1 || until === -1) throw new Error(`${doc} has no ${start} ... ${end} section`);
    writeFileSync(doc, `${text.slice(0, at + start.length)}\n${output}\n${text.slice(until)}`);
    process.stdout.write(`wrote ${doc}\n`);
  }
  process.exitCode = goals.every((g) => g.met) ? 0 : 1;
}

main();
