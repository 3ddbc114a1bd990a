// Loads the extension's TextMate grammars the way VS Code does (vscode-textmate + vscode-oniguruma,
// injections taken from package.json's `injectTo`), next to VS Code's own `log` grammar and the
// language grammars of tm-grammars; resolves token colours with tm-themes' Dark+ and Light+.
import { readdirSync, readFileSync } from 'node:fs';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { corpusPath, repoPath } from '../support/paths';

export type ThemeName = 'dark-plus' | 'light-plus';

export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Outermost first; the root scope is dropped. */
  readonly scopes: readonly string[];
}

export interface LoadOptions {
  /** Resolve colours with this theme (needed for {@link colourTokens}). */
  readonly theme?: ThemeName;
  /** Apply the extension's injection grammars (default true). */
  readonly injections?: boolean;
}

interface GrammarContribution {
  readonly scopeName: string;
  readonly path: string;
  readonly injectTo?: readonly string[];
}

const packageJson = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as {
  contributes: { grammars: GrammarContribution[] };
};
const contributions = packageJson.contributes.grammars;

/** The extension's own grammars by scope name, as package.json contributes them. */
const ownGrammarPaths = new Map(contributions.map((g) => [g.scopeName, repoPath(g.path)]));

/** target scope -> injection grammars, as VS Code builds it from `injectTo`. */
const injectionsByTarget = new Map<string, string[]>();
for (const g of contributions) {
  for (const target of g.injectTo ?? []) {
    injectionsByTarget.set(target, [...(injectionsByTarget.get(target) ?? []), g.scopeName]);
  }
}

let onigLib: Promise<vsctm.IOnigLib> | undefined;
function loadOnigLib(): Promise<vsctm.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    };
  })();
  return onigLib;
}

let tmGrammarFiles: Promise<Map<string, string>> | undefined;
/** scope name -> file of tm-grammars (the package is ESM-only, hence the dynamic import). */
function loadTmGrammarIndex(): Promise<Map<string, string>> {
  tmGrammarFiles ??= (async () => {
    const { grammars } = (await import('tm-grammars')) as { grammars: { name: string; scopeName: string }[] };
    return new Map(grammars.map((g) => [g.scopeName, require.resolve(`tm-grammars/grammars/${g.name}.json`)]));
  })();
  return tmGrammarFiles;
}

/** A tm-themes theme as vscode-textmate wants it: the editor colours first, as VS Code does. */
export function rawTheme(name: ThemeName): vsctm.IRawTheme {
  const theme = JSON.parse(readFileSync(require.resolve(`tm-themes/themes/${name}.json`), 'utf8')) as {
    name: string;
    colors: Record<string, string>;
    tokenColors: vsctm.IRawTheme['settings'];
  };
  return {
    name: theme.name,
    settings: [
      { settings: { foreground: theme.colors['editor.foreground'], background: theme.colors['editor.background'] } },
      ...theme.tokenColors,
    ],
  };
}

const registries = new Map<string, vsctm.Registry>();
function registryFor(options: LoadOptions): vsctm.Registry {
  const injections = options.injections ?? true;
  const key = `${options.theme ?? ''}|${injections}`;
  let registry = registries.get(key);
  if (!registry) {
    registry = new vsctm.Registry({
      onigLib: loadOnigLib(),
      theme: options.theme ? rawTheme(options.theme) : undefined,
      loadGrammar: async (scopeName) => {
        const own = ownGrammarPaths.get(scopeName);
        const path = own ?? (await loadTmGrammarIndex()).get(scopeName);
        if (!path) return null;
        return vsctm.parseRawGrammar(readFileSync(path, 'utf8'), path);
      },
      getInjections: (scopeName) => (injections ? injectionsByTarget.get(scopeName) : undefined),
    });
    registries.set(key, registry);
  }
  return registry;
}

/** A grammar by scope name: the extension's own, or one of tm-grammars (`text.log`, `source.c`, ...). */
export async function loadGrammar(scopeName: string, options: LoadOptions = {}): Promise<vsctm.IGrammar> {
  const grammar = await registryFor(options).loadGrammar(scopeName);
  if (!grammar) throw new Error(`no grammar for ${scopeName}`);
  return grammar;
}

