// Measures recognition on real text: `npm run eval` (add `-- --write` to update docs/recognition.md).
//
// Sets (from ../shared/corpus and this checkout):
//   bounces       sisimai's bounces; recall of the delivery status its tests expect, where that status
//                 is written in the message (status_in_text = 1)
//   bounces-more  flanker's and MailBounceDetector's bounces; recall where expected.tsv names a status
//   logs          fail2ban's mail-server logs
//   providers     provider replies (JSON)
//   decoys        text full of versions and addresses that holds no status code: our decoy fixture, the
//                 lockfile, every package.json and changelog under node_modules; goal 0 diagnostics
// For every set: files, crashes, codes per context, diagnostics per rule.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lookupCode } from '../server/src/registry';
import { analyze, computeDiagnostics, DEFAULT_SETTINGS, type Analysis } from '../server/src/service';

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

function evaluate(name: string, files: string[], expected?: Map<string, string[]>): SetResult {
  const result: SetResult = { name, files: files.length, crashes: [], contexts: {}, diagnostics: {}, registeredBare: 0 };
  if (expected) result.recall = { expected: 0, found: 0, strong: 0, missed: [] };
  for (const file of files) {
    let analysis: Analysis;
    try {
      // latin1 keeps every byte: bounces mix charsets, and codes are ASCII.
      const document = TextDocument.create(`file://${file}`, languageOf(file), 1, readFileSync(file, 'latin1'));
      analysis = analyze(document);
      for (const d of computeDiagnostics(analysis, { ...DEFAULT_SETTINGS, maxDiagnostics: Infinity })) {
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
  }
  return result;
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
    '| set | files | crashes | recall (any context) | recall (reply/dsn-field) | codes by context | diagnostics by rule | registered bare codes |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const recall = r.recall ? `${percent(r.recall.found, r.recall.expected)} (${r.recall.found}/${r.recall.expected})` : '-';
    const strong = r.recall ? `${percent(r.recall.strong, r.recall.expected)} (${r.recall.strong}/${r.recall.expected})` : '-';
    lines.push(
      `| ${r.name} | ${r.files} | ${r.crashes.length} | ${recall} | ${strong} | ${counts(r.contexts)} | ${counts(r.diagnostics)} | ${r.registeredBare} |`,
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
    evaluate('decoys', decoyFiles),
  ];

  const output = table(results);
  process.stdout.write(`${output}\n`);
  for (const r of results) {
    for (const crash of r.crashes) process.stdout.write(`crash in ${r.name}: ${crash}\n`);
    if (r.recall && r.recall.missed.length > 0) process.stdout.write(`missed in ${r.name}: ${r.recall.missed.join(', ')}\n`);
  }

  const [bounces] = results;
  const decoys = results[results.length - 1];
  const goals = [
    { goal: 'recall >= 99% on the sisimai bounces', met: bounces.recall!.found >= 0.99 * bounces.recall!.expected },
    { goal: '0 diagnostics on decoys', met: Object.keys(decoys.diagnostics).length === 0 },
    { goal: '0 crashes', met: results.every((r) => r.crashes.length === 0) },
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
