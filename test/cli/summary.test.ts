import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { generatePostfixLog } from '../../scripts/bench/generate';
import { repoPath } from '../support/paths';
import { lines, run, scratchTree } from './support/cli';

/** The fixtures of reading real files (test/fixtures/files/README.md). */
const FILES = repoPath('test', 'fixtures', 'files');

interface SummaryJson {
  files: {
    file: string;
    firstLine: number;
    lines: number;
    encoding: string | null;
    compression: string | null;
    undecodableLines: number;
    skipped: string | null;
    error: string | null;
  }[];
  lines: number;
  outcomes: Record<string, number>;
  codes: {
    code: string;
    replyCode: number | null;
    count: number;
    title: string | null;
    class: number;
    vendor: string | null;
    status: string;
    outcomes: Record<string, number>;
  }[];
  hours: { hour: string; transient: number; permanent: number }[];
}

function summaryJson(
  args: string[],
  options: { cwd?: string; input?: string | Uint8Array } = {},
): { json: SummaryJson; status: number; stderr: string } {
  const { status, stdout, stderr } = run(['summary', '--format', 'json', ...args], { cwd: options.cwd ?? FILES, input: options.input });
  return { json: JSON.parse(stdout) as SummaryJson, status, stderr };
}

const OUTCOME_KEYS = ['delivered', 'deferred', 'bounced', 'expired', 'rejected', 'milterRejected', 'rejectWarnings'];
const outcomes = (counts: Partial<Record<string, number>>) => Object.fromEntries(OUTCOME_KEYS.map((k) => [k, counts[k] ?? 0]));

describe('summary: outcomes of each MTA, from its own fields', () => {
  // Each fixture's lines are asserted one by one in test/unit/summary-outcomes.test.ts; here the
  // built command adds them up.
  const cases: [string, Partial<Record<string, number>>][] = [
    ['postfix-outcomes.log', { delivered: 9, deferred: 3, bounced: 3, expired: 3, rejected: 15, milterRejected: 3, rejectWarnings: 6 }],
    ['exim/mainlog', { delivered: 2, deferred: 1, bounced: 1, rejected: 3 }],
    ['sendmail/maillog', { delivered: 1, deferred: 1, bounced: 1, rejected: 1, milterRejected: 1 }],
    ['opensmtpd/maillog', { delivered: 1, deferred: 1, bounced: 1, rejected: 1 }],
  ];
  for (const [file, expected] of cases) {
    test(file, () => {
      const { json, status, stderr } = summaryJson([file]);
      assert.equal(status, 0, stderr);
      assert.deepEqual(json.outcomes, outcomes(expected));
      for (const count of Object.values(json.outcomes)) assert.ok(Number.isInteger(count));
    });
  }

  test('each code with its reply code, registry title, class, vendor and the outcomes of its lines', () => {
    const { json } = summaryJson(['postfix-outcomes.log']);
    const code = (text: string, reply: number | null) => json.codes.find((c) => c.code === text && c.replyCode === reply);
    assert.deepEqual(code('5.1.1', 550), {
      code: '5.1.1',
      replyCode: 550,
      count: 3,
      title: 'Bad destination mailbox address',
      class: 5,
      vendor: null,
      status: 'registered',
      outcomes: { bounced: 3 },
    });
    assert.deepEqual(code('4.7.1', 451)?.outcomes, { milterRejected: 3 });
    assert.deepEqual(code('5.7.1', null)?.outcomes, { rejected: 6 }, 'cleanup rejects: a 5.7.1 without a reply code');
    assert.ok(json.codes.every((c) => c.replyCode === null || Number.isInteger(c.replyCode)));
  });
});

