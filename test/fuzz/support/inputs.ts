// Hostile and realistic inputs for the fuzz tests and `npm run test:fuzz`: real log lines (the
// recognition fixtures and, when present, the shared corpus), mutated; pieces the scanner cares
// about; every Unicode plane, lone surrogates, NUL, and line breaks of every kind.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { corpusPath, repoPath } from '../../support/paths';

// A failing property reports the assertion that failed, not only the counterexample.
fc.configureGlobal({ ...fc.readConfigureGlobal(), includeErrorInReport: true });

/** Pieces of text that matter to the scanner and the service, hostile ones included. */
export const PIECES: readonly string[] = [
  '550 5.1.1 <a@b.example>: User unknown',
  '550-5.7.26 folded ',
  '552-5.3.4 ',
  '552 5.3.5 ',
  'said: 451 4.7.1 try later',
  'dsn=4.4.1, status=deferred',
  'stat=Deferred: 421 4.4.2',
  'Status: 5.1.1 (x)',
  'Diagnostic-Code: smtp; 550 5.1.1 ',
  '(#5.1.1)',
  '_550_5.1.1_',
  '#550 5.1.1 ... ##',
  '550 #5.1.0',
  '550: 5.2.2',
  'S: 250 2.1.0 ',
  '<- 250 2.1.0',
  '<** 550 5.7.1',
  '354 2.0.0 go',
  '10.5.1.2',
  'version 2.10.1',
  'v2.4.1',
  '^5.4.5',
  '5.01.1',
  '3.0.0',
  '5.1234.1',
  '4.2.2.2',
  '2.0.0...2.0.1',
  '## [2.6.2]',
  '**4.2.7**',
  '2.5.0 / 2017-06-25',
  'RFC 3463 section 2',
  '"550 5.7.1 denied"',
  "'4.7.1'",
  '"4.7.1"',
  '"""',
  "'''",
  '`',
  '/*',
  '*/',
  '<!--',
  '-->',
  '//',
  '# ',
  '#',
  '--',
  ';',
  '\\',
  '"',
  "'",
  "'\\",
  'Code: 550,',
  'EnhancedCode{5, 1, 1}',
  // Other languages' string forms, providers' payload fields, library calls.
  '@"',
  '$@"',
  '""',
  '[[',
  ']]',
  '[==[',
  '--[[',
  '~s(',
  '~S"""',
  '?"',
  '$"',
  '<<"',
  '#"',
  '"#',
  '%',
  '- ',
  ': ',
  '|',
  '"status": "5.1.1"',
  'status: 5.1.1',
  '"enhanced-code": "4.2.2",',
  '"code": 550,',
  'code: 452',
  '"error_code": "554"',
  '"enhanced_code": {"class": 5, "subject": 1, "detail": 1}',
  '\\n4.2.2 ',
  '\\"status\\":\\"5.1.1\\"',
  'DSN.no_such_user()',
  "DSN.mbox_full('full', 550)",
  'DSN.create(550, "x", 1, 1)',
  'DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.ADDRESS_MAILBOX)',
  'smtp.EnhancedCode{',
  '}',
  '{',
  'REJECT 4.7.1 x',
  'DEFER 5.7.1 y',
  'ERROR:5.7.1:550 y',
  'message = 550 5.7.1 ',
  'protection.outlook.com',
  '- gsmtp',
  'Nov 22 10:00:01 mx postfix/smtp[123]: ',
  '2024-01-02T03:04:05 ',
  // Message ids and links (server/src/scan/messageIds.ts).
  'Dec  6 10:20:02 mx1 postfix/qmgr[1201]: 4Y8kQ2T5mPz7Hd: ',
  'postfix/smtp[2]: 9C1F24A0B3: to=<a@b.example>, dsn=5.1.1, status=bounced ',
  'queued as 4Y8kQ2VbNTz7Hf)',
  ' notification: 4Y8kQ3Cx9Rz7Hg',
  'orig_queue_id=9C1F24A0B3, ',
  'NOQUEUE: ',
  ']: ',
  '2024-12-06 10:30:01 1tJcAa-000BcD-7e ',
  '2024-12-06 10:32:10.123 [42] 1tJcBf-00000001xQr-2Bcd <= ',
  '<= <> R=1tJcAa-000BcD-7e ',
  '=> b@c R=x C="250 OK id=1tJcAc-000XyZ-1a"',
  'sm-mta[9]: 4B6AeAae024715: 4B6AeBae024717: DSN: ',
  'smtpd[4]: 3c5e7f9a1b2d4e60 smtp message msgid=5d1e2f3a ',
  'evpid=0x5d1e2f3a0a1b2c3d ',
  // Hostile text: markdown, links, commands, HTML, ANSI escapes, bidi controls.
  '[click](command:workbench.action.terminal.new)',
  '[x](javascript:alert(1))',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '`code` **bold** _em_ ~~del~~ | table |',
  'https://evil.example/x',
  '<https://evil.example>',
  '\u001b[31mred\u001b[0m',
  '\u202e\u2066',
  '&lt;&#x3c;',
  '\n',
  '\r\n',
  '\r',
  '\u2028',
  '\u0000',
  '\ufeff',
  ' ',
  '\t',
  'x',
  '😀',
  '\ud83d',
  '\ude00',
];

export const LINE_BREAKS = ['\n', '\r\n', '\r'] as const;

