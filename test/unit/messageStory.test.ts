// What one log line says about a message, in each MTA's own fields.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fieldValue, readLine } from '../../server/src/service';

describe('readLine', () => {
  test('Postfix: the queue manager’s sender and size; a delivery’s recipient, status, relay and delay', () => {
    assert.deepEqual(
      readLine(
        'Dec  6 10:20:02 mx1 postfix/qmgr[1201]: 4Y8kQ2T5mPz7Hd: from=<alice@example.org>, size=4321, nrcpt=2 (queue active)',
        'postfix',
      ),
      {
        time: 'Dec  6 10:20:02',
        from: 'alice@example.org',
        size: '4321',
        relay: undefined,
      },
    );
    const delivery = readLine(
      'Dec  6 10:20:05 mx1 postfix/smtp[5113]: 4Y8kQ2VbNTz7Hf: to=<nobody@example.net>, orig_to=<x@example.net>, relay=mx.example.net[192.0.2.25]:25, delay=2, delays=0.01/0.01/1.2/0.8, dsn=5.1.1, status=bounced (host mx.example.net[192.0.2.25] said: 550 5.1.1 ...)',
      'postfix',
    );
    assert.deepEqual(delivery.recipient, {
      address: 'nobody@example.net',
      outcome: 'bounced',
      relay: 'mx.example.net[192.0.2.25]:25',
      delay: '2',
    });
  });

  test('Postfix: a refusal after the queue id is the recipient’s outcome, and its from= is not the message’s sender', () => {
    const facts = readLine(
      'Dec  6 mx postfix/smtpd[1]: 9C1F24A0B3: reject: RCPT from x[192.0.2.1]: 550 5.1.1 <a@b>: unknown; from=<s@e.example> to=<a@b.example> proto=ESMTP',
      'postfix',
    );
    assert.equal(facts.recipient?.outcome, 'rejected');
    assert.equal(facts.recipient?.address, 'a@b.example');
    assert.equal(facts.from, undefined);
  });

  test('Sendmail: stat= words, the class of dsn= where stat= gives a reason; relay with its space', () => {
    const line = (stat: string, dsn: string) =>
      readLine(
        `Dec  6 mx2 sm-mta[1]: 4B6AeAae024715: to=<i@e.net>, delay=00:00:01, mailer=esmtp, relay=mx.example.net. [192.0.2.25], dsn=${dsn}, stat=${stat}`,
        'sendmail',
      ).recipient;
    assert.deepEqual(line('User unknown', '5.1.1'), {
      address: 'i@e.net',
      outcome: 'bounced',
      relay: 'mx.example.net. [192.0.2.25]',
      delay: '00:00:01',
    });
    assert.equal(line('Sent (Ok: queued as X)', '2.0.0')?.outcome, 'sent');
    assert.equal(line('Deferred: 451 4.7.1 later', '4.0.0')?.outcome, 'deferred');
  });

  test('Exim: the arrival’s sender and size, each delivery flag', () => {
    assert.deepEqual(
      readLine(
        '2024-12-06 10:30:01 1tJcAa-000BcD-7e <= alice@example.org H=mail.example.org [198.51.100.23] P=esmtps S=3456 id=x@y',
        'exim',
      ),
      {
        time: '2024-12-06 10:30:01',
        from: 'alice@example.org',
        size: '3456',
        relay: 'mail.example.org [198.51.100.23]',
      },
    );
    const outcome = (flag: string) =>
      readLine(`2024-12-06 10:30:02 1tJcAa-000BcD-7e ${flag} b@c.example R=dnslookup T=remote_smtp`, 'exim').recipient?.outcome;
    assert.deepEqual(['=>', '->', '**', '==', '*>'].map(outcome), ['sent', 'sent', 'bounced', 'deferred', 'suppressed']);
    assert.equal(
      readLine('2024-12-06 10:30:02 1tJcAa-000BcD-7e ** b@c.example: Unrouteable address', 'exim').recipient?.address,
      'b@c.example',
    );
    assert.equal(
      readLine('2024-12-06 10:30:02 1tJcAa-000BcD-7e == b@c.example R=x T=remote_smtp defer (-44)', 'exim').recipient?.relay,
      'remote_smtp',
    );
  });

  test('OpenSMTPD: quoted fields; result= says what happened, stat= is the reply', () => {
    const facts = readLine(
      'Dec  6 10:50:08 mx3 smtpd[4242]: 8b9c0d1e2f3a4b5c mta delivery evpid=5d1e2f3a0a1b2c3e from=<alice@example.org> to=<nobody@example.net> rcpt=<-> relay="192.0.2.25 (mx.example.net)" delay=6s result="PermFail" stat="550 5.1.1 unknown"',
      'opensmtpd',
    );
    assert.deepEqual(facts.recipient, {
      address: 'nobody@example.net',
      outcome: 'bounced',
      relay: '192.0.2.25 (mx.example.net)',
      delay: '6s',
    });
    assert.equal(facts.from, 'alice@example.org');
  });

  test('a line of no recipient and no time says nothing', () => {
    assert.deepEqual(readLine('just words', 'postfix'), { time: undefined, from: undefined, size: undefined, relay: undefined });
  });
});

describe('fieldValue', () => {
  test('only whole names (orig_to= is not to=), <...> and "..." to their end, else to the separator', () => {
    assert.equal(fieldValue('orig_to=<a@b>, to=<c@d>, x=1', 'to', ', '), '<c@d>');
    assert.equal(fieldValue('relay="a b" delay=1s', 'relay', ' '), 'a b');
    assert.equal(fieldValue('(to=x, y=2)', 'to', ', '), 'x');
    assert.equal(fieldValue('to=<unclosed, y=2', 'to', ', '), '<unclosed');
    assert.equal(fieldValue('nothing here', 'to', ', '), undefined);
  });
});
