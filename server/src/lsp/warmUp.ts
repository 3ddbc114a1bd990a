import { RAL } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis, computeDiagnostics, DEFAULT_SETTINGS } from '../service';

/**
 * Lines of a mail log as the analysis meets them: Postfix, Exim and Sendmail deliveries with their
 * reply codes and status fields, Google's and Microsoft's replies with their markers, a class
 * mismatch and vendors' codes (the diagnostics' paths), and numbers that are no codes (addresses,
 * delays, a version). `{n}` becomes the line's number.
 */
const SAMPLE_LINES = [
  'Dec  7 06:00:01 mx postfix/smtp[2{n}]: 5A{n}F: to=<user{n}@example.org>, relay=mx.example.net[192.0.2.{n}]:25, delay=1.2, delays=0.1/0/0.3/0.8, dsn=5.1.1, status=bounced (host mx.example.net[192.0.2.1] said: 550 5.1.1 <user{n}@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command))',
  'Dec  7 06:00:02 mx postfix/smtp[2{n}]: 6B{n}E: to=<user{n}@example.org>, relay=mx.example.net[192.0.2.7]:25, delay=0.4, delays=0.1/0/0.2/0.1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 7C{n}D)',
  'Dec  7 06:00:03 mx postfix/smtpd[3{n}]: NOQUEUE: reject: RCPT from unknown[198.51.100.{n}]: 554 5.7.1 <user{n}@example.org>: Relay access denied; from=<bounce@example.com> to=<user{n}@example.org> proto=ESMTP helo=<client.example.com>',
  'Dec  7 06:00:04 mx postfix/smtp[2{n}]: 8D{n}C: to=<user{n}@gmail.com>, relay=gmail-smtp-in.l.google.com[203.0.113.5]:25, delay=0.9, delays=0.1/0/0.4/0.4, dsn=5.7.26, status=bounced (host gmail-smtp-in.l.google.com[203.0.113.5] said: 550-5.7.26 This mail is unauthenticated. 550 5.7.26 https://support.google.com/mail/answer/81126 - gsmtp (in reply to end of DATA command))',
  '2026-12-07 06:00:05 1tEXAM-00{n}-AB ** user{n}@outlook.com R=dnslookup T=remote_smtp H=outlook-com.olc.protection.outlook.com [203.0.113.9]: SMTP error from remote mail server after RCPT TO:<user{n}@outlook.com>: 550 5.7.606 Access denied, banned sending IP [192.0.2.{n}]. [BN8NAM11FT024.eop-nam11.prod.protection.outlook.com]',
  '2026-12-07 06:00:06 1tEXAM-01{n}-AB == user{n}@example.org R=dnslookup T=remote_smtp defer (-44) H=mx.example.net [192.0.2.3]: SMTP error from remote mail server after RCPT TO:<user{n}@example.org>: 451 4.7.650 The mail server [192.0.2.{n}] has been temporarily rate limited due to IP reputation.',
  'Dec  7 06:00:07 mx sm-mta[4{n}]: 0B7M{n}: to=<user{n}@example.org>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=120{n}, relay=mx.example.net. [192.0.2.4], dsn=5.1.10, stat=User unknown (550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup)',
  'Dec  7 06:00:08 mx postfix/smtp[2{n}]: 9E{n}B: to=<user{n}@example.org>, relay=mx.example.net[192.0.2.8]:25, delay=3, delays=0.1/0/2.5/0.4, dsn=4.7.1, status=deferred (host mx.example.net[192.0.2.8] said: 450 4.7.1 Service unavailable - try again later (in reply to RCPT TO command))',
  'Dec  7 06:00:09 mx postfix/smtp[2{n}]: AF{n}A: to=<user{n}@example.org>, relay=mx.example.net[192.0.2.9]:25, delay=0.5, delays=0.1/0/0.2/0.2, dsn=5.0.0, status=bounced (host mx.example.net[192.0.2.9] said: 550 4.1.1 wrong class (in reply to RCPT TO command))',
  'Dec  7 06:00:10 mx postfix/qmgr[5{n}]: B0{n}9: from=<sender{n}@example.com>, size=4{n}21, nrcpt=1 (queue active) version 3.7.11',
];

/** Lines of the sample per slice: about 40 KB and 260 codes, a few milliseconds of analysis. */
const LINES_PER_SLICE = 160;
/**
 * Slices in all: enough for V8 to optimise the scan's loops, which it does after some thousands of
 * codes. In one process, the first analysis and diagnostics of the 50 MB log took 158-165 ms after
 * no warm-up, 130-135 after 8 slices, 125-130 after 16 and 129-136 after 32; 16 take 43-51 ms in
 * all, about 3 ms a slice.
 */
const SLICES = 16;

/** The sample log of one slice; `slice` varies its numbers. */
export function warmUpSample(slice: number): string {
  const lines: string[] = [];
  for (let i = 0; i < LINES_PER_SLICE; i++) {
    const n = String(slice * LINES_PER_SLICE + i);
    lines.push(SAMPLE_LINES[i % SAMPLE_LINES.length].replaceAll('{n}', n));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Warms the analysis up before the first document needs it. A fresh server runs its first large
 * log in V8's interpreter and baseline code, where the analysis and diagnostics of a 50 MB log
 * take 125-145 and 35-45 ms against 86-100 and 10-17 once optimised. The server analyses a small
 * built-in log after `initialized`, a slice per timer so that every message the client sends
 * meanwhile is handled between two slices (a slice is a few milliseconds); the first large
 * document arrives over hundreds of milliseconds, while the warm-up runs. Nothing it computes is
 * kept or sent.
 */
export function warmUp(slices = SLICES, done?: () => void): void {
  let slice = 0;
  const next = () => {
    const document = TextDocument.create('warm-up:mail.log', 'log', 1, warmUpSample(slice));
    computeDiagnostics(new Analysis(document), document, { groupRepeated: true }, DEFAULT_SETTINGS);
    if (++slice < slices) RAL().timer.setTimeout(next, 0);
    else done?.();
  };
  RAL().timer.setTimeout(next, 0);
}
