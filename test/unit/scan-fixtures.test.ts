// Recognition on real text: every fixture in test/fixtures/recognition is scanned whole and compared
// line by line with the codes it expects (notation in that folder's README.md), then the hard cases
// get a test each, with exact columns, so that a failure names the case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { repoPath } from '../support/paths';
import { modeForLanguage, scanDocument } from '../../server/src/scan';
import type { CodeContext, CodeMatch, DocumentScan, ScanMode, SyntaxProblem } from '../../server/src/scan';

const FIXTURE_DIR = repoPath('test', 'fixtures', 'recognition');

/** The VS Code language a fixture stands for, by extension; files with other extensions are not fixtures. */
const LANGUAGE_BY_EXTENSION: Readonly<Record<string, string>> = {
  '.log': 'log',
  '.txt': 'plaintext',
  '.c': 'c',
  '.py': 'python',
  '.go': 'go',
  '.js': 'javascript',
  '.json': 'json',
  '.yaml': 'yaml',
  '.cs': 'csharp',
  '.kt': 'kotlin',
  '.scala': 'scala',
  '.swift': 'swift',
  '.ex': 'elixir',
  '.erl': 'erlang',
  '.lua': 'lua',
  '.toml': 'toml',
};

/** The mode the editor reads a fixture's language in. */
const modeOf = (languageId: string): ScanMode => modeForLanguage(languageId);

/** Source fixtures need their language: Python's quotes and comments are not C's. */
const scan = (text: string, mode: ScanMode, languageId: string): DocumentScan => scanDocument(text, mode, { languageId });

const CONTEXTS: readonly CodeContext[] = ['reply', 'dsn-field', 'string', 'bare'];
const PROBLEMS: readonly SyntaxProblem[] = ['class', 'leading-zero', 'too-many-digits'];

interface ExpectedCode {
  text: string;
  context: CodeContext;
  /** `elsewhere`: the reply code of the struct or object around the code, not written before it. */
  reply?: { code: number; continuation: boolean; elsewhere?: boolean };
  problem?: SyntaxProblem;
  /** Checked only where given. */
  start?: number;
}

interface FixtureLine {
  /** Zero-based, as `CodeMatch.line`. */
  index: number;
  text: string;
  expected: ExpectedCode[];
}

interface Fixture {
  name: string;
  languageId: string;
  mode: ScanMode;
  /** The file with its `##` lines blanked. */
  document: string;
  lines: FixtureLine[];
  /** The `##` lines, for the header check. */
  notes: string[];
}

/** Parses one expected code, `5.1.1 reply 550- !leading-zero @12`; throws on anything else. */
function parseExpectedCode(spec: string): ExpectedCode {
  const [text, context, ...rest] = spec.trim().split(/\s+/);
  if (!text || !/^\d+\.\d+\.\d+$/.test(text)) throw new Error(`not a code: "${spec}"`);
  if (!CONTEXTS.includes(context as CodeContext)) throw new Error(`unknown context in "${spec}"`);
  const expected: ExpectedCode = { text, context: context as CodeContext };
  for (const part of rest) {
    const reply = /^(\d{3})(-?)$/.exec(part);
    const elsewhere = /^\((\d{3})\)$/.exec(part);
    if (reply) expected.reply = { code: Number(reply[1]), continuation: reply[2] === '-' };
    else if (elsewhere) expected.reply = { code: Number(elsewhere[1]), continuation: false, elsewhere: true };
    else if (part.startsWith('!') && PROBLEMS.includes(part.slice(1) as SyntaxProblem)) expected.problem = part.slice(1) as SyntaxProblem;
    else if (/^@\d+$/.test(part)) expected.start = Number(part.slice(1));
    else throw new Error(`unknown part "${part}" in "${spec}"`);
  }
  return expected;
}

