/**
 * Vendor-private meanings of enhanced status codes: kept apart from the IANA table, always shown
 * with the vendor's own documentation named. The wording is ours; the facts (which codes exist,
 * what the vendor says they mean, the cause and the fix) come from the pages in `source`.
 *
 * Microsoft's pages are those of Exchange Online's non-delivery reports (the table of codes and
 * one page per code or range), CC-BY-4.0, as of MicrosoftDocs/OfficeDocs-Exchange in 2022.
 */

import { VENDOR_NAMES, type VendorId } from '../../../common';
import type { BounceReason } from './types';

export type { VendorId };

/** One vendor code or range of detail codes (`5.7.606`-`5.7.649`). */
export interface VendorCode {
  /** The class it is used with; undefined when the vendor uses it with 4 and 5. */
  class?: 4 | 5;
  subject: number;
  detailFrom: number;
  detailTo: number;
  title: string;
  /** What the vendor says the code means and why it is returned. */
  cause: string;
  /** What to do about it, in one line. */
  fix?: string;
  /** The page that documents the code; the vendor's `source` when undefined. */
  source?: string;
  /**
   * The bounce category of the vendor's meaning. Undefined for a code IANA registers that the
   * vendor uses in the registered sense: IANA's category stands.
   */
  reason?: BounceReason;
  /**
   * For a code IANA registers: `reused` when the vendor gives the number a meaning of its own
   * (Gmail's 5.7.27 is "SPF did not pass", IANA's X.7.27 "Sender address has null MX"), `refined`
   * when it uses IANA's meaning and documents its own causes and fixes (Exchange's 5.1.1).
   * Undefined for a code IANA does not register (a unit test holds the two together).
   */
  registered?: 'reused' | 'refined';
}

export interface Vendor {
  id: VendorId;
  name: string;
  /** The vendor's documentation of its codes. */
  source: string;
  /** Text on the same line (or reply, or report) that says the reply came from this vendor. */
  markers: RegExp;
  codes: readonly VendorCode[];
}

type CodeFacts = Omit<VendorCode, 'class' | 'subject' | 'detailFrom' | 'detailTo'>;

/**
 * A vendor code from its spelling: `5.7.606`, a range `5.7.606-649`, or `X.7.321` for both
 * classes, with what is known about it.
 */
function code(spec: string, facts: CodeFacts): VendorCode {
  const m = /^([45X])\.(\d{1,3})\.(\d{1,3})(?:-(\d{1,3}))?$/.exec(spec);
  if (m === null) throw new Error(`vendors.ts: bad code ${spec}`);
  const detailFrom = Number(m[3]);
  return {
    class: m[1] === 'X' ? undefined : (Number(m[1]) as 4 | 5),
    subject: Number(m[2]),
    detailFrom,
    detailTo: m[4] === undefined ? detailFrom : Number(m[4]),
    ...facts,
  };
}

const EXCHANGE_ONLINE_NDRS = 'https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/';
/** One of Microsoft's pages about Exchange Online's non-delivery reports. */
const ms = (page: string) => `${EXCHANGE_ONLINE_NDRS}${page}`;
/** The table of NDR codes. */
const MS_TABLE = ms('non-delivery-reports-in-exchange-online');
const MS_EXTERNAL_SENDERS = 'The recipient is set up to refuse mail from outside its organisation (or from unauthenticated senders).';
const MS_ALLOW_SENDERS =
  "Only the recipient's admins can fix it: let all senders (or just this one) send to it in the Exchange admin center.";

