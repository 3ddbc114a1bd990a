// The smtp-status log injection through VS Code's own log grammar (text.log of tm-grammars,
// from vscode-logfile-highlighter), on mail-server log lines written in the style of Postfix,
// Exim and sendmail.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  fixtureLines,
  hasScope,
  loadGrammar,
  realisticLogLines,
  statusScopes,
  tokenizeLine,
  tokenizeLines,
  tokenOf,
  tokensCovering,
  type Token,
} from './support';

const log = () => loadGrammar('text.log');

function isCode(t: Token): boolean {
  return t.scopes.some((s) => s.startsWith('constant.numeric.smtp-status.'));
}

/** The tokens of the fixture line that contains `fragment`. */
async function fixtureLine(file: string, fragment: string): Promise<{ line: string; tokens: Token[] }> {
  const line = fixtureLines(file).find((l) => l.includes(fragment));
  assert.ok(line, `${file} has no line with ${JSON.stringify(fragment)}`);
  return { line, tokens: tokenizeLine(await log(), line) };
}

/** Asserts that `code` (the first one at or after `after`) is a single token of the given class. */
function assertCode(line: string, tokens: Token[], code: string, kind: 'reply' | 'enhanced', cls: number, after = ''): void {
  const from = after ? line.indexOf(after) : 0;
  const covering = tokensCovering(tokens, line, code, from);
  assert.equal(covering.length, 1, `${code} is split: ${JSON.stringify(covering.map((t) => t.text))}`);
  const token = covering[0]!;
  assert.equal(token.text, code);
  assert.ok(hasScope(token, `constant.numeric.smtp-status.${kind}.class-${cls}`), `${code}: ${token.scopes.join(' ')}`);
}

test('without the injection the log grammar splits 5.7.1 into numbers (what the injection must beat)', async () => {
  const plain = await loadGrammar('text.log', { injections: false });
  const line = 'NOQUEUE: reject: RCPT from unknown[192.0.2.61]: 554 5.7.1 <relay@example.org>: Relay access denied';
  const covering = tokensCovering(tokenizeLine(plain, line), line, '5.7.1');
  assert.ok(covering.length > 1, JSON.stringify(covering.map((t) => t.text)));
});

test('reply code followed by an enhanced code: 554 5.7.1 (Postfix NOQUEUE reject)', async () => {
  const { line, tokens } = await fixtureLine('postfix.log', 'Relay access denied');
  assertCode(line, tokens, '554', 'reply', 5);
  assertCode(line, tokens, '5.7.1', 'enhanced', 5);
  assert.ok(hasScope(tokenOf(tokens, '5.7.1'), 'markup.deleted.smtp-status.enhanced.class-5'));
});

test('continuation form 550-5.1.1 and said: 452 4.2.2', async () => {
  const bounced = await fixtureLine('postfix.log', 'said: 550-5.1.1');
  assertCode(bounced.line, bounced.tokens, '550', 'reply', 5, 'said:');
  assertCode(bounced.line, bounced.tokens, '5.1.1', 'enhanced', 5, 'said:');
  const deferred = await fixtureLine('postfix.log', 'said: 452 4.2.2');
  assertCode(deferred.line, deferred.tokens, '452', 'reply', 4);
  assertCode(deferred.line, deferred.tokens, '4.2.2', 'enhanced', 4, 'said:');
  assert.ok(hasScope(tokenOf(deferred.tokens, '452'), 'markup.changed.smtp-status.reply.class-4'));
});

test('said: 451 4.7.1 and #550 5.1.1', async () => {
  const g = await log();
  const said = 'host mx.example.net[198.51.100.7] said: 451 4.7.1 Greylisted (in reply to RCPT TO command)';
  const t1 = tokenizeLine(g, said);
  assertCode(said, t1, '451', 'reply', 4);
  assertCode(said, t1, '4.7.1', 'enhanced', 4);
  const hash = 'Remote Server returned #550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##';
  const t2 = tokenizeLine(g, hash);
  assertCode(hash, t2, '550', 'reply', 5);
  assertCode(hash, t2, '5.1.1', 'enhanced', 5);
});

test('a reply code alone after said:, reject= and host[ip]:', async () => {
  const legacy = await fixtureLine('postfix.log', 'said: 550 Requested action');
  assertCode(legacy.line, legacy.tokens, '550', 'reply', 5, 'said:');
  const exim = await fixtureLine('exim.log', '535 Incorrect authentication data');
  assertCode(exim.line, exim.tokens, '535', 'reply', 5);
  const sendmail = await fixtureLine('sendmail.log', 'reject=553 5.1.8');
  assertCode(sendmail.line, sendmail.tokens, '553', 'reply', 5);
  assertCode(sendmail.line, sendmail.tokens, '5.1.8', 'enhanced', 5);
});

test('dsn= fields are enhanced codes by class', async () => {
  const lines = fixtureLines('postfix.log');
  const tokens = tokenizeLines(await log(), lines);
  for (const [code, cls] of [
    ['2.0.0', 2],
    ['4.2.2', 4],
    ['5.1.1', 5],
    ['4.4.1', 4],
    ['2.1.5', 2],
  ] as const) {
    const i = lines.findIndex((l) => l.includes(`dsn=${code}`));
    assert.ok(i >= 0, code);
    assertCode(lines[i]!, tokens[i]!, code, 'enhanced', cls, 'dsn=');
  }
  const sendmail = await fixtureLine('sendmail.log', 'dsn=4.3.0');
  assertCode(sendmail.line, sendmail.tokens, '4.3.0', 'enhanced', 4, 'dsn=');
  assertCode(sendmail.line, sendmail.tokens, '451', 'reply', 4);
});

