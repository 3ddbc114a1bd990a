// The source.smtp grammar on transcripts: swaks output, RFC 5321 S:/C: sessions, sendmail
// transcripts (quoted from sisimai) and a client-only netcat script.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtureLines, hasScope, loadGrammar, tokenizeLine, tokenizeLines, tokenOf, type Token } from './support';

const grammar = () => loadGrammar('source.smtp');

/** Tokens of a fixture, by line, with the lines themselves. */
async function session(name: string): Promise<{ lines: string[]; tokens: Token[][] }> {
  const lines = fixtureLines(name);
  return { lines, tokens: tokenizeLines(await grammar(), lines) };
}

/** The tokens of the (first) line that starts with `start`. */
function lineStarting(s: { lines: string[]; tokens: Token[][] }, start: string, occurrence = 0): Token[] {
  const indexes = s.lines.flatMap((l, i) => (l.startsWith(start) ? [i] : []));
  const index = indexes[occurrence];
  assert.ok(index !== undefined, `no line starts with ${JSON.stringify(start)}`);
  return s.tokens[index]!;
}

const COMMAND = 'keyword.control.command.smtp';

test('every client command is a command keyword, whatever its case', async () => {
  const g = await grammar();
  const commands: [string, string][] = [
    ['HELO client.example.org', 'HELO'],
    ['EHLO client.example.org', 'EHLO'],
    ['LHLO client.example.org', 'LHLO'],
    ['MAIL FROM:<a@example.org>', 'MAIL FROM'],
    ['RCPT TO:<b@example.net>', 'RCPT TO'],
    ['DATA', 'DATA'],
    ['BDAT 86 LAST', 'BDAT'],
    ['RSET', 'RSET'],
    ['VRFY Smith', 'VRFY'],
    ['EXPN staff', 'EXPN'],
    ['HELP MAIL', 'HELP'],
    ['NOOP', 'NOOP'],
    ['QUIT', 'QUIT'],
    ['STARTTLS', 'STARTTLS'],
    ['AUTH PLAIN AGFsaWNlAHNlY3JldA==', 'AUTH'],
    ['ETRN example.org', 'ETRN'],
    ['ATRN example.org', 'ATRN'],
  ];
  for (const [line, verb] of commands) {
    for (const variant of [line, line.toLowerCase(), `C: ${line}`, ` -> ${line}`]) {
      const word = variant.includes(verb) ? verb : verb.toLowerCase();
      const token = tokenOf(tokenizeLine(g, variant), word);
      assert.ok(hasScope(token, COMMAND), `${variant}: ${token.scopes.join(' ')}`);
    }
  }
});

test('a command verb inside a word is not a command', async () => {
  const tokens = tokenizeLine(await grammar(), 'DATABASE is not a command');
  assert.ok(tokens.every((t) => !hasScope(t, COMMAND)));
});

test('MAIL FROM / RCPT TO: path and ESMTP parameters', async () => {
  const s = await session('swaks-session.smtp');
  const mail = lineStarting(s, ' ~> MAIL FROM');
  assert.ok(hasScope(tokenOf(mail, 'client@example.org'), 'string.quoted.other.path.smtp'));
  assert.ok(hasScope(tokenOf(mail, '<'), 'punctuation.definition.string.begin.smtp'));
  for (const key of ['SIZE', 'BODY', 'RET', 'ENVID', 'MT-PRIORITY', 'SMTPUTF8', 'REQUIRETLS']) {
    assert.ok(hasScope(tokenOf(mail, key), 'variable.parameter.smtp'), key);
  }
  assert.ok(hasScope(tokenOf(mail, '1847'), 'constant.numeric.integer.smtp'));
  assert.ok(hasScope(tokenOf(mail, '8BITMIME'), 'constant.language.smtp'));
  assert.ok(hasScope(tokenOf(mail, 'HDRS'), 'constant.language.smtp'));
  assert.ok(hasScope(tokenOf(mail, 'QQ314159'), 'string.unquoted.parameter-value.smtp'));
  assert.ok(hasScope(tokenOf(mail, '3'), 'constant.numeric.integer.smtp'));

  const rcpt = lineStarting(s, ' ~> RCPT TO:<full@');
  assert.ok(hasScope(tokenOf(rcpt, 'NOTIFY'), 'variable.parameter.smtp'));
  assert.ok(hasScope(tokenOf(rcpt, 'SUCCESS,FAILURE'), 'constant.language.smtp'));
  assert.ok(hasScope(tokenOf(rcpt, 'ORCPT'), 'variable.parameter.smtp'));
  assert.ok(hasScope(tokenOf(rcpt, 'rfc822;full@example.net'), 'string.unquoted.parameter-value.smtp'));
});