const MICROSOFT: Vendor = {
  id: 'microsoft',
  name: VENDOR_NAMES.microsoft,
  source: MS_TABLE,
  // Exchange Online's host names (and Outlook.com's), its resolver's and store driver's status
  // names, and its delisting portal. The pattern reads every line that holds a vendor's own code,
  // so it is tried at as few places as it can be: the host names at their `.com`, checked behind
  // it (`protection.outlook.com`, a label before `.hotmail.com`), the status names at their
  // first letter, a word's start before `STOREDRV` checked once it has matched.
  markers:
    /\.com(?:(?<=protection\.outlook\.com|\.prod\.outlook\.com|sender\.office\.com|exchangelabs\.com)|\b(?<=[\w-]\.hotmail\.com))|RESOLVER\.[A-Z]{2,}\.|STOREDRV\.\w(?<!\wSTOREDRV\.\w)/i,
  codes: [
    code('4.3.2', {
      title: 'Recipient thread limit exceeded',
      cause:
        'The recipient mailbox receives too many messages too quickly (`STOREDRV.Deliver; recipient thread limit exceeded`), so Exchange throttles its delivery for a while.',
      fix: 'Nothing to change on the sending side: the message is retried, and goes through once the mailbox is no longer flooded.',
      source: MS_TABLE,
      registered: 'refined',
    }),
    code('4.4.62', {
      title: 'Sent to the wrong datacenter',
      cause:
        'The message reached an Exchange Online datacenter that does not serve the recipient; usually an on-premises connector that points at the wrong host.',
      reason: 'routing',
    }),
    code('4.4.316', {
      title: 'Connection refused',
      cause:
        "Exchange Online cannot connect to the receiving server outside Microsoft 365 (`Socket error code 10061`): a network problem at the receiver's end.",
      fix: 'The receiving organisation must fix its server or network; the IP address in the error names the server.',
      source: MS_TABLE,
      reason: 'network',
    }),
    code('4.4.300-318', {
      title: 'Delivery delayed: routing or connection problem',
      cause: 'Exchange Online could not reach the next server (DNS lookup, connection refused or timed out) and will try again.',
      fix: "Check that the destination's MX record and server answer; the message is retried meanwhile.",
      reason: 'network',
    }),
    code('4.4.7', {
      title: 'Message expired',
      cause:
        'The message stayed in the queue until it expired: the receiving server was offline, unreachable or would not take it, or a protocol time-out kept happening.',
      fix: "Check the recipient's address and whether the destination's server is up; on your side, check your MX and SPF records and, in a hybrid setup, the connectors.",
      source: ms('fix-error-code-550-4-4-7-in-exchange-online'),
      registered: 'refined',
    }),
    code('4.5.3', {
      title: 'Too many recipients',
      cause: 'The message has more than 200 envelope recipients in the same domain.',
      fix: 'The sending server must split the recipients into smaller batches and send again.',
      source: MS_TABLE,
      registered: 'refined',
    }),
    code('4.7.26', {
      title: 'IPv6 sender not authenticated',
      cause: 'A message sent over IPv6 must pass SPF or DKIM, and this one passed neither (it was not signed).',
      fix: 'Sign the mail with DKIM or publish SPF for the sending IPv6 address, or send over IPv4.',
      source: MS_TABLE,
      registered: 'refined',
    }),
    code('X.7.321', {
      title: 'Destination does not support TLS',
      cause:
        "DNSSEC checks passed, but the destination server does not answer STARTTLS or its TLS handshake fails (`starttls-not-supported`); the domain's DANE records require TLS.",
      fix: "The destination's admins must make STARTTLS work on the server the MX names.",
      source: MS_TABLE,
      reason: 'security',
    }),
    code('X.7.322', {
      title: "Destination's certificate expired",
      cause: "DNSSEC checks passed, but the destination server's X.509 certificate has expired (`certificate-expired`).",
      fix: "The destination's admins must renew the certificate.",
      source: MS_TABLE,
      reason: 'security',
    }),
    code('X.7.323', {
      title: 'DANE validation failed',
      cause:
        "The destination's TLSA records are DNSSEC-authentic but the server's certificate does not match them, or the records are wrong (`tlsa-invalid`).",
      fix: "The destination's admins must make the TLSA records and the certificate agree.",
      source: MS_TABLE,
      reason: 'security',
    }),
    code('X.7.324', {
      title: 'Invalid DNSSEC records',
      cause: 'The destination domain claims to be DNSSEC-signed, but Exchange Online could not validate its records (`dnssec-invalid`).',
      fix: "The destination's admins must fix the domain's DNSSEC signatures.",
      source: MS_TABLE,
      reason: 'security',
    }),
    code('X.7.325', {
      title: 'Certificate does not match the host name',
      cause:
        "The destination server's certificate names neither the domain nor the MX host (`certificate-host-mismatch`), which DANE requires.",
      fix: "The destination's admins must present a certificate for the MX host's name.",
      source: MS_TABLE,
      reason: 'security',
    }),
    code('4.7.500-699', {
      title: 'Temporarily throttled',
      cause:
        'The sending IP address suddenly sends much more than it used to, and Exchange Online Protection throttles it (graylisting, `ASxxx`) while it evaluates the traffic.',
      fix: 'Wait: the limit lifts as the IP address builds a sending history; an EOP customer relaying its own mail sets up a connector for it.',
      source: ms('fix-error-code-451-4-7-500-699-asxxx-in-exchange-online'),
      reason: 'rate-limited',
    }),
    code('4.7.850-899', {
      title: 'Sending IP temporarily restricted',
      cause: 'Suspicious activity was seen from the sending IP address, which is restricted while Microsoft evaluates it.',
      fix: 'Wait: if the traffic is legitimate the restriction is lifted shortly.',
      source: MS_TABLE,
      reason: 'blocked-reputation',
    }),
    code('5.0.350', {
      title: "Generic error from the recipient's organisation",
      cause:
        "A catch-all wrapper for errors the recipient's side returned. With `x-dg-ref header is too long`: a Rich Text message with attached messages inside attachments; with `AS345`: an attachment with 20 or more embedded files.",
      fix: 'Read the original error in the NDR; for x-dg-ref send as HTML instead of Rich Text, for AS345 remove embedded files from the attachment.',
      source: ms('fix-error-code-550-5-0-350-in-exchange-online'),
      reason: 'other',
    }),
    code('5.1.0', {
      title: 'Sender denied',
      cause:
        "The destination server will not take mail from the sender, or for the recipient: the sender is on the recipient's block list, an Auto-Complete entry is stale, or the sender's SPF record is incomplete.",
      fix: "Check you are not on the recipient's block list, retype the address instead of using Auto-Complete, and check your domain's SPF record.",
      source: ms('fix-error-code-550-5-1-0-in-exchange-online'),
      registered: 'refined',
    }),
    code('5.1.1', {
      title: 'Bad destination mailbox address',
      cause:
        "The address is mistyped or no longer exists, or the recipient's mailbox moved and the sender's Outlook still has the old entry (an invalid legacyExchangeDN).",
      fix: "Check the address, remove the recipient from Outlook's Auto-Complete list and type it again; if you never sent the message, it is backscatter.",
      source: ms('fix-error-code-550-5-1-1-through-5-1-20-in-exchange-online'),
      registered: 'refined',
    }),
    code('5.1.8', {
      title: 'Bad outbound sender',
      cause:
        'The sending account is blocked for sending too much spam (`Access denied, bad outbound sender`), usually because it was compromised.',
      fix: "Secure the account (new password, malware scan), then an admin unblocks it on Microsoft 365 Defender's Restricted users page.",
      source: ms('fix-error-code-5-1-8-in-exchange-online'),
      reason: 'blocked-reputation',
      registered: 'reused',
    }),
    code('5.1.10', {
      title: 'Recipient not found',
      cause:
        'Exchange could not find the recipient in the receiving organisation (`RESOLVER.ADR.RecipientNotFound`): the address is wrong, the mailbox was removed, or a forwarding rule points at a bad address.',
      fix: "Check the address and send again; the recipient's admin checks that the mailbox exists, is licensed and forwards nowhere broken. If you never sent the message, it is backscatter.",
      source: ms('fix-error-code-550-5-1-10-in-exchange-online'),
      reason: 'unknown-user',
      registered: 'reused',
    }),
    code('5.1.2-9', {
      title: 'Recipient address problem',
      cause:
        "Microsoft's page for 5.1.1 to 5.1.20 covers it: a mistyped or removed address, a stale Auto-Complete entry, or a forwarding rule to a bad address.",
      fix: "Check the address, remove the recipient from Outlook's Auto-Complete list and type it again.",
      source: ms('fix-error-code-550-5-1-1-through-5-1-20-in-exchange-online'),
      registered: 'refined',
    }),
    code('5.1.11-20', {
      title: 'Recipient address problem',
      cause:
        "One of Exchange's codes for a recipient that does not exist or cannot be resolved (a mistyped address, a stale Auto-Complete entry, a forwarding rule to a bad address).",
      fix: "Check the address, remove the recipient from Outlook's Auto-Complete list and type it again.",
      source: ms('fix-error-code-550-5-1-1-through-5-1-20-in-exchange-online'),
      reason: 'unknown-user',
    }),
    code('5.1.90', {
      title: 'Daily recipient limit reached',
      cause: 'The sender has reached its daily limit of message recipients in Exchange Online.',
      fix: 'Wait a day before sending more; if you did not send that much mail, the account may be compromised.',
      source: MS_TABLE,
      reason: 'rate-limited',
    }),
    code('5.2.2', {
      title: 'Submission quota exceeded',
      cause: 'Exchange Online also returns it when the sender exceeds its recipient or message rate limit (its sending limits).',
      fix: 'Send less, later; an unexpected quota hit can mean the account is compromised.',
      source: ms('fix-error-for-submission-quota-exceeded-in-exchange-online'),
      registered: 'refined',
    }),
    code('5.2.121', {
      title: "Sender over the recipient's hourly limit",
      cause: 'The sender has sent this recipient more messages in the last hour than Exchange Online accepts from one sender.',
      fix: 'Send this recipient fewer messages per hour, and try again later.',
      source: MS_TABLE,
      reason: 'rate-limited',
    }),
    code('5.2.122', {
      title: 'Recipient over its hourly limit',
      cause: 'The recipient has received more messages in the last hour, from all senders, than Exchange Online accepts for one mailbox.',
      fix: 'Try again later, with fewer messages per hour.',
      source: MS_TABLE,
      reason: 'rate-limited',
    }),
    code('5.3.190', {
      title: 'Journaling to Microsoft 365 not enabled',
      cause:
        'An on-premises journaling rule sends journal reports to Microsoft 365, but the organisation has Journaling Archive turned off.',
      fix: 'Turn on Journaling Archive, or point the journaling rule somewhere else.',
      source: MS_TABLE,
      reason: 'policy',
    }),
    code('5.4.1', {
      title: 'Relay access denied',
      cause:
        "The server does not accept mail for the recipient's domain (`Relay Access Denied`: an MX or accepted-domain misconfiguration), or the recipient does not exist (`Recipient address rejected: Access denied`).",
      fix: "The domain's MX record must be the only one and point at <domain>.mail.protection.outlook.com, the domain an accepted domain; DNS changes can take 72 hours.",
      source: ms('fix-error-code-550-5-4-1-in-exchange-online'),
      reason: 'routing',
      registered: 'reused',
    }),
    code('5.4.6', {
      title: 'Routing loop (Exchange Server)',
      cause: 'On-premises Exchange saw the message loop (`Hop count exceeded - possible mail loop`), typically in a hybrid setup.',
      fix: 'Check the accepted domains and the hybrid connectors (rerun the Hybrid Configuration Wizard).',
      source: ms('fix-error-code-5-4-6-through-5-4-20-in-exchange-online'),
      registered: 'refined',
    }),
    code('5.4.7', {
      title: 'Routing loop or broken route',
      cause:
        "Microsoft's page on mail loops covers 5.4.6 to 5.4.20: a message that circles between misconfigured connectors can also expire.",
      fix: 'Check the accepted domains and the hybrid connectors (rerun the Hybrid Configuration Wizard).',
      source: ms('fix-error-code-5-4-6-through-5-4-20-in-exchange-online'),
      registered: 'refined',
    }),
    code('5.4.14', {
      title: 'Hop count exceeded',
      cause:
        'The message passed through too many servers (`Hop count exceeded - possible mail loop ATTR34`): a mail loop, usually from an accepted domain or hybrid connector set up wrong.',
      fix: "Make the recipient's domain an authoritative accepted domain and fix the hybrid connectors (rerun the Hybrid Configuration Wizard).",
      source: ms('fix-error-code-5-4-6-through-5-4-20-in-exchange-online'),
      reason: 'routing',
    }),
    code('5.4.8-20', {
      title: 'Routing loop or broken route',
      cause: "One of Exchange Online's codes for a mail loop or a broken route: accepted domain or hybrid connector misconfiguration.",
      fix: 'Check the accepted domains and the hybrid connectors (rerun the Hybrid Configuration Wizard).',
      source: ms('fix-error-code-5-4-6-through-5-4-20-in-exchange-online'),
      reason: 'routing',
    }),
    code('5.4.300-318', {
      title: 'Message expired: routing or connection problem',
      cause:
        'Exchange Online gave up: the next server never answered (DNS lookup, connection refused or timed out) until the message expired, or the NDR about it could not be delivered.',
      fix: "Check the destination's MX record and server; then send again.",
      source: MS_TABLE,
      reason: 'expired',
    }),
    code('5.5.0', {
      title: 'Mailbox unavailable (Outlook.com)',
      cause:
        'Outlook.com and Hotmail answer `Requested action not taken: mailbox unavailable` with it when the recipient address is not found.',
      fix: 'Check the recipient address.',
      source: MS_TABLE,
      registered: 'refined',
    }),
    code('5.6.11', {
      title: 'Bare line feeds',
      cause:
        'The message contains bare line feeds (LF without CR), which need BDAT (SMTP CHUNKING, RFC 3030), and the destination server does not support BDAT.',
      fix: "The recipient's admins allow bare line feeds (Exchange: `BareLinefeedRejectionEnabled $false`) or move to a server with BDAT.",
      source: ms('fix-error-code-550-5-6-11-in-exchange-online'),
      reason: 'content',
    }),
    code('5.7.1', {
      title: 'Delivery not authorized',
      cause:
        "A security setting refuses the message: no permission to send to the recipient or to a restricted group, relaying not allowed, or the receiver requires authentication. Microsoft's page covers 5.7.0 to 5.7.999 too.",
      fix: 'Ask the recipient (or the group owner) to accept you as a sender; admins check mail flow rules, connectors and the MX record.',
      source: ms('fix-error-code-550-5-7-1-in-exchange-online'),
      registered: 'refined',
    }),
    code('5.7.12', {
      title: 'Sender not authenticated by organisation',
      cause: MS_EXTERNAL_SENDERS,
      fix: MS_ALLOW_SENDERS,
      source: ms('fix-error-code-5-7-12-in-exchange-online'),
      reason: 'policy',
      registered: 'reused',
    }),
    code('5.7.13', {
      title: 'Public folder refuses external senders',
      cause: 'The recipient is a public folder set up to refuse mail from outside its organisation.',
      fix: MS_ALLOW_SENDERS,
      source: ms('fix-error-code-5-7-13-or-5-7-135-in-exchange-online'),
      reason: 'policy',
      registered: 'reused',
    }),
    code('5.7.23', {
      title: 'SPF violation',
      cause: "The destination checks SPF and the sender's SPF set-up fails it.",
      fix: "Check your domain's SPF record lists every sending source (on-premises IPs too), add all your domains to Microsoft 365, and check the message did not leave through the high-risk delivery pool.",
      source: ms('fix-error-code-5-7-23-in-exchange-online'),
      registered: 'refined',
    }),
    code('5.7.25', {
      title: 'IPv6 sender without reverse DNS',
      cause: 'The sending IPv6 address has no reverse DNS (PTR) record, which mail over IPv6 requires.',
      fix: 'Publish a PTR record for the sending IPv6 address.',
      source: MS_TABLE,
      registered: 'refined',
    }),
    code('5.7.57', {
      title: 'Client not authenticated',
      cause:
        'An application or device sends through smtp.office365.com without authenticating (`Client was not authenticated to send anonymous mail during MAIL FROM`).',
      fix: 'Give the application the credentials of a user with an Exchange Online mailbox, and make sure it can negotiate TLS.',
      source: ms('fix-error-code-5-7-57-in-exchange-online'),
      reason: 'authentication',
    }),
    code('5.7.64', {
      title: 'Tenant attribution failed',
      cause:
        'Mail from the on-premises servers no longer matches the inbound connector (`TenantAttribution; Relay Access Denied`): its certificate name or source IP address changed.',
      fix: "Update the inbound connector to the on-premises server's current certificate or IP address.",
      source: ms('fix-error-code-5-7-64-in-exchange-online'),
      reason: 'policy',
    }),
    code('5.7.124', {
      title: "Sender not in the group's allowed senders",
      cause: "The recipient is a group whose allowed senders list does not have the sender (even a group's owner may need to be on it).",
      fix: 'Join the group, or ask its owner to add you to its allowed senders.',
      source: ms('fix-error-code-5-7-124-in-exchange-online'),
      reason: 'policy',
    }),
    code('5.7.133', {
      title: 'Group refuses external senders',
      cause: 'The recipient is a group set up to refuse mail from outside its organisation.',
      fix: "Only the group's owner or the recipient's admins can fix it: let external senders (or just this one) send to the group.",
      source: ms('fix-error-code-5-7-133-in-exchange-online'),
      reason: 'policy',
    }),
    code('5.7.134', {
      title: 'Mailbox refuses external senders',
      cause: 'The recipient is a mailbox set up to refuse mail from outside its organisation.',
      fix: MS_ALLOW_SENDERS,
      source: ms('fix-error-code-5-7-134-in-exchange-online'),
      reason: 'policy',
    }),
    code('5.7.135', {
      title: 'Public folder refuses external senders',
      cause: 'The recipient is a public folder set up to refuse mail from outside its organisation.',
      fix: MS_ALLOW_SENDERS,
      source: ms('fix-error-code-5-7-13-or-5-7-135-in-exchange-online'),
      reason: 'policy',
    }),
    code('5.7.136', {
      title: 'Mail user refuses external senders',
      cause: 'The recipient is a mail user set up to refuse mail from outside its organisation.',
      fix: MS_ALLOW_SENDERS,
      source: ms('fix-error-code-5-7-136-in-exchange-online'),
      reason: 'policy',
    }),
    code('5.7.139', {
      title: 'SMTP AUTH disabled',
      cause:
        'Authentication through SMTP AUTH (client submission to smtp.office365.com) was refused: SMTP AUTH is turned off for the organisation or the mailbox, or security defaults block basic authentication.',
      fix: 'Use OAuth for SMTP, or have an admin turn on authenticated SMTP for the mailbox (and the organisation).',
      source: 'https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission',
      reason: 'authentication',
    }),
    code('5.7.501-503', {
      title: 'Sending account banned',
      cause: 'The sending account was banned for spam (`Access denied, spam abuse detected`, `banned sender`).',
      fix: "Resolve the account's problems and reset its credentials, then ask Microsoft support to restore its sending.",
      source: MS_TABLE,
      reason: 'blocked-reputation',
    }),
    code('5.7.504', {
      title: 'Recipient address rejected',
      cause: 'The recipient address is not valid (`Recipient address rejected: Access denied`).',
      fix: 'Check the recipient address and send again.',
      source: MS_TABLE,
      reason: 'unknown-user',
    }),
    code('5.7.505', {
      title: 'Banned recipient',
      cause: 'The recipient is not valid (`Access denied, banned recipient`).',
      fix: 'If you think it is a mistake, contact Microsoft support.',
      source: MS_TABLE,
      reason: 'mailbox-disabled',
    }),
    code('5.7.506', {
      title: 'Bad HELO',
      cause:
        'The sending server introduced itself (HELO/EHLO) with the name of the server it connected to instead of its own: spambot behaviour.',
      fix: 'Make the server say its own fully qualified domain name in HELO/EHLO.',
      source: MS_TABLE,
      reason: 'protocol',
    }),
    code('5.7.507', {
      title: 'Rejected by recipient',
      cause: "The recipient's organisation blocks the sending IP address.",
      fix: 'Ask the recipient to have the block lifted.',
      source: MS_TABLE,
      reason: 'blocked-reputation',
    }),
    code('5.7.508', {
      title: 'IPv6 range over its limits',
      cause: "The sender's IPv6 range sent too many messages in too short a time.",
      fix: 'Send more slowly from the range.',
      source: MS_TABLE,
      reason: 'rate-limited',
    }),
    code('5.7.509', {
      title: 'Rejected by DMARC policy',
      cause: 'The sending domain (the From: address) failed DMARC verification and publishes a policy of reject.',
      fix: 'Make the From: domain pass DMARC: an SPF or DKIM pass aligned with it.',
      source: MS_TABLE,
      reason: 'sender-authentication',
    }),
    code('5.7.510', {
      title: 'Recipient does not accept IPv6',
      cause: 'The message came over IPv6, and the recipient domain does not accept mail over IPv6.',
      fix: 'Send to this domain over IPv4.',
      source: MS_TABLE,
      reason: 'policy',
    }),
    code('5.7.511', {
      title: 'Banned sending IP',
      cause: 'The sending IP address is banned.',
      fix: 'Ask for delisting at delist@messaging.microsoft.com with the whole NDR and the IP address.',
      source: MS_TABLE,
      reason: 'blocked-reputation',
    }),
    code('5.7.512', {
      title: 'No valid From: address',
      cause: 'The message has no valid From: address (RFC 5322 section 3.6.2), which Office 365 requires.',
      fix: 'Send with a valid From: header field, the address in angle brackets.',
      source: MS_TABLE,
      reason: 'content',
    }),
    code('5.7.513', {
      title: "On the recipient's block list",
      cause: 'The recipient domain put the sending IP address on its own block list (`Customer Block list (AS16012607)`).',
      fix: 'Ask the recipient domain to take the IP address off its block list.',
      source: MS_TABLE,
      reason: 'blocked-reputation',
    }),
    code('5.7.515', {
      title: 'Authentication level not met',
      cause: 'The sending domain does not meet the authentication Outlook.com requires of high-volume senders (SPF, DKIM and DMARC).',
      fix: 'Publish SPF, DKIM and DMARC for the sending domain.',
      reason: 'sender-authentication',
    }),
    code('5.7.606-649', {
      title: 'Banned sending IP address',
      cause: "The sending IP address is on Microsoft's block list (`Access denied, banned sending IP`).",
      fix: "Check the IP address's reputation (a compromise, malicious traffic), then ask for removal at sender.office.com.",
      source: MS_TABLE,
      reason: 'blocked-reputation',
    }),
    code('5.7.705', {
      title: 'Tenant over its threshold',
      cause:
        'The sending Microsoft 365 organisation sent too much spam or bulk mail (often through a compromised server or admin account) and its outgoing mail is blocked; it also happens for a while after an expired subscription is renewed.',
      fix: 'Fix the cause (compromised accounts, connectors, open relays), then explain it to Microsoft support to lift the block.',
      source: ms('fix-error-code-5-7-700-through-5-7-750'),
      reason: 'blocked-reputation',
    }),
    code('5.7.708', {
      title: 'Traffic not accepted from this IP',
      cause: 'The mail comes from a known low-reputation IP address, as new and trial organisations use.',
      fix: 'Contact Microsoft support to ask for an exception until the licences are bought.',
      source: ms('fix-error-code-5-7-700-through-5-7-750'),
      reason: 'blocked-reputation',
    }),
    code('5.7.700-749', {
      title: 'Sending tenant blocked',
      cause: 'Most of the traffic from the sending Microsoft 365 organisation looked suspicious, and it is banned from sending.',
      fix: 'Resolve compromised accounts and open relays, then contact Microsoft support.',
      source: ms('fix-error-code-5-7-700-through-5-7-750'),
      reason: 'blocked-reputation',
    }),
    code('5.7.750', {
      title: 'Sending from unregistered domains',
      cause: 'The organisation sends a suspicious amount of mail from domains it has not added and verified in Microsoft 365.',
      fix: 'Add and verify every domain you send from as an accepted domain (or use a certificate-based outbound connector).',
      source: ms('fix-error-code-5-7-700-through-5-7-750'),
      reason: 'policy',
    }),
  ],
};

