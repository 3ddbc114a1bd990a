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

/** A log of about `bytes` bytes (ASCII, so characters and bytes agree). */
export function generateLog(bytes: number, seed = 42): string {
  const rand = random(seed);
  const lines: string[] = [];
  let size = 0;
  for (let n = 0; size < bytes; n++) {
    const l = line(rand, n);
    lines.push(l);
    size += l.length + 1;
  }
  return `${lines.join('\n')}\n`;
}
