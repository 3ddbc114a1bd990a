import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { repoPath } from '../support/paths';
import { FIXTURES, lines, run, scratchTree } from './support/cli';

const PROBLEMS_LOG = 'postfix-problems.log';
const problemsText = readFileSync(join(FIXTURES, PROBLEMS_LOG), 'utf8');

/** 1-based line and column of `code` in `text`, searched from `anchor` (which occurs once). */
function at(text: string, anchor: string, code: string): { line: number; column: number; endColumn: number } {
  const anchorAt = text.indexOf(anchor);
  assert.ok(anchorAt >= 0 && text.indexOf(anchor, anchorAt + 1) === -1, `anchor ${anchor} occurs once`);
  const offset = text.indexOf(code, anchorAt);
  const before = text.slice(0, offset);
  const column = offset - before.lastIndexOf('\n');
  return { line: before.split('\n').length, column, endColumn: column + code.length };
}

/** The fixture's problems, in file order, as the text format prints them (without the message). */
const EXPECTED = [
  { anchor: '550 4.7.1', code: '4.7.1', severity: 'error', rule: 'class-mismatch' },
  { anchor: '451 4.7.99', code: '4.7.99', severity: 'warning', rule: 'unregistered' },
  { anchor: '553 5.6.10', code: '5.6.10', severity: 'warning', rule: 'deprecated' },
  { anchor: '550 5.9.1', code: '5.9.1', severity: 'warning', rule: 'unknown-subject' },
].map((p) => ({ ...p, ...at(problemsText, p.anchor, p.code) }));

const textPrefix = (file: string, p: (typeof EXPECTED)[number]) => `${file}:${p.line}:${p.column}: ${p.severity} ${p.rule} `;

describe('check: exit codes and the text format', () => {
  test('a log with problems: one line per finding, a summary, exit 1', () => {
    const { status, stdout, stderr } = run(['check', PROBLEMS_LOG]);
    assert.equal(status, 1);
    assert.equal(stderr, '');
    const out = lines(stdout);
    assert.equal(out.length, EXPECTED.length + 1);
    for (const [i, p] of EXPECTED.entries())
      assert.ok(out[i].startsWith(textPrefix(PROBLEMS_LOG, p)), `${out[i]}\n  should start with ${textPrefix(PROBLEMS_LOG, p)}`);
    assert.match(out[0], /Class 4 of 4\.7\.1 disagrees with reply code 550/);
    assert.equal(out.at(-1), '4 problems (1 error, 3 warnings) in 1 file; 1 file checked.');
  });

  test('a clean log: exit 0 and only the summary', () => {
    const { status, stdout, stderr } = run(['check', 'clean.log']);
    assert.equal(status, 0);
    assert.equal(stderr, '');
    assert.equal(stdout, 'No problems in 1 file checked.\n');
  });

  test('Python: codes in string literals are checked, comments and versions are not', () => {
    const { status, stdout } = run(['check', 'handlers.py']);
    assert.equal(status, 1);
    const out = lines(stdout);
    assert.equal(out.length, 2, stdout);
    const text = readFileSync(join(FIXTURES, 'handlers.py'), 'utf8');
    const p = at(text, 'return "550 4.1.1', '4.1.1');
    assert.ok(out[0].startsWith(`handlers.py:${p.line}:${p.column}: error class-mismatch `), out[0]);
  });

  test('several files: findings of each, in the order given', () => {
    const { status, stdout } = run(['check', 'clean.log', 'handlers.py', PROBLEMS_LOG]);
    assert.equal(status, 1);
    const files = lines(stdout)
      .slice(0, -1)
      .map((line) => line.split(':')[0]);
    assert.deepEqual(files, ['handlers.py', ...EXPECTED.map(() => PROBLEMS_LOG)]);
    assert.equal(lines(stdout).at(-1), '5 problems (2 errors, 3 warnings) in 2 files; 3 files checked.');
  });
});

describe('check: --severity threshold', () => {
  test('error: warnings are neither printed nor counted', () => {
    const { status, stdout } = run(['check', '--severity', 'error', PROBLEMS_LOG]);
    assert.equal(status, 1);
    assert.deepEqual(
      lines(stdout)
        .slice(0, -1)
        .map((l) => l.split(' ')[2]),
      ['class-mismatch'],
    );
  });

  test('a file whose findings are all below the threshold exits 0', () => {
    const { dir, remove } = scratchTree({
      'mail.log': 'Mar  3 09:14:06 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from x[192.0.2.1]: 451 4.7.99 try again\n',
    });
    try {
      assert.equal(run(['check', 'mail.log'], { cwd: dir }).status, 1);
      const { status, stdout } = run(['check', '--severity', 'error', 'mail.log'], { cwd: dir });
      assert.equal(status, 0);
      assert.equal(stdout, 'No problems in 1 file checked.\n');
    } finally {
      remove();
    }
  });

  test('a bad level is a usage error', () => {
    const { status, stderr } = run(['check', '--severity', 'fatal', PROBLEMS_LOG]);
    assert.equal(status, 2);
    assert.match(stderr, /--severity must be one of error, warning, information, hint/);
  });
});

