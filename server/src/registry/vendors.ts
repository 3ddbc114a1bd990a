/**
 * Vendor-private meanings of enhanced status codes: kept apart from the IANA table, always shown
 * as vendor-specific with the vendor's own documentation named. The wording is ours; the facts
 * come from the pages in `source`.
 */

import type { BounceReason } from './types';

export type VendorId = 'microsoft' | 'google';

/** One vendor code or range of detail codes (`5.7.606`-`5.7.649`). */
export interface VendorCode {
  /** The class it is used with; undefined when the vendor uses it with 4 and 5. */
  class?: 4 | 5;
  subject: number;
  detailFrom: number;
  detailTo: number;
  title: string;
  description: string;
  /** The bounce category the vendor's meaning falls in. */
  reason: BounceReason;
}

export interface Vendor {
  id: VendorId;
  name: string;
  /** The vendor's documentation of its codes. */
  source: string;
  /** Text on the same line (or reply) that says the reply came from this vendor. */
  markers: RegExp;
  codes: readonly VendorCode[];
}

const one = (
  cls: 4 | 5 | undefined,
  subject: number,
  detail: number,
  reason: BounceReason,
  title: string,
  description: string,
): VendorCode => ({
  class: cls,
  subject,
  detailFrom: detail,
  detailTo: detail,
  title,
  description,
  reason,
});

const range = (
  cls: 4 | 5,
  subject: number,
  from: number,
  to: number,
  reason: BounceReason,
  title: string,
  description: string,
): VendorCode => ({
  class: cls,
  subject,
  detailFrom: from,
  detailTo: to,
  title,
  description,
  reason,
});