test('the null reverse path and parameters after MAIL FROM:<>', async () => {
  const tokens = tokenizeLine(await grammar(), 'MAIL FROM:<> SIZE=1543 BODY=7BIT');
  assert.ok(hasScope(tokenOf(tokens, '<'), 'string.quoted.other.path.smtp'));
  assert.ok(hasScope(tokenOf(tokens, '>'), 'punctuation.definition.string.end.smtp'));
  assert.ok(hasScope(tokenOf(tokens, '1543'), 'constant.numeric.integer.smtp'));
  assert.ok(hasScope(tokenOf(tokens, '7BIT'), 'constant.language.smtp'));
});

test('reply codes and enhanced codes are scoped by class', async () => {
  const g = await grammar();
  const cases: [string, string, string, string | null][] = [
    ['250 2.1.0 Sender ok', '250', 'markup.inserted.smtp-status.reply.class-2', '2.1.0'],
    ['354 End data with <CR><LF>.<CR><LF>', '354', 'constant.numeric.smtp-status.reply.class-3', null],
    ['452 4.2.2 Mailbox full', '452', 'markup.changed.smtp-status.reply.class-4', '4.2.2'],
    ['550 5.7.515 Access denied', '550', 'markup.deleted.smtp-status.reply.class-5', '5.7.515'],
  ];
  for (const [line, code, scope, enhanced] of cases) {
    const tokens = tokenizeLine(g, line);
    const reply = tokenOf(tokens, code);
    const cls = code[0];
    assert.ok(hasScope(reply, `constant.numeric.smtp-status.reply.class-${cls}`), reply.scopes.join(' '));
    assert.ok(hasScope(reply, scope), reply.scopes.join(' '));
    if (enhanced) {
      const token = tokenOf(tokens, enhanced);
      assert.ok(hasScope(token, `constant.numeric.smtp-status.enhanced.class-${cls}`), token.scopes.join(' '));
      assert.ok(hasScope(token, scope.replace('.reply.', '.enhanced.')), token.scopes.join(' '));
    }
  }
});

test('a class mismatch keeps each code in its own class', async () => {
  const tokens = tokenizeLine(await grammar(), '550 4.1.1 mismatched');
  assert.ok(hasScope(tokenOf(tokens, '550'), 'markup.deleted.smtp-status.reply.class-5'));
  assert.ok(hasScope(tokenOf(tokens, '4.1.1'), 'markup.changed.smtp-status.enhanced.class-4'));
});

test('continuation lines (250-) and last lines (250 ) differ', async () => {
  const s = await session('swaks-session.smtp');
  const continuation = lineStarting(s, '<~* 550-5.1.1');
  const last = lineStarting(s, '<~* 550 5.1.1');
  for (const t of [tokenOf(continuation, '550'), tokenOf(continuation, '5.1.1')]) {
    assert.ok(hasScope(t, 'meta.reply.continuation.smtp'), t.scopes.join(' '));
  }
  assert.ok(hasScope(tokenOf(continuation, '-'), 'punctuation.separator.continuation.smtp'));
  for (const t of [tokenOf(last, '550'), tokenOf(last, '5.1.1')]) {
    assert.ok(hasScope(t, 'meta.reply.last.smtp'), t.scopes.join(' '));
    assert.ok(!hasScope(t, 'meta.reply.continuation.smtp'));
  }
  // A bare code at the end of a line is a last line too.
  assert.ok(hasScope(tokenOf(tokenizeLine(await grammar(), '250'), '250'), 'meta.reply.last.smtp'));
});

