import type { BounceReason, VendorCode } from '../registry';

/** What a code says about a delivery: whether retrying can help, and why it failed in plain words. */
export interface Classification {
  /** `success` (2.X.X), `transient` (4.X.X: the sender retries), `permanent` (5.X.X: it gives up). */
  permanence: 'success' | 'transient' | 'permanent';
  reason: BounceReason;
}

/** The words a person reads for each reason. */
export const REASON_TEXT: Readonly<Record<BounceReason, string>> = {
  delivered: 'delivered or accepted',
  'unknown-user': 'unknown user: the mailbox does not exist',
  'mailbox-full': 'mailbox full',
  'mailbox-disabled': 'mailbox disabled or not accepting mail',
  'bad-address': 'bad address: the address is malformed or ambiguous',
  'bad-domain': 'bad domain: the domain does not exist or takes no mail',
  'message-too-big': 'message too big',
  content: 'content or format the receiver cannot handle',
  'sender-authentication': 'sender authentication failed (SPF, DKIM, DMARC)',
  authentication: 'SMTP authentication failed or is required',
  'blocked-reputation': 'blocked for reputation or spam',
  'rate-limited': 'rate limited: too many messages or connections',
  policy: 'refused by policy',
  security: 'security or encryption requirement not met',
  network: 'network: the next server could not be reached',
  routing: 'routing: no route, or a loop',
  expired: 'expired: delivery was retried until it timed out',
  protocol: 'protocol error between the mail servers',
  system: 'the receiving system is not able to take the message',
  other: 'other or unspecified',
};

/**
 * Reasons by subject and detail (the class decides only the permanence). Details a subject does
 * not list fall back to the subject's own reason, as RFC 3463 asks clients to do.
 */
const BY_SUBJECT: Readonly<Record<number, { fallback: BounceReason; details: Readonly<Record<number, BounceReason>> }>> = {
  0: { fallback: 'other', details: {} },
  1: {
    fallback: 'bad-address',
    details: { 1: 'unknown-user', 2: 'bad-domain', 5: 'delivered', 6: 'unknown-user', 8: 'bad-domain', 9: 'other', 10: 'bad-domain' },
  },
  2: { fallback: 'mailbox-disabled', details: { 2: 'mailbox-full', 3: 'message-too-big', 4: 'other' } },
  3: { fallback: 'system', details: { 3: 'content', 4: 'message-too-big', 6: 'other' } },
  4: { fallback: 'network', details: { 3: 'routing', 4: 'routing', 5: 'rate-limited', 6: 'routing', 7: 'expired' } },
  5: { fallback: 'protocol', details: { 3: 'policy' } },
  6: { fallback: 'content', details: {} },
  7: {
    fallback: 'policy',
    details: {
      3: 'security',
      4: 'security',
      5: 'security',
      6: 'security',
      7: 'security',
      8: 'authentication',
      9: 'authentication',
      10: 'authentication',
      11: 'authentication',
      12: 'authentication',
      13: 'mailbox-disabled',
      14: 'authentication',
      16: 'message-too-big',
      17: 'unknown-user',
      18: 'bad-domain',
      20: 'sender-authentication',
      21: 'sender-authentication',
      22: 'sender-authentication',
      23: 'sender-authentication',
      24: 'sender-authentication',
      25: 'sender-authentication',
      26: 'sender-authentication',
      27: 'bad-domain',
      28: 'blocked-reputation',
      29: 'sender-authentication',
      30: 'security',
    },
  },
};

/** Classifies a code; a vendor's documented meaning of its own, when there is one, decides the reason. */
export function classify(cls: number, subject: number, detail: number, vendorCode?: VendorCode): Classification {
  const permanence = cls === 2 ? 'success' : cls === 4 ? 'transient' : 'permanent';
  if (cls === 2) return { permanence, reason: 'delivered' };
  if (vendorCode?.reason !== undefined) return { permanence, reason: vendorCode.reason };
  const table = BY_SUBJECT[subject];
  return { permanence, reason: table === undefined ? 'other' : (table.details[detail] ?? table.fallback) };
}

/** One line for a hover: "Permanent failure: unknown user: the mailbox does not exist." */
export function classificationText({ permanence, reason }: Classification): string {
  const head =
    permanence === 'success'
      ? 'Success'
      : permanence === 'transient'
        ? 'Transient failure (the sender retries)'
        : 'Permanent failure (the sender gives up)';
  return permanence === 'success' ? `${head}.` : `${head}: ${REASON_TEXT[reason]}.`;
}
