// Finds every regular expression in the server's TypeScript sources and in the TextMate grammars,
// so the ReDoS test checks a new pattern without anyone having to list it.
//
// TypeScript sources: a small lexer that knows comments, strings, template literals (with nested
// `${...}`) and the classic rule for telling a regex literal from a division (a `/` starts a regex
// where an expression may start: after an operator, an opening bracket, a comma or a keyword such
// as `return`; after an identifier, a number, a string or a closing bracket it divides). It also
// reports every `new RegExp(...)` / `RegExp(...)` call: with literal arguments the pattern is
// checked like any other, otherwise the call is "dynamic" and must be reviewed (see redos.test.ts).
//
// Grammars: every `match`, `begin`, `end` and `while` string of `syntaxes/*.tmLanguage.json`,
// converted from Oniguruma to JavaScript syntax where the checker needs it (`toJavaScript`).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface FoundRegex {
  /** Repository-relative file. */
  file: string;
  /** 1-based line of the literal or call. */
  line: number;
  /** The pattern source (what `RegExp.prototype.source` gives). */
  source: string;
  flags: string;
}

export interface DynamicRegex {
  file: string;
  line: number;
  /** The call as written, for the report (`new RegExp(\`^${source}$\`, 'i')`). */
  call: string;
}

/** Keywords after which a `/` starts a regular expression. */
const REGEX_AFTER_KEYWORD = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
  'extends',
]);

type Previous = 'none' | 'operator' | 'value' | 'keyword';

/** Scans one TypeScript file; returns its regex literals and its `RegExp(...)` calls. */
export function regexesInTypeScript(text: string, file: string): { literals: FoundRegex[]; dynamic: DynamicRegex[] } {
  const literals: FoundRegex[] = [];
  const dynamic: DynamicRegex[] = [];
  const lineOf = (offset: number) => {
    let line = 1;
    for (let k = 0; k < offset; k++) if (text.charCodeAt(k) === 10) line++;
    return line;
  };
  /** For each open template substitution, the brace depth at which it closes. */
  const templates: number[] = [];
  let braces = 0;
  let previous: Previous = 'none';
  let lastWord = '';
  /** Offsets of `RegExp` identifiers followed by `(`, resolved when the call is read. */
  const calls: number[] = [];
  let i = 0;
  const n = text.length;

  /** Reads a quoted string starting at `i` (the quote); returns its end (after the closing quote). */
  const skipString = (at: number): number => {
    const quote = text[at];
    let k = at + 1;
    while (k < n && text[k] !== quote) {
      if (text[k] === '\\') k++;
      else if (text[k] === '\n') break;
      k++;
    }
    return k + 1;
  };

  /** Reads template characters from `at` up to the closing backtick or a `${`; returns [end, kind]. */
  const skipTemplate = (at: number): [number, 'end' | 'substitution'] => {
    let k = at;
    while (k < n) {
      if (text[k] === '\\') k += 2;
      else if (text[k] === '`') return [k + 1, 'end'];
      else if (text[k] === '$' && text[k + 1] === '{') return [k + 2, 'substitution'];
      else k++;
    }
    return [n, 'end'];
  };

  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      i = skipString(i);
      previous = 'value';
      continue;
    }
    if (c === '`') {
      const [end, kind] = skipTemplate(i + 1);
      i = end;
      if (kind === 'substitution') {
        templates.push(braces);
        braces++;
        previous = 'operator';
      } else previous = 'value';
      continue;
    }
    if (c === '}' && templates.length > 0 && templates[templates.length - 1] === braces - 1) {
      templates.pop();
      braces--;
      const [end, kind] = skipTemplate(i + 1);
      i = end;
      if (kind === 'substitution') {
        templates.push(braces);
        braces++;
        previous = 'operator';
      } else previous = 'value';
      continue;
    }
    if (c === '/') {
      const regexHere = previous === 'none' || previous === 'operator' || (previous === 'keyword' && REGEX_AFTER_KEYWORD.has(lastWord));
      if (regexHere) {
        let k = i + 1;
        let inClass = false;
        while (k < n && text[k] !== '\n') {
          const d = text[k];
          if (d === '\\') k++;
          else if (d === '[') inClass = true;
          else if (d === ']') inClass = false;
          else if (d === '/' && !inClass) break;
          k++;
        }
        if (text[k] !== '/') throw new Error(`${file}:${lineOf(i)}: unterminated regular expression literal`);
        let f = k + 1;
        while (f < n && /[a-z]/.test(text[f])) f++;
        literals.push({ file, line: lineOf(i), source: text.slice(i + 1, k), flags: text.slice(k + 1, f) });
        i = f;
        previous = 'value';
        continue;
      }
      i++;
      previous = 'operator';
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      let k = i + 1;
      while (k < n && /[\w$]/.test(text[k])) k++;
      const word = text.slice(i, k);
      if (word === 'RegExp') {
        let p = k;
        while (p < n && /\s/.test(text[p])) p++;
        if (text[p] === '(') calls.push(i);
      }
      lastWord = word;
      previous = REGEX_AFTER_KEYWORD.has(word) ? 'keyword' : 'value';
      i = k;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let k = i + 1;
      while (k < n && /[\w.]/.test(text[k])) k++;
      i = k;
      previous = 'value';
      continue;
    }
    if (c === ')' || c === ']') {
      i++;
      previous = 'value';
      continue;
    }
    if (c === '{') braces++;
    if (c === '}') braces--;
    // Any other punctuator: `(`, `[`, `{`, `}`, `,`, `;`, `=`, operators. (`}` ending a block
    // before a regex statement is rare enough; a division after an object literal is rarer.)
    i++;
    previous = 'operator';
  }

  for (const at of calls) {
    const open = text.indexOf('(', at);
    const args = literalArguments(text, open);
    if (args !== undefined) literals.push({ file, line: lineOf(at), source: args[0], flags: args[1] ?? '' });
    else {
      const close = matchingParen(text, open);
      dynamic.push({ file, line: lineOf(at), call: text.slice(at, close + 1).replace(/\s+/g, ' ') });
    }
  }
  return { literals, dynamic };
}