test('status= values have distinct scopes: sent, deferred, bounced, expired, (un)deliverable', async () => {
  const expected: [string, string][] = [
    ['status=sent', 'markup.inserted.smtp-status.delivery.sent'],
    ['status=deferred', 'markup.changed.smtp-status.delivery.deferred'],
    ['status=bounced', 'markup.deleted.smtp-status.delivery.bounced'],
    ['status=expired', 'markup.deleted.smtp-status.delivery.expired'],
    ['status=deliverable', 'markup.inserted.smtp-status.delivery.deliverable'],
    ['status=undeliverable', 'markup.deleted.smtp-status.delivery.undeliverable'],
  ];
  const seen = new Set<string>();
  for (const [field, scope] of expected) {
    const { tokens } = await fixtureLine('postfix.log', field);
    const value = tokenOf(tokens, field.slice('status='.length));
    assert.ok(hasScope(value, scope), `${field}: ${value.scopes.join(' ')}`);
    assert.ok(hasScope(value, `constant.language.smtp-status.delivery.${field.slice(7)}`));
    seen.add(statusScopes(value).join(' '));
  }
  assert.equal(seen.size, expected.length);
  const sent = await fixtureLine('sendmail.log', 'stat=Sent');
  assert.ok(hasScope(tokenOf(sent.tokens, 'Sent'), 'markup.inserted.smtp-status.delivery.sent'));
  const deferred = await fixtureLine('sendmail.log', 'stat=Deferred');
  assert.ok(hasScope(tokenOf(deferred.tokens, 'Deferred'), 'markup.changed.smtp-status.delivery.deferred'));
  // Not a delivery status: another word after status=, or a longer word.
  const g = await log();
  for (const line of ['status=sentinel', 'status=bouncedX', 'xstatus=sent']) {
    assert.ok(
      tokenizeLine(g, line).every((t) => statusScopes(t).length === 0),
      line,
    );
  }
});

test('codes inside double-quoted strings (JSON logs, Exim C="...")', async () => {
  const g = await log();
  const json = '{"event": "bounce", "diagnosticCode": "smtp; 550 5.1.1 user unknown", "status": "5.1.1", "remoteMtaIp": "192.0.2.7"}';
  const t1 = tokenizeLine(g, json);
  assertCode(json, t1, '550', 'reply', 5);
  assertCode(json, t1, '5.1.1', 'enhanced', 5);
  assertCode(json, t1, '5.1.1', 'enhanced', 5, '"status"');
  assert.ok(hasScope(tokenOf(t1, '550'), 'string'), 'the string keeps its string scope');
  assert.ok(tokensCovering(t1, json, '192.0.2.7').every((t) => !isCode(t)));
  const exim = await fixtureLine('exim.log', 'C="250 2.0.0');
  assertCode(exim.line, exim.tokens, '250', 'reply', 2);
  assertCode(exim.line, exim.tokens, '2.0.0', 'enhanced', 2);
  // A string without a code stays one log string token.
  const plain = 'msg="535 Authentication failed"';
  const strings = tokenizeLine(g, plain).filter((t) => hasScope(t, 'string'));
  assert.deepEqual(
    strings.map((t) => t.text),
    ['"535 Authentication failed"'],
  );
});

test('IPv4 addresses and version numbers are not codes', async () => {
  const lines = fixtureLines('decoys.log');
  const tokens = tokenizeLines(await log(), lines);
  for (const [i, line] of lines.entries()) {
    const codes = tokens[i]!.filter(isCode);
    assert.deepEqual(
      codes.map((t) => t.text),
      [],
      line,
    );
  }
  // The same strings next to real codes: only the codes are taken.
  const g = await log();
  const mixed = 'connect from host[5.2.3.4] version 2.10.1 said: 550 5.1.1 gone, uptime 2.5.5, 1.2.3.4 4.3.2.1';
  assert.deepEqual(
    tokenizeLine(g, mixed)
      .filter(isCode)
      .map((t) => t.text),
    ['550', '5.1.1'],
  );
});

test('every code the injection finds in real logs satisfies the boundary rule', async () => {
  // fail2ban's mail-server logs from the shared corpus (read for testing, not copied) and the fixtures.
  const lines = [...new Set(realisticLogLines(2000))];
  const tokens = tokenizeLines(await log(), lines);
  let codes = 0;
  for (const [i, line] of lines.entries()) {
    for (const t of tokens[i]!.filter(isCode)) {
      codes++;
      assert.match(t.text, /^(?:[2-5]\d\d|[245]\.\d{1,3}\.\d{1,3})$/, line);
      assert.doesNotMatch(line.slice(0, t.start), /[\w.]$/, `${t.text} preceded by [\\w.] in ${line}`);
      assert.doesNotMatch(line.slice(t.end), /^(?:\w|\.\d)/, `${t.text} followed by a word or .digit in ${line}`);
    }
  }
  assert.ok(codes > 30, `only ${codes} codes found`);
});