test('EHLO keywords in 250 lines, not in the greeting line nor in other replies', async () => {
  const s = await session('swaks-session.smtp');
  const keywords = [
    'PIPELINING',
    'SIZE',
    '8BITMIME',
    'ENHANCEDSTATUSCODES',
    'STARTTLS',
    'SMTPUTF8',
    'CHUNKING',
    'DSN',
    'REQUIRETLS',
    'DELIVERBY',
    'ETRN',
    'VRFY',
    'BINARYMIME',
    'MT-PRIORITY',
    'AUTH',
  ];
  for (const keyword of keywords) {
    const line = lineStarting(s, `<-  250${keyword === 'AUTH' ? ' ' : '-'}${keyword}`);
    assert.ok(hasScope(tokenOf(line, keyword), 'keyword.other.extension.smtp'), keyword);
  }
  assert.ok(hasScope(tokenOf(lineStarting(s, '<-  250-SIZE'), '35882577'), 'constant.numeric.integer.smtp'));
  assert.ok(hasScope(tokenOf(lineStarting(s, '<-  250-DELIVERBY'), '240'), 'constant.numeric.integer.smtp'));
  const auth = lineStarting(s, '<-  250 AUTH');
  assert.ok(hasScope(tokenOf(auth, 'PLAIN'), 'constant.language.extension-parameter.smtp'));
  const greeting = lineStarting(s, '<-  250-mx.example.net');
  assert.ok(greeting.every((t) => !hasScope(t, 'keyword.other.extension.smtp')));
  const rfc = await session('rfc5321-session.smtp');
  assert.ok(hasScope(tokenOf(lineStarting(rfc, 'S: 250 ENHANCEDSTATUSCODES'), 'ENHANCEDSTATUSCODES'), 'keyword.other.extension.smtp'));
  // Not a keyword: a 220 reply that happens to say STARTTLS, or 250 OK.
  const g = await grammar();
  assert.ok(tokenizeLine(g, '220 STARTTLS go ahead').every((t) => !hasScope(t, 'keyword.other.extension.smtp')));
  assert.ok(tokenizeLine(g, '250 OK').every((t) => !hasScope(t, 'keyword.other.extension.smtp')));
});

test('direction prefixes: S:/C:, swaks arrows, sendmail >>>/<<<', async () => {
  const g = await grammar();
  const cases: [string, string, string][] = [
    ['S: 250 OK', 'S: ', 'punctuation.definition.direction.server.smtp'],
    ['C: QUIT', 'C: ', 'punctuation.definition.direction.client.smtp'],
    ['<-  220 mx.example.net ESMTP', '<-  ', 'punctuation.definition.direction.server.smtp'],
    [' -> QUIT', ' -> ', 'punctuation.definition.direction.client.smtp'],
    ['<~  250 2.0.0 Ok', '<~  ', 'punctuation.definition.direction.server.tls.smtp'],
    [' ~> QUIT', ' ~> ', 'punctuation.definition.direction.client.tls.smtp'],
    ['<** 550 5.7.1 Denied', '<** ', 'punctuation.definition.direction.server.unexpected.smtp'],
    ['<~* 452 4.2.2 Full', '<~* ', 'punctuation.definition.direction.server.unexpected.smtp'],
    ['**> RSET', '**> ', 'punctuation.definition.direction.client.unexpected.smtp'],
    ['>>> DATA', '>>> ', 'punctuation.definition.direction.client.smtp'],
    ['<<< 503 5.0.0 Need RCPT (recipient)', '<<< ', 'punctuation.definition.direction.server.smtp'],
  ];
  for (const [line, prefix, scope] of cases) {
    const token = tokenOf(tokenizeLine(g, line), prefix);
    assert.ok(hasScope(token, scope), `${line}: ${token.scopes.join(' ')}`);
  }
  const info = tokenizeLine(g, '=== Connected to mx.example.net.');
  assert.ok(hasScope(tokenOf(info, '==='), 'punctuation.definition.comment.smtp'));
  assert.ok(info.every((t) => hasScope(t, 'comment.line.info.smtp')));
  const error = tokenizeLine(g, '*** Remote host closed connection unexpectedly.');
  assert.ok(hasScope(tokenOf(error, '***'), 'punctuation.definition.direction.error.smtp'));
  assert.ok(hasScope(tokenOf(error, 'Remote host closed connection unexpectedly.'), 'invalid.illegal.error.smtp'));
});

