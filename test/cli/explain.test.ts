import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseQuery } from '../../server/src/cli/explain';
import { ENHANCED_REGISTRY, IANA_REGISTRY_URL } from '../../server/src/registry';
import { run } from './support/cli';

/** `Label   value` rows of the text output, continuation lines joined. */
function fields(stdout: string): Map<string, string> {
  const rows = new Map<string, string>();
  let last = '';
  for (const line of stdout.split('\n')) {
    const row = /^([A-Z][A-Za-z ]+?) {2,}(\S.*)$/.exec(line);
    if (row) rows.set((last = row[1]), row[2]);
    else if (last && /^ {19}\S/.test(line)) rows.set(last, `${rows.get(last)} ${line.trim()}`);
    else last = '';
  }
  return rows;
}

describe('explain an enhanced status code', () => {
  test('5.7.1: the registry entry in plain text', () => {
    const { status, stdout, stderr } = run(['explain', '5.7.1']);
    assert.equal(status, 0);
    assert.equal(stderr, '');
    const entry = ENHANCED_REGISTRY.codes.find((c) => c.code === 'X.7.1');
    assert.ok(entry);
    const [head, statusLine] = stdout.split('\n');
    assert.equal(head, `5.7.1  ${entry.title}`);
    assert.equal(statusLine, 'Status: registered');
    assert.ok(stdout.replace(/\s+/g, ' ').includes(entry.description), 'the description');
    const rows = fields(stdout);
    assert.match(rows.get('Class') ?? '', /^5 Permanent Failure: A permanent failure is one/);
    assert.match(rows.get('Subject') ?? '', /^X\.7 Security or Policy Status: /);
    assert.equal(rows.get('Reply codes'), entry.associated.raw);
    assert.equal(rows.get('Reference'), 'RFC 3463 <https://www.rfc-editor.org/rfc/rfc3463>');
    assert.equal(rows.get('Submitter'), entry.submitter);
    assert.equal(rows.get('Change controller'), entry.changeController);
    assert.equal(rows.get('Registry'), `IANA SMTP Enhanced Status Codes <${IANA_REGISTRY_URL}>`);
  });

  test('X.7.1: the same entry, any class', () => {
    const { status, stdout } = run(['explain', 'X.7.1']);
    assert.equal(status, 0);
    assert.match(stdout, /^X\.7\.1 {2}Delivery not authorized, message refused\n/);
    assert.match(fields(stdout).get('Class') ?? '', /^X any class: 2 Success, 4 Persistent Transient Failure, 5 Permanent Failure$/);
  });

  test('4.7.1 and 5.4.1: a note where the code stands in the class the registry says it is no use in; 5.7.1 none', () => {
    const flat = (args: string[]) => run(args).stdout.replace(/\s+/g, ' ');
    assert.match(
      flat(['explain', '4.7.1']),
      /Note: the registry says X\.7\.1 is useful only as a permanent error \(5\.X\.X\); here it stands as 4\.7\.1\./,
    );
    assert.match(
      flat(['explain', '5.4.1']),
      /X\.4\.1 is useful only as a persistent transient error \(4\.X\.X\); here it stands as 5\.4\.1/,
    );
    assert.doesNotMatch(flat(['explain', '5.7.1']), /Note: the registry says/);
    assert.doesNotMatch(flat(['explain', 'X.7.1']), /Note: the registry says/);
  });

  test('5.6.10: deprecated, with its replacement in the same class', () => {
    const { status, stdout } = run(['explain', '5.6.10']);
    assert.equal(status, 0);
    assert.match(stdout, /^5\.6\.10 {2}/);
    assert.match(stdout, /^Status: deprecated: use 5\.6\.8 instead$/m);
    assert.match(stdout, /duplicate of X\.6\.8/);
  });

  test('4.7.99: unregistered, explained by its class and subject', () => {
    const { status, stdout } = run(['explain', '4.7.99']);
    assert.equal(status, 0);
    assert.match(stdout, /^4\.7\.99 {2}\(not in the IANA registry\)\nStatus: unregistered\n/);
    assert.match(stdout.replace(/\s+/g, ' '), /does not list detail 99 under subject 7/);
    const rows = fields(stdout);
    assert.match(rows.get('Class') ?? '', /^4 Persistent Transient Failure/);
    assert.match(rows.get('Subject') ?? '', /^X\.7 Security or Policy Status/);
  });

  test('5.9.1: a subject the registry does not define', () => {
    const { status, stdout } = run(['explain', '5.9.1']);
    assert.equal(status, 0);
    assert.match(stdout, /^Status: unknown-subject$/m);
    assert.match(stdout, /defines no subject 9/);
    assert.equal(fields(stdout).has('Subject'), false);
  });
});