const GOOGLE: Vendor = {
  id: 'google',
  name: VENDOR_NAMES.google,
  source: 'https://support.google.com/a/answer/3726730',
  // Gmail ends every reply with "- gsmtp"; "gcdp" marks custom domain policies. Each alternative
  // opens with its word, what stands before it checked behind (a `-` before `gsmtp` is any dash).
  markers: /gsmtp\b(?<=-\s*gsmtp)|gcdp\b(?<=\bgcdp)|support\.google\.com\/(?:mail|a)\b/i,
  codes: [
    code('5.7.26', {
      title: 'Unauthenticated sender',
      cause: 'Neither SPF nor DKIM passed for the sending domain, and Gmail requires one of them.',
      reason: 'sender-authentication',
      registered: 'reused',
    }),
    code('X.7.27', {
      title: 'SPF did not pass',
      cause: 'The message failed SPF for the sending domain: deferred (4.7.27) or rejected (5.7.27).',
      reason: 'sender-authentication',
      registered: 'reused',
    }),
    code('X.7.28', {
      title: 'Unusual rate of unsolicited mail',
      cause: 'Gmail sees an unusual rate of unsolicited mail from the sending IP address or authenticated domain and limits or blocks it.',
      reason: 'blocked-reputation',
      registered: 'reused',
    }),
    code('X.7.30', {
      title: 'DKIM did not pass',
      cause: 'The message failed DKIM for the sending domain: deferred (4.7.30) or rejected (5.7.30).',
      reason: 'sender-authentication',
      registered: 'reused',
    }),
    code('X.7.31', {
      title: 'No DMARC policy',
      cause: 'The sending domain publishes no DMARC record, which Gmail requires of bulk senders.',
      reason: 'sender-authentication',
    }),
    code('X.7.32', {
      title: 'DMARC alignment failed',
      cause: 'The From: domain is aligned with neither the SPF nor the DKIM domain.',
      reason: 'sender-authentication',
    }),
    code('X.7.40', {
      title: 'No DMARC policy',
      cause: 'The sending domain publishes no usable DMARC record, which Gmail requires of bulk senders.',
      reason: 'sender-authentication',
    }),
  ],
};

