/**
 * Realistic mail logs for the benchmark, from a seed: Postfix, Exim and Sendmail lines, vendor
 * codes (Microsoft, Google), and decoys (IPv4 addresses, versions, timings). Same seed, same text.
 */

/** A small deterministic generator (mulberry32): the benchmark must measure the same text every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REPLIES = [
  '550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table',
  '450 4.7.1 <{host}>: Helo command rejected: Host not found',
  '552 5.2.2 <{rcpt}>: Mailbox full',
  '451 4.7.1 Service unavailable - try again later',
  '550-5.7.26 This mail has been blocked because the sender is unauthenticated. 550-5.7.26 Gmail requires all senders to authenticate. 550 5.7.26 https://support.google.com/mail/answer/81126 - gsmtp',
  '550 5.7.606 Access denied, banned sending IP [{ip}]. To request removal from this list please visit https://sender.office.com/ [BN8NAM11FT024.eop-nam11.prod.protection.outlook.com]',
  '451 4.7.650 The mail server [{ip}] has been temporarily rate limited due to IP reputation.',
  '554 5.7.1 <{rcpt}>: Relay access denied',
  '421 4.7.0 Try again later, closing connection.',
  '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
  '553 5.6.10 header too long',
  '550 4.1.1 wrong class',
];

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)];
const ip = (rand: () => number) =>
  `${10 + Math.floor(rand() * 200)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}`;
const id = (rand: () => number) =>
  Math.floor(rand() * 0xffffffffff)
    .toString(16)
    .toUpperCase()
    .padStart(10, '0');

function line(rand: () => number, n: number): string {
  const t = `Nov 22 ${String(10 + (n % 14)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:${String((n * 7) % 60).padStart(2, '0')}`;
  const host = `mx${Math.floor(rand() * 99)}.example.net`;
  const rcpt = `user${Math.floor(rand() * 9999)}@example.org`;
  const addr = ip(rand);
  const reply = pick(rand, REPLIES).replace('{rcpt}', rcpt).replace('{host}', host).replace('{ip}', addr);
  const r = rand();
  if (r < 0.25) {
    return `${t} mail postfix/smtp[${1000 + (n % 9000)}]: ${id(rand)}: to=<${rcpt}>, relay=${host}[${addr}]:25, delay=${(rand() * 9).toFixed(2)}, delays=0.1/0/0.2/0.5, dsn=5.1.1, status=bounced (host ${host}[${addr}] said: ${reply} (in reply to RCPT TO command))`;
  }
  if (r < 0.45) {
    return `${t} mail postfix/smtp[${1000 + (n % 9000)}]: ${id(rand)}: to=<${rcpt}>, relay=${host}[${addr}]:25, delay=0.4, delays=0.1/0/0.2/0.1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ${id(rand)})`;
  }
  if (r < 0.6) {
    return `${t} mail postfix/smtpd[${1000 + (n % 9000)}]: NOQUEUE: reject: RCPT from unknown[${addr}]: ${reply}; from=<bounce@example.com> to=<${rcpt}> proto=ESMTP helo=<${host}>`;
  }
  if (r < 0.72) {
    return `2026-11-22 10:${String(n % 60).padStart(2, '0')}:00 1tEXAM-${id(rand).slice(0, 6)}-AB ** ${rcpt} R=dnslookup T=remote_smtp H=${host} [${addr}]: SMTP error from remote mail server after RCPT TO:<${rcpt}>: ${reply}`;
  }
  if (r < 0.84) {
    return `${t} mail sendmail[${1000 + (n % 9000)}]: ${id(rand)}: to=<${rcpt}>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=120, relay=${host}. [${addr}], dsn=4.4.1, stat=Deferred: Connection refused by ${host}.`;
  }
  if (r < 0.92) {
    return `${t} mail postfix/smtpd[${1000 + (n % 9000)}]: connect from unknown[${addr}] (postfix version 3.7.11, TLSv1.3 with cipher TLS_AES_256_GCM_SHA384)`;
  }
  return `${t} mail dovecot: imap-login: Login: user=<${rcpt}>, method=PLAIN, rip=${addr}, lip=10.5.1.2, mpid=${n}, TLS, session=<${id(rand)}>`;
}

/**
 * A log of about `bytes` bytes (ASCII, so characters and bytes agree), ending in a line break. One
 * flat string, as a file's decoded text or a parsed `didOpen` is: the join's result with a `\n`
 * appended would be a pair of strings that V8 reads through one more step at every character
 * (the analysis ran about 10% slower on it; a regex flattens its subject first and did not).
 */
