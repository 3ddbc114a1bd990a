// The text.email grammar with the log injection on real bounces (sisimai, BSD 2-Clause; see
// test/fixtures/grammar/README.md), and on every bounce of the shared corpus.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { corpusPath } from '../support/paths';
import { fixtureLines, hasScope, loadGrammar, tokenizeLines, tokenOf, tokensCovering, type Token } from './support';

const email = () => loadGrammar('text.email');

async function bounce(name: string): Promise<{ lines: string[]; tokens: Token[][] }> {
  const lines = fixtureLines(name);
  return { lines, tokens: tokenizeLines(await email(), lines) };
}

function line(b: { lines: string[]; tokens: Token[][] }, start: string, occurrence = 0): { text: string; tokens: Token[] } {
  const indexes = b.lines.flatMap((l, i) => (l.startsWith(start) ? [i] : []));
  const i = indexes[occurrence];
  assert.ok(i !== undefined, `no line starts with ${JSON.stringify(start)}`);
  return { text: b.lines[i]!, tokens: b.tokens[i]! };
}

test('header fields: name, separator, folded continuation lines', async () => {
  const b = await bounce('rhost-google-02.eml');
  const received = line(b, 'Received: by mail.example.co.jp');
  assert.ok(hasScope(tokenOf(received.tokens, 'Received'), 'variable.other.property.header-name.email'));
  assert.ok(hasScope(tokenOf(received.tokens, ':'), 'punctuation.separator.key-value.email'));
  const folded = line(b, '\tid 49E71FA97E1D');
  assert.ok(folded.tokens.every((t) => hasScope(t, 'meta.header.email')));
  const body = line(b, 'This is a MIME-encapsulated message.');
  assert.ok(body.tokens.every((t) => !hasScope(t, 'meta.header.email')));
  const boundary = line(b, '--AA92C1B23442');
  assert.ok(hasScope(tokenOf(boundary.tokens, '--'), 'punctuation.definition.mime-boundary.email'));
  assert.ok(boundary.tokens.every((t) => hasScope(t, 'meta.separator.mime-boundary.email')));
  // Prose with a colon is not a header; neither is an address followed by a colon.
  assert.ok(line(b, '<neko-nyaan@example.org>:').tokens.every((t) => !hasScope(t, 'variable.other.property.header-name.email')));
});

test('DSN per-recipient fields: Action, Status, Diagnostic-Code, address types', async () => {
  const b = await bounce('rhost-google-02.eml');
  const action = line(b, 'Action: failed');
  assert.ok(hasScope(tokenOf(action.tokens, 'Action'), 'variable.other.property.dsn-field.per-recipient.email'));
  assert.ok(hasScope(tokenOf(action.tokens, 'failed'), 'markup.deleted.smtp-status.action.failed'));
  const status = line(b, 'Status: 5.1.1');
  assert.ok(hasScope(tokenOf(status.tokens, 'Status'), 'variable.other.property.dsn-field.per-recipient.email'));
  assert.ok(hasScope(tokenOf(status.tokens, '5.1.1'), 'markup.deleted.smtp-status.enhanced.class-5'));
  const diagnostic = line(b, 'Diagnostic-Code: smtp; 550-5.1.1');
  assert.ok(hasScope(tokenOf(diagnostic.tokens, 'smtp'), 'support.type.dsn-type.email'));
  assert.ok(hasScope(tokenOf(diagnostic.tokens, '550'), 'markup.deleted.smtp-status.reply.class-5'));
  assert.ok(hasScope(tokenOf(diagnostic.tokens, '5.1.1'), 'constant.numeric.smtp-status.enhanced.class-5'));
  // The folded lines of the Diagnostic-Code: codes there come from the log injection.
  const folded = line(b, '    address for typos or 550-5.1.1');
  assert.ok(folded.tokens.every((t) => hasScope(t, 'meta.field.dsn.per-recipient.email')));
  assert.equal(folded.tokens.filter((t) => t.text === '5.1.1' && hasScope(t, 'constant.numeric.smtp-status.enhanced.class-5')).length, 2);
  const recipient = line(b, 'Final-Recipient: rfc822;');
  assert.ok(hasScope(tokenOf(recipient.tokens, 'rfc822'), 'support.type.dsn-type.email'));
  const reporting = line(b, 'Reporting-MTA: dns;');
  assert.ok(hasScope(tokenOf(reporting.tokens, 'Reporting-MTA'), 'variable.other.property.dsn-field.per-message.email'));
});

