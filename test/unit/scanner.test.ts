import { LOG_LANGUAGES, SERVED_LANGUAGES } from '../../common';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  codeSlotAt,
  modeForDocument,
  modeForLanguage,
  replyCodesOnLine,
  scanDocument,
  scanLine,
  INITIAL_STATE,
  type CodeMatch,
  type ScanMode,
  type ScanState,
} from '../../server/src/scan';

/** The codes of a one-line text, as `text@context[/reply][!problem]` for compact tables. */
function found(text: string, mode: ScanMode = 'log', languageId?: string): string[] {
  return scanDocument(text, mode, { languageId }).codes.map(describeMatch);
}

function describeMatch(m: CodeMatch): string {
  const reply = m.reply ? `/${m.reply.code}${m.reply.continuation ? '-' : ''}` : '';
  const problem = m.problem ? `!${m.problem}` : '';
  return `${m.text}@${m.context}${reply}${problem}`;
}

describe('log mode: contexts', () => {
  const cases: [string, string[]][] = [
    ['550 5.1.1 <a@b.example>: Recipient address rejected', ['5.1.1@reply/550']],
    ['550-5.7.1 first line', ['5.7.1@reply/550-']],
    ['host mx[192.0.2.1] said: 451 4.7.1 Try again later (in reply to RCPT TO command)', ['4.7.1@reply/451']],
    ['#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##', ['5.1.1@reply/550']],
    ['Remote_host_said:_550_5.1.1_<a@b.example>:_User_unknown/', ['5.1.1@reply/550']],
    ['S: 250 2.1.0 Ok', ['2.1.0@reply/250']],
    ['<~ 250 2.0.0 Ok: queued as 4AB', ['2.0.0@reply/250']],
    ['to=<a@b.example>, relay=none, delay=0.1, dsn=5.1.1, status=bounced', ['5.1.1@dsn-field']],
    ['Status: 5.1.1 (bad destination mailbox)', ['5.1.1@dsn-field']],
    ['Diagnostic-Code: smtp; 550 5.1.1 <a@b.example>: user unknown', ['5.1.1@dsn-field/550']],
    ['stat="550 5.7.1 relaying denied"', ['5.7.1@dsn-field/550']],
    [
      'said: 550-5.7.26 Unauthenticated 550-5.7.26 email 550 5.7.26 rejected - gsmtp',
      ['5.7.26@reply/550-', '5.7.26@reply/550-', '5.7.26@reply/550'],
    ],
    ['see 5.7.1 in the documentation', ['5.7.1@bare']],
    ['550  5.1.1 two spaces', ['5.1.1@reply/550']],
    ['550 #5.1.0 Address rejected.', ['5.1.0@reply/550']],
    ['550: 5.2.2 <a@b.example>... Mailbox full', ['5.2.2@reply/550']],
    ['Sorry, no mailbox here by that name. (#5.1.1)', ['5.1.1@dsn-field']],
    ['550 sorry, no mailbox here by that name (#5.1.1 - chkusr)', ['5.1.1@dsn-field']],
    // A status field's name in any case, as a word of its own: `dsn`, `stat`, `status`, `result`.
    ['STAT=5.1.1 Status=5.2.2 result=5.7.1 DSN=4.4.1', ['5.1.1@dsn-field', '5.2.2@dsn-field', '5.7.1@dsn-field', '4.4.1@dsn-field']],
    ['xdsn=5.1.1 my_stat=5.2.2 restat=5.7.1 results=4.4.1', ['5.1.1@bare', '5.2.2@bare', '5.7.1@bare', '4.4.1@bare']],
    // A quote or parenthesis between a field and its value; a quoted value of another name is bare.
    [`dsn="5.1.1" stat='5.2.2' status=(4.4.1) x="5.7.1"`, ['5.1.1@dsn-field', '5.2.2@dsn-field', '4.4.1@dsn-field', '5.7.1@bare']],
    ['Status: "5.1.1"', ['5.1.1@dsn-field']],
  ];
  for (const [text, expected] of cases) test(text, () => assert.deepEqual(found(text), expected));
});

describe('log mode: malformed codes where a code must stand', () => {
  const cases: [string, string[]][] = [
    ['550 5.01.1 x', ['5.01.1@reply/550!leading-zero']],
    ['550 3.0.0 x', ['3.0.0@reply/550!class']],
    ['550 5.1000.1 x', ['5.1000.1@reply/550!too-many-digits']],
    ['dsn=5.01.1', ['5.01.1@dsn-field!leading-zero']],
    ['550 5.1.01 x', ['5.1.01@reply/550!leading-zero']],
    ['550 5.1.0000 x', ['5.1.0000@reply/550!too-many-digits']],
    // Two or three digits without a leading zero are valid, a zero alone too.
    ['550 5.10.0 x 550 5.1.100 y', ['5.10.0@reply/550', '5.1.100@reply/550']],
    // Outside a code position a malformed number is just a number.
    ['took 3.0.0 seconds', []],
    ['value 5.01.1 here', []],
  ];
  for (const [text, expected] of cases) test(text, () => assert.deepEqual(found(text), expected));
});