export function generateLog(bytes: number, seed = 42): string {
  const rand = random(seed);
  const lines: string[] = [];
  let size = 0;
  for (let n = 0; size < bytes; n++) {
    const l = line(rand, n);
    lines.push(l);
    size += l.length + 1;
  }
  lines.push('');
  return lines.join('\n');
}

const POSTFIX_REPLIES = [
  '550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table',
  '552 5.2.2 <{rcpt}>: Mailbox full',
  '550 5.7.1 Message rejected as spam',
  '550-5.7.26 Unauthenticated email is not accepted from this domain. 550 5.7.26 https://support.google.com/mail/answer/81126 - gsmtp',
  '550 5.7.606 Access denied, banned sending IP [{ip}]. [BN8NAM11FT024.eop-nam11.prod.protection.outlook.com]',
];
const POSTFIX_DEFERRALS = [
  '451 4.7.1 Greylisted, try again later',
  '421 4.7.0 Try again later, closing connection.',
  '450 4.2.0 Mailbox temporarily unavailable',
  '451 4.7.650 The mail server [{ip}] has been temporarily rate limited',
];
const POSTFIX_REJECTS = [
  'RCPT from unknown[{ip}]: 554 5.7.1 <{rcpt}>: Relay access denied',
  'RCPT from unknown[{ip}]: 450 4.7.25 Client host rejected: cannot find your hostname, [{ip}]',
  'RCPT from unknown[{ip}]: 550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in local recipient table',
];

/**
 * A Postfix log of about `bytes` bytes, as a busy relay writes it: connections, queue entries,
 * deliveries sent, deferred and bounced, expiries, smtpd, postscreen and cleanup rejects, reject
 * warnings and milter rejects, in syslog format with a timestamp a second apart. The benchmark
 * compares `smtp-status` with grep and pflogsumm on it; a test checks it against pflogsumm.
 */