test('the human-readable part: said: 550-5.1.1 on wrapped lines', async () => {
  const b = await bounce('rhost-google-02.eml');
  const said = line(b, '    said: 550-5.1.1');
  assert.ok(hasScope(tokenOf(said.tokens, '550'), 'constant.numeric.smtp-status.reply.class-5'));
  assert.equal(tokensCovering(said.tokens, said.text, '5.1.1').length, 1);
});

test('sendmail DSN: upper-case types, Diagnostic-Code: SMTP; 550 5.1.1, the transcript lines', async () => {
  const b = await bounce('lhost-sendmail-02.eml');
  const diagnostic = line(b, 'Diagnostic-Code: SMTP; 550 5.2.1');
  assert.ok(hasScope(tokenOf(diagnostic.tokens, 'SMTP'), 'support.type.dsn-type.email'));
  assert.ok(hasScope(tokenOf(diagnostic.tokens, '5.2.1'), 'markup.deleted.smtp-status.enhanced.class-5'));
  assert.ok(hasScope(tokenOf(line(b, 'Status: 5.2.1').tokens, '5.2.1'), 'constant.numeric.smtp-status.enhanced.class-5'));
  const transcript = line(b, '<<< 503 5.0.0');
  assert.ok(hasScope(tokenOf(transcript.tokens, '503'), 'constant.numeric.smtp-status.reply.class-5'));
  const reason = line(b, '    (reason: 550 5.1.1');
  assert.ok(hasScope(tokenOf(reason.tokens, '5.1.1'), 'constant.numeric.smtp-status.enhanced.class-5'));
});

test('qmail: said: 550 without an enhanced code, (#5.5.0), and the IP addresses around them', async () => {
  const b = await bounce('lhost-qmail-01.eml');
  const said = line(b, 'Sorry, no SMTP connection');
  assert.ok(hasScope(tokenOf(said.tokens, '550'), 'constant.numeric.smtp-status.reply.class-5'));
  assert.ok(tokensCovering(said.tokens, said.text, '192.0.2.32').every((t) => !t.scopes.some((s) => s.includes('smtp-status'))));
  const hash = line(b, '. (#5.5.0)');
  assert.ok(hasScope(tokenOf(hash.tokens, '5.5.0'), 'constant.numeric.smtp-status.enhanced.class-5'));
  // "192.0.2.32 said 550 for RCPT TO response" has no colon after said: not taken.
  const other = line(b, '(Other MXes tried');
  assert.ok(other.tokens.every((t) => !t.scopes.some((s) => s.includes('smtp-status'))));
});

test("Exchange: Remote Server returned '550 5.1.1 ...'", async () => {
  const b = await bounce('lhost-exchange2007-06-excerpt.eml');
  const returned = line(b, 'Remote Server returned');
  assert.ok(hasScope(tokenOf(returned.tokens, '550'), 'constant.numeric.smtp-status.reply.class-5'));
  assert.ok(hasScope(tokenOf(returned.tokens, '5.1.1'), 'constant.numeric.smtp-status.enhanced.class-5'));
});

test('every Status: field of the corpus bounces is one enhanced-code token of its class', async (t) => {
  const dir = corpusPath('bounces', 'emails');
  if (!existsSync(dir)) {
    t.skip('no shared corpus beside the repository');
    return;
  }
  const g = await email();
  let checked = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.eml'))) {
    const lines = readFileSync(`${dir}/${name}`, 'latin1').split(/\r?\n/);
    const tokens = tokenizeLines(g, lines);
    for (const [i, text] of lines.entries()) {
      const m = /^Status:\s*([245])\.(\d{1,3})\.(\d{1,3})(?![\w.])/i.exec(text);
      if (!m) continue;
      const code = `${m[1]}.${m[2]}.${m[3]}`;
      const covering = tokensCovering(tokens[i]!, text, code, text.indexOf(':'));
      assert.equal(covering.length, 1, `${name}:${i + 1} ${text}`);
      assert.ok(
        hasScope(covering[0]!, `constant.numeric.smtp-status.enhanced.class-${m[1]}`),
        `${name}:${i + 1} ${covering[0]!.scopes.join(' ')}`,
      );
      checked++;
    }
  }
  assert.ok(checked > 150, `only ${checked} Status: fields`);
});
