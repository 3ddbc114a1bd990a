// The grammar files themselves: contributed as package.json says, every regex valid for
// Oniguruma (vscode-textmate compiles a rule only when it is first used, so a broken regex would
// otherwise show up in some user's editor), scope names that follow the convention, and a
// documentation table that lists every private scope.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { repoPath } from '../support/paths';
import { loadGrammar } from './support';

interface Contribution {
  scopeName: string;
  path: string;
  language?: string;
  injectTo?: string[];
}
interface LanguageContribution {
  id: string;
  configuration?: string;
}

const pkg = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as {
  contributes: { grammars: Contribution[]; languages: LanguageContribution[] };
};
const grammars = pkg.contributes.grammars;
const ownGrammars = grammars.map((g) => ({ ...g, json: JSON.parse(readFileSync(repoPath(g.path), 'utf8')) as Record<string, unknown> }));

/** Every rule object of a grammar, with the JSON path that leads to it. */
function* rules(node: unknown, path = ''): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* rules(item, `${path}[${i}]`);
  } else if (node && typeof node === 'object') {
    const rule = node as Record<string, unknown>;
    yield [path, rule];
    for (const [key, value] of Object.entries(rule)) {
      if (typeof value === 'object') yield* rules(value, `${path}.${key}`);
    }
  }
}

/** Scope names given by rules (not the grammars' display names). */
function scopeNames(grammar: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  for (const [path, rule] of rules(grammar)) {
    if (path === '') continue;
    for (const key of ['name', 'contentName']) {
      const value = rule[key];
      if (typeof value === 'string') for (const n of value.split(/\s+/)) names.add(n);
    }
  }
  return names;
}

test('package.json contributes the grammars at the expected paths and scope names', () => {
  const expected: Record<string, string> = {
    'source.smtp': './syntaxes/smtp.tmLanguage.json',
    'text.email': './syntaxes/email.tmLanguage.json',
    'smtp-status.injection.log': './syntaxes/smtp-status.log-injection.tmLanguage.json',
    'smtp-status.injection.string': './syntaxes/smtp-status.string-injection.tmLanguage.json',
  };
  for (const [scopeName, path] of Object.entries(expected)) {
    const contribution = grammars.find((g) => g.scopeName === scopeName);
    assert.ok(contribution, scopeName);
    assert.equal(contribution.path, path);
    assert.ok(existsSync(repoPath(path)), path);
  }
  for (const g of ownGrammars) assert.equal(g.json['scopeName'], g.scopeName, g.path);
  for (const id of ['smtp', 'email']) {
    const language = pkg.contributes.languages.find((l) => l.id === id);
    assert.ok(language?.configuration, id);
    const config = JSON.parse(readFileSync(repoPath(language.configuration), 'utf8')) as { wordPattern: string; brackets: string[][] };
    // An enhanced code is one word (double-click selects 5.7.1), so is an IP address.
    assert.deepEqual('550 5.7.1 [192.0.2.1] MT-PRIORITY'.match(new RegExp(config.wordPattern, 'g')), [
      '550',
      '5.7.1',
      '192.0.2.1',
      'MT-PRIORITY',
    ]);
    // `<` and `>` are not brackets: swaks arrows (`<-`, ` ->`) and quoted mail (`> text`) are unpaired
    // and bracket-pair colouring would mark each one as an error.
    assert.ok(!config.brackets.some(([open]) => open === '<'), `${id}: <> is not a bracket pair`);
  }
  const log = grammars.find((g) => g.scopeName === 'smtp-status.injection.log')!;
  // Into VS Code's log grammar; our email grammar includes the same patterns itself.
  assert.deepEqual(log.injectTo, ['text.log']);
  const string = grammars.find((g) => g.scopeName === 'smtp-status.injection.string')!;
  for (const target of ['source.c', 'source.cpp', 'source.go', 'source.python', 'source.js', 'source.ts']) {
    assert.ok(string.injectTo?.includes(target), target);
  }
});

test('every regex of the grammars compiles in Oniguruma', async () => {
  await loadGrammar('source.smtp'); // loads the WASM
  let count = 0;
  for (const g of ownGrammars) {
    for (const [path, rule] of rules(g.json)) {
      for (const key of ['match', 'begin', 'end', 'while']) {
        const source = rule[key];
        if (typeof source !== 'string') continue;
        // Back-references to begin captures (\1 in end) are filled in at run time: give them a value.
        const regex = key === 'end' || key === 'while' ? source.replace(/\\(\d)/g, '"') : source;
        assert.doesNotThrow(() => new oniguruma.OnigScanner([regex]).dispose(), `${g.path} ${path}.${key}: ${source}`);
        count++;
      }
    }
  }
  assert.ok(count > 50, `only ${count} regexes`);
});

test('private scopes start with a standard scope; grammar scopes end with the language', () => {
  const standard = /^(comment|constant|entity|invalid|keyword|markup|meta|punctuation|storage|string|support|variable)\./;
  for (const g of ownGrammars) {
    for (const name of scopeNames(g.json)) {
      if (name === 'string' || name === 'log.string') continue; // the log grammar's own names, kept for quoted strings
      assert.match(name, standard, `${g.path}: ${name}`);
      assert.ok(name.includes('.smtp-status.') || name.endsWith('.smtp') || name.endsWith('.email'), `${g.path}: ${name}`);
    }
  }
});

test('docs/highlighting.md lists every smtp-status scope', () => {
  const docs = readFileSync(repoPath('docs', 'highlighting.md'), 'utf8');
  const missing: string[] = [];
  for (const g of ownGrammars) {
    for (const name of scopeNames(g.json)) {
      if (name.includes('smtp-status') && !docs.includes(`\`${name}\``) && !docs.includes(`${name}\``)) missing.push(name);
    }
  }
  assert.deepEqual([...new Set(missing)], []);
});

test('every class has the same scopes in the transcript, log, email and string grammars', () => {
  const byGrammar = new Map(ownGrammars.map((g) => [g.scopeName, scopeNames(g.json)]));
  const codes = (scope: string) => [...byGrammar.get(scope)!].filter((n) => /smtp-status\.(reply|enhanced)\.class-/.test(n)).sort();
  const transcript = codes('source.smtp');
  assert.deepEqual(codes('text.email'), transcript);
  // The injections add the invalid.* scope of class-5 codes in strings.
  const withoutInvalid = (names: string[]) => names.filter((n) => !n.startsWith('invalid.'));
  assert.deepEqual(withoutInvalid(codes('smtp-status.injection.log')), transcript);
  assert.deepEqual(withoutInvalid(codes('smtp-status.injection.string')), transcript);
  assert.deepEqual(
    codes('smtp-status.injection.string').filter((n) => n.startsWith('invalid.')),
    ['invalid.smtp-status.enhanced.class-5', 'invalid.smtp-status.reply.class-5'],
  );
});

test('the grammar files are what syntaxes/src/grammars.mjs writes', async () => {
  // A run-time import: the generator is plain JavaScript, outside the TypeScript build.
  const generator = (await import(pathToFileURL(repoPath('syntaxes', 'src', 'grammars.mjs')).href)) as {
    grammarFiles: Record<string, unknown>;
    grammarText: (file: string) => string;
  };
  const files = Object.keys(generator.grammarFiles).sort();
  assert.deepEqual(files, ownGrammars.map((g) => g.path.replace('./syntaxes/', '')).sort());
  for (const file of files) {
    assert.equal(
      readFileSync(repoPath('syntaxes', file), 'utf8'),
      generator.grammarText(file),
      `${file}: run node syntaxes/src/grammars.mjs`,
    );
  }
});