test('the sendmail transcript of a real bounce (sisimai lhost-sendmail-02)', async () => {
  const s = await session('sendmail-transcript.smtp');
  const data = lineStarting(s, '>>> DATA');
  assert.ok(hasScope(tokenOf(data, 'DATA'), COMMAND));
  // The 550 refuses DATA: no message section follows.
  const refused = lineStarting(s, '<<< 550 5.2.1');
  assert.ok(hasScope(tokenOf(refused, '550'), 'markup.deleted.smtp-status.reply.class-5'));
  assert.ok(hasScope(tokenOf(refused, '5.2.1'), 'markup.deleted.smtp-status.enhanced.class-5'));
  assert.ok(refused.every((t) => !hasScope(t, 'meta.message.smtp')));
  const unprefixed = lineStarting(s, '550 5.1.1 <filtered');
  assert.ok(hasScope(tokenOf(unprefixed, '5.1.1'), 'constant.numeric.smtp-status.enhanced.class-5'));
  assert.ok(hasScope(tokenOf(lineStarting(s, '<<< 503'), '5.0.0'), 'markup.deleted.smtp-status.enhanced.class-5'));
});

test('DATA section: headers, body, the lone dot, and back to commands', async () => {
  const s = await session('swaks-session.smtp');
  const goAhead = lineStarting(s, '<~  354');
  assert.ok(hasScope(tokenOf(goAhead, '354'), 'constant.numeric.smtp-status.reply.class-3'));
  const subject = lineStarting(s, ' ~> Subject:');
  assert.ok(hasScope(tokenOf(subject, 'Subject'), 'variable.other.property.header-name.smtp'));
  assert.ok(hasScope(tokenOf(subject, ' ~> '), 'punctuation.definition.direction.client.tls.smtp'));
  assert.ok(subject.every((t) => hasScope(t, 'meta.message.smtp')));
  const body = lineStarting(s, ' ~> This is a test mailing');
  assert.ok(hasScope(tokenOf(body, 'This is a test mailing'), 'meta.message.body.smtp'));
  // After the empty line, "Status: ..." is body text, not a header.
  const bodyStatus = lineStarting(s, ' ~> Status:');
  assert.ok(bodyStatus.every((t) => !hasScope(t, 'variable.other.property.header-name.smtp')));
  const dot = lineStarting(s, ' ~> .');
  assert.ok(hasScope(tokenOf(dot, '.'), 'keyword.control.end-of-data.smtp'));
  const queued = lineStarting(s, '<~  250 2.0.0 Ok: queued');
  assert.ok(queued.every((t) => !hasScope(t, 'meta.data.smtp')));
  assert.ok(hasScope(tokenOf(queued, '2.0.0'), 'markup.inserted.smtp-status.enhanced.class-2'));
  assert.ok(hasScope(tokenOf(lineStarting(s, ' ~> QUIT'), 'QUIT'), COMMAND));
});

test('DATA section in S:/C: notation: a body line that starts with digits is not a reply', async () => {
  const s = await session('rfc5321-session.smtp');
  const body = lineStarting(s, 'C: 250 people are coming.');
  assert.ok(body.every((t) => !hasScope(t, 'constant.numeric.smtp-status.reply.class-2')));
  assert.ok(hasScope(tokenOf(body, '250 people are coming.'), 'meta.message.body.smtp'));
  assert.ok(hasScope(tokenOf(lineStarting(s, 'C: From:'), 'From'), 'variable.other.property.header-name.smtp'));
  assert.ok(hasScope(tokenOf(lineStarting(s, 'C: .'), '.'), 'keyword.control.end-of-data.smtp'));
  assert.ok(hasScope(tokenOf(lineStarting(s, 'S: 221'), '221'), 'markup.inserted.smtp-status.reply.class-2'));
  assert.ok(lineStarting(s, 'C: QUIT').every((t) => !hasScope(t, 'meta.message.smtp')));
});

test('DATA refused before any content (swaks): the next lines are commands again', async () => {
  const s = await session('swaks-refusals.smtp');
  const refused = lineStarting(s, '<** 554 5.5.1');
  assert.ok(refused.every((t) => !hasScope(t, 'meta.message.smtp')));
  assert.ok(hasScope(tokenOf(lineStarting(s, ' -> RSET'), 'RSET'), COMMAND));
  const quit = lineStarting(s, '<-  421');
  assert.ok(hasScope(tokenOf(quit, '421'), 'markup.changed.smtp-status.reply.class-4'));
  assert.ok(hasScope(tokenOf(lineStarting(s, '<** 554 5.2.122'), '5.2.122'), 'markup.deleted.smtp-status.enhanced.class-5'));
});