/**
 * Vendors and their codes, with the lookups over them. The product has one (`VENDOR_TABLE`, of
 * `VENDORS`); tests build others, with a vendor of their own, to show that adding one changes
 * nothing another vendor's codes say.
 */
export class VendorTable {
  private readonly byId: ReadonlyMap<VendorId, Vendor>;
  /** Codes whose meaning a vendor's markers change (see `isVendorCode`), as numbers (`codeKey`). */
  readonly markedCodes: ReadonlySet<number>;
  /** Every documented code (class, subject, detail as one number) to the vendors that document it. */
  private readonly documenters: ReadonlyMap<number, readonly Vendor[]>;
  /** Per vendor, every code it documents to its entry (the first that covers it): a lookup per code in a log. */
  private readonly entries: ReadonlyMap<VendorId, ReadonlyMap<number, VendorCode>>;

  constructor(readonly vendors: readonly Vendor[]) {
    this.byId = new Map(vendors.map((v) => [v.id, v]));
    const marked = new Set<number>();
    const documenters = new Map<number, Vendor[]>();
    const entries = new Map<VendorId, Map<number, VendorCode>>();
    for (const v of vendors) {
      const own = new Map<number, VendorCode>();
      entries.set(v.id, own);
      for (const c of v.codes) {
        for (const cls of c.class === undefined ? [4, 5] : [c.class]) {
          for (let detail = c.detailFrom; detail <= c.detailTo; detail++) {
            const key = codeKey(cls, c.subject, detail);
            if (!own.has(key)) own.set(key, c);
            if (c.registered !== 'refined') marked.add(key);
            const list = documenters.get(key) ?? [];
            if (!list.includes(v)) list.push(v);
            documenters.set(key, list);
          }
        }
      }
    }
    this.markedCodes = marked;
    this.documenters = documenters;
    this.entries = entries;
  }