describe('check: --config', () => {
  test('VS Code flat keys (settings.json with comments): class-mismatch off', () => {
    const { status, stdout } = run(['check', '--config', 'settings-class-mismatch-off.json', PROBLEMS_LOG]);
    assert.equal(status, 1);
    const rules = lines(stdout)
      .slice(0, -1)
      .map((l) => l.split(' ')[2]);
    assert.deepEqual(rules, ['unregistered', 'deprecated', 'unknown-subject']);
  });

  test("turning a file's only rule off makes it clean", () => {
    const { status, stdout } = run(['check', '--config', 'settings-class-mismatch-off.json', 'handlers.py']);
    assert.equal(status, 0);
    assert.equal(stdout, 'No problems in 1 file checked.\n');
  });

  test('nested section: severities changed, and the threshold applies to the new ones', () => {
    const { stdout } = run(['check', '--config', 'nested-unregistered-error.json', '--format', 'json', PROBLEMS_LOG]);
    const bySeverity = Object.fromEntries((JSON.parse(stdout) as { rule: string; severity: string }[]).map((f) => [f.rule, f.severity]));
    assert.deepEqual(bySeverity, { 'class-mismatch': 'error', unregistered: 'error', deprecated: 'hint', 'unknown-subject': 'warning' });
    const above = run(['check', '--config', 'nested-unregistered-error.json', '--severity', 'warning', '--format', 'json', PROBLEMS_LOG]);
    assert.deepEqual(
      (JSON.parse(above.stdout) as { rule: string }[]).map((f) => f.rule),
      ['class-mismatch', 'unregistered', 'unknown-subject'],
    );
  });

  test('smtpStatus.enable false: nothing is reported', () => {
    const { dir, remove } = scratchTree({ 'off.json': '{ "smtpStatus.enable": false }' });
    try {
      const { status } = run(['check', '--config', join(dir, 'off.json'), PROBLEMS_LOG]);
      assert.equal(status, 0);
    } finally {
      remove();
    }
  });

  test('an unknown setting, a bad value, bad JSON or a missing file: exit 2 naming the file', () => {
    const { dir, remove } = scratchTree({
      'typo.json': '{ "smtpStatus.severity.class-missmatch": "off" }',
      'value.json': '{ "smtpStatus": { "severity": { "deprecated": "loud" } } }',
      'broken.json': '{ "smtpStatus.enable": ',
    });
    try {
      const cases: [string, RegExp][] = [
        ['typo.json', /unknown setting smtpStatus\.severity\.class-missmatch/],
        ['value.json', /smtpStatus\.severity\.deprecated must be one of error, warning, information, hint, off/],
        ['broken.json', /not valid JSON/],
        ['missing.json', /no such file/],
      ];
      for (const [file, message] of cases) {
        const { status, stdout, stderr } = run(['check', '--config', join(dir, file), PROBLEMS_LOG]);
        assert.equal(status, 2, file);
        assert.equal(stdout, '', file);
        assert.ok(stderr.includes(file), `${stderr} names ${file}`);
        assert.match(stderr, message);
      }
    } finally {
      remove();
    }
  });
});

describe('check: standard input', () => {
  test('- reads standard input, as a log by default', () => {
    const { status, stdout } = run(['check', '-'], { input: 'S: 550 4.1.1 <a@example.org>: no such user\n' });
    assert.equal(status, 1);
    assert.ok(lines(stdout)[0].startsWith('<stdin>:1:8: error class-mismatch '), stdout);
  });

  test('--language picks how it is read: in Python only string literals count', () => {
    const source = '# 550 4.1.1 in a comment\nREPLY = "550 4.1.1 no such user"\n';
    const asLog = run(['check', '-'], { input: source });
    assert.equal(lines(asLog.stdout).length, 3, asLog.stdout);
    const asPython = run(['check', '--language', 'python', '-'], { input: source });
    assert.equal(asPython.status, 1);
    assert.deepEqual(
      lines(asPython.stdout)
        .slice(0, -1)
        .map((l) => l.split(' ')[0]),
      ['<stdin>:2:14:'],
    );
  });

  test('--stdin-filename names the input and picks its language', () => {
    const source = '# 550 4.1.1 in a comment\nREPLY = "550 4.1.1 no such user"\n';
    const { stdout } = run(['check', '--stdin-filename', 'src/replies.py', '-'], { input: source });
    assert.deepEqual(
      lines(stdout)
        .slice(0, -1)
        .map((l) => l.split(' ')[0]),
      ['src/replies.py:2:14:'],
    );
  });

  test('--language without - is a usage error', () => {
    const { status, stderr } = run(['check', '--language', 'python', 'handlers.py']);
    assert.equal(status, 2);
    assert.match(stderr, /--language applies to standard input/);
  });
});

