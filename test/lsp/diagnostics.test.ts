import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { repoPath } from '../support/paths';
import { PULL_CAPABILITIES, PUSH_CAPABILITIES, startForSuite, type Diagnostic, type LspClient } from './support/lspClient';
import { DEFAULT_SEVERITY, assertWellFormed, expected, rangeOf, summarize } from './support/text';

const fixture = (name: string) => readFileSync(repoPath('test', 'fixtures', 'lsp', name), 'utf8');
const POSTFIX_LOG = fixture('postfix-mixed.log');
const TRANSCRIPT = fixture('transcript.smtp');

/** The fixture's problems: rule and the reply (unique in the file) whose enhanced code carries it. */
const POSTFIX_PROBLEMS = [
  { anchor: '550 4.1.1', code: '4.1.1', rule: 'class-mismatch' },
  { anchor: '451 4.7.99', code: '4.7.99', rule: 'unregistered' },
  { anchor: '550 5.9.1', code: '5.9.1', rule: 'unknown-subject' },
  { anchor: '553 5.6.10', code: '5.6.10', rule: 'deprecated' },
  { anchor: '550 5.01.1', code: '5.01.1', rule: 'invalid-syntax' },
];

const TRANSCRIPT_PROBLEMS = [
  { anchor: '354 2.0.0', code: '2.0.0', rule: 'code-on-intermediate-reply' },
  { anchor: '550 3.0.0', code: '3.0.0', rule: 'invalid-syntax' },
  // Its second line repeats the same finding: in logs and transcripts a repeated finding is
  // reported once, with a count and the other places as related information.
  { anchor: '550-5.1000.1', code: '5.1000.1', rule: 'invalid-syntax' },
];

let documents = 0;
const uriFor = (ext: string) => `file:///lsp-tests/diagnostics/doc-${++documents}.${ext}`;

async function diagnosticsOf(client: LspClient, languageId: string, ext: string, text: string): Promise<Diagnostic[]> {
  const uri = uriFor(ext);
  await client.open(uri, languageId, text);
  const diagnostics = await client.diagnostics(uri, 1);
  diagnostics.forEach(assertWellFormed);
  return diagnostics;
}

/** Diagnostics of the Postfix fixture per mode, so the two modes can be compared afterwards. */
const postfixByMode: Partial<Record<'push' | 'pull', Diagnostic[]>> = {};

