import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Outcome } from '../../common';
import { outcomeOf } from '../../server/src/service/summary';

// Lines in each MTA's own format, written for these tests (documentation addresses, example
// domains), each with the outcome it records or none.
const POSTFIX: [string, Outcome | undefined][] = [
  [
    'Nov 22 10:00:01 mx postfix/smtp[904]: 5A6B7C8D02: to=<bob@example.net>, relay=mx.example.net[203.0.113.5]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 1234ABCD)',
    'delivered',
  ],
  [
    'Nov 22 10:00:02 mx postfix/local[903]: 4F1A2B3C01: to=<anna@example.org>, orig_to=<info@example.org>, relay=local, delay=0.4, delays=0.1/0/0/0.3, dsn=2.0.0, status=sent (forwarded as 9E8D7C6B5A)',
    'delivered',
  ],
  [
    'Nov 22 10:00:03 mx postfix/lmtp[907]: 4F1A2B3C01: to=<anna@example.org>, relay=mail.example.org[private/dovecot-lmtp], conn_use=2, delay=0.1, delays=0/0/0/0.1, dsn=2.0.0, status=sent (250 2.0.0 <anna@example.org> Saved)',
    'delivered',
  ],
  [
    '2026-11-22T10:00:04.123456+01:00 mx postfix/smtp[905]: 6B7C8D9E03: to=<carol@example.com>, relay=none, delay=30, delays=0.1/0/30/0, dsn=4.4.1, status=deferred (connect to mx.example.com[203.0.113.9]:25: Connection timed out)',
    'deferred',
  ],
  [
    'Nov 22 10:00:05 mx postfix/smtp[904]: 5A6B7C8D02: to=<bob@example.net>, relay=mx.example.net[203.0.113.5]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.1.1, status=bounced (host mx.example.net[203.0.113.5] said: 550 5.1.1 <bob@example.net>: User unknown (in reply to RCPT TO command))',
    'bounced',
  ],
  ['Nov 22 10:00:06 mx postfix/qmgr[700]: 6B7C8D9E03: from=<shop@example.com>, status=expired, returned to sender', 'expired'],
  [
    'Nov 22 10:00:07 mx postfix/smtpd[901]: NOQUEUE: reject: RCPT from unknown[192.0.2.99]: 554 5.7.1 <dave@example.org>: Relay access denied; from=<x@example.net> to=<dave@example.org> proto=ESMTP helo=<unknown>',
    'rejected',
  ],
  [
    'Nov 22 10:00:08 mx postfix/submission/smtpd[911]: 7C8D9E0F04: reject: RCPT from mail.example.com[192.0.2.10]: 450 4.1.2 <eve@nowhere.example>: Recipient address rejected: Domain not found; from=<a@example.com> to=<eve@nowhere.example> proto=ESMTP helo=<mail.example.com>',
    'rejected',
  ],
  [
    'Nov 22 10:00:09 mx postfix/postscreen[812]: NOQUEUE: reject: RCPT from [192.0.2.77]:60542: 550 5.7.1 Service unavailable; client [192.0.2.77] blocked using zen.spamhaus.org; from=<x@example.net>, to=<postmaster@example.org>, proto=ESMTP, helo=<example.net>',
    'rejected',
  ],
  [
    'Nov 22 10:00:10 mx postfix/cleanup[902]: 4F1A2B3C01: reject: header Subject: win money now from mail.example.com[192.0.2.10]; from=<a@example.com> to=<b@example.org> proto=ESMTP helo=<mail.example.com>: 5.7.1 message content rejected',
    'rejected',
  ],
  [
    'Nov 22 10:00:11 mx postfix/cleanup[902]: 4F1A2B3C05: milter-reject: END-OF-MESSAGE from mail.example.com[192.0.2.10]: 5.7.1 Spam message rejected; from=<a@example.com> to=<b@example.org> proto=ESMTP helo=<mail.example.com>',
    'rejected',
  ],
  [
    'Nov 22 10:00:12 mx postfix/smtpd[901]: NOQUEUE: milter-reject: RCPT from mail.example.com[192.0.2.10]: 451 4.7.1 Try again later; from=<a@example.com> to=<b@example.org> proto=ESMTP helo=<mail.example.com>',
    'milterRejected',
  ],
  [
    'Nov 22 10:00:13 mx postfix/smtpd[901]: NOQUEUE: reject_warning: RCPT from unknown[192.0.2.99]: 450 4.7.25 Client host rejected: cannot find your hostname; from=<x@example.net> to=<b@example.org> proto=ESMTP helo=<unknown>',
    'rejectWarnings',
  ],
  [
    'Nov 22 10:00:14 mx postfix/cleanup[902]: 4F1A2B3C06: warning: header Subject: R\uFFFDsum\uFFFD from mail.example.com[192.0.2.10]; from=<a@example.com> to=<b@example.org> proto=ESMTP helo=<mail.example.com>',
    'rejectWarnings',
  ],
  [
    'Nov 22 10:00:15 mx postfix/smtpd[901]: warning: hostname unknown does not resolve to address 192.0.2.99: Name or service not known',
    undefined,
  ],
  ['Nov 22 10:00:16 mx postfix/postscreen[812]: COMMAND PIPELINING from [192.0.2.77]:60542 after \uFFFD(\uFFFD\uFFFDHELO', undefined],
  ['Nov 22 10:00:17 mx postfix/qmgr[700]: 4F1A2B3C01: from=<shop@example.com>, size=4711, nrcpt=1 (queue active)', undefined],
  [
    'Nov 22 10:00:18 mx postfix/smtp[908]: 8D9E0F1A07: to=<probe@example.net>, relay=mx.example.net[203.0.113.5]:25, delay=0.3, delays=0/0/0.1/0.2, dsn=2.1.5, status=deliverable (250 2.1.5 Ok)',
    undefined,
  ],
  ['Nov 22 10:00:19 mx postfix/smtpd[901]: connect from mail.example.com[192.0.2.10]', undefined],
  [
    'Nov 22 10:00:20 postfix-relay postfix-out/smtp[909]: 9E0F1A2B08: to=<f@example.net>, relay=mx.example.net[203.0.113.5]:25, delay=0.2, delays=0/0/0.1/0.1, dsn=2.0.0, status=sent (250 2.0.0 Ok)',
    'delivered',
  ],
];