describe('check: inputs that cannot be read lose nothing else', () => {
  test('a missing file: reported on stderr, exit 2, the other file still checked and printed', () => {
    const { status, stdout, stderr } = run(['check', 'no-such.log', PROBLEMS_LOG]);
    assert.equal(status, 2);
    assert.equal(stderr, 'smtp-status: no-such.log: no such file or directory\n');
    assert.equal(lines(stdout).length, EXPECTED.length + 1);
    assert.ok(lines(stdout)[0].startsWith(textPrefix(PROBLEMS_LOG, EXPECTED[0])));
    assert.match(lines(stdout).at(-1) ?? '', /1 input could not be checked/);
  });

  test('not text, a truncated gzip file, a directory matched by a glob, a glob matching nothing: each named, the rest checked', () => {
    const latin1 = Uint8Array.from([
      ...Buffer.from('Mar  3 mx postfix/smtp[1]: said: 550 5.1.1 caf'),
      0xe9,
      ...Buffer.from(' 550 4.1.1\n'),
    ]);
    const { dir, remove } = scratchTree({
      'a-problems.log': problemsText,
      'b-binary.log': readFileSync(repoPath('images', 'icon.png')),
      'c-latin1.log': latin1,
      'd-dir.log/': '',
      'e-clean.log': readFileSync(join(FIXTURES, 'clean.log')),
      'f-cut.log': gzipSync(problemsText).subarray(0, 120),
    });
    try {
      const { status, stdout, stderr } = run(['check', '*.log', 'nothing/*.log'], { cwd: dir });
      assert.equal(status, 2);
      const errors = lines(stderr);
      assert.equal(errors.length, 5, stderr);
      assert.ok(errors.includes('smtp-status: b-binary.log: skipped: a PNG image, not text'), stderr);
      // Latin-1 is read, the é as U+FFFD: a note, not a problem, and the class mismatch after it is found.
      assert.ok(
        errors.includes(
          'smtp-status: c-latin1.log: line 1 holds bytes that are not valid UTF-8, read as U+FFFD (--encoding NAME reads another charset)',
        ),
        stderr,
      );
      assert.ok(
        errors.some((l) => l.startsWith('smtp-status: d-dir.log: is a directory')),
        stderr,
      );
      assert.ok(
        errors.some((l) => l.startsWith('smtp-status: f-cut.log: the compressed data ends early')),
        stderr,
      );
      assert.ok(
        errors.some((l) => l === 'smtp-status: nothing/*.log: no files match this glob'),
        stderr,
      );
      const out = lines(stdout);
      const files = out.slice(0, -1).map((l) => l.split(':')[0]);
      assert.deepEqual(
        files.filter((f) => f !== 'f-cut.log'),
        [...EXPECTED.map(() => 'a-problems.log'), 'c-latin1.log'],
      );
      assert.match(out.at(-1) ?? '', /; 3 files checked\. 4 inputs could not be checked \(see the messages above\)\.$/);
    } finally {
      remove();
    }
  });

  test('the JSON and SARIF outputs are still complete when an input is missing', () => {
    const json = run(['check', '--format', 'json', 'no-such.log', PROBLEMS_LOG]);
    assert.equal(json.status, 2);
    assert.equal(JSON.parse(json.stdout).length, EXPECTED.length);
    const sarif = run(['check', '--format', 'sarif', 'no-such.log', PROBLEMS_LOG]);
    assert.equal(sarif.status, 2);
    assert.equal(JSON.parse(sarif.stdout).runs[0].results.length, EXPECTED.length);
  });
});