describe('summary: Postfix totals agree with pflogsumm', () => {
  const pflogsumm = spawnSync('pflogsumm', ['--version'], { encoding: 'utf8' });
  const skip = pflogsumm.error ? 'pflogsumm is not installed (Debian: apt-get install pflogsumm)' : false;

  /** pflogsumm's Grand Totals, from its report on `text`. */
  function grandTotals(text: string | Uint8Array): Record<string, number> {
    const out = spawnSync('pflogsumm', ['--problems-first'], { input: text, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
    const total = (label: string) => Number(new RegExp(`^\\s*(\\d+)\\s+${label}\\b`, 'm').exec(out)?.[1] ?? NaN);
    const deferrals = /\((\d+)\s+deferrals\)/.exec(out);
    return {
      delivered: total('delivered') + total('forwarded'),
      deferred: deferrals ? Number(deferrals[1]) : 0,
      bounced: total('bounced'),
      rejected: total('rejected'),
      rejectWarnings: total('reject warnings'),
    };
  }
  const ours = (json: SummaryJson) => ({
    delivered: json.outcomes.delivered,
    deferred: json.outcomes.deferred,
    bounced: json.outcomes.bounced,
    rejected: json.outcomes.rejected,
    rejectWarnings: json.outcomes.rejectWarnings,
  });

  for (const file of ['postfix-outcomes.log', 'postfix-raw-bytes.log']) {
    test(file, { skip }, () => {
      const expected = grandTotals(readFileSync(join(FILES, file)));
      assert.ok(expected.rejected > 0, 'pflogsumm read the log');
      assert.deepEqual(ours(summaryJson([file]).json), expected);
    });
  }

  test('a rotation set, gzip included, read as one timeline', { skip }, () => {
    const dir = join(FILES, 'rotation');
    const text = Buffer.concat([
      gunzipSync(readFileSync(join(dir, 'mail.log.2.gz'))),
      readFileSync(join(dir, 'mail.log.1')),
      readFileSync(join(dir, 'mail.log')),
    ]);
    assert.deepEqual(ours(summaryJson(['rotation']).json), grandTotals(text));
  });

  test('a generated Postfix log of 2 MB (every kind of line the benchmark uses)', { skip }, () => {
    const text = generatePostfixLog(2 * 1024 * 1024, 11);
    const { json } = summaryJson(['-'], { input: text });
    assert.deepEqual(ours(json), grandTotals(text));
  });
});

describe('summary: inputs', () => {
  test('a rotation set from a directory: oldest first, gzip decompressed, lines numbered through', () => {
    const { json, status } = summaryJson(['rotation']);
    assert.equal(status, 0);
    assert.deepEqual(
      json.files.map((f) => [f.file, f.firstLine, f.lines, f.compression]),
      [
        ['rotation/mail.log.2.gz', 1, 2, 'gzip'],
        ['rotation/mail.log.1', 3, 1, null],
        ['rotation/mail.log', 4, 2, null],
      ],
    );
    assert.equal(json.lines, 5);
    assert.deepEqual(json.outcomes, outcomes({ delivered: 2, deferred: 1, bounced: 2 }));
    assert.deepEqual(
      json.hours.map((h) => h.hour),
      ['Nov 20 09:00', 'Nov 21 09:00', 'Nov 22 09:00'],
    );
  });

  test('a directory gives its mail logs only: no per-level copies, no Exim rejectlog, no other programs', () => {
    const line =
      'Nov 22 10:00:00 mx postfix/smtp[1]: A: to=<a@example.net>, relay=none, delay=1, delays=0/0/1/0, dsn=4.4.1, status=deferred (connect timed out)\n';
    const { dir, remove } = scratchTree({
      'mail.log': line,
      'mail.info': line,
      'mail.warn': line,
      'auth.log': line,
      'exim4/mainlog.1': line,
      'exim4/rejectlog': line,
      'maillog-20261101': line,
    });
    try {
      const { json } = summaryJson(['.'], { cwd: dir });
      assert.deepEqual(
        json.files.map((f) => f.file),
        ['exim4/mainlog.1', 'mail.log', 'maillog-20261101'],
      );
      assert.equal(json.outcomes.deferred, 3);
      assert.deepEqual(summaryJson(['mail.info'], { cwd: dir }).json.outcomes.deferred, 1, 'named, any file is read');
    } finally {
      remove();
    }
  });

  test('a gzipped log gives the same summary as the log; standard input too', () => {
    const dir = join(FILES, 'rotation');
    const plain = gunzipSync(readFileSync(join(dir, 'mail.log.2.gz')));
    const { dir: tmp, remove } = scratchTree({ 'mail.log.2': plain });
    try {
      const fromGzip = summaryJson(['rotation/mail.log.2.gz']).json;
      const fromPlain = summaryJson(['mail.log.2'], { cwd: tmp }).json;
      const fromStdin = summaryJson(['-'], { input: plain }).json;
      for (const other of [fromPlain, fromStdin]) {
        assert.deepEqual(other.codes, fromGzip.codes);
        assert.deepEqual(other.outcomes, fromGzip.outcomes);
      }
    } finally {
      remove();
    }
  });

  test('undecodable bytes: read, noted once on stderr and in the JSON; a PNG skipped with its reason', () => {
    const png = repoPath('images', 'icon.png');
    const { json, status, stderr } = summaryJson(['postfix-raw-bytes.log', png]);
    assert.equal(status, 2);
    assert.deepEqual(lines(stderr), [
      'smtp-status: postfix-raw-bytes.log: 2 lines (the first: line 2) hold bytes that are not valid UTF-8, read as U+FFFD (--encoding NAME reads another charset)',
      `smtp-status: ${png}: skipped: a PNG image, not text`,
    ]);
    assert.deepEqual(
      json.files.map((f) => [f.undecodableLines, f.skipped]),
      [
        [2, null],
        [0, 'a PNG image, not text'],
      ],
    );
  });
});

describe('summary: formats', () => {
  test('text: totals, outcomes, top codes with titles and vendors, unregistered codes, a bar chart per hour', () => {
    const { status, stdout } = run(['summary', '-'], { input: generatePostfixLog(3 * 1024 * 1024, 5) });
    assert.equal(status, 0);
    assert.match(stdout, /^<stdin>: [\d,]+ lines, [\d,]+ codes\n/);
    assert.match(stdout, /\n {2}delivered +[\d,]+\n/);
    assert.match(stdout, /\n {2}deferred +[\d,]+ {2}\(lines\)\n/);
    assert.match(stdout, /5\.7\.606 +550 +vendor \(Microsoft 365 \/ Exchange Online\) +[\d,]+ bounced +Banned sending IP address/);
    assert.match(stdout, /\nUnregistered codes\n.*\n +[\d,]+ +4\.7\.650\n/);
    const chart = stdout.slice(stdout.indexOf('Failures per hour (█ permanent, ░ transient; a line counts once)\n'));
    const bars = lines(chart).slice(1);
    assert.ok(bars.length >= 2, chart);
    for (const bar of bars) assert.match(bar, /^ {2}Nov \d\d \d\d:00 +█+░+ [\d,]+$/);
  });

  test('markdown: tables for a ticket', () => {
    const { stdout } = run(['summary', '--format', 'markdown', 'postfix-outcomes.log'], { cwd: FILES });
    assert.match(stdout, /^\| outcome \| lines \|\n\|---\|---:\|\n\| delivered \| 9 \|$/m);
    assert.match(stdout, /^\| 3 \| 5\.1\.1 \| 550 \| registered \| 3 bounced \| Bad destination mailbox address \|$/m);
    assert.match(stdout, /^\| hour \| permanent \| transient \|$/m);
  });

  test('--top and bad options', () => {
    assert.equal(run(['summary', '--top', 'x', 'postfix-outcomes.log'], { cwd: FILES }).status, 2);
    assert.equal(run(['summary', '--format', 'csv', 'postfix-outcomes.log'], { cwd: FILES }).status, 2);
    assert.match(run(['summary', '--encoding', 'klingon', '-']).stderr, /--encoding: 'klingon' is not an encoding/);
  });
});