/**
 * An injection grammar of the extension over a stand-in host grammar (`host`, registered under
 * `hostScope`): measures the injection's own regexes without the host's cost.
 */
export async function loadInjectionOverHost(hostScope: string, host: object): Promise<vsctm.IGrammar> {
  const registry = new vsctm.Registry({
    onigLib: loadOnigLib(),
    loadGrammar: async (scopeName) => {
      if (scopeName === hostScope) return { ...host, scopeName: hostScope } as unknown as vsctm.IRawGrammar;
      const own = ownGrammarPaths.get(scopeName);
      return own ? vsctm.parseRawGrammar(readFileSync(own, 'utf8'), own) : null;
    },
    getInjections: (scopeName) => injectionsByTarget.get(scopeName),
  });
  const grammar = await registry.loadGrammar(hostScope);
  if (!grammar) throw new Error(`no grammar for ${hostScope}`);
  return grammar;
}

/** The colour table of a themed grammar set (colour id -> #RRGGBB). */
export function colourMap(theme: ThemeName): string[] {
  return registryFor({ theme }).getColorMap();
}

/** Tokenises lines in order, carrying the state from line to line as the editor does. */
export function tokenizeLines(grammar: vsctm.IGrammar, lines: readonly string[]): Token[][] {
  let state = vsctm.INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, state);
    if (result.stoppedEarly) throw new Error(`tokenising stopped early: ${line.slice(0, 80)}`);
    state = result.ruleStack;
    return result.tokens.map((t) => ({
      text: line.slice(t.startIndex, Math.min(t.endIndex, line.length)),
      start: t.startIndex,
      end: Math.min(t.endIndex, line.length),
      scopes: t.scopes.slice(1),
    }));
  });
}

export function tokenizeLine(grammar: vsctm.IGrammar, line: string): Token[] {
  return tokenizeLines(grammar, [line])[0]!;
}

/** The token whose text is exactly `text` (the `occurrence`-th one); fails when there is none. */
export function tokenOf(tokens: readonly Token[], text: string, occurrence = 0): Token {
  const found = tokens.filter((t) => t.text === text);
  const token = found[occurrence];
  if (!token) {
    throw new Error(`no token ${JSON.stringify(text)} (#${occurrence}) in ${JSON.stringify(tokens.map((t) => t.text))}`);
  }
  return token;
}

/** The tokens that overlap the first occurrence of `text` in the line at or after `from`. */
export function tokensCovering(tokens: readonly Token[], line: string, text: string, from = 0): Token[] {
  const start = line.indexOf(text, from);
  if (start < 0) throw new Error(`${JSON.stringify(text)} not in ${JSON.stringify(line)}`);
  const end = start + text.length;
  return tokens.filter((t) => t.start < end && t.end > start);
}

/** Whether a token carries a scope that starts with `prefix` (dot-segment wise, like theme selectors). */
export function hasScope(token: Token, prefix: string): boolean {
  return token.scopes.some((s) => s === prefix || s.startsWith(prefix + '.'));
}

/** Scopes of the extension's own: everything with the private `smtp-status` segment. */
export function statusScopes(token: Token): string[] {
  return token.scopes.filter((s) => s.includes('.smtp-status.'));
}

export interface ColouredSpan {
  readonly start: number;
  readonly end: number;
  readonly foreground: string;
}

/** Foreground colours of a line as VS Code paints them (tokenizeLine2 with the theme applied). */
export function colourTokens(grammar: vsctm.IGrammar, theme: ThemeName, lines: readonly string[]): ColouredSpan[][] {
  const colours = colourMap(theme);
  let state = vsctm.INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine2(line, state);
    state = result.ruleStack;
    const spans: ColouredSpan[] = [];
    const count = result.tokens.length / 2;
    for (let i = 0; i < count; i++) {
      const start = result.tokens[2 * i]!;
      const end = i + 1 < count ? result.tokens[2 * (i + 1)]! : line.length;
      const metadata = result.tokens[2 * i + 1]!;
      // Bits 15-23 of the metadata are the foreground colour id (vscode-textmate's EncodedTokenAttributes).
      const foreground = colours[(metadata & 0x00ff8000) >>> 15]!.toUpperCase();
      spans.push({ start, end: Math.min(end, line.length), foreground });
    }
    return spans;
  });
}