test('a client-only script: the message starts right after DATA', async () => {
  const s = await session('netcat-script.smtp');
  assert.ok(hasScope(tokenOf(lineStarting(s, 'Subject:'), 'Subject'), 'variable.other.property.header-name.smtp'));
  assert.ok(hasScope(tokenOf(lineStarting(s, 'Sent without'), 'Sent without waiting for replies.'), 'meta.message.body.smtp'));
  assert.ok(hasScope(tokenOf(lineStarting(s, '.'), '.'), 'keyword.control.end-of-data.smtp'));
  assert.ok(hasScope(tokenOf(lineStarting(s, 'QUIT'), 'QUIT'), COMMAND));
});

test('AUTH: base64 challenges after 334 and base64 responses, until 235', async () => {
  const s = await session('swaks-session.smtp');
  const auth = lineStarting(s, ' ~> AUTH LOGIN');
  assert.ok(hasScope(tokenOf(auth, 'LOGIN'), 'constant.language.mechanism.smtp'));
  const challenge = lineStarting(s, '<~  334 VXNlcm5hbWU6');
  assert.ok(hasScope(tokenOf(challenge, '334'), 'constant.numeric.smtp-status.reply.class-3'));
  assert.ok(hasScope(tokenOf(challenge, 'VXNlcm5hbWU6'), 'string.unquoted.base64.smtp'));
  const response = lineStarting(s, ' ~> Y2xpZW50QGV4YW1wbGUub3Jn');
  assert.ok(hasScope(tokenOf(response, 'Y2xpZW50QGV4YW1wbGUub3Jn'), 'string.unquoted.base64.smtp'));
  assert.ok(hasScope(tokenOf(lineStarting(s, ' ~> c2VjcmV0LXBhc3N3b3Jk'), 'c2VjcmV0LXBhc3N3b3Jk'), 'string.unquoted.base64.smtp'));
  const done = lineStarting(s, '<~  235');
  assert.ok(done.every((t) => !hasScope(t, 'meta.auth.smtp')));
  // After the exchange, a client line is a command again, not base64.
  const mail = lineStarting(s, ' ~> MAIL FROM');
  assert.ok(mail.every((t) => !hasScope(t, 'string.unquoted.base64.smtp')));
});

test('AUTH PLAIN with an initial response, and a cancelled exchange', async () => {
  const g = await grammar();
  const lines = [
    'C: AUTH PLAIN AGFsaWNlAHNlY3JldA==',
    'S: 235 2.7.0 Authentication successful',
    'C: AUTH LOGIN',
    'S: 334 VXNlcm5hbWU6',
    'C: *',
    'S: 501 5.7.0 Authentication cancelled',
  ];
  const tokens = tokenizeLines(g, lines);
  assert.ok(hasScope(tokenOf(tokens[0]!, 'PLAIN'), 'constant.language.mechanism.smtp'));
  assert.ok(hasScope(tokenOf(tokens[0]!, 'AGFsaWNlAHNlY3JldA=='), 'string.unquoted.base64.smtp'));
  assert.ok(hasScope(tokenOf(tokens[4]!, '*'), 'keyword.operator.cancel.smtp'));
  assert.ok(hasScope(tokenOf(tokens[5]!, '5.7.0'), 'markup.deleted.smtp-status.enhanced.class-5'));
});

test('enhanced codes are one token, and IP or version decoys in reply text are not codes', async () => {
  const g = await grammar();
  const tokens = tokenizeLine(g, '250-mx.example.net Hello [192.0.2.10] Postfix 2.10.1');
  assert.ok(tokens.every((t) => !t.scopes.some((s) => s.includes('.enhanced.'))));
  const reply = tokenizeLine(g, '550 5.7.1 Relay denied');
  assert.equal(reply.filter((t) => t.text.includes('5.7.1')).length, 1);
  assert.equal(tokenOf(reply, '5.7.1').text, '5.7.1');
  // "550 5.2.3.4" is a reply code and an address, not an enhanced code.
  assert.ok(tokenizeLine(g, '550 5.2.3.4 blocked').every((t) => !t.scopes.some((s) => s.includes('.enhanced.'))));
});