/** The closing parenthesis of the call opened at `open` (strings and templates skipped roughly). */
function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let k = open; k < text.length; k++) {
    const c = text[k];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return k;
    else if (c === '"' || c === "'" || c === '`') {
      const quote = c;
      for (k++; k < text.length && text[k] !== quote; k++) if (text[k] === '\\') k++;
    }
  }
  return text.length - 1;
}

/** `('abc', 'i')`: both arguments as plain string literals (no substitutions), or undefined. */
function literalArguments(text: string, open: number): [string, string?] | undefined {
  const close = matchingParen(text, open);
  const inner = text.slice(open + 1, close).trim();
  const m = /^(["'])((?:\\.|(?!\1)[^\\])*)\1\s*(?:,\s*(["'])([a-z]*)\3\s*)?,?$/s.exec(inner);
  if (m === null) return undefined;
  // The string's value, as JavaScript reads its escapes.
  const value = Function(`"use strict"; return ${m[1]}${m[2]}${m[1]};`)() as string;
  return [value, m[4]];
}

/** Every `.ts` file under a directory, repository-relative. */
export function typeScriptFiles(root: string, dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) found.push(relative(root, p));
    }
  };
  walk(join(root, dir));
  return found.sort();
}

/** All regexes of the TypeScript files under `dir` (repository-relative). */
export function regexesUnder(root: string, dir: string): { literals: FoundRegex[]; dynamic: DynamicRegex[] } {
  const literals: FoundRegex[] = [];
  const dynamic: DynamicRegex[] = [];
  for (const file of typeScriptFiles(root, dir)) {
    const found = regexesInTypeScript(readFileSync(join(root, file), 'utf8'), file);
    literals.push(...found.literals);
    dynamic.push(...found.dynamic);
  }
  return { literals, dynamic };
}

// ---------------------------------------------------------------------------------------------
// TextMate grammars

export interface GrammarPattern {
  file: string;
  /** JSON path of the pattern inside the grammar (`/repository/path/match`). */
  path: string;
  /** As written (Oniguruma). */
  oniguruma: string;
}

/** Every `match`, `begin`, `end` and `while` pattern of every `*.tmLanguage.json` in `dir`. */
export function grammarPatterns(root: string, dir: string): GrammarPattern[] {
  const found: GrammarPattern[] = [];
  for (const name of readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.tmLanguage.json'))
    .sort()) {
    const file = `${dir}/${name}`;
    const walk = (value: unknown, path: string): void => {
      if (Array.isArray(value)) value.forEach((v, k) => walk(v, `${path}/${k}`));
      else if (value !== null && typeof value === 'object') {
        for (const [key, v] of Object.entries(value)) {
          if ((key === 'match' || key === 'begin' || key === 'end' || key === 'while') && typeof v === 'string')
            found.push({ file, path: `${path}/${key}`, oniguruma: v });
          else walk(v, `${path}/${key}`);
        }
      }
    };
    walk(JSON.parse(readFileSync(join(root, file), 'utf8')), '');
  }
  return found;
}