export const VENDORS: readonly Vendor[] = [
  {
    id: 'microsoft',
    name: 'Microsoft 365 / Exchange Online',
    source:
      'https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online',
    // Exchange Online's host names, its resolver's status names, and its delisting portal.
    markers: /protection\.outlook\.com|\.prod\.outlook\.com|RESOLVER\.[A-Z]{2,}\.|sender\.office\.com|exchangelabs\.com/i,
    codes: [
      one(
        5,
        1,
        10,
        'unknown-user',
        'Recipient not found',
        'Exchange could not find the recipient in the receiving organisation (RESOLVER.ADR.RecipientNotFound): the address is wrong or the mailbox was removed.',
      ),
      range(
        5,
        2,
        121,
        121,
        'rate-limited',
        "Sender over the recipient's hourly limit",
        'The sender has sent this recipient more messages in the last hour than Exchange Online accepts from one sender.',
      ),
      range(
        5,
        2,
        122,
        122,
        'rate-limited',
        'Recipient over its hourly limit',
        'The recipient has received more messages in the last hour than Exchange Online accepts for one mailbox.',
      ),
      one(
        5,
        4,
        14,
        'routing',
        'Hop count exceeded',
        'The message passed through too many servers: usually a mail loop between connectors or forwarding rules.',
      ),
      one(
        4,
        4,
        62,
        'routing',
        'Sent to the wrong datacenter',
        'The message reached an Exchange Online datacenter that does not serve the recipient; usually an on-premises connector that points at the wrong host.',
      ),
      range(
        4,
        4,
        300,
        318,
        'network',
        'Delivery delayed: routing or connection problem',
        'Exchange Online could not reach the next server (DNS lookup, connection refused or timed out) and will try again.',
      ),
      range(
        5,
        4,
        300,
        318,
        'expired',
        'Message expired: routing or connection problem',
        'Exchange Online gave up: the next server stayed unreachable (DNS lookup, connection refused or timed out) until the message expired.',
      ),
      range(
        4,
        7,
        500,
        699,
        'rate-limited',
        'Temporarily throttled',
        "Exchange Online is busy or rate-limits the sending IP address or domain because of its reputation; try again later and check the sender's reputation.",
      ),
      one(
        5,
        7,
        509,
        'sender-authentication',
        'Rejected by DMARC policy',
        'The sending domain failed DMARC verification and publishes a policy of reject.',
      ),
      one(
        5,
        7,
        515,
        'sender-authentication',
        'Authentication level not met',
        'The sending domain does not meet the authentication Outlook.com requires of high-volume senders (SPF, DKIM and DMARC).',
      ),
      range(
        5,
        7,
        606,
        649,
        'blocked-reputation',
        'Banned sending IP address',
        "The sending IP address is on Microsoft's block list; its owner can ask for removal at sender.office.com.",
      ),
      range(
        5,
        7,
        700,
        749,
        'blocked-reputation',
        'Sending tenant blocked',
        'The sending Microsoft 365 organisation is blocked from sending, usually after sending unusual volumes or spam.',
      ),
    ],
  },
  {
    id: 'google',
    name: 'Gmail / Google Workspace',
    source: 'https://support.google.com/a/answer/3726730',
    // Gmail ends every reply with "- gsmtp"; "gcdp" marks custom domain policies.
    markers: /-\s*gsmtp\b|\bgcdp\b|support\.google\.com\/(?:mail|a)\b/i,
    codes: [
      one(
        5,
        7,
        26,
        'sender-authentication',
        'Unauthenticated sender',
        'Neither SPF nor DKIM passed for the sending domain, and Gmail requires one of them.',
      ),
      one(
        undefined,
        7,
        27,
        'sender-authentication',
        'SPF did not pass',
        'The message failed SPF for the sending domain: deferred (4.7.27) or rejected (5.7.27).',
      ),
      one(
        undefined,
        7,
        28,
        'blocked-reputation',
        'Unusual rate of unsolicited mail',
        'Gmail sees an unusual rate of unsolicited mail from the sending IP address or authenticated domain and limits or blocks it.',
      ),
      one(
        undefined,
        7,
        30,
        'sender-authentication',
        'DKIM did not pass',
        'The message failed DKIM for the sending domain: deferred (4.7.30) or rejected (5.7.30).',
      ),
      one(
        undefined,
        7,
        31,
        'sender-authentication',
        'No DMARC policy',
        'The sending domain publishes no DMARC record, which Gmail requires of bulk senders.',
      ),
      one(
        undefined,
        7,
        32,
        'sender-authentication',
        'DMARC alignment failed',
        'The From: domain is aligned with neither the SPF nor the DKIM domain.',
      ),
      one(
        undefined,
        7,
        40,
        'sender-authentication',
        'No DMARC policy',
        'The sending domain publishes no usable DMARC record, which Gmail requires of bulk senders.',
      ),
    ],
  },
];

const byId = new Map(VENDORS.map((v) => [v.id, v]));

export function vendor(id: VendorId): Vendor {
  return byId.get(id)!;
}

/** The vendor's meaning of a code, if it documents one. */
export function lookupVendorCode(id: VendorId, cls: number, subject: number, detail: number): VendorCode | undefined {
  return vendor(id).codes.find(
    (c) => (c.class === undefined || c.class === cls) && c.subject === subject && detail >= c.detailFrom && detail <= c.detailTo,
  );
}

const codeKey = (cls: number, subject: number, detail: number) => (cls * 1000 + subject) * 1000 + detail;

/** Every code some vendor documents, as numbers (a few hundred): asked once per code in a log. */
const VENDOR_CODES: ReadonlySet<number> = new Set(
  VENDORS.flatMap((v) =>
    v.codes.flatMap((c) =>
      (c.class === undefined ? [4, 5] : [c.class]).flatMap((cls) =>
        Array.from({ length: c.detailTo - c.detailFrom + 1 }, (_, i) => codeKey(cls, c.subject, c.detailFrom + i)),
      ),
    ),
  ),
);

/** Whether any vendor documents this code: the recognizer looks for vendor markers only then. */
export function isVendorCode(cls: number, subject: number, detail: number): boolean {
  return detail < 1000 && VENDOR_CODES.has(codeKey(cls, subject, detail));
}

/** The vendor whose markers the text carries, if any. */
export function vendorMarkedIn(text: string): VendorId | undefined {
  return VENDORS.find((v) => v.markers.test(text))?.id;
}