/** The colours painted over the first occurrence of `text` (one entry per distinct colour). */
export function coloursOf(spans: readonly ColouredSpan[], line: string, text: string, from = 0): string[] {
  const start = line.indexOf(text, from);
  if (start < 0) throw new Error(`${JSON.stringify(text)} not in ${JSON.stringify(line)}`);
  const end = start + text.length;
  return [...new Set(spans.filter((s) => s.start < end && s.end > start).map((s) => s.foreground))];
}

/** A fixture file of test/fixtures/grammar/ as lines (see its README for where each comes from). */
export function fixtureLines(name: string): string[] {
  return readFileSync(repoPath('test', 'fixtures', 'grammar', name), 'utf8')
    .replace(/\r?\n$/, '')
    .split(/\r?\n/);
}

// ---------------------------------------------------------------------------------------------
// Throughput of the log injection

export interface ThroughputResult {
  /** Lines tokenised per run. */
  readonly lines: number;
  /** Best CPU time of the log grammar alone, in milliseconds. */
  readonly logOnlyMs: number;
  /** Best CPU time of the log grammar with the smtp-status injection, in milliseconds. */
  readonly withInjectionMs: number;
  /** Throughput with the injection relative to without (1 = no cost; the goal is >= 0.8). */
  readonly ratio: number;
}

/**
 * Realistic mail-log lines: the fail2ban mail-server logs of the shared corpus (read for
 * measurement only, never copied) and this project's log fixtures, repeated up to `count` lines.
 */
export function realisticLogLines(count = 10_000): string[] {
  const pool: string[] = [];
  try {
    for (const name of readdirSync(corpusPath('logs'))
      .filter((n) => n.endsWith('.log'))
      .sort()) {
      pool.push(
        ...readFileSync(corpusPath('logs', name), 'utf8')
          .split(/\r?\n/)
          .filter((l) => l.length > 0),
      );
    }
  } catch {
    // No corpus beside the repository: the fixtures alone still make a fair sample.
  }
  for (const name of ['postfix.log', 'exim.log', 'sendmail.log', 'decoys.log']) pool.push(...fixtureLines(name));
  return Array.from({ length: count }, (_, i) => pool[i % pool.length]!);
}

/** CPU time of tokenising the lines, in milliseconds: steadier than wall time on a busy machine. */
function timeTokenizing(grammar: vsctm.IGrammar, lines: readonly string[]): number {
  const started = process.cpuUsage();
  let state = vsctm.INITIAL;
  for (const line of lines) state = grammar.tokenizeLine2(line, state).ruleStack;
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/**
 * Tokenises `lineCount` realistic log lines with VS Code's log grammar alone and with the
 * smtp-status log injection, `rounds` times each (interleaved, after a warm-up), and compares
 * the best times.
 */
export async function measureLogInjectionThroughput(options: { lineCount?: number; rounds?: number } = {}): Promise<ThroughputResult> {
  const lines = realisticLogLines(options.lineCount ?? 10_000);
  const rounds = options.rounds ?? 5;
  const logOnly = await loadGrammar('text.log', { injections: false });
  const withInjection = await loadGrammar('text.log');
  const warmUp = lines.slice(0, 500);
  timeTokenizing(logOnly, warmUp);
  timeTokenizing(withInjection, warmUp);
  let logOnlyMs = Infinity;
  let withInjectionMs = Infinity;
  for (let i = 0; i < rounds; i++) {
    logOnlyMs = Math.min(logOnlyMs, timeTokenizing(logOnly, lines));
    withInjectionMs = Math.min(withInjectionMs, timeTokenizing(withInjection, lines));
  }
  return { lines: lines.length, logOnlyMs, withInjectionMs, ratio: logOnlyMs / withInjectionMs };
}
