// The string injection inside the string literals of tm-grammars' language grammars. The source
// lines are written for these tests in the style of mail-server code (Postfix, Exim, Haraka,
// go-smtp, aiosmtpd, ...), not copied from it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasScope, loadGrammar, tokenizeLines, tokensCovering, type Token } from './support';

interface Sample {
  readonly scope: string;
  /** Lines of source; the codes to find are listed in `codes`, the decoys in `notCodes`. */
  readonly lines: readonly string[];
  /** [line index, text, kind, class]: text must be one token with that scope. */
  readonly codes: readonly (readonly [number, string, 'reply' | 'enhanced', number])[];
  /** [line index, text]: text must carry no smtp-status scope (comments, decoys). */
  readonly notCodes: readonly (readonly [number, string])[];
}

const samples: Record<string, Sample> = {
  c: {
    scope: 'source.c',
    lines: [
      'smtpd_chat_reply(state, "550 5.7.1 <%s>: Relay access denied", addr); /* "550 5.7.1" in a comment */',
      'static const char *dsn = "4.7.1"; // "4.7.1" in a comment',
      'smtp_printf(fd, "\\r\\n451 4.3.0 Temporary failure\\r\\n"); const char *ip = "192.0.2.1", *v = "2.10.1";',
    ],
    codes: [
      [0, '550', 'reply', 5],
      [0, '5.7.1', 'enhanced', 5],
      [1, '4.7.1', 'enhanced', 4],
      [2, '451', 'reply', 4],
      [2, '4.3.0', 'enhanced', 4],
    ],
    notCodes: [
      [0, '"550 5.7.1" in a comment'],
      [1, '"4.7.1" in a comment'],
      [2, '192.0.2.1'],
      [2, '2.10.1'],
    ],
  },
  cpp: {
    scope: 'source.cpp',
    lines: ['auto reply = std::string("250 2.0.0 Ok"); auto raw = R"(550 5.1.1 No such user)"; // "250 2.0.0"'],
    codes: [
      [0, '250', 'reply', 2],
      [0, '2.0.0', 'enhanced', 2],
      [0, '5.1.1', 'enhanced', 5],
    ],
    notCodes: [[0, '// "250 2.0.0"']],
  },
  python: {
    scope: 'source.python',
    lines: [
      "        return '550 5.7.1 Relay access denied'  # '550 5.7.1' in a comment",
      'raise SMTPResponseError(452, "4.2.2 Mailbox full")',
      'def handle_RCPT(self):',
      '    """Reply 550 5.1.1 when the mailbox is unknown."""',
      'status = f"451 4.7.1 {reason}"; version = "2.10.1"; http = "200 OK"',
    ],
    codes: [
      [0, '550', 'reply', 5],
      [0, '5.7.1', 'enhanced', 5],
      [1, '4.2.2', 'enhanced', 4],
      [4, '451', 'reply', 4],
      [4, '4.7.1', 'enhanced', 4],
    ],
    notCodes: [
      [0, "# '550 5.7.1' in a comment"],
      [3, 'Reply 550 5.1.1 when the mailbox is unknown.'],
      [4, '2.10.1'],
      [4, '200 OK'],
    ],
  },
  go: {
    scope: 'source.go',
    lines: [
      'return &smtp.SMTPError{Code: 554, Message: "554 5.7.1 Rejected by policy"} // "554 5.7.1"',
      'const tempFail = `421 4.3.2 Service shutting down`; dsn := "5.1.1"',
    ],
    codes: [
      [0, '554', 'reply', 5],
      [0, '5.7.1', 'enhanced', 5],
      [1, '421', 'reply', 4],
      [1, '4.3.2', 'enhanced', 4],
      [1, '5.1.1', 'enhanced', 5],
    ],
    notCodes: [[0, '// "554 5.7.1"']],
  },
  javascript: {
    scope: 'source.js',
    lines: ["callback(new Error('550 5.1.1 Mailbox unavailable')); // '550 5.1.1'", 'res.end("404 Not Found");'],
    codes: [
      [0, '550', 'reply', 5],
      [0, '5.1.1', 'enhanced', 5],
    ],
    notCodes: [
      [0, "// '550 5.1.1'"],
      [1, '404 Not Found'],
    ],
  },
  typescript: {
    scope: 'source.ts',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source code with a template literal, as a test input
    lines: ['const reply: string = `250 2.1.5 ${recipient} ok`; const dsn = "4.4.1"; // `250 2.1.5`'],
    codes: [
      [0, '250', 'reply', 2],
      [0, '2.1.5', 'enhanced', 2],
      [0, '4.4.1', 'enhanced', 4],
    ],
    notCodes: [[0, '// `250 2.1.5`']],
  },
  rust: {
    scope: 'source.rust',
    lines: ['let reply = "535 5.7.8 Authentication credentials invalid"; // "535 5.7.8"'],
    codes: [
      [0, '535', 'reply', 5],
      [0, '5.7.8', 'enhanced', 5],
    ],
    notCodes: [[0, '// "535 5.7.8"']],
  },
  java: {
    scope: 'source.java',
    lines: ['throw new RejectException(550, "550 5.1.1 Unknown user"); // "550 5.1.1"'],
    codes: [
      [0, '550', 'reply', 5],
      [0, '5.1.1', 'enhanced', 5],
    ],
    notCodes: [[0, '// "550 5.1.1"']],
  },
  ruby: {
    scope: 'source.ruby',
    lines: ["raise Net::SMTPFatalError, '550 5.7.1 Relaying denied' # '550 5.7.1'"],
    codes: [
      [0, '550', 'reply', 5],
      [0, '5.7.1', 'enhanced', 5],
    ],
    notCodes: [[0, "# '550 5.7.1'"]],
  },
  php: {
    scope: 'source.php',
    lines: ['<?php $reply = "452 4.3.1 Insufficient system storage"; // "452 4.3.1"'],
    codes: [
      [0, '452', 'reply', 4],
      [0, '4.3.1', 'enhanced', 4],
    ],
    notCodes: [[0, '// "452 4.3.1"']],
  },
  perl: {
    scope: 'source.perl',
    lines: ['return (DENY, "550 5.7.1 Relaying denied"); # "550 5.7.1"'],
    codes: [
      [0, '550', 'reply', 5],
      [0, '5.7.1', 'enhanced', 5],
    ],
    notCodes: [[0, '# "550 5.7.1"']],
  },
  shellscript: {
    scope: 'source.shell',
    lines: ['echo "250 2.0.0 queued" # "250 2.0.0"'],
    codes: [
      [0, '250', 'reply', 2],
      [0, '2.0.0', 'enhanced', 2],
    ],
    notCodes: [[0, '# "250 2.0.0"']],
  },
  csharp: {
    scope: 'source.cs',
    lines: [
      'throw new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, @"550 5.1.1 ""user"" unknown"); // "550 5.1.1"',
      'var reply = $"451 4.7.1 {host} greylisted"; var version = "4.12.0";',
    ],
    codes: [
      [0, '550', 'reply', 5],
      [0, '5.1.1', 'enhanced', 5],
      [1, '451', 'reply', 4],
      [1, '4.7.1', 'enhanced', 4],
    ],
    notCodes: [
      [0, '// "550 5.1.1"'],
      [1, '4.12.0'],
    ],
  },
  kotlin: {
    scope: 'source.kotlin',
    lines: ['val reply = """554 5.7.1 Relay access denied""" // "554 5.7.1"'],
    codes: [
      [0, '554', 'reply', 5],
      [0, '5.7.1', 'enhanced', 5],
    ],
    notCodes: [[0, '// "554 5.7.1"']],
  },
  scala: {
    scope: 'source.scala',
    lines: ['val reply = "452 4.3.1 Insufficient system storage" // "452 4.3.1"'],
    codes: [
      [0, '452', 'reply', 4],
      [0, '4.3.1', 'enhanced', 4],
    ],
    notCodes: [[0, '// "452 4.3.1"']],
  },
  swift: {
    scope: 'source.swift',
    lines: ['let reply = "535 5.7.8 Authentication credentials invalid" // "535 5.7.8"'],
    codes: [
      [0, '535', 'reply', 5],
      [0, '5.7.8', 'enhanced', 5],
    ],
    notCodes: [[0, '// "535 5.7.8"']],
  },
  elixir: {
    scope: 'source.elixir',
    lines: ['reply = "421 4.3.2 Service shutting down" # "421 4.3.2"', '{:error, ~s(550 5.1.1 No such user)}'],
    codes: [
      [0, '421', 'reply', 4],
      [0, '4.3.2', 'enhanced', 4],
      [1, '550', 'reply', 5],
      [1, '5.1.1', 'enhanced', 5],
    ],
    notCodes: [[0, '# "421 4.3.2"']],
  },
  erlang: {
    scope: 'source.erlang',
    lines: ['{error, <<"550 5.7.1 Relaying denied">>}. % "550 5.7.1"'],
    codes: [
      [0, '550', 'reply', 5],
      [0, '5.7.1', 'enhanced', 5],
    ],
    notCodes: [[0, '% "550 5.7.1"']],
  },
  lua: {
    scope: 'source.lua',
    lines: ['msg:set_meta("reply", "451 4.7.1 Greylisted") -- "451 4.7.1"', 'local text = [[550 5.7.1 Rejected by policy]]'],
    codes: [
      [0, '451', 'reply', 4],
      [0, '4.7.1', 'enhanced', 4],
      [1, '550', 'reply', 5],
      [1, '5.7.1', 'enhanced', 5],
    ],
    notCodes: [[0, '-- "451 4.7.1"']],
  },
};