describe('log mode: decoys are not codes', () => {
  const decoys = [
    'client=mail.example.com[10.5.1.2]',
    'resolver 4.2.2.2 answered',
    'postfix version 2.10.1',
    'X-Mailer: Apple Mail (2.753.1)',
    'Berkeley DB: 5.3.21',
    'Linux version 5.15.0-91-generic',
    'dovecot v2.4.1 starting',
    'sequence 1.2.3.4.5',
    'release 5.1.1-rc1',
    'build 4.4.1+meta',
    'TLSv1.3 with cipher TLS_AES_256_GCM_SHA384',
    'delays=0.1/0/0.2/0.5',
    '2024.12.06 10:00:01',
    'ver. 2.0.0',
    '220 mx.example.com ESMTP Exim 4.94.2 Mon, 22 Nov 2026',
    'Server: CommuniGate Pro SMTP 4.1.8',
    'X-Mailer: PHPMailer 5.2.7 (https://github.com/PHPMailer/PHPMailer)',
    'exim 4.97.1 daemon started',
    '### 2.3.7 | 2023-11-23',
    '2.5.0 / 2017-06-25',
    '## [2.6.2] - 2015-03-10',
    '**4.2.7 / 2023-07-30**',
    '[2.2.1]: https://github.com/example/example/compare/v2.2.0...v2.2.1',
    '## [**2.4.1**](https://github.com/example/example/issues/1)',
    '- pin `jackspeak` since 2.1.2+ depends on newer node',
    '- Bumped version to 2.5.0',
    '- update strnum package to 2.2.0',
    'https://github.com/example/example/compare/2.0.0...2.0.1',
    'UTF-7-IMAP (RFC3501 Section 5.1.3)',
    'see RFC 3463 § 3.3.1',
    '- Update schema to final 2.1.0 release',
  ];
  for (const text of decoys) test(text, () => assert.deepEqual(found(text), []));
});

describe('source mode: string literals only', () => {
  const cases: [string, string, string[]][] = [
    ['c', 'smtpd_chat_reply(state, "554 5.7.1 <%s>: Relay access denied", addr);', ['5.7.1@string/554']],
    ['c', 'reject(state, 554, "5.7.1", "<%s>: Relay access denied");', ['5.7.1@string']],
    ['c', '/* 550 5.1.1 in a comment */ x = 1; // 550 5.1.1', []],
    ['c', '#define VERSION "4.12.0"', []],
    ['c', 'char c = \'"\'; reply("550 5.1.1 no");', ['5.1.1@string/550']],
    ['python', "raise SMTPError('550 5.1.1 User unknown')  # 451 4.7.1", ['5.1.1@string/550']],
    ['python', '__version__ = "2.28.1"', []],
    ['go', 'return &smtp.SMTPError{Message: `550 5.1.1 mailbox unavailable`}', ['5.1.1@string/550']],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source code with a template literal, as a test input
    ['typescript', 'const reply = `451 4.7.1 ${reason}`;', ['4.7.1@string/451']],
    ['rust', "fn f<'a>(x: &'a str) -> &'static str { \"550 5.7.1 denied\" }", ['5.7.1@string/550']],
    ['json', '{"version": "5.1.3", "typescript": "5.1.3"}', []],
    ['json', '{"reply": "550 5.1.1 no such user"}', ['5.1.1@string/550']],
    ['json', '{"typescript": "^5.4.5", "other": "~4.1.1", "range": ">=5.1.1 <6"}', []],
    ['perl', 'my $v = $#list; die "550 5.1.1 unknown"; # 550 5.9.9', ['5.1.1@string/550']],
    ['c', 'printf("see 5.7.1 for details");', ['5.7.1@bare']],
    ['c', 'x = 550 5.1.1;', []],
  ];
  for (const [language, text, expected] of cases)
    test(`${language}: ${text}`, () => assert.deepEqual(found(text, 'source', language), expected));

  test('go-smtp struct literals: EnhancedCode{5, 1, 1} with the Code beside it', () => {
    const go = [
      'var ErrAuth = &smtp.SMTPError{',
      '\tCode:         535,',
      '\tEnhancedCode: smtp.EnhancedCode{5, 7, 8},',
      '\tMessage:      "Authentication failed",',
      '}',
      'return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 4, 5}, Message: "later"}',
      'x := exterrors.EnhancedCode{5, 1, 1} // no Code nearby',
      'none := smtp.EnhancedCode{-1, -1, -1}',
      '// smtp.EnhancedCode{5, 9, 9} in a comment',
    ].join('\n');
    const codes = scanDocument(go, 'source', { languageId: 'go' }).codes;
    assert.deepEqual(
      codes.map((m) => [m.line, m.start, m.end, m.text, m.context, m.reply?.code]),
      [
        [2, 33, 40, '5.7.8', 'string', 535],
        [5, 66, 73, '4.4.5', 'string', 451],
        [6, 28, 35, '5.1.1', 'string', undefined],
      ],
    );
  });

  test('multi-line strings and block comments carry over lines', () => {
    const python = 'MSG = """\n550 5.1.1 unknown\n"""\n# 550 5.2.2 comment\nx = "451 4.2.2 full"';
    assert.deepEqual(found(python, 'source', 'python'), ['5.1.1@string/550', '4.2.2@string/451']);
    const c = '/* 550 5.1.1\n  451 4.7.1 */ "552 5.2.2 full"';
    assert.deepEqual(found(c, 'source', 'c'), ['5.2.2@string/552']);
  });
});

