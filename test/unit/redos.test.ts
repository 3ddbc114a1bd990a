// No catastrophic regular expression: every regex literal (and `RegExp(...)` call) in server/src is
// found by parsing the sources (test/fuzz/support/regexSources.ts), so a new one is checked
// without anyone listing it, and every `match`/`begin`/`end`/`while` pattern of the TextMate
// grammars is converted from Oniguruma (see `toJavaScript`) and checked too.
//
// - The checker is recheck (its native agent where installed, else its Java or pure-JS worker
//   backend; nothing is downloaded at run time). A pattern passes when it is `safe`; a vulnerable
//   server pattern passes only when ALLOWED below says why its input is bounded, and is then also
//   run on pathological input of that size.
// - Server patterns also run on pathological strings of 20,000 characters (runs of digits, dots,
//   spaces, `550-`, `#`, quotes, ...), each search within a generous bound.
// - Grammar patterns the checker flags, or that cannot be converted, run through vscode-oniguruma
//   (the engine VS Code uses) on the checker's attack string and on the same pathological strings,
//   at 20,000 characters: VS Code's default `editor.maxTokenizationLineLength`.
//
// recheck's verdicts are cached in out/.redos-cache.json by pattern, flags, parameters and recheck
// version (the checker is slow: ~15 s for every pattern from scratch on 2 cores).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { check, type AttackPattern, type Diagnostics } from 'recheck';
import * as oniguruma from 'vscode-oniguruma';
import { ENHANCED_CODE, MAX_CONFIG_PATH, MTA_CONFIG_FILE, SITE_CODE_KEY } from '../../common';
import { languageForFile } from '../../server/src/cli/languages';
import { grammarPatterns, regexesUnder, toJavaScript, type FoundRegex } from '../fuzz/support/regexSources';
import { ROOT, repoPath } from '../support/paths';

/** recheck's defaults, with a longer overall timeout for the big alternations. */
const PARAMS = { timeout: 60_000 } as const;

/**
 * Vulnerable to super-linear backtracking, but only ever run on short input: why, and how long
 * the input can be (the pathological test runs them at that size).
 */
const ALLOWED: Record<string, { reason: string; maxInput: number }> = {
  '\\s*,\\s*': {
    reason: 'completion.ts splits `slot.typed`, which STRUCT_SLOT reads from the last 64 characters before the cursor',
    maxInput: 64,
  },
  '^([ \\t]*)(\\d{1,9})([.)])(?=[ \\t]|$)': {
    reason:
      "markdown.ts escapes a list marker at a line start: with the m flag `^` holds only after a line break, so V8 tries it at line starts and it is linear (the pathological test times it at full size); recheck's fuzzer, which tries every start, sometimes calls it polynomial",
    maxInput: 20_000,
  },
  '[?#].*$': {
    reason:
      'common/mtaConfigFiles.ts strips the query and fragment of a document URI: a URI has no line break, and without one `.*$` matches at the first ? or #',
    maxInput: 8192,
  },
  '^([ \\t]*(?:-[ \\t]+)*)(?:"([\\w-]{1,40})"|\'([\\w-]{1,40})\'|([\\w-]{1,40}))[ \\t]*:(?:[ \\t]+([^ \\t].*)|[ \\t]*)$': {
    reason:
      "payloadFindings.ts reads a YAML entry from one line of at most 4000 characters, split at its line breaks; without the m flag `^` holds only at the line's start, so V8 tries it once and it is linear (the fuzzer's attack, 77,000 characters, takes under 1 ms); recheck's fuzzer sometimes calls it polynomial",
    maxInput: 4000,
  },
  ", \\w+ '.*'$": {
    reason: "cli/files.ts trims Node's message for a file the CLI failed to open: bounded by the path length (PATH_MAX, 4096)",
    maxInput: 4200,
  },
};

/** Dynamic `RegExp(...)` calls, reviewed: what builds the pattern. */
const REVIEWED_DYNAMIC: Record<string, string> = {
  'common/codeSyntax.ts': 'ENHANCED_CODE and SITE_CODE_KEY: fixed strings joined at load time; checked below as built',
  'common/mtaConfigFiles.ts': 'the MTA configuration file globs (a fixed list) turned into one regex at load time; checked below as built',
  'server/src/cli/languages.ts':
    "globToRegExp: VS Code's file name globs (package.json and built-in associations, fixed at build time), every metacharacter escaped; exercised below with pathological file names",
};