function parseFixture(name: string): Fixture {
  const languageId = LANGUAGE_BY_EXTENSION[extname(name)];
  const raw = readFileSync(`${FIXTURE_DIR}/${name}`, 'utf8').split(/\r?\n/);
  const lines: FixtureLine[] = raw.map((text, index) => ({ index, text: text.startsWith('##') ? '' : text, expected: [] }));
  const notes: string[] = [];
  let target: FixtureLine | undefined;
  raw.forEach((text, index) => {
    if (!text.startsWith('##')) {
      target = lines[index];
      return;
    }
    notes.push(text);
    if (!text.startsWith('##>')) return;
    if (!target || target.text === '') throw new Error(`${name}:${index + 1}: "##>" with no text line above it`);
    for (const spec of text.slice(3).split('|')) {
      try {
        target.expected.push(parseExpectedCode(spec));
      } catch (error) {
        throw new Error(`${name}:${index + 1}: ${(error as Error).message}`);
      }
    }
  });
  return { name, languageId, mode: modeOf(languageId), document: lines.map((l) => l.text).join('\n'), lines, notes };
}

const fixtureNames = readdirSync(FIXTURE_DIR)
  .filter((name) => extname(name) in LANGUAGE_BY_EXTENSION)
  .sort();

/** One code in the notation of the fixtures; the column only when the expectation gives one. */
function formatCode(code: ExpectedCode | CodeMatch, withColumn: boolean): string {
  const elsewhere = code.reply !== undefined && ('start' in code.reply ? code.reply.start < 0 : code.reply.elsewhere === true);
  const reply = code.reply ? (elsewhere ? ` (${code.reply.code})` : ` ${code.reply.code}${code.reply.continuation ? '-' : ''}`) : '';
  const problem = code.problem ? ` !${code.problem}` : '';
  const column = withColumn && code.start !== undefined ? ` @${code.start}` : '';
  return `${code.text} ${code.context}${reply}${problem}${column}`;
}

/** `5.1.1` as written, or its three numbers in order (KumoMTA's `5, "subject": 1, "detail": 1`). */
function writesCode(written: string, code: string): boolean {
  return written === code || (/^\d/.test(written) && written.match(/\d+/g)?.join('.') === code);
}

/** What must hold of any match: its columns and its reply's columns point at what it says it is. */
function matchInconsistencies(code: CodeMatch, lineText: string): string[] {
  const found: string[] = [];
  if (!writesCode(lineText.slice(code.start, code.end), code.text)) {
    found.push(`columns ${code.start}-${code.end} hold "${lineText.slice(code.start, code.end)}", not "${code.text}"`);
  }
  if (code.reply && code.reply.start >= 0) {
    const { start, end, code: reply } = code.reply;
    if (lineText.slice(start, end) !== String(reply))
      found.push(`reply columns ${start}-${end} hold "${lineText.slice(start, end)}", not "${reply}"`);
    if (end > code.start) found.push(`reply ${reply} ends at ${end}, after the code starts at ${code.start}`);
  }
  return found;
}

/** Compares one line's matches with its expectations; returns the differences, empty when it agrees. */
function compareLine(fileName: string, line: FixtureLine, got: CodeMatch[]): string[] {
  const expectedText = line.expected.map((code) => formatCode(code, true));
  const gotText = got.map((code, i) => formatCode(code, line.expected[i]?.start !== undefined));
  const problems = got.flatMap((code) => matchInconsistencies(code, line.text));
  if (expectedText.join(' | ') === gotText.join(' | ') && problems.length === 0) return [];
  const show = (codes: string[]) => (codes.length === 0 ? '(none)' : codes.join(' | '));
  return [
    `${fileName}:${line.index + 1}: expected ${show(expectedText)}; got ${show(gotText)}` +
      problems.map((p) => `\n    ${p}`).join('') +
      `\n    ${line.text.length > 160 ? `${line.text.slice(0, 157)}...` : line.text}`,
  ];
}

