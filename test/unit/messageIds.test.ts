// Message ids where each MTA writes them, the links between messages, and what is not an id.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { idKey, MessageTable, scanMessageLine, scanMessages } from '../../server/src/scan';
import { repoPath } from '../support/paths';

/** The ids of a one-line text as `text@role/mta`, for compact tables. */
function ids(line: string): string[] {
  const table = new MessageTable(1);
  scanMessageLine(line, 0, table);
  return table.toArray().map((r) => `${line.slice(r.start, r.end)}@${r.role}/${r.mta}`);
}

const SYSLOG = 'Dec  6 10:20:03 mx1';

describe('message ids: each MTA in its own place', () => {
  const cases: [string, string[]][] = [
    // Postfix: long and short queue ids after the service's tag, with or without an instance name.
    [
      `${SYSLOG} postfix/qmgr[1201]: 4Y8kQ2T5mPz7Hd: from=<a@b.example>, size=1, nrcpt=1 (queue active)`,
      ['4Y8kQ2T5mPz7Hd@message/postfix'],
    ],
    [`${SYSLOG} postfix/smtp[5201]: 9C1F24A0B3: to=<d@e.example>, dsn=4.7.1, status=deferred`, ['9C1F24A0B3@message/postfix']],
    [`${SYSLOG} postfix-out/submission/smtpd[77]: 4Y8kQ2T5mPz7Hd: client=x[192.0.2.1]`, ['4Y8kQ2T5mPz7Hd@message/postfix']],
    [`2024-12-06T10:20:03.123456+00:00 mx1 postfix/qmgr[1201]: 9C1F24A0B3: removed`, ['9C1F24A0B3@message/postfix']],
    [`${SYSLOG} postfix/qmgr[1201]: 9C1F24A0B3:`, ['9C1F24A0B3@message/postfix']],
    // Postfix links: a content filter's `queued as` and `orig_queue_id=`, the bounce's notification, Exim's reply id.
    [
      `${SYSLOG} postfix/smtp[5108]: 4Y8kQ2T5mPz7Hd: to=<b@c.example>, relay=127.0.0.1[127.0.0.1]:10024, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 4Y8kQ2VbNTz7Hf)`,
      ['4Y8kQ2T5mPz7Hd@message/postfix', '4Y8kQ2VbNTz7Hf@queued-as/postfix'],
    ],
    [
      `${SYSLOG} postfix/smtpd[5110]: 4Y8kQ2VbNTz7Hf: client=localhost[127.0.0.1], orig_queue_id=4Y8kQ2T5mPz7Hd, orig_client=x[192.0.2.1]`,
      ['4Y8kQ2VbNTz7Hf@message/postfix', '4Y8kQ2T5mPz7Hd@queued-from/postfix'],
    ],
    [
      `${SYSLOG} postfix/bounce[5115]: 4Y8kQ2VbNTz7Hf: sender non-delivery notification: 4Y8kQ3Cx9Rz7Hg`,
      ['4Y8kQ2VbNTz7Hf@message/postfix', '4Y8kQ3Cx9Rz7Hg@notification/postfix'],
    ],
    [
      `${SYSLOG} postfix/bounce[5115]: 9C1F24A0B3: sender delivery status notification: A73D5E0F12`,
      ['9C1F24A0B3@message/postfix', 'A73D5E0F12@notification/postfix'],
    ],
    [
      `${SYSLOG} postfix/smtp[5112]: 4Y8kQ2VbNTz7Hf: to=<b@c.example>, dsn=2.0.0, status=sent (250 OK id=1tJbZk-000DxF-5T)`,
      ['4Y8kQ2VbNTz7Hf@message/postfix', '1tJbZk-000DxF-5T@queued-as/postfix'],
    ],
    // Exim: after the timestamp (with milliseconds, a zone, a process id), old and new forms.
    [
      '2024-12-06 10:30:01 1tJcAa-000BcD-7e <= alice@example.org H=x [198.51.100.23] S=3456 id=2024.1@example.org',
      ['1tJcAa-000BcD-7e@message/exim'],
    ],
    ['2024-12-06 10:32:10.123 [4242] 1tJcBf-00000001xQr-2Bcd <= carol@example.org S=1', ['1tJcBf-00000001xQr-2Bcd@message/exim']],
    ['2024-12-06 10:32:10 +0100 1tJcAa-000BcD-7e Completed', ['1tJcAa-000BcD-7e@message/exim']],
    ['2024-12-06 10:32:10 1tJcAa-000BcD-7e', ['1tJcAa-000BcD-7e@message/exim']],
    [`${SYSLOG} exim[29786]: 1tJcAa-000BcD-7e => b@c.example R=dnslookup`, ['1tJcAa-000BcD-7e@message/exim']],
    // Exim links: the bounce's `R=`, the next server's `id=` and `queued as`.
    [
      '2024-12-06 10:30:02 1tJcAb-000BcE-8f <= <> R=1tJcAa-000BcD-7e U=Debian-exim P=local S=5012',
      ['1tJcAb-000BcE-8f@message/exim', '1tJcAa-000BcD-7e@parent/exim'],
    ],
    [
      '2024-12-06 10:30:02 1tJcAa-000BcD-7e => bob@example.com R=dnslookup T=remote_smtp H=mx [203.0.113.10] C="250 OK id=1tJcAc-000XyZ-1a"',
      ['1tJcAa-000BcD-7e@message/exim', '1tJcAc-000XyZ-1a@queued-as/exim'],
    ],
    // The links' words are found from their ends (`R=`, `id=`): the same ends inside other words
    // (`XR=`, `pid=`) are passed over.
    [
      '2024-12-06 10:30:02 1tJcAb-000BcE-8f <= <> XR=1tJcAz-000BcD-7z pid=1tJcAy-000XyZ-1y R=1tJcAa-000BcD-7e U=Debian-exim',
      ['1tJcAb-000BcE-8f@message/exim', '1tJcAa-000BcD-7e@parent/exim'],
    ],
    [
      '2024-12-06 10:30:02 1tJcAa-000BcD-7e => bob@example.com R=dnslookup C="250 OK pid=1tJcAy-000XyZ-1y id=1tJcAc-000XyZ-1a"',
      ['1tJcAa-000BcD-7e@message/exim', '1tJcAc-000XyZ-1a@queued-as/exim'],
    ],
    [
      '2024-12-06 10:30:03 1tJcAb-000BcE-8f -> a@b.example R=x T=y C="250 2.0.0 Ok: queued as 4Y8kQ4Dm7Nz2Kp"',
      ['1tJcAb-000BcE-8f@message/exim', '4Y8kQ4Dm7Nz2Kp@queued-as/exim'],
    ],
    // Sendmail, and the DSN a message caused.
    [`${SYSLOG} sm-mta[24715]: 4B6AeAae024715: from=<h@e.example>, size=2345, class=0`, ['4B6AeAae024715@message/sendmail']],
    [`${SYSLOG} sendmail[24567]: 4B6AF2Xk024565: to=<n@e.net>, dsn=5.1.1, stat=User unknown`, ['4B6AF2Xk024565@message/sendmail']],
    [
      `${SYSLOG} sm-mta[24717]: 4B6AeAae024715: 4B6AeBae024717: DSN: User unknown`,
      ['4B6AeAae024715@message/sendmail', '4B6AeBae024717@notification/sendmail'],
    ],
    // OpenSMTPD: a session, its message and envelopes (an envelope is keyed by its message).
    [`${SYSLOG} smtpd[4242]: 3c5e7f9a1b2d4e60 smtp connected address=198.51.100.23 host=x`, ['3c5e7f9a1b2d4e60@session/opensmtpd']],
    [
      `${SYSLOG} smtpd[4242]: 3c5e7f9a1b2d4e60 smtp message msgid=5d1e2f3a size=2345 nrcpt=2 proto=ESMTP`,
      ['3c5e7f9a1b2d4e60@session/opensmtpd', '5d1e2f3a@message/opensmtpd'],
    ],
    [
      `${SYSLOG} smtpd[4242]: 7a8b9c0d1e2f3a4b mta delivery evpid=0x5d1e2f3a0a1b2c3d from=<a@b> to=<c@d> result="Ok" stat="250 2.0.0 Ok: queued as 4Y8kQ6Gp4Sz7Vw"`,
      ['7a8b9c0d1e2f3a4b@session/opensmtpd', '5d1e2f3a0a1b2c3d@envelope/opensmtpd', '4Y8kQ6Gp4Sz7Vw@queued-as/opensmtpd'],
    ],
  ];
  for (const [line, expected] of cases) test(line.slice(0, 110), () => assert.deepEqual(ids(line), expected));

  test('an envelope is keyed by the message its first eight hex digits name', () => {
    const table = new MessageTable(1);
    scanMessageLine(`${SYSLOG} smtpd[1]: 7a8b9c0d1e2f3a4b mta delivery evpid=5d1e2f3a0a1b2c3d result="Ok"`, 0, table);
    assert.equal(table.keyOf(1), idKey('5d1e2f3a', 0, 8));
    assert.equal(table.keyEndOf(1) - table.startOf(1), 8);
  });
});