export function generatePostfixLog(bytes: number, seed = 42): string {
  const rand = random(seed);
  const lines: string[] = [];
  let size = 0;
  const push = (line: string) => {
    lines.push(line);
    size += line.length + 1;
  };
  for (let n = 0; size < bytes; n++) {
    const t = `Nov ${String(20 + (Math.floor(n / 86400) % 9)).padStart(2, ' ')} ${String(Math.floor(n / 3600) % 24).padStart(2, '0')}:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')} mx`;
    const qid = id(rand);
    const addr = ip(rand);
    const rcpt = `user${Math.floor(rand() * 9999)}@example.org`;
    const host = `mx${Math.floor(rand() * 99)}.example.net`;
    const fill = (s: string) => s.replace('{rcpt}', rcpt).replace('{ip}', addr).replace('{ip}', addr);
    const r = rand();
    if (r < 0.2) {
      push(`${t} postfix/smtpd[${1000 + (n % 9000)}]: connect from ${host}[${addr}]`);
      push(`${t} postfix/smtpd[${1000 + (n % 9000)}]: ${qid}: client=${host}[${addr}]`);
      push(`${t} postfix/cleanup[${1000 + (n % 900)}]: ${qid}: message-id=<${qid}@${host}>`);
      push(`${t} postfix/qmgr[700]: ${qid}: from=<sender@${host}>, size=${1000 + Math.floor(rand() * 90000)}, nrcpt=1 (queue active)`);
      push(
        `${t} postfix/smtp[${2000 + (n % 900)}]: ${qid}: to=<${rcpt}>, relay=${host}[${addr}]:25, delay=0.4, delays=0.1/0/0.2/0.1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ${id(rand)})`,
      );
      push(`${t} postfix/qmgr[700]: ${qid}: removed`);
    } else if (r < 0.32) {
      const reply = fill(pick(rand, POSTFIX_REPLIES));
      const dsn = / (5\.\d\.\d+)/.exec(reply)?.[1] ?? '5.0.0';
      push(
        `${t} postfix/smtp[${2000 + (n % 900)}]: ${qid}: to=<${rcpt}>, relay=${host}[${addr}]:25, delay=${(rand() * 9).toFixed(1)}, delays=0.1/0/0.2/0.5, dsn=${dsn}, status=bounced (host ${host}[${addr}] said: ${reply} (in reply to RCPT TO command))`,
      );
    } else if (r < 0.46) {
      const reply = fill(pick(rand, POSTFIX_DEFERRALS));
      push(
        `${t} postfix/smtp[${2000 + (n % 900)}]: ${qid}: to=<${rcpt}>, relay=${host}[${addr}]:25, delay=${Math.floor(rand() * 9000)}, delays=0.1/0/0.2/0.5, dsn=${reply.split(' ')[1]}, status=deferred (host ${host}[${addr}] said: ${reply} (in reply to RCPT TO command))`,
      );
    } else if (r < 0.48) {
      push(`${t} postfix/qmgr[700]: ${qid}: from=<sender@${host}>, status=expired, returned to sender`);
    } else if (r < 0.64) {
      push(
        `${t} postfix/smtpd[${1000 + (n % 9000)}]: NOQUEUE: reject: ${fill(pick(rand, POSTFIX_REJECTS))}; from=<bounce@${host}> to=<${rcpt}> proto=ESMTP helo=<${host}>`,
      );
    } else if (r < 0.7) {
      push(
        `${t} postfix/postscreen[800]: NOQUEUE: reject: RCPT from [${addr}]:${40000 + (n % 20000)}: 550 5.7.1 Service unavailable; client [${addr}] blocked using zen.spamhaus.org; from=<x@${host}>, to=<${rcpt}>, proto=ESMTP, helo=<${host}>`,
      );
    } else if (r < 0.73) {
      push(
        `${t} postfix/cleanup[${1000 + (n % 900)}]: ${qid}: milter-reject: END-OF-MESSAGE from ${host}[${addr}]: 5.7.1 Spam message rejected; from=<a@${host}> to=<${rcpt}> proto=ESMTP helo=<${host}>`,
      );
    } else if (r < 0.75) {
      push(
        `${t} postfix/smtpd[${1000 + (n % 9000)}]: NOQUEUE: milter-reject: RCPT from ${host}[${addr}]: 451 4.7.1 Try again later; from=<a@${host}> to=<${rcpt}> proto=ESMTP helo=<${host}>`,
      );
    } else if (r < 0.78) {
      push(
        `${t} postfix/smtpd[${1000 + (n % 9000)}]: NOQUEUE: reject_warning: RCPT from unknown[${addr}]: 450 4.7.1 Client host rejected: cannot find your reverse hostname, [${addr}]; from=<x@${host}> to=<${rcpt}> proto=ESMTP helo=<${host}>`,
      );
    } else if (r < 0.8) {
      push(
        `${t} postfix/cleanup[${1000 + (n % 900)}]: ${qid}: warning: header Subject: Invoice ${n} from ${host}[${addr}]; from=<a@${host}> to=<${rcpt}> proto=ESMTP helo=<${host}>`,
      );
    } else if (r < 0.9) {
      push(`${t} postfix/postscreen[800]: CONNECT from [${addr}]:${40000 + (n % 20000)} to [198.51.100.25]:25`);
      push(`${t} postfix/postscreen[800]: PASS OLD [${addr}]:${40000 + (n % 20000)}`);
    } else {
      push(`${t} postfix/smtpd[${1000 + (n % 9000)}]: disconnect from ${host}[${addr}] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5`);
    }
  }
  return `${lines.join('\n')}\n`;
}