test('recognition fixtures are well formed', () => {
  assert.ok(fixtureNames.length >= 10, `only ${fixtureNames.length} fixtures in ${FIXTURE_DIR}`);
  const errors: string[] = [];
  for (const name of fixtureNames) {
    let fixture: Fixture;
    try {
      fixture = parseFixture(name);
    } catch (error) {
      errors.push((error as Error).message);
      continue;
    }
    // Every file says where its lines come from and under which licence.
    if (!fixture.notes.some((note) => /Origin:/.test(note))) errors.push(`${name}: no "## Origin:" note`);
    if (!readFileSync(`${FIXTURE_DIR}/${name}`, 'utf8').startsWith('## ')) errors.push(`${name}: does not start with a "## " header`);
    for (const line of fixture.lines) {
      for (const code of line.expected) {
        const parts = new RegExp(code.text.split('.').join('\\D+'));
        if (!line.text.includes(code.text) && !parts.test(line.text))
          errors.push(`${name}:${line.index + 1}: expects ${code.text}, which the line does not hold`);
        if (code.start !== undefined && line.text.slice(code.start, code.start + code.text.length) !== code.text) {
          errors.push(`${name}:${line.index + 1}: ${code.text} is not at column ${code.start}`);
        }
      }
    }
  }
  assert.deepEqual(errors, []);
});

for (const name of fixtureNames) {
  test(`fixture ${name}: every line yields exactly the codes it expects`, () => {
    const fixture = parseFixture(name);
    const { codes } = scan(fixture.document, fixture.mode, fixture.languageId);
    const byLine = new Map<number, CodeMatch[]>();
    for (const code of codes) {
      if (!byLine.has(code.line)) byLine.set(code.line, []);
      byLine.get(code.line)!.push(code);
    }
    const differences: string[] = [];
    for (const [line] of byLine) {
      if (line < 0 || line >= fixture.lines.length) differences.push(`${name}: a match on line index ${line}, outside the document`);
    }
    for (const line of fixture.lines) {
      const got = (byLine.get(line.index) ?? []).sort((a, b) => a.start - b.start);
      differences.push(...compareLine(name, line, got));
    }
    const expectedCount = fixture.lines.reduce((n, line) => n + line.expected.length, 0);
    assert.ok(
      differences.length === 0,
      `${differences.length} line(s) of ${name} differ (${expectedCount} codes expected in the file):\n${differences.join('\n')}`,
    );
  });
}

// --- Hard cases, one test each, with exact columns -------------------------------------------------

interface HardCode {
  text: string;
  context: CodeContext;
  /** The code starts right after the first occurrence of this (on its line) at or after `from`. */
  after: string;
  from?: number;
  /** The reply code, which stands right before the code with one separator (space, "-", "_"). */
  reply?: number;
  continuation?: boolean;
  problem?: SyntaxProblem;
  line?: number;
}

/** Scans `text` and checks the matches field by field, columns included. */
function assertCodes(text: string, languageId: string, expected: HardCode[]): void {
  const lines = text.split('\n');
  const want = expected.map((code) => {
    const lineText = lines[code.line ?? 0]!;
    const at = lineText.indexOf(code.after, code.from ?? 0);
    assert.ok(at >= 0, `test setup: "${code.after}" not on line ${code.line ?? 0}`);
    const start = at + code.after.length;
    return {
      line: code.line ?? 0,
      start,
      end: start + code.text.length,
      text: code.text,
      context: code.context,
      reply:
        code.reply === undefined
          ? undefined
          : { code: code.reply, start: start - 4, end: start - 1, continuation: code.continuation ?? false },
      problem: code.problem,
    };
  });
  const { codes } = scan(text, modeOf(languageId), languageId);
  const got = codes.map((code) => ({
    line: code.line,
    start: code.start,
    end: code.end,
    text: code.text,
    context: code.context,
    reply: code.reply && { code: code.reply.code, start: code.reply.start, end: code.reply.end, continuation: code.reply.continuation },
    problem: code.problem,
  }));
  assert.deepEqual(got, want, `scanning ${JSON.stringify(text.length > 200 ? `${text.slice(0, 197)}...` : text)}`);
}