describe('explain a reply code', () => {
  test('550: its meanings, each with its RFC and a link', () => {
    const { status, stdout } = run(['explain', '550']);
    assert.equal(status, 0);
    assert.match(stdout, /^550 {2}Permanent Negative Completion\n\nMeanings:\n {2}- Requested action not taken: mailbox unavailable/);
    assert.match(stdout, /RFC 5321 section 4\.2\.2, 4\.2\.3\s+<https:\/\/www\.rfc-editor\.org\/rfc\/rfc5321#section-4\.2\.2>/);
    assert.match(fields(stdout).get('Listed by') ?? '', /X\.7\.1/);
  });

  test('a well-formed reply code nobody defines is said to be so', () => {
    const { status, stdout } = run(['explain', '444']);
    assert.equal(status, 0);
    assert.match(stdout, /Not a reply code that RFC 5321 or its extensions define/);
  });

  test('550 5.7.1 (also 550-5.7.1 and two arguments): both, and the checks on the pair', () => {
    for (const args of [['550 5.7.1'], ['550-5.7.1'], ['550', '5.7.1']]) {
      const { status, stdout } = run(['explain', ...args]);
      assert.equal(status, 0, args.join(' '));
      assert.match(stdout, /^550 {2}Permanent Negative Completion/);
      assert.match(stdout, /^5\.7\.1 {2}Delivery not authorized, message refused$/m);
      assert.match(fields(stdout).get('Reply codes') ?? '', /\(550 is among them\)$/);
      assert.match(stdout, /Checked as the reply line "550 5\.7\.1": no findings\.\n$/);
    }
  });

  test('550 4.1.1: the class mismatch check reports it', () => {
    const { status, stdout } = run(['explain', '550 4.1.1']);
    assert.equal(status, 0);
    assert.match(
      stdout,
      /Checked as the reply line "550 4\.1\.1":\n {2}- error class-mismatch: Class 4 of 4\.1\.1 disagrees with reply code 550/,
    );
  });
});

describe('explain: bad input', () => {
  const cases: [string, RegExp][] = [
    ['garbage', /'garbage' is not a status code: give an enhanced status code \(5\.7\.1, X\.7\.1\), a reply code \(550\) or both/],
    ['3.0.0', /the class \(first number\) is 2, 4 or 5/],
    ['5.01.1', /without leading zeros/],
    ['5.1000.1', /at most three digits/],
    ['599', /a reply code has three digits, the first 2 to 5 and the second 0 to 5/],
    ['55', /a reply code has three digits/],
    ['5.7.1 550', /give an enhanced status code/],
    ['10.5.1.2', /give an enhanced status code/],
  ];
  for (const [input, message] of cases) {
    test(`${input}: exit 2 with the reason`, () => {
      const { status, stdout, stderr } = run(['explain', input]);
      assert.equal(status, 2);
      assert.equal(stdout, '');
      assert.match(stderr, message);
    });
  }

  test('no code at all', () => {
    const { status, stderr } = run(['explain']);
    assert.equal(status, 2);
    assert.match(stderr, /name a code to explain/);
  });
});

describe('explain --format json', () => {
  test('5.7.1: the registry entry as data', () => {
    const { status, stdout } = run(['explain', '--format', 'json', '5.7.1']);
    assert.equal(status, 0);
    const json = JSON.parse(stdout);
    const entry = ENHANCED_REGISTRY.codes.find((c) => c.code === 'X.7.1');
    assert.equal(json.query, '5.7.1');
    assert.equal(json.enhancedCode.code, '5.7.1');
    assert.equal(json.enhancedCode.status, 'registered');
    assert.deepEqual(json.enhancedCode.entry, JSON.parse(JSON.stringify(entry)));
    assert.equal(json.enhancedCode.class.title, 'Permanent Failure');
    assert.equal(json.enhancedCode.subject.subject, 7);
    assert.equal(json.replyCode, undefined);
  });

  test('550 4.1.1: reply meanings, the code, and the checks', () => {
    const json = JSON.parse(run(['explain', '--format', 'json', '550 4.1.1']).stdout);
    assert.equal(json.replyCode.code, 550);
    assert.equal(json.replyCode.defined, true);
    assert.equal(json.replyCode.meanings[0].rfc, 5321);
    assert.equal(json.enhancedCode.replyCodeListed, true);
    assert.deepEqual(
      json.checks.map((c: { rule: string; severity: string }) => [c.rule, c.severity]),
      [['class-mismatch', 'error']],
    );
  });

  test("5.7.139: what the vendor that documents it says, and that it is probably that vendor's", () => {
    const json = JSON.parse(run(['explain', '--format', 'json', '5.7.139']).stdout);
    assert.equal(json.enhancedCode.status, 'unregistered');
    assert.deepEqual(
      json.enhancedCode.vendors.map((v: { vendor: string; title: string; kind: string; probable: boolean }) => [
        v.vendor,
        v.title,
        v.kind,
        v.probable,
      ]),
      [['microsoft', 'SMTP AUTH disabled', 'own', true]],
    );
    assert.match(json.enhancedCode.vendors[0].source, /^https:\/\/learn\.microsoft\.com\//);
    const text = run(['explain', '535 5.7.139']).stdout;
    assert.match(text, /5\.7\.139 is probably Microsoft 365 \/ Exchange Online's own code/);
    assert.match(text, /Fix +Use OAuth for SMTP/);
    assert.match(text, /information vendor-specific: 5\.7\.139 is not in the IANA registry: probably\s+Microsoft 365/);
    // A registered code Microsoft documents causes and fixes for: IANA's meaning, then Microsoft's notes.
    assert.match(run(['explain', '5.1.1']).stdout, /Microsoft 365 \/ Exchange Online documents 5\.1\.1:/);
    assert.deepEqual(JSON.parse(run(['explain', '--format', 'json', '5.9.1']).stdout).enhancedCode.vendors, []);
  });

  test('4.7.99 and 5.6.10: status and replacement', () => {
    assert.equal(JSON.parse(run(['explain', '--format', 'json', '4.7.99']).stdout).enhancedCode.status, 'unregistered');
    const deprecated = JSON.parse(run(['explain', '--format', 'json', '5.6.10']).stdout).enhancedCode;
    assert.deepEqual([deprecated.status, deprecated.replacedBy], ['deprecated', '5.6.8']);
  });
});

describe('parseQuery', () => {
  const cases: [string, ReturnType<typeof parseQuery>][] = [
    ['5.7.1', { text: '5.7.1', code: { class: 5, subject: 7, detail: 1 } }],
    ['x.7.1', { text: 'x.7.1', code: { class: undefined, subject: 7, detail: 1 } }],
    ['550', { text: '550', reply: 550 }],
    [' 550   5.7.1 ', { text: '550 5.7.1', reply: 550, code: { class: 5, subject: 7, detail: 1 } }],
    ['550-5.7.1', { text: '550-5.7.1', reply: 550, code: { class: 5, subject: 7, detail: 1 } }],
    ['2.0.0', { text: '2.0.0', code: { class: 2, subject: 0, detail: 0 } }],
    ['4.7.650', { text: '4.7.650', code: { class: 4, subject: 7, detail: 650 } }],
  ];
  for (const [input, expected] of cases) test(JSON.stringify(input), () => assert.deepEqual(parseQuery(input), expected));
});