const EXIM: [string, Outcome | undefined][] = [
  ['2026-11-22 10:00:00 1tEXAM-000123-AB <= a@example.com H=mail.example.com [192.0.2.10] P=esmtps S=4711 id=x@example.com', undefined],
  [
    '2026-11-22 10:00:01 1tEXAM-000123-AB => b@example.org R=dnslookup T=remote_smtp H=mx.example.org [203.0.113.5] C="250 2.0.0 Ok: queued as 1234"',
    'delivered',
  ],
  ['2026-11-22 10:00:01 1tEXAM-000123-AB -> c@example.org R=dnslookup T=remote_smtp H=mx.example.org [203.0.113.5]', 'delivered'],
  [
    '2026-11-22 10:00:02 [4711] 1tEXAM-00000000AB-CDEF == d@example.net R=dnslookup T=remote_smtp defer (-44) H=mx.example.net [203.0.113.9]: SMTP error from remote mail server after RCPT TO:<d@example.net>: 451 4.7.1 Greylisted',
    'deferred',
  ],
  [
    '2026-11-22 10:00:03 1tEXAM-000124-AB ** e@example.net R=dnslookup T=remote_smtp H=mx.example.net [203.0.113.9]: SMTP error from remote mail server after RCPT TO:<e@example.net>: 550 5.1.1 User unknown',
    'bounced',
  ],
  [
    '2026-11-22 10:00:04 H=(unknown) [192.0.2.99] F=<x@example.net> rejected RCPT <f@example.org>: 550 5.7.1 relay not permitted',
    'rejected',
  ],
  ['2026-11-22 10:00:05 H=(unknown) [192.0.2.99] rejected MAIL <x@example.net>: 550 5.7.1 sender blocked', 'rejected'],
  [
    '2026-11-22 10:00:06 1tEXAM-000125-AB H=mail.example.com [192.0.2.10] F=<a@example.com> rejected after DATA: 550 5.7.1 message looks like spam',
    'rejected',
  ],
  ['2026-11-22 10:00:07 1tEXAM-000123-AB Completed', undefined],
];