describe('message ids: not ids', () => {
  const cases: [string, string][] = [
    [
      `${SYSLOG} postfix/smtpd[5120]: NOQUEUE: reject: RCPT from unknown[203.0.113.77]: 554 5.7.1 <s@e.example>: Relay access denied`,
      'NOQUEUE',
    ],
    [`${SYSLOG} postfix/smtpd[5120]: warning: hostname BADC0FFEE123.example.net does not resolve`, 'a warning'],
    [`${SYSLOG} postfix/master[1190]: daemon started -- version 3.7.11, configuration /etc/postfix`, 'the master daemon'],
    [`${SYSLOG} postfix/anvil[1]: statistics: max connection rate 1/60s for (smtp:203.0.113.77)`, 'statistics'],
    [`${SYSLOG} dovecot[771]: ABCDEF0123: imap-login: Login: user=<carol>`, 'a hex word after another program'],
    [`${SYSLOG} postfix/smtpd[1]: ABCDE: too short for a queue id`, 'five hex digits'],
    [`${SYSLOG} postfix/smtpd[1]: 4Y8kQ2T5mPz7Hd client=x`, 'no colon after it'],
    [`${SYSLOG} postfix/smtpd[1]: AEIOUaeiouBz7: vowels are not in Postfix's long ids`, 'vowels'],
    ['the queue id 9C1F24A0B3: was mentioned in prose', 'prose'],
    ['Message 1tJcAa-000BcD-7e bounced, see the log', 'an Exim id in prose'],
    ['2024-12-06 10:31:00 H=(ylmf-pc) [203.0.113.77] F=<s@e.org> rejected RCPT <i@e.com>: relay not permitted', 'an Exim refusal'],
    ['2024-12-06 10:33:00 exim 4.97 daemon started: pid=1234', 'the Exim daemon'],
    ['2024-12-06 10:33:00 1tJcAa-000BcD-7eX <= a@b', 'an id glued to more'],
    [`${SYSLOG} sm-mta[24721]: ruleset=check_relay, arg1=[203.0.113.46], reject=421 4.3.2 Connection rate limit`, 'a Sendmail refusal'],
    [`${SYSLOG} sm-mta[24700]: starting daemon (8.17.1): SMTP+queueing@00:10:00`, 'the Sendmail daemon'],
    [`${SYSLOG} smtpd[4242]: 3C5E7F9A1B2D4E60 smtp connected`, 'upper-case hex for OpenSMTPD'],
    [`${SYSLOG} kernel: [ 1234.567] 9C1F24A0B3: device`, 'a kernel line'],
  ];
  for (const [line, what] of cases) test(what, () => assert.deepEqual(ids(line), []));

  test('Postfix links need an id of their own on the line (a transcript saying `queued as` is not one)', () => {
    assert.deepEqual(ids('<~ 250 2.0.0 Ok: queued as 4Y8kQ2VbNTz7Hf'), []);
    assert.deepEqual(ids(`${SYSLOG} postfix/smtpd[1]: NOQUEUE: ... queued as 4Y8kQ2VbNTz7Hf`), []);
  });

  test('a Message-ID that Exim made from its own id (E...@host) is not a link', () => {
    assert.deepEqual(ids('2024-12-06 10:30:01 1tJcAa-000BcD-7e => a@b R=x C="250 OK id=E1tJcAc-000XyZ-1a@mx.example"'), [
      '1tJcAa-000BcD-7e@message/exim',
    ]);
  });
});