  vendor(id: VendorId): Vendor {
    return this.byId.get(id)!;
  }

  /** The vendor's meaning of a code, if it documents one (the first entry that covers it: single codes come before ranges). */
  lookup(id: VendorId, cls: number, subject: number, detail: number): VendorCode | undefined {
    if (detail > 999 || subject > 999) return undefined;
    return this.entries.get(id)?.get(codeKey(cls, subject, detail));
  }

  /**
   * Whether a vendor's markers change what the code means: a code IANA does not register that a
   * vendor documents, or a registered number a vendor reuses. The recognizer looks for vendor
   * markers around these codes only, so a log's thousands of `5.1.1` never pay for the search.
   */
  isVendorCode(cls: number, subject: number, detail: number): boolean {
    return detail < 1000 && subject < 1000 && this.markedCodes.has(codeKey(cls, subject, detail));
  }

  /** The vendors that document the code. */
  documentersOf(cls: number, subject: number, detail: number): readonly Vendor[] {
    if (detail > 999 || subject > 999) return NO_VENDORS;
    return this.documenters.get(codeKey(cls, subject, detail)) ?? NO_VENDORS;
  }

  /** The one vendor that documents the code, when exactly one does. */
  soleDocumenter(cls: number, subject: number, detail: number): Vendor | undefined {
    const found = this.documentersOf(cls, subject, detail);
    return found.length === 1 ? found[0] : undefined;
  }