describe('positions', () => {
  test('lines and columns follow LF, CRLF and lone CR line breaks', () => {
    const text = 'a\r\n550 5.1.1 x\rStatus: 4.4.1\nz 451 4.7.1';
    const codes = scanDocument(text, 'log').codes.map((m) => [m.line, m.start, m.end, m.text]);
    assert.deepEqual(codes, [
      [1, 4, 9, '5.1.1'],
      [2, 8, 13, '4.4.1'],
      [3, 6, 11, '4.7.1'],
    ]);
  });

  test('columns count UTF-16 code units after astral characters', () => {
    const [match] = scanDocument('😀 550 5.1.1', 'log').codes;
    assert.equal(match.start, 7);
    assert.equal(match.reply?.start, 3);
  });

  test('reply codes without an enhanced code are found on transcript lines and after said:', () => {
    const lines = [
      'S: 220 mx.example.com ESMTP',
      'C: DATA',
      'S: 354 End data with <CR><LF>.<CR><LF>',
      '<~ 250-PIPELINING',
      'host x said: 550 Mailbox unavailable',
    ];
    assert.deepEqual(
      lines.map((l) => replyCodesOnLine(l).map((r) => [r.start, r.end, r.code, r.continuation])),
      [[[3, 6, 220, false]], [], [[3, 6, 354, false]], [[3, 6, 250, true]], [[13, 16, 550, false]]],
    );
  });
});

describe('scanLine agrees with scanDocument', () => {
  for (const [mode, languageId, text] of [
    ['log', 'log', 'x said: 550 5.1.1 a\ndsn=4.4.1\n\n250-2.0.0 ok 5.7.1'],
    ['source', 'python', 'a = """\n550 5.1.1 x\n"""\nb = "451 4.7.1"  # 550 5.2.2'],
    ['source', 'c', '/* 550 5.1.1\n */ f("554 5.7.1 no"); // 5.1.1'],
    [
      'source',
      'go',
      'e := &smtp.SMTPError{\n  Code: 550,\n  EnhancedCode: smtp.EnhancedCode{5, 1, 1},\n}\n\n\n\n\nf := smtp.EnhancedCode{4, 7, 1}',
    ],
  ] as const) {
    test(`${languageId}`, () => {
      let state: ScanState = INITIAL_STATE;
      const byLine: CodeMatch[] = [];
      text.split('\n').forEach((line, i) => {
        const result = scanLine(line, i, mode, state, { languageId });
        byLine.push(...result.codes);
        state = result.state;
      });
      assert.deepEqual(byLine, scanDocument(text, mode, { languageId }).codes);
    });
  }
});

