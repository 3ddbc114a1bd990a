import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { repoPath } from '../support/paths';
import { lines, run, scratchTree } from './support/cli';

// `smtp-status check` reports the rules that read a DSN's fields together, and the vendor of a
// bounce on every code in it.

const DSN_FIXTURES = repoPath('test', 'fixtures', 'dsn');

/** `file:line:column: severity rule` of each finding, without the message. */
const heads = (stdout: string) =>
  lines(stdout)
    .slice(0, -1)
    .map((l) => l.split(' ').slice(0, 3).join(' '));

describe('check: delivery status notifications', () => {
  test('Action: delayed with Status: 5.1.1 is reported, Action: failed with Status: 4.4.7 is not', () => {
    const { dir, remove } = scratchTree({
      'bounce.eml': [
        'Reporting-MTA: dns; mx.example.net',
        '',
        'Final-Recipient: rfc822; gone@example.com',
        'Action: delayed',
        'Status: 5.1.1',
        '',
        'Final-Recipient: rfc822; expired@example.com',
        'Action: failed',
        'Status: 4.4.7',
        '',
      ].join('\n'),
    });
    try {
      const { status, stdout } = run(['check', 'bounce.eml'], { cwd: dir });
      assert.equal(status, 1);
      assert.deepEqual(heads(stdout), ['bounce.eml:4:9: warning action-status-mismatch']);
      assert.match(stdout, /Action delayed with Status 5\.1\.1: .*\(RFC 3464 sections 2\.3\.3 and 2\.3\.4\)\./);
      assert.equal(lines(stdout).at(-1), '1 problem (1 warning) in 1 file; 1 file checked.');
    } finally {
      remove();
    }
  });

  test('each rule once, in file order', () => {
    const { status, stdout } = run(['check', 'contradictions.eml', 'run-on.eml', 'several-recipients.eml'], { cwd: DSN_FIXTURES });
    assert.equal(status, 1);
    assert.deepEqual(heads(stdout), [
      'contradictions.eml:12:9: warning action-status-mismatch',
      'contradictions.eml:17:9: warning action-status-mismatch',
      'contradictions.eml:23:9: information status-diagnostic-mismatch',
      'contradictions.eml:25:1: warning dsn-field-misplaced',
      'run-on.eml:9:1: warning dsn-field-misplaced',
    ]);
    assert.match(stdout, /Status 5\.0\.0 is less precise than 5\.2\.2 in the Diagnostic-Code/);
  });

  test("a Microsoft NDR: Microsoft's codes are vendor-specific on every line; --severity warning leaves them out", () => {
    const { stdout } = run(['check', 'sendmail-refused-by-microsoft.eml'], { cwd: DSN_FIXTURES });
    const found = heads(stdout);
    assert.equal(found.length, 4);
    for (const f of found) assert.match(f, /information vendor-specific$/);
    const warnings = run(['check', '--severity', 'warning', 'sendmail-refused-by-microsoft.eml'], { cwd: DSN_FIXTURES });
    assert.equal(warnings.status, 0);
  });

  test('a JSON report lists the rule of each finding', () => {
    const { stdout } = run(['check', '--format', 'json', 'contradictions.eml'], { cwd: DSN_FIXTURES });
    const rules = JSON.stringify(JSON.parse(stdout));
    for (const rule of ['action-status-mismatch', 'dsn-field-misplaced', 'status-diagnostic-mismatch'])
      assert.ok(rules.includes(rule), rule);
  });
});

describe("check: providers' payloads", () => {
  const PAYLOAD_FIXTURES = repoPath('test', 'fixtures', 'payloads');
  /** `file:line severity rule`: the column is the unit tests' to check. */
  const placed = (stdout: string) => heads(stdout).map((h) => h.replace(/:\d+: /, ' '));

  test('an SES action against its status, and a generic status beside a precise reply, in JSON and YAML', () => {
    const { status, stdout } = run(['check', '.'], { cwd: PAYLOAD_FIXTURES });
    assert.equal(status, 1);
    assert.deepEqual(placed(stdout), [
      'mailgun-generic.json:6 information status-diagnostic-mismatch',
      'ses-contradictions.json:10 warning action-status-mismatch',
      'ses-contradictions.json:11 information status-diagnostic-mismatch',
      'ses-contradictions.yaml:12 warning action-status-mismatch',
      'ses-contradictions.yaml:17 information status-diagnostic-mismatch',
    ]);
    assert.match(stdout, /Action delivered with Status 5\.1\.1: /);
    assert.equal(lines(stdout).at(-1), '5 problems (2 warnings, 3 information) in 3 files; 3 files checked.');
  });
});