describe('check: directories and globs', () => {
  const problemLine =
    'Mar  3 09:14:02 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from x[192.0.2.1]: 550 4.1.1 <a@example.org>: no such user\n';
  const tree = () =>
    scratchTree({
      '.git/': '',
      '.gitignore': 'ignored.log\nbuild/\n*.tmp.log\n',
      'mail.log': problemLine,
      'ignored.log': problemLine,
      'build/out.log': problemLine,
      'node_modules/pkg/mail.log': problemLine,
      'logs/nested/.gitignore': '!keep.tmp.log\n',
      'logs/nested/keep.tmp.log': problemLine,
      'logs/nested/drop.tmp.log': problemLine,
      'logs/maillog-20240301': problemLine,
      'logs/mail.log.2.gz': gzipSync(problemLine),
      'logs/backup.tar.gz': gzipSync(problemLine),
      'src/server.go': `package main\n\nconst reply = "${problemLine.trim().replace(/"/g, '')}"\n`,
      'docs/notes.md': problemLine,
      'docs/data.xml': `<reply code="550 4.1.1 no such user"/>\n`,
    });

  const filesOf = (stdout: string) => [
    ...new Set(
      lines(stdout)
        .slice(0, -1)
        .map((l) => l.split(':')[0]),
    ),
  ];

  test('a directory is walked: .gitignore (nested too) respected, node_modules, archives and unserved languages skipped, rotated logs read', () => {
    const { dir, remove } = tree();
    try {
      const { status, stdout, stderr } = run(['check', '.'], { cwd: dir });
      assert.equal(stderr, '');
      assert.equal(status, 1);
      assert.deepEqual(filesOf(stdout), [
        'logs/mail.log.2.gz',
        'logs/maillog-20240301',
        'logs/nested/keep.tmp.log',
        'mail.log',
        'src/server.go',
      ]);
    } finally {
      remove();
    }
  });

  test('a subdirectory is walked with the .gitignore files above it', () => {
    const { dir, remove } = tree();
    try {
      const { stdout } = run(['check', 'logs'], { cwd: dir });
      assert.deepEqual(filesOf(stdout), ['logs/mail.log.2.gz', 'logs/maillog-20240301', 'logs/nested/keep.tmp.log']);
    } finally {
      remove();
    }
  });

  test('a directory named on the command line is walked even if ignored; a file named is checked whatever its name', () => {
    const { dir, remove } = tree();
    try {
      assert.deepEqual(filesOf(run(['check', 'build'], { cwd: dir }).stdout), ['build/out.log']);
      assert.deepEqual(filesOf(run(['check', 'ignored.log', 'docs/notes.md'], { cwd: dir }).stdout), ['ignored.log', 'docs/notes.md']);
    } finally {
      remove();
    }
  });

  test('--ignore-unknown: named files and glob matches a walk would leave out are skipped, the others checked', () => {
    const { dir, remove } = tree();
    try {
      const named = run(['check', '--ignore-unknown', 'mail.log', 'docs/notes.md', 'src/server.go'], { cwd: dir });
      assert.equal(named.status, 1);
      assert.deepEqual(filesOf(named.stdout), ['mail.log', 'src/server.go']);
      assert.match(named.stdout, /in 2 files; 2 files checked\.\n$/);
      const none = run(['check', '--ignore-unknown', 'docs/notes.md'], { cwd: dir });
      assert.deepEqual([none.status, none.stdout, none.stderr], [0, 'No problems in 0 files checked.\n', '']);
      assert.deepEqual(filesOf(run(['check', '--ignore-unknown', 'docs/*'], { cwd: dir }).stdout), []);
    } finally {
      remove();
    }
  });

  test('globs: matches filtered by .gitignore and node_modules', () => {
    const { dir, remove } = tree();
    try {
      const { status, stdout, stderr } = run(['check', '**/*.log'], { cwd: dir });
      assert.equal(stderr, '');
      assert.equal(status, 1);
      assert.deepEqual(filesOf(stdout), ['logs/nested/keep.tmp.log', 'mail.log']);
    } finally {
      remove();
    }
  });
});

describe('check: big inputs', () => {
  test('100,000 findings in one file are all reported', () => {
    const input = 'said: 550 4.1.1 no such user\n'.repeat(100_000);
    const { status, stdout } = run(['check', '-'], { input });
    assert.equal(status, 1);
    assert.equal(lines(stdout).at(-1), '100000 problems (100000 errors) in 1 file; 1 file checked.');
    const codes = run(['codes', '-'], { input });
    assert.equal(codes.status, 0);
    assert.equal(lines(codes.stdout).at(-1), '100000 codes (100000 registered) in 1 file; 1 file read.');
  });

  test('smtpStatus.maxDiagnostics caps the findings of a file, with a note on stderr', () => {
    const { dir, remove } = scratchTree({ 'cap.json': '{ "smtpStatus.maxDiagnostics": 2 }' });
    try {
      const { status, stdout, stderr } = run(['check', '--config', join(dir, 'cap.json'), PROBLEMS_LOG]);
      assert.equal(status, 1);
      assert.equal(lines(stdout).length, 3);
      assert.equal(stderr, `smtp-status: ${PROBLEMS_LOG}: stopped after 2 findings (smtpStatus.maxDiagnostics)\n`);
    } finally {
      remove();
    }
  });
});