test('qmail: underscores stand for the spaces around the reply and the code', () => {
  assertCodes(
    'delivery 4711: failure: 192.0.2.25_does_not_like_recipient./Remote_host_said:_550_5.1.1_<nobody@example.net>:_User_unknown/Giving_up_on_192.0.2.25./',
    'log',
    [{ text: '5.1.1', context: 'reply', after: '_550_', reply: 550 }],
  );
  assertCodes("delivery 4716: deferral: Sorry,_I_wasn't_able_to_establish_an_SMTP_connection._(#4.4.1)/", 'log', [
    { text: '4.4.1', context: 'dsn-field', after: '(#' },
  ]);
});

test("Exchange: '#550 5.1.1 ... ##' and \"Remote Server returned '550 5.1.10 ...'\"", () => {
  assertCodes('#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##', 'log', [
    { text: '5.1.1', context: 'reply', after: '#550 ', reply: 550 },
  ]);
  assertCodes("Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'", 'log', [
    { text: '5.1.10', context: 'reply', after: "'550 ", reply: 550 },
  ]);
  assertCodes('X-Supplementary-Info: <mx.google.com #5.1.1 smtp;550-5.1.1 The email account', 'log', [
    { text: '5.1.1', context: 'bare', after: '#' },
    { text: '5.1.1', context: 'reply', after: 'smtp;550-', reply: 550, continuation: true },
  ]);
});

test('Gmail: a folded multi-line reply on one line gives every code its own reply code', () => {
  const line =
    'Dec  6 10:15:30 mx1 postfix/smtp[21364]: 4Y3p2P2k0Yz1: to=<user@example.net>, relay=mx.example.net[192.0.2.44]:25, ' +
    'delay=2.1, delays=0.1/0/1.5/0.5, dsn=5.7.26, status=bounced (host mx.example.net[192.0.2.44] said: 550-5.7.26 This mail is ' +
    'unauthenticated. 550-5.7.26 Gmail requires all senders to authenticate. 550-5.7.26  550 5.7.26 To learn more, visit ' +
    'https://support.example.com/ d2e1a72fcca58-72a2b3c4d5esi1234567b3a.123 - gsmtp (in reply to end of DATA command))';
  const folded: HardCode[] = [];
  for (let from = line.indexOf('550-'); from >= 0; from = line.indexOf('550-', from + 1)) {
    folded.push({ text: '5.7.26', context: 'reply', after: '550-', from, reply: 550, continuation: true });
  }
  assert.equal(folded.length, 3, 'test setup');
  assertCodes(line, 'log', [
    { text: '5.7.26', context: 'dsn-field', after: 'dsn=' },
    ...folded,
    { text: '5.7.26', context: 'reply', after: '550 ', reply: 550 },
  ]);
});

test('Diagnostic-Code and Status: the code of a status field is dsn-field, with its reply code', () => {
  const dsn = [
    'Action: failed',
    'Status: 5.1.1 (user unknown)',
    'Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.com>... User unknown',
    'Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; not found',
    'Diagnostic-Code: SMTP; 550-5.7.26 This mail has been blocked. 550 5.7.26 Learn more',
    'Diagnostic-Code: 550 5.1.1 <nobody@example.com>... User Unknown',
    'Diagnostic-Code: X-Postfix; connect to mx.example.org[203.0.113.10]:25: Connection timed out',
  ].join('\n');
  assertCodes(dsn, 'log', [
    { line: 1, text: '5.1.1', context: 'dsn-field', after: 'Status: ' },
    { line: 2, text: '5.1.1', context: 'dsn-field', after: 'smtp; 550 ', reply: 550 },
    { line: 3, text: '5.1.10', context: 'dsn-field', after: 'smtp;550 ', reply: 550 },
    { line: 4, text: '5.7.26', context: 'dsn-field', after: 'SMTP; 550-', reply: 550, continuation: true },
    { line: 4, text: '5.7.26', context: 'reply', after: 'blocked. 550 ', reply: 550 },
    { line: 5, text: '5.1.1', context: 'dsn-field', after: 'Diagnostic-Code: 550 ', reply: 550 },
  ]);
});