/** Pathological strings: long runs of what the patterns look at, each with endings that make a match fail late. */
function pathological(length: number): string[] {
  const units = [
    '1',
    '5',
    '.',
    '5.',
    '5.5.',
    '1.2.3.',
    ' ',
    '\t',
    ' \t',
    '550-',
    '550 ',
    '_550_',
    '#',
    '# ',
    '##!',
    '*_',
    '[',
    '"',
    "'",
    '\\',
    '`',
    'a',
    'A',
    'Code: 250 ',
    'EnhancedCode{',
    '5, ',
    'REJECT ',
    'version ',
    'update ',
    'said: ',
    'dsn=',
    'Status:',
    '-',
    ", a '",
    '?#',
    '<',
    '>',
    'RFC 1234 section ',
    'outlook.',
    '\u00a7',
    '😀',
  ];
  const endings = ['', '!', '\u0000', '\n!', '}', '5.1.1'];
  const out: string[] = [];
  for (const unit of units) {
    const run = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
    for (const end of endings) out.push(run.slice(0, length - end.length) + end);
  }
  return out;
}

const CACHE_PATH = repoPath('out', '.redos-cache.json');
const RECHECK_VERSION = (JSON.parse(readFileSync(repoPath('node_modules', 'recheck', 'package.json'), 'utf8')) as { version: string })
  .version;
let cache: Record<string, Diagnostics> = {};
let cacheChanged = false;
const cacheKey = (source: string, flags: string) => JSON.stringify([RECHECK_VERSION, PARAMS, flags, source]);

/** recheck's verdict, from the cache or the checker. */
async function verdict(source: string, flags: string): Promise<Diagnostics> {
  const key = cacheKey(source, flags);
  const cached = cache[key];
  if (cached !== undefined) return cached;
  const result = await check(source, flags, PARAMS);
  if (result.status !== 'unknown') {
    // The expanded attack string can be long; its pumps are enough to rebuild it.
    cache[key] = result.status === 'vulnerable' ? { ...result, attack: { ...result.attack, string: '' } } : result;
    cacheChanged = true;
  }
  return result;
}

function describeVerdict(d: Diagnostics): string {
  if (d.status === 'safe') return `safe (${d.checker}, ${d.complexity.summary})`;
  if (d.status === 'vulnerable') return `vulnerable (${d.checker}, ${d.complexity.summary}); attack: ${d.attack.pattern}`;
  return `unknown (${JSON.stringify(d.error)})`;
}

/** The checker's attack string with its pumped parts repeated to about `length` characters. */
function attackOfLength(attack: AttackPattern, length: number): string {
  const fixed = attack.pumps.reduce((n, p) => n + p.prefix.length, attack.suffix.length);
  const pumped = attack.pumps.reduce((n, p) => n + p.pump.length, 0) || 1;
  const times = Math.max(1, Math.floor((length - fixed) / pumped));
  return attack.pumps.map((p) => p.prefix + p.pump.repeat(times)).join('') + attack.suffix;
}

/**
 * recheck's fuzzer has called linear patterns polynomial on a fresh clone's first run, a different
 * one each time (CALLEE of libraryCalls.ts: 'D.' 38,730 times, 0.2 ms in V8; the `DSN.` pattern of
 * service/libraryCalls.ts). Its polynomial verdicts are confirmed in V8, as the grammars' flagged
 * patterns are in Oniguruma below: the attack pumped to this many characters must be searched in
 * at most `CONFIRM_MS`. A pattern polynomial in V8 takes seconds there (see the test of this check).
 */
const CONFIRM_LENGTH = 100_000;
const CONFIRM_MS = 250;

/** Milliseconds V8 takes to search a fuzzer's attack pumped to `length` characters. */
function attackTime(source: string, flags: string, attack: AttackPattern, length = CONFIRM_LENGTH): number {
  return searchTime(new RegExp(source, flags), attackOfLength(attack, length));
}