describe('check: json and github formats', () => {
  test('json: an array of findings with 1-based positions and links', () => {
    const { status, stdout } = run(['check', '--format', 'json', PROBLEMS_LOG]);
    assert.equal(status, 1);
    const findings = JSON.parse(stdout) as Record<string, unknown>[];
    assert.deepEqual(
      findings.map((f) => Object.keys(f)),
      findings.map(() => ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'rule', 'message', 'href']),
    );
    assert.deepEqual(
      findings.map(({ file, line, column, endLine, endColumn, severity, rule }) => ({
        file,
        line,
        column,
        endLine,
        endColumn,
        severity,
        rule,
      })),
      EXPECTED.map((p) => ({
        file: PROBLEMS_LOG,
        line: p.line,
        column: p.column,
        endLine: p.line,
        endColumn: p.endColumn,
        severity: p.severity,
        rule: p.rule,
      })),
    );
    assert.equal(findings[0].href, 'https://www.rfc-editor.org/rfc/rfc2034#section-4');
  });

  test('json: a clean run is an empty array', () => {
    const { status, stdout } = run(['check', '--format', 'json', 'clean.log']);
    assert.equal(status, 0);
    assert.deepEqual(JSON.parse(stdout), []);
  });

  test('github: one workflow command per finding, levels mapped, properties escaped', () => {
    const { status, stdout } = run(['check', '--format', 'github', PROBLEMS_LOG]);
    assert.equal(status, 1);
    const out = lines(stdout);
    assert.equal(out.length, EXPECTED.length);
    EXPECTED.forEach((p, i) => {
      const level = p.severity === 'error' ? 'error' : 'warning';
      assert.ok(
        out[i].startsWith(
          `::${level} file=${PROBLEMS_LOG},line=${p.line},col=${p.column},endColumn=${p.endColumn},title=smtp-status ${p.rule}::`,
        ),
        out[i],
      );
    });
  });

  test('github: information and hint findings become notices', () => {
    const { stdout } = run(['check', '--format', 'github', '--config', 'nested-unregistered-error.json', PROBLEMS_LOG]);
    assert.ok(
      lines(stdout).some((l) => l.startsWith('::notice ') && l.includes('title=smtp-status deprecated::')),
      stdout,
    );
  });
});

describe('command line', () => {
  test("--version prints package.json's version", () => {
    const { version } = JSON.parse(readFileSync(join(FIXTURES, '..', '..', '..', 'package.json'), 'utf8'));
    const { status, stdout } = run(['--version']);
    assert.equal(status, 0);
    assert.equal(stdout, `${version}\n`);
  });

  test('--help for the tool and for each command', () => {
    const top = run(['--help']);
    assert.equal(top.status, 0);
    assert.match(top.stdout, /^Usage: smtp-status <command>/);
    for (const command of ['check', 'explain', 'codes']) {
      const help = run([command, '--help']);
      assert.equal(help.status, 0, command);
      assert.ok(help.stdout.startsWith(`Usage: smtp-status ${command} `), help.stdout);
      assert.equal(run(['help', command]).stdout, help.stdout);
    }
  });

  test('unknown options, unknown commands, no inputs: exit 2 with the usage line', () => {
    const cases: [string[], RegExp][] = [
      [['check', '--fromat', 'json', PROBLEMS_LOG], /Unknown option '--fromat'/],
      [['check', '--format', 'xml', PROBLEMS_LOG], /--format must be one of text, json, sarif, github/],
      [['check'], /name at least one file/],
      [['lint', PROBLEMS_LOG], /unknown command 'lint'/],
      [['constructor'], /unknown command 'constructor'/],
      [['help', 'lint'], /unknown command 'lint'/],
      [[], /no command given/],
      [['codes', '--severity', 'error', PROBLEMS_LOG], /Unknown option '--severity'/],
    ];
    for (const [args, message] of cases) {
      const { status, stdout, stderr } = run(args);
      assert.equal(status, 2, args.join(' '));
      assert.equal(stdout, '');
      assert.match(stderr, message);
      assert.match(stderr, /Usage: smtp-status/);
    }
  });
});