function statusScoped(t: Token): boolean {
  return t.scopes.some((s) => s.includes('.smtp-status.'));
}

for (const [language, sample] of Object.entries(samples)) {
  test(`string injection in ${language}: codes in strings, nothing in comments or decoys`, async () => {
    const tokens = tokenizeLines(await loadGrammar(sample.scope), sample.lines);
    for (const [i, text, kind, cls] of sample.codes) {
      const line = sample.lines[i]!;
      // Search from the first quote: a number argument before it (Code: 554) is not a string.
      const covering = tokensCovering(tokens[i]!, line, text, line.search(/["'`]/));
      assert.equal(covering.length, 1, `${language}: ${text} split into ${JSON.stringify(covering.map((t) => t.text))}`);
      const token = covering[0]!;
      assert.equal(token.text, text);
      assert.ok(hasScope(token, `constant.numeric.smtp-status.${kind}.class-${cls}`), `${language}: ${text}: ${token.scopes.join(' ')}`);
      assert.ok(
        token.scopes.some((s) => s.startsWith('string') || s.startsWith('meta.fstring')),
        `${language}: ${text} is not in a string`,
      );
      if (cls === 5) assert.ok(hasScope(token, `invalid.smtp-status.${kind}.class-5`), `${language}: ${text}: ${token.scopes.join(' ')}`);
    }
    for (const [i, text] of sample.notCodes) {
      const covering = tokensCovering(tokens[i]!, sample.lines[i]!, text);
      assert.ok(
        covering.every((t) => !statusScoped(t)),
        `${language}: ${text}: ${JSON.stringify(covering.filter(statusScoped))}`,
      );
    }
  });
}

test('the string injection does not touch code outside strings (numbers, regex literals)', async () => {
  const tokens = tokenizeLines(await loadGrammar('source.ts'), ['if (code === 550 && /550 5.7.1/.test(line)) return 5.71;']);
  assert.ok(
    tokens[0]!.every((t) => !statusScoped(t)),
    JSON.stringify(tokens[0]!.filter(statusScoped)),
  );
});