  /** The vendor whose markers the text carries, if any (the first in the table's order). */
  markedIn(text: string): VendorId | undefined {
    return this.vendors.find((v) => v.markers.test(text))?.id;
  }

  /** Every vendor whose markers the text carries. */
  allMarkedIn(text: string): VendorId[] {
    return this.vendors.filter((v) => v.markers.test(text)).map((v) => v.id);
  }
}

const NO_VENDORS: readonly Vendor[] = Object.freeze([]);

const codeKey = (cls: number, subject: number, detail: number) => (cls * 1000 + subject) * 1000 + detail;

export const VENDORS: readonly Vendor[] = [MICROSOFT, GOOGLE];

export const VENDOR_TABLE = new VendorTable(VENDORS);

export function vendor(id: VendorId): Vendor {
  return VENDOR_TABLE.vendor(id);
}

/** The vendor's meaning of a code, if it documents one. */
export function lookupVendorCode(id: VendorId, cls: number, subject: number, detail: number): VendorCode | undefined {
  return VENDOR_TABLE.lookup(id, cls, subject, detail);
}

const MARKED_CODES = VENDOR_TABLE.markedCodes;

/** Whether a vendor's markers change the code's meaning: the recognizer looks for markers only then (once per code in a log). */
export function isVendorCode(cls: number, subject: number, detail: number): boolean {
  return detail < 1000 && subject < 1000 && MARKED_CODES.has(codeKey(cls, subject, detail));
}

/** The vendor whose markers the text carries, if any. */
export function vendorMarkedIn(text: string): VendorId | undefined {
  return VENDOR_TABLE.markedIn(text);
}

/** The page that documents a vendor's code: its own, else the vendor's. */
export function vendorCodeSource(v: Vendor, c: VendorCode): string {
  return c.source ?? v.source;
}