/** Milliseconds one search of `regex` over `input` takes. */
function searchTime(regex: RegExp, input: string): number {
  regex.lastIndex = 0;
  const start = process.hrtime.bigint();
  regex.exec(input);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Every distinct pattern once, with every place it is written. */
function distinct<T extends { source: string; flags: string }>(found: readonly T[]): { source: string; flags: string; places: T[] }[] {
  const byKey = new Map<string, { source: string; flags: string; places: T[] }>();
  for (const f of found) {
    const key = `${f.flags}/${f.source}`;
    const entry = byKey.get(key) ?? { source: f.source, flags: f.flags, places: [] };
    entry.places.push(f);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

before(() => {
  if (existsSync(CACHE_PATH)) {
    try {
      cache = JSON.parse(readFileSync(CACHE_PATH, 'utf8')) as Record<string, Diagnostics>;
    } catch {
      cache = {};
    }
  }
});

after(() => {
  if (!cacheChanged) return;
  mkdirSync(dirname(CACHE_PATH), { recursive: true });
  writeFileSync(CACHE_PATH, JSON.stringify(cache));
});

const server = [regexesUnder(ROOT, 'server/src'), regexesUnder(ROOT, 'common')].reduce((a, b) => ({
  literals: [...a.literals, ...b.literals],
  dynamic: [...a.dynamic, ...b.dynamic],
}));
const serverPatterns = distinct<FoundRegex>(server.literals);

describe('server regexes: recheck', () => {
  test('the extraction finds the scanner patterns (sanity check of the source parser)', () => {
    assert.ok(serverPatterns.length >= 40, `only ${serverPatterns.length} patterns found`);
    for (const expected of ['(?<![A-Za-z0-9.^~])\\d\\.\\d{1,4}\\.\\d{1,4}', '\\bsaid:[ _]?([2-5][0-5]\\d)', '[\\\\`*_[\\]|~#]']) {
      assert.ok(
        serverPatterns.some((p) => p.source.includes(expected)),
        `${expected} not extracted`,
      );
    }
    for (const p of serverPatterns)
      assert.doesNotThrow(() => new RegExp(p.source, p.flags), `${p.places[0].file}:${p.places[0].line} /${p.source}/`);
  });

  test('every dynamic RegExp(...) call has been reviewed', () => {
    const unreviewed = server.dynamic.filter((d) => REVIEWED_DYNAMIC[d.file] === undefined);
    assert.deepEqual(unreviewed, [], 'a RegExp built at run time: review it and add it to REVIEWED_DYNAMIC with what builds it');
  });

  // One test per pattern, so a report names the file and line.
  const checks = new Map<string, Promise<Diagnostics>>();
  before(() => {
    // Started together: the native agent works on several at once.
    for (const p of serverPatterns) checks.set(`${p.flags}/${p.source}`, verdict(p.source, p.flags));
  });
  for (const p of serverPatterns) {
    const where = p.places.map((f) => `${f.file}:${f.line}`).join(', ');
    test(`${where} /${p.source.length > 70 ? `${p.source.slice(0, 70)}...` : p.source}/${p.flags}`, async (t) => {
      const d = await checks.get(`${p.flags}/${p.source}`)!;
      if (d.status === 'safe') return;
      const allowed = ALLOWED[p.source];
      if (allowed === undefined && d.status === 'vulnerable' && d.checker === 'fuzz' && d.complexity.type === 'polynomial') {
        const ms = attackTime(p.source, p.flags, d.attack);
        assert.ok(
          ms <= CONFIRM_MS,
          `${describeVerdict(d)}
V8 on the attack pumped to ${CONFIRM_LENGTH} characters: ${ms.toFixed(0)} ms`,
        );
        t.diagnostic(
          `recheck's fuzzer: ${describeVerdict(d)}; V8 searches it pumped to ${CONFIRM_LENGTH} characters in ${ms.toFixed(1)} ms`,
        );
        return;
      }
      assert.ok(
        d.status === 'vulnerable' && d.complexity.type === 'polynomial' && allowed !== undefined,
        `${describeVerdict(d)}\nA vulnerable pattern is allowed only with a bounded input (ALLOWED in this file).`,
      );
    });
  }
});

test("V8's confirmation of a fuzzer verdict tells a polynomial pattern from a linear one", () => {
  // Spaces, then no comma: every start scans the run of spaces again.
  const spaces: AttackPattern = {
    pumps: [{ prefix: '', pump: ' ', bias: 0 }],
    suffix: 'x',
    base: 1,
    string: ' x',
    pattern: "' '.repeat(1) + 'x'",
  };
  const dsn: AttackPattern = { pumps: [{ prefix: '', pump: 'D.', bias: 0 }], suffix: '', base: 1, string: 'D.', pattern: "'D.'.repeat(1)" };
  // At 20,000 characters, so that the polynomial one costs a fraction of a second, not the seconds it would at full length.
  const polynomial = attackTime('\\s*,\\s*x', 'g', spaces, 20_000);
  const linear = attackTime('\\b(DSN|DSNStatus)\\.([A-Za-z_]{1,40})(?![\\w$])', 'g', dsn, 20_000);
  assert.ok(polynomial > 20 * linear + 5, `polynomial ${polynomial.toFixed(1)} ms, linear ${linear.toFixed(2)} ms`);
  assert.ok(linear * (CONFIRM_LENGTH / 20_000) < CONFIRM_MS, `linear ${linear.toFixed(2)} ms at 20,000 characters`);
});

describe('server regexes: pathological input', () => {
  test('each pattern searches 20,000-character runs (allowed ones at their bound) in under 1 s', () => {
    const slow: string[] = [];
    const inputs = pathological(20_000);
    for (const p of serverPatterns) {
      const bound = ALLOWED[p.source]?.maxInput;
      const regex = new RegExp(p.source, p.flags);
      for (const input of bound === undefined ? inputs : pathological(bound)) {
        const ms = searchTime(regex, input);
        if (ms > 1000)
          slow.push(`/${p.source}/${p.flags} on ${JSON.stringify(input.slice(0, 30))}... (${input.length}): ${ms.toFixed(0)} ms`);
      }
    }
    assert.deepEqual(slow, []);
  });

  test('the regexes common/ builds at load time: recheck and pathological input', async () => {
    // The MTA configuration regex alternates `[^/]*` runs, which recheck's fuzzer can find
    // polynomial on one long path segment: isMtaConfigFile looks at no more than MAX_CONFIG_PATH.
    for (const [regex, bound] of [
      [ENHANCED_CODE, undefined],
      [SITE_CODE_KEY, undefined],
      [MTA_CONFIG_FILE, MAX_CONFIG_PATH],
    ] as const) {
      const d = await verdict(regex.source, regex.flags);
      const polynomial = d.status === 'vulnerable' && d.complexity.type === 'polynomial';
      assert.ok(d.status === 'safe' || (bound !== undefined && polynomial), `/${regex.source}/: ${describeVerdict(d)}`);
      for (const input of pathological(bound ?? 20_000)) {
        const ms = searchTime(regex, input);
        assert.ok(ms < 1000, `/${regex.source}/ on ${JSON.stringify(input.slice(0, 30))}...: ${ms.toFixed(0)} ms`);
      }
    }
  });

  test('file name globs (the reviewed dynamic RegExp) on pathological names', () => {
    for (const input of [...pathological(4096), `${'mail.log'.repeat(500)}x`, `${'.'.repeat(4000)}log`, `${'mail.'.repeat(800)}`]) {
      const start = process.hrtime.bigint();
      languageForFile(`/var/log/${input}`);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      assert.ok(ms < 1000, `languageForFile(${JSON.stringify(input.slice(0, 30))}...): ${ms.toFixed(0)} ms`);
    }
  });
});

describe('grammar patterns: recheck, then vscode-oniguruma where needed', () => {
  const patterns = grammarPatterns(ROOT, 'syntaxes');
  const converted = patterns.map((p) => ({ ...p, js: toJavaScript(p.oniguruma) }));
  const checks = new Map<string, Promise<Diagnostics>>();
  let scannerFor: (pattern: string) => (input: string) => number;

  before(async () => {
    // Started together: the native agent works on several at once.
    for (const p of converted) if ('source' in p.js) checks.set(`${p.file}${p.path}`, verdict(p.js.source, p.js.flags));
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    scannerFor = (pattern) => {
      const scanner = new oniguruma.OnigScanner([pattern]);
      return (input) => {
        const text = new oniguruma.OnigString(input);
        const start = process.hrtime.bigint();
        scanner.findNextMatchSync(text, 0);
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        text.dispose();
        return ms;
      };
    };
  });

  test('the grammars have patterns', () => {
    assert.ok(patterns.length >= 20, `${patterns.length} patterns`);
  });

  for (const p of converted) {
    const name = `${p.file.replace('syntaxes/', '')}${p.path}`;
    test(name, async () => {
      let why: string;
      let attack: string | undefined;
      if ('source' in p.js) {
        const d = await checks.get(`${p.file}${p.path}`)!;
        if (d.status === 'safe') return;
        assert.notEqual(d.status === 'vulnerable' && d.complexity.type, 'exponential', `exponential: ${describeVerdict(d)}`);
        why = describeVerdict(d);
        if (d.status === 'vulnerable') attack = attackOfLength(d.attack, 20_000);
      } else {
        why = `not converted (${p.js.unsupported})`;
      }
      // Flagged or not convertible: the real engine on 20,000-character lines must stay fast.
      const search = scannerFor(p.oniguruma);
      const inputs = pathological(20_000);
      // The attack first; stop at the first slow input (a slow one costs seconds).
      if (attack !== undefined) inputs.unshift(attack);
      for (const input of inputs) {
        const ms = search(input);
        assert.ok(
          ms <= 250,
          `${p.oniguruma}\nrecheck: ${why}\nOniguruma: ${JSON.stringify(input.slice(0, 30))}... (${input.length} characters): ${ms.toFixed(0)} ms`,
        );
      }
    });
  }
});