const SENDMAIL: [string, Outcome | undefined][] = [
  [
    'Nov 22 10:00:00 mx sendmail[2001]: 2AMA0a1b002001: to=<a@example.org>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=120, relay=mx.example.org. [203.0.113.5], dsn=2.0.0, stat=Sent (Ok: queued as 1234)',
    'delivered',
  ],
  [
    'Nov 22 10:00:01 mx sm-mta[2002]: 2AMA0a1b002002: to=<b@example.net>, delay=00:00:05, xdelay=00:00:05, mailer=esmtp, pri=120, relay=mx.example.net. [203.0.113.9], dsn=4.4.1, stat=Deferred: Connection refused by mx.example.net.',
    'deferred',
  ],
  [
    'Nov 22 10:00:02 mx sendmail[2003]: 2AMA0a1b002003: to=<c@example.net>, delay=00:00:02, xdelay=00:00:02, mailer=esmtp, pri=120, relay=mx.example.net. [203.0.113.9], dsn=5.1.1, stat=User unknown',
    'bounced',
  ],
  [
    'Nov 22 10:00:03 mx sendmail[2004]: 2AMA0a1b002004: to=<d@example.org>, delay=00:00:00, mailer=esmtp, pri=30, dsn=4.0.0, stat=queued',
    undefined,
  ],
  [
    'Nov 22 10:00:04 mx sendmail[2005]: 2AMA0a1b002005: ruleset=check_rcpt, arg1=<e@example.org>, relay=unknown [192.0.2.99], reject=550 5.7.1 <e@example.org>... Relaying denied',
    'rejected',
  ],
  [
    'Nov 22 10:00:05 mx sendmail[2006]: 2AMA0a1b002006: milter=spamass-milter, action=data, reject=550 5.7.1 Blocked by SpamAssassin',
    'milterRejected',
  ],
  [
    'Nov 22 10:00:06 mx sendmail[2007]: 2AMA0a1b002007: from=<a@example.com>, size=4711, class=0, nrcpts=1, msgid=<x@example.com>, proto=ESMTP, relay=mail.example.com [192.0.2.10]',
    undefined,
  ],
];

const OPENSMTPD: [string, Outcome | undefined][] = [
  [
    'Nov 22 10:00:00 mx smtpd[3001]: 1a2b3c4d5e6f7a8b mta delivery evpid=0123456789abcdef from=<a@example.com> to=<b@example.org> rcpt=<-> source="198.51.100.25" relay="203.0.113.5 (mx.example.org)" delay=1s result="Ok" stat="250 2.0.0 Ok: queued as 1234"',
    'delivered',
  ],
  [
    'Nov 22 10:00:01 mx smtpd[3001]: 1a2b3c4d5e6f7a8b mta delivery evpid=0123456789abcdf0 from=<a@example.com> to=<c@example.net> rcpt=<-> source="198.51.100.25" relay="203.0.113.9 (mx.example.net)" delay=2s result="TempFail" stat="451 4.7.1 Greylisted"',
    'deferred',
  ],
  [
    'Nov 22 10:00:02 mx smtpd[3001]: 1a2b3c4d5e6f7a8b mda delivery evpid=0123456789abcdf1 from=<a@example.com> to=<d@example.org> rcpt=<d@example.org> user=d delay=0s result="PermFail" stat="Error (mailbox full)"',
    'bounced',
  ],
  [
    'Nov 22 10:00:03 mx smtpd[3001]: 2b3c4d5e6f7a8b9c smtp failed-command command="RCPT TO:<e@example.org>" result="550 5.1.1 Invalid recipient: <e@example.org>"',
    'rejected',
  ],
  [
    'Nov 22 10:00:04 mx smtpd[3001]: 2b3c4d5e6f7a8b9c smtp failed-command command="AUTH LOGIN" result="535 Authentication failed"',
    undefined,
  ],
  ['Nov 22 10:00:05 mx smtpd[3001]: 2b3c4d5e6f7a8b9c smtp connected address=192.0.2.10 host=mail.example.com', undefined],
];

describe('outcomeOf: each line records what the MTA did, or nothing', () => {
  for (const [name, table] of [
    ['Postfix', POSTFIX],
    ['Exim', EXIM],
    ['Sendmail', SENDMAIL],
    ['OpenSMTPD', OPENSMTPD],
  ] as const) {
    test(name, () => {
      for (const [line, outcome] of table) assert.equal(outcomeOf(line), outcome, line);
    });
  }

  test('lines of other programs record nothing, whatever they say', () => {
    for (const line of [
      'Nov 22 10:00:00 mx dovecot: imap-login: Login: user=<a@example.org>, method=PLAIN, rip=192.0.2.10, status=sent',
      'Nov 22 10:00:00 mx postfix/smtp: A: to=<a@b.example>, status=sent (a tag has a process id)',
      'Nov 22 10:00:00 mx myapp[1]: delivery failed: 550 5.1.1 unknown',
      '',
    ]) {
      assert.equal(outcomeOf(line), undefined, line);
    }
  });
});