/** Lines of the recognition fixtures and (when it is there) the shared corpus, read now. */
export function realLines(options: { corpus?: boolean; maxCorpusFiles?: number } = {}): string[] {
  const lines: string[] = [];
  const add = (file: string) => {
    for (const line of readFileSync(file, 'utf8').split(/\r\n|\r|\n/)) if (line.trim() !== '' && line.length <= 4000) lines.push(line);
  };
  for (const folder of ['recognition', 'messages']) {
    const fixtures = repoPath('test', 'fixtures', folder);
    for (const name of readdirSync(fixtures).sort()) if (!name.endsWith('.md')) add(join(fixtures, name));
  }
  if (options.corpus !== false) for (const file of corpusFiles(options.maxCorpusFiles)) add(file);
  return lines;
}

/** Files of the shared corpus (none when it is absent), in a stable order. */
export function corpusFiles(max = Infinity): string[] {
  const root = corpusPath();
  if (!existsSync(root)) return [];
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (found.length >= max) return;
      const p = join(dir, name);
      const stat = statSync(p);
      if (stat.isDirectory()) walk(p);
      else if (stat.size <= 2_000_000 && !/\.(?:gz|zip|png|jpg|pdf)$/i.test(name)) found.push(p);
    }
  };
  walk(root);
  return found;
}

/** One lone surrogate (high or low). */
export const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** A piece of a document: a scanner piece, any Unicode text (all planes), a lone surrogate, a line break. */
export function piece(lines: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...PIECES) },
    { weight: 2, arbitrary: lines.length > 0 ? fc.constantFrom(...lines) : fc.constant('550 5.1.1 x') },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
    { weight: 1, arbitrary: loneSurrogate },
    { weight: 2, arbitrary: fc.constantFrom(...LINE_BREAKS) },
    { weight: 2, arbitrary: fc.stringMatching(/^[0-9.\- _#:]{1,12}$/) },
  );
}

/** A document made of pieces. */
export function documentText(lines: readonly string[], maxPieces = 30): fc.Arbitrary<string> {
  return fc.array(piece(lines), { maxLength: maxPieces }).map((parts) => parts.join(''));
}

/** A real line changed a few times: characters inserted, deleted or replaced, pieces spliced in. */
export function mutatedLine(lines: readonly string[]): fc.Arbitrary<string> {
  const mutation = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.integer({ min: 0, max: 8 }),
    insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 4 }), loneSurrogate, fc.constant('')),
  });
  const base = lines.length > 0 ? fc.constantFrom(...lines) : fc.constant('550 5.1.1 x');
  return fc.tuple(base, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([line, mutations]) => {
    let text = line;
    for (const m of mutations) {
      const at = Math.floor(m.at * text.length);
      text = text.slice(0, at) + m.insert + text.slice(at + m.length);
    }
    return text;
  });
}

/** A few real or mutated lines joined by mixed line breaks. */
export function logDocument(lines: readonly string[]): fc.Arbitrary<string> {
  const line = fc.oneof(mutatedLine(lines), lines.length > 0 ? fc.constantFrom(...lines) : fc.constant(''), documentText(lines, 6));
  return fc
    .array(fc.tuple(line, fc.constantFrom('', ...LINE_BREAKS)), { maxLength: 8 })
    .map((parts) => parts.map(([l, b]) => l + b).join(''));
}

/** Any document: pieces, or real lines mutated. */
export function anyDocument(lines: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(documentText(lines), logDocument(lines));
}

/** Languages (and URIs) that pick every mode and string syntax. */
export const LANGUAGES: readonly { languageId: string; uri: string }[] = [
  { languageId: 'log', uri: 'file:///f/mail.log' },
  { languageId: 'plaintext', uri: 'file:///f/notes.txt' },
  { languageId: 'smtp', uri: 'file:///f/s.smtp' },
  { languageId: 'email', uri: 'file:///f/b.eml' },
  { languageId: 'markdown', uri: 'file:///f/README.md' },
  { languageId: 'no-such-language', uri: 'untitled:Untitled-1' },
  { languageId: 'plaintext', uri: 'file:///etc/postfix/access' },
  { languageId: 'plaintext', uri: 'file:///etc/postfix/header_checks.pcre' },
  { languageId: 'plaintext', uri: 'file:///etc/exim4/exim4.conf.template' },
  { languageId: 'c', uri: 'file:///f/a.c' },
  { languageId: 'go', uri: 'file:///f/a.go' },
  { languageId: 'python', uri: 'file:///f/a.py' },
  { languageId: 'javascript', uri: 'file:///f/a.js' },
  { languageId: 'typescript', uri: 'file:///f/a.ts' },
  { languageId: 'php', uri: 'file:///f/a.php' },
  { languageId: 'rust', uri: 'file:///f/a.rs' },
  { languageId: 'ruby', uri: 'file:///f/a.rb' },
  { languageId: 'sql', uri: 'file:///f/a.sql' },
  { languageId: 'lua', uri: 'file:///f/a.lua' },
  { languageId: 'csharp', uri: 'file:///f/a.cs' },
  { languageId: 'kotlin', uri: 'file:///f/a.kt' },
  { languageId: 'scala', uri: 'file:///f/a.scala' },
  { languageId: 'swift', uri: 'file:///f/a.swift' },
  { languageId: 'elixir', uri: 'file:///f/a.ex' },
  { languageId: 'erlang', uri: 'file:///f/a.erl' },
  { languageId: 'java', uri: 'file:///f/A.java' },
  { languageId: 'json', uri: 'file:///f/a.json' },
  { languageId: 'jsonc', uri: 'file:///f/a.jsonc' },
  { languageId: 'yaml', uri: 'file:///f/a.yaml' },
  { languageId: 'toml', uri: 'file:///f/a.toml' },
  { languageId: 'ini', uri: 'file:///f/a.ini' },
  { languageId: 'xml', uri: 'file:///f/a.xml' },
];

export const language = fc.constantFrom(...LANGUAGES);