describe('message ids: a document', () => {
  const fixtures = readdirSync(repoPath('test', 'fixtures', 'messages')).filter((f) => f.endsWith('.log'));

  test('the fixtures of every MTA hold ids', () =>
    assert.deepEqual(fixtures.sort(), ['exim.log', 'opensmtpd.log', 'postfix.log', 'sendmail.log']));

  for (const name of fixtures) {
    test(`${name}: read whole, with \\n, \\r\\n or \\r line ends, the same as line by line`, () => {
      const text = readFileSync(repoPath('test', 'fixtures', 'messages', name), 'utf8');
      const byLine = new MessageTable(1);
      for (const [k, line] of text.split('\n').entries()) scanMessageLine(line, k, byLine);
      assert.ok(byLine.length >= 8, `${name} has ids`);
      for (const ending of ['\n', '\r\n', '\r']) {
        const whole = new MessageTable(1);
        scanMessages(text.replaceAll('\n', ending), whole);
        assert.deepEqual(whole.toArray(), byLine.toArray(), JSON.stringify(ending));
      }
    });
  }

  test('the same id has the same key on every line; rows come in document order', () => {
    const text = readFileSync(repoPath('test', 'fixtures', 'messages', 'postfix.log'), 'utf8');
    const table = new MessageTable(1);
    scanMessages(text, table);
    const lines = text.split('\n');
    const keys = new Map<string, number>();
    table.toArray().forEach((row, k, rows) => {
      const id = lines[row.line].slice(row.start, row.end);
      assert.equal(keys.get(id) ?? row.key, row.key, id);
      keys.set(id, row.key);
      if (k > 0) assert.ok(rows[k - 1].line < row.line || (rows[k - 1].line === row.line && rows[k - 1].end <= row.start));
    });
    assert.notEqual(keys.get('4Y8kQ2T5mPz7Hd'), keys.get('4Y8kQ2VbNTz7Hf'));
  });

  test('a text without ids leaves the table empty', () => {
    const table = new MessageTable(1);
    scanMessages('no ids here\n550 5.1.1 user unknown\n\n]: [: 1234\n2024-12-06 10:00:00 plain words\n', table);
    assert.equal(table.length, 0);
  });
});