for (const mode of ['push', 'pull'] as const) {
  describe(`diagnostics on logs (${mode})`, () => {
    const client = startForSuite(
      { before, after },
      {
        capabilities: mode === 'pull' ? PULL_CAPABILITIES : PUSH_CAPABILITIES,
        settings: null,
      },
    );

    test('multi-line Postfix log: one diagnostic per problem, on the enhanced code', async () => {
      const diagnostics = await diagnosticsOf(client(), 'log', 'log', POSTFIX_LOG);
      postfixByMode[mode] = diagnostics;
      assert.deepEqual(
        summarize(diagnostics),
        POSTFIX_PROBLEMS.map((p) => expected(rangeOf(POSTFIX_LOG, p.code, p.anchor), p.rule)).sort(),
      );
      for (const diagnostic of diagnostics) {
        assert.equal(diagnostic.severity, DEFAULT_SEVERITY[diagnostic.code as string], `severity of ${diagnostic.code}`);
      }
      const deprecated = diagnostics.find((d) => d.code === 'deprecated');
      assert.deepEqual(deprecated?.tags, [2], 'deprecated carries the Deprecated tag');
    });

    test('SMTP transcript (language smtp): intermediate reply and invalid syntax', async () => {
      const diagnostics = await diagnosticsOf(client(), 'smtp', 'smtp', TRANSCRIPT);
      assert.deepEqual(
        summarize(diagnostics),
        TRANSCRIPT_PROBLEMS.map((p) => expected(rangeOf(TRANSCRIPT, p.code, p.anchor), p.rule)).sort(),
      );
      const repeated = diagnostics.find((d) => String(d.message).includes('5.1000.1'))!;
      assert.match(String(repeated.message), /\(2 times in this file\)/);
      assert.deepEqual(
        repeated.relatedInformation?.map((r) => r.location.range),
        [rangeOf(TRANSCRIPT, '5.1000.1', '550 5.1000.1')],
      );
    });

    test('invalid-syntax for 550 5.01.1, 550 3.0.0 and 550 5.1000.1 (plaintext)', async () => {
      const text = 'a: 550 5.01.1 leading zero\nb: 550 3.0.0 bad class\nc: 550 5.1000.1 too many digits\n';
      const diagnostics = await diagnosticsOf(client(), 'plaintext', 'txt', text);
      assert.deepEqual(
        summarize(diagnostics),
        [
          expected(rangeOf(text, '5.01.1'), 'invalid-syntax'),
          expected(rangeOf(text, '3.0.0'), 'invalid-syntax'),
          expected(rangeOf(text, '5.1000.1'), 'invalid-syntax'),
        ].sort(),
      );
      for (const diagnostic of diagnostics) assert.equal(diagnostic.severity, DEFAULT_SEVERITY['invalid-syntax']);
    });

    test('columns are UTF-16 code units (non-BMP characters before the code)', async () => {
      // Exim's reject log with a UTF-8 local part: the emoji is two UTF-16 units, so a server counting
      // bytes or code points would put the range in the wrong place.
      const text =
        '2024-11-22 10:00:00 1tEXAM-000001-AB ** \u{1F4E7}@\u00FC.example R=dnslookup T=remote_smtp H=mx.example [192.0.2.4]: ' +
        'SMTP error from remote mail server after RCPT TO:<\u{1F4E7}@\u00FC.example>: 550 4.1.1 User unknown\n';
      const diagnostics = await diagnosticsOf(client(), 'log', 'log', text);
      assert.deepEqual(summarize(diagnostics), [expected(rangeOf(text, '4.1.1'), 'class-mismatch')]);
    });

    test('bounce message (language email): Diagnostic-Code and Status fields', async () => {
      const text = [
        'From: MAILER-DAEMON@mx.example',
        'Subject: Undelivered Mail Returned to Sender',
        'Content-Type: message/delivery-status',
        '',
        'Final-Recipient: rfc822; a@b.example',
        'Action: failed',
        'Status: 5.1.1',
        'Diagnostic-Code: smtp; 550 4.1.1 <a@b.example>: Recipient address rejected',
        '',
        'Final-Recipient: rfc822; c@d.example',
        'Action: failed',
        'Status: 5.9.1',
        '',
      ].join('\n');
      const diagnostics = await diagnosticsOf(client(), 'email', 'eml', text);
      assert.deepEqual(
        summarize(diagnostics),
        [
          expected(rangeOf(text, '4.1.1', 'smtp; 550 4.1.1'), 'class-mismatch'),
          // The recipient's Status says 5.1.1, its Diagnostic-Code 4.1.1 (RFC 3464 section 2.3.6).
          expected(rangeOf(text, '5.1.1', 'Status: 5.1.1'), 'status-diagnostic-mismatch'),
          expected(rangeOf(text, '5.9.1', 'Status: 5.9.1'), 'unknown-subject'),
        ].sort(),
      );
    });

    test('no diagnostics on bare codes in prose', async () => {
      const text =
        'Nov 22 10:00:00 mx note: see 5.9.9 in the manual\n' +
        'Nov 22 10:00:01 mx note: codes like 4.7.99 or 5.01.1 are discussed in chapter 3.0.0\n';
      assert.deepEqual(await diagnosticsOf(client(), 'log', 'log', text), []);
    });

    test('no diagnostics on IP addresses and version numbers in logs', async () => {
      const text = [
        'Nov 22 10:00:00 mx postfix/smtpd[201]: ABC: client=[10.5.1.2]',
        'Nov 22 10:00:00 mx postfix/master[1]: postfix version 2.10.1 started',
        'Nov 22 10:00:00 mx kernel: Linux version 5.15.0-91-generic (buildd@example) #101-Ubuntu',
        '',
      ].join('\n');
      assert.deepEqual(await diagnosticsOf(client(), 'log', 'log', text), []);
    });
  });

  describe(`diagnostics in source code (${mode})`, () => {
    const client = startForSuite(
      { before, after },
      {
        capabilities: mode === 'pull' ? PULL_CAPABILITIES : PUSH_CAPABILITIES,
        settings: null,
      },
    );

    test('python: string literals are read, comments are not', async () => {
      const text = [
        '# a comment mentioning 550 4.1.1 is not a reply',
        'def reject(conn):',
        '    conn.reply("550 4.1.1 <a@b.example>: user unknown")',
        "    conn.reply('451 4.7.99 try later')",
        '    return 550, 4.1',
        '',
      ].join('\n');
      const diagnostics = await diagnosticsOf(client(), 'python', 'py', text);
      assert.deepEqual(
        summarize(diagnostics),
        [expected(rangeOf(text, '4.1.1', '"550 4.1.1'), 'class-mismatch'), expected(rangeOf(text, '4.7.99'), 'unregistered')].sort(),
      );
    });

    test('c and go: codes in strings', async () => {
      const c = '/* 550 4.1.1 in a comment */\nstatic const char *msg = "550 5.9.1 policy";\n';
      assert.deepEqual(summarize(await diagnosticsOf(client(), 'c', 'c', c)), [expected(rangeOf(c, '5.9.1'), 'unknown-subject')]);
      const go = '// 553 5.6.10 in a comment\nvar errUTF8 = errors.New("553 5.6.10 address not permitted")\n';
      assert.deepEqual(summarize(await diagnosticsOf(client(), 'go', 'go', go)), [
        expected(rangeOf(go, '5.6.10', '"553 5.6.10'), 'deprecated'),
      ]);
    });

    test('json: version strings are not codes', async () => {
      const text = '{\n  "name": "mailer",\n  "version": "5.9.3",\n  "engines": {"node": "5.1.3"}\n}\n';
      assert.deepEqual(await diagnosticsOf(client(), 'json', 'json', text), []);
    });

    test('typescript: a correct reply in a string has no diagnostics', async () => {
      const text = 'export const unknownUser = "550 5.1.1 <a@b.example>: Recipient address rejected";\n';
      assert.deepEqual(await diagnosticsOf(client(), 'typescript', 'ts', text), []);
    });
  });
}

describe('push and pull agree', () => {
  test('same rule ids, ranges and severities on the Postfix log in both modes', () => {
    const push = postfixByMode.push;
    const pull = postfixByMode.pull;
    assert.ok(push && pull, 'both mode suites ran');
    const view = (ds: Diagnostic[]) => ds.map((d) => `${summarize([d])[0]} severity ${d.severity}`).sort();
    assert.deepEqual(view(push), view(pull));
  });
});

describe('a pull client is not also pushed to', () => {
  const client = startForSuite({ before, after }, { capabilities: PULL_CAPABILITIES, settings: null });

  test('no non-empty publishDiagnostics for a document the client pulls', async () => {
    const uri = uriFor('log');
    await client().open(uri, 'log', '550 4.1.1 <a@b.example>: Recipient address rejected\n');
    const report = await client().pullDiagnostics(uri);
    assert.equal(report.kind, 'full');
    // A request answered after didOpen means the server has handled the open; a push, if any, came first.
    await client().hover(uri, { line: 0, character: 0 });
    const pushed = client().allPublished.filter((p) => p.uri === uri && p.diagnostics.length > 0);
    assert.deepEqual(pushed, [], 'VS Code would show these twice');
  });
});