test('IP decoys: parts of IPv4 addresses are not codes, the real code beside them is', () => {
  assertCodes('connect from unknown[10.5.1.2]', 'log', []);
  assertCodes('Received: from relay.example.org ([192.0.2.1]) by mx1.example.com', 'log', []);
  assertCodes('nameserver 4.2.2.2', 'log', []);
  assertCodes('4.3.2.1 does not like recipient.', 'log', []);
  assertCodes('connect from unknown[::ffff:192.0.2.5]', 'log', []);
  assertCodes('host mx.example.net[10.5.1.1] said: 550 5.1.1 Mailbox does not exist', 'log', [
    { text: '5.1.1', context: 'reply', after: 'said: 550 ', reply: 550 },
  ]);
});

test('version decoys: versions, long dotted sequences, dates and delays are not codes', () => {
  for (const line of [
    'daemon started -- postfix version 2.10.1, configuration /etc/postfix',
    'X-Mailer: Apple Mail (2.753.1)',
    'postmap: Berkeley DB: 5.3.21',
    'kernel: Linux version 5.15.0-126-generic',
    'OpenSSL 3.0.11 may not be compatible with OpenSSL 3.0.2',
    'TLSv1.3 with cipher TLS_AES_256_GCM_SHA384',
    'User-Agent: ExampleMailer v2.4.1',
    'opendkim: OpenDKIM Filter ver 2.11.0 starting',
    'rspamd release 2.7.1 started',
    'OID 1.2.3.4.5',
    'Microsoft SMTP Server id 15.20.77.7',
    'X-Mailer: Internet Mail Service (5.5.1960.3)',
    'archive/2024.12.06/maillog.gz',
    'delay=5.2, delays=0.1/0/0.2/0.5',
    '2024-12-06T10:16:18.512Z took 2.125s',
  ]) {
    assertCodes(line, 'log', []);
  }
});

test('malformed codes count after a reply code or in a status field, and nowhere else', () => {
  assertCodes('550 5.01.1 <nobody@example.com>: Recipient address rejected', 'log', [
    { text: '5.01.1', context: 'reply', after: '550 ', reply: 550, problem: 'leading-zero' },
  ]);
  assertCodes('550 3.0.0 Requested action not taken', 'log', [
    { text: '3.0.0', context: 'reply', after: '550 ', reply: 550, problem: 'class' },
  ]);
  assertCodes('550 5.1000.1 Recipient address rejected', 'log', [
    { text: '5.1000.1', context: 'reply', after: '550 ', reply: 550, problem: 'too-many-digits' },
  ]);
  assertCodes('Status: 6.1.1', 'log', [{ text: '6.1.1', context: 'dsn-field', after: 'Status: ', problem: 'class' }]);
  assertCodes('The code 5.01.1 has a leading zero and 3.0.0 has no such class.', 'log', []);
});

test('source: strings are read, comments are skipped', () => {
  const c = [
    '/* 550 5.1.1 in a block comment */',
    'smtpd_chat_reply(state, "554 5.7.1 <%s>: Relay access denied", addr); // 450 4.7.1',
    'return smtpd_check_reject(state, MAIL_ERROR_POLICY, 450, "4.7.1", "<%s>: Helo command rejected", helo);',
  ].join('\n');
  assertCodes(c, 'c', [
    { line: 1, text: '5.7.1', context: 'string', after: '"554 ', reply: 554 },
    { line: 2, text: '4.7.1', context: 'string', after: '450, "' },
  ]);
  assertCodes("# 550 5.1.1 in a comment\nreturn '550 5.1.1 User unknown'", 'python', [
    { line: 1, text: '5.1.1', context: 'string', after: "'550 ", reply: 550 },
  ]);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: source code with a template literal, as a test input
  assertCodes('const reply = `550 5.1.1 <${rcpt}>: Recipient address rejected`;', 'javascript', [
    { text: '5.1.1', context: 'string', after: '`550 ', reply: 550 },
  ]);
});

test('source: version strings are not codes', () => {
  assertCodes('#define VERSION "4.12.0"', 'c', []);
  assertCodes('__version__ = "2.28.1"', 'python', []);
  assertCodes('{\n  "name": "mail-fixture",\n  "version": "5.1.3"\n}', 'json', []);
});