/**
 * An Oniguruma pattern as a JavaScript one for the checker, or the reason it cannot be converted.
 * Every conversion only removes constraints, so the converted pattern has at least the matching
 * paths of the original and "safe" for it means safe for the original:
 * - `(?i:...)` and `(?i)` become plain groups and the whole pattern is checked with the `i` flag
 *   (case folding only merges characters);
 * - `\G` (where the previous match ended) at the start of the pattern, after any lookbehinds,
 *   anchors the match like `^` (one start position); the lookbehinds before it are dropped. A `\G`
 *   anywhere else is dropped: the search may then start anywhere;
 * - atomic groups `(?>...)` become plain groups and possessive quantifiers (`*+`, `++`, `?+`)
 *   greedy ones: both only forbid backtracking;
 * - `\h` (a hex digit in Oniguruma), `\A`, `\z`, `\Z` become `[0-9A-Fa-f]`, `^`, `$`, `$`;
 * - POSIX brackets (`[[:alpha:]]`) become their ASCII classes;
 * - the `m` flag is always set: in Oniguruma's Ruby syntax `^` and `$` match at every line start
 *   and end, as JavaScript's do only with `m`.
 * Backreferences to `begin` captures in an `end` pattern, `(?x)` extended mode, conditionals and
 * `\p{...}` properties are not converted: such patterns are exercised through vscode-oniguruma.
 */
export function toJavaScript(pattern: string): { source: string; flags: string } | { unsupported: string } {
  if (/\(\?x\)|\(\?\(/.test(pattern)) return { unsupported: 'extended mode or a conditional' };
  if (/\\[pP]\{/.test(pattern)) return { unsupported: 'a Unicode property' };
  let flags = 'm';
  let out = '';
  const leading = /^((?:\(\?<[=!](?:\\.|[^()\\]|\((?:\\.|[^()\\])*\))*\))*)\\G/.exec(pattern);
  if (leading !== null) {
    out = '^';
    pattern = pattern.slice(leading[0].length);
  }
  let inClass = 0;
  for (let k = 0; k < pattern.length; k++) {
    const c = pattern[k];
    if (c === '\\') {
      const d = pattern[k + 1];
      if (d === undefined) return { unsupported: 'a trailing backslash' };
      if (inClass === 0 && /[1-9]/.test(d)) return { unsupported: 'a backreference' };
      if (d === 'G') {
        k++;
        continue;
      }
      if (d === 'h') out += inClass ? '0-9A-Fa-f' : '[0-9A-Fa-f]';
      else if (d === 'H') out += inClass ? '' : '[^0-9A-Fa-f]';
      else if (d === 'A' && !inClass) out += '^';
      else if ((d === 'z' || d === 'Z') && !inClass) out += '$';
      else if (d === 'x' && pattern[k + 2] === '{') {
        const end = pattern.indexOf('}', k);
        out += `\\u{${pattern.slice(k + 3, end)}}`;
        flags = flags.includes('u') ? flags : `${flags}u`;
        k = end;
        continue;
      } else out += c + d;
      k++;
      continue;
    }
    if (c === '[') {
      const posix = /^\[:(\^?)(alpha|digit|alnum|upper|lower|space|xdigit|word|punct|blank|cntrl|print|graph):\]/.exec(pattern.slice(k));
      if (inClass > 0 && posix !== null) {
        if (posix[1]) return { unsupported: 'a negated POSIX bracket' };
        out += POSIX[posix[2]];
        k += posix[0].length - 1;
        continue;
      }
      if (inClass > 0) return { unsupported: 'a nested character class' };
      inClass++;
      out += c;
      if (pattern[k + 1] === '^') {
        out += '^';
        k++;
      }
      // A `]` right after `[` or `[^` is a literal in Oniguruma.
      if (pattern[k + 1] === ']') {
        out += '\\]';
        k++;
      }
      continue;
    }
    if (c === ']' && inClass > 0) {
      inClass--;
      out += c;
      continue;
    }
    if (inClass > 0) {
      out += c === '/' ? '\\/' : c;
      continue;
    }
    if (c === '(' && pattern[k + 1] === '?') {
      const rest = pattern.slice(k + 2);
      const modifier = /^([imx-]+)(:|\))/.exec(rest);
      if (modifier !== null) {
        if (/x/.test(modifier[1].split('-')[0])) return { unsupported: 'extended mode' };
        if (modifier[1].split('-')[0].includes('i') && !flags.includes('i')) flags += 'i';
        if (modifier[2] === ':') out += '(?:';
        k += 1 + modifier[0].length;
        continue;
      }
      if (rest.startsWith('>')) {
        out += '(?:';
        k += 2;
        continue;
      }
    }
    // Possessive quantifiers (`a*+`, `a++`, `a?+`); after `{n,m}` a `+` repeats in Oniguruma's Ruby syntax.
    if (c === '+' && /[*+?]/.test(pattern[k - 1] ?? '') && pattern[k - 2] !== '\\' && pattern[k - 2] !== '(') continue;
    if (/[*+?]/.test(c) && pattern[k - 1] === '}') return { unsupported: 'a quantifier after an interval' };
    out += c === '/' ? '\\/' : c;
  }
  try {
    new RegExp(out, flags);
  } catch (error) {
    return { unsupported: `not valid as JavaScript after conversion: ${(error as Error).message}` };
  }
  return { source: out, flags };
}

const POSIX: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\r\\n\\v\\f',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
  punct: '!-\\/:-@\\[-`{-~',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
};