describe('config mode: MTA configuration', () => {
  const cases: [string, string[]][] = [
    ['spammer@example.com  REJECT 5.7.1 No mail from you', ['5.7.1@string']],
    ['192.0.2.7  DEFER 4.7.1 Try later', ['4.7.1@string']],
    ['/^Subject: buy now/  REJECT 4.7.1 wrong class', ['4.7.1@string']],
    ['example.net  550 5.7.1 Go away', ['5.7.1@string/550']],
    ['From:spammer@example.com  ERROR:5.7.1:550 We do not accept your mail', ['5.7.1@string/550']],
    ['Connect:192.0.2.9  ERROR:4.7.1:450 Slow down', ['4.7.1@string/450']],
    ['  message = 550 5.7.1 Relay not permitted', ['5.7.1@string/550']],
    ['# REJECT 5.7.1 in a comment', []],
    ['   # 550 5.1.1 indented comment', []],
    ['example.org  REJECT 5.01.1 bad', ['5.01.1@string!leading-zero']],
    ['example.org  OK  # version 2.10.1', []],
  ];
  for (const [text, expected] of cases) test(text, () => assert.deepEqual(found(text, 'config'), expected));

  test('actions fix the class; Sendmail puts the reply code after the code', () => {
    const [reject] = scanDocument('a REJECT 5.7.1 x', 'config').codes;
    assert.deepEqual(reject.action, { start: 2, end: 8, word: 'REJECT', class: 5 });
    const [error] = scanDocument('From:a ERROR:5.7.1:550 x', 'config').codes;
    assert.deepEqual(error.reply, { start: 19, end: 22, code: 550, continuation: false });
  });

  test('configuration files are found by name', () => {
    for (const uri of [
      'file:///etc/postfix/access',
      'file:///etc/postfix/sender_access',
      'file:///etc/postfix/header_checks',
      'file:///etc/postfix/body_checks.pcre',
      'file:///etc/mail/access',
      'file:///etc/exim4/exim4.conf.template',
      'file:///etc/exim4/conf.d/acl/30_exim4-config_check_rcpt',
      'file:///etc/exim/configure',
    ]) {
      assert.equal(modeForDocument('plaintext', uri), 'config', uri);
    }
    for (const uri of ['file:///var/log/mail.log', 'file:///src/access.c', 'file:///etc/postfix/main.cf', 'file:///src/configure']) {
      assert.notEqual(modeForDocument(uri.endsWith('.c') ? 'c' : 'plaintext', uri), 'config', uri);
    }
  });
});

describe('modeForLanguage', () => {
  test('logs, transcripts and messages are read as logs; source languages by their strings', () => {
    for (const id of [...LOG_LANGUAGES, 'something-unknown']) assert.equal(modeForLanguage(id), 'log', id);
    // Every other language the extension serves is source code; data files are read as source too.
    const source = SERVED_LANGUAGES.filter((id) => !LOG_LANGUAGES.includes(id));
    assert.ok(source.length >= 10, `${source.length} source languages`);
    for (const id of [...source, 'json']) assert.equal(modeForLanguage(id), 'source', id);
  });
});

describe('codeSlotAt: where completion applies', () => {
  const at = (text: string, mode: ScanMode = 'log', languageId?: string) => {
    const slot = codeSlotAt(text, text.length, mode, { languageId });
    return slot && { typed: slot.typed, reply: slot.replyCode, start: slot.start };
  };
  test('after a reply code and inside a code', () => {
    assert.deepEqual(at('550 '), { typed: '', reply: 550, start: 4 });
    assert.deepEqual(at('x said: 550 5.1.'), { typed: '5.1.', reply: 550, start: 12 });
    assert.deepEqual(at('250-2.'), { typed: '2.', reply: 250, start: 4 });
    assert.deepEqual(at('dsn=4.'), { typed: '4.', reply: undefined, start: 4 });
  });
  test('in source only inside strings', () => {
    assert.deepEqual(at('reply("550 5.7.', 'source', 'python'), { typed: '5.7.', reply: 550, start: 11 });
    assert.deepEqual(at('reply("4.', 'source', 'c'), { typed: '4.', reply: undefined, start: 7 });
    assert.equal(at('x = 550 5.', 'source', 'python'), undefined);
    assert.equal(at('# "550 5.', 'source', 'python'), undefined);
  });
  test('after a configuration action', () => {
    const slot = codeSlotAt('a@b.example REJECT ', 19, 'config');
    assert.deepEqual(slot, { start: 19, typed: '', actionClass: 5, form: 'dotted' });
    assert.equal(codeSlotAt('a@b.example DEFER 4.', 20, 'config')?.actionClass, 4);
    assert.equal(codeSlotAt('From:a ERROR:5.', 15, 'config')?.typed, '5.');
  });
  test('nowhere else', () => {
    assert.equal(at('version 5.'), undefined);
    assert.equal(at('10.5.'), undefined);
    assert.equal(at('hello'), undefined);
  });
});

// A log's scan reads each candidate's numbers in its own loop (for speed), configuration through
// `Candidate.read`: the two readers must agree on every shape a candidate can take.
describe('the log scan and Candidate.read read a candidate alike', () => {
  test('numbers, range, syntax problem and text, after a reply code in both modes', () => {
    const digits = (max: number) => fc.stringMatching(new RegExp(`^\\d{1,${max}}$`));
    fc.assert(
      fc.property(digits(1), digits(4), digits(4), fc.constantFrom('550 ', '250-', 'x 451 '), (cls, subject, detail, before) => {
        const line = `${before}${cls}.${subject}.${detail} text`;
        const read = (mode: ScanMode) =>
          scanDocument(line, mode).codes.map(({ start, end, class: c, subject: s, detail: d, problem, text }) => ({
            start,
            end,
            c,
            s,
            d,
            problem,
            text,
          }));
        const log = read('log');
        assert.equal(log.length, 1, line);
        assert.deepEqual(log, read('config'), line);
      }),
      { numRuns: 2000 },
    );
  });
});
