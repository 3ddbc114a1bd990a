/**
 * The fields of the machine-readable parts of mail reports: delivery status notifications
 * (RFC 3464, `message/delivery-status`) and feedback reports (RFC 5965, ARF,
 * `message/feedback-report`), with the values of `Action` and `Feedback-Type`. The facts are the
 * RFCs'; the wording is ours.
 */

/** Where a field stands: in the per-message block of a DSN, in a recipient's block, or in a feedback report. */
export type ReportFieldScope = 'per-message' | 'per-recipient' | 'feedback';

export interface ReportField {
  /** The name as the RFC writes it. */
  name: string;
  scope: ReportFieldScope;
  rfc: number;
  /** Undefined where the RFC is cited as a whole. */
  section?: string;
  /** What the field says, in a sentence or two. */
  meaning: string;
}

const dsn = (name: string, scope: 'per-message' | 'per-recipient', section: string, meaning: string): ReportField => ({
  name,
  scope,
  rfc: 3464,
  section,
  meaning,
});

const arf = (name: string, section: string | undefined, meaning: string, rfc = 5965): ReportField => ({
  name,
  scope: 'feedback',
  rfc,
  section,
  meaning,
});

/** RFC 3464 section 2.2 (per-message) and 2.3 (per-recipient). */
export const DSN_FIELDS: readonly ReportField[] = [
  dsn(
    'Original-Envelope-Id',
    'per-message',
    '2.2.1',
    'The envelope identifier the sender gave with `ENVID` when it submitted the message, so it can match the report to what it sent.',
  ),
  dsn(
    'Reporting-MTA',
    'per-message',
    '2.2.2',
    'The MTA that attempted the delivery, relay or gateway operation this report describes (and wrote the report), as `dns; host.name`.',
  ),
  dsn(
    'DSN-Gateway',
    'per-message',
    '2.2.3',
    'The gateway that turned a foreign (non-Internet) delivery notice into this DSN; absent when the report is native.',
  ),
  dsn(
    'Received-From-MTA',
    'per-message',
    '2.2.4',
    'The MTA the reporting MTA received the message from: the previous hop, on the sending side.',
  ),
  dsn('Arrival-Date', 'per-message', '2.2.5', 'When the reporting MTA received the message.'),
  dsn(
    'Original-Recipient',
    'per-recipient',
    '2.3.1',
    'The recipient address as the sender gave it with `ORCPT`, before any forwarding or alias expansion changed it.',
  ),
  dsn(
    'Final-Recipient',
    'per-recipient',
    '2.3.2',
    'The recipient this group of fields is about, as the reporting MTA knew it (after any rewriting). Required: it opens each recipient group.',
  ),
  dsn(
    'Action',
    'per-recipient',
    '2.3.3',
    'What the reporting MTA did for this recipient: `failed`, `delayed`, `delivered`, `relayed` or `expanded`. Required.',
  ),
  dsn(
    'Status',
    'per-recipient',
    '2.3.4',
    "The recipient's transport-independent status as an RFC 3463 enhanced status code (class.subject.detail); its class must fit the Action. Required.",
  ),
  dsn(
    'Remote-MTA',
    'per-recipient',
    '2.3.5',
    'The MTA that the reporting MTA talked to about this recipient: for a failure, usually the server whose reply is in the Diagnostic-Code.',
  ),
  dsn(
    'Diagnostic-Code',
    'per-recipient',
    '2.3.6',
    "The reply of the remote MTA (or another transport's diagnostic) as received, e.g. `smtp; 550 5.1.1 User unknown`. The Status may be less precise than the code in it.",
  ),
  dsn(
    'Last-Attempt-Date',
    'per-recipient',
    '2.3.7',
    'When the last attempt to deliver, relay or gateway the message to this recipient was made.',
  ),
  dsn('Final-Log-ID', 'per-recipient', '2.3.8', "The final MTA's identifier for the delivery, to look it up in that MTA's logs."),
  dsn(
    'Will-Retry-Until',
    'per-recipient',
    '2.3.9',
    'For a delayed delivery: until when the reporting MTA keeps trying. It must not appear unless the Action is `delayed`.',
  ),
];

/** RFC 5965 section 3.1 (required), 3.2 (optional, once) and 3.3 (optional, repeatable); RFC 6591 for authentication failures. */
export const FEEDBACK_FIELDS: readonly ReportField[] = [
  arf(
    'Feedback-Type',
    '3.1',
    'The kind of feedback: `abuse`, `fraud`, `virus`, `other` (RFC 5965), `auth-failure` (RFC 6591) or `not-spam` (RFC 6650). Required.',
  ),
  arf('User-Agent', '3.1', 'The software that generated the report, with its version. Required.'),
  arf('Version', '3.1', 'The version of the report format; `1` for RFC 5965. Required.'),
  arf('Original-Envelope-Id', '3.2', 'The envelope identifier of the reported message, as in a DSN.'),
  arf('Original-Mail-From', '3.2', 'The envelope sender (`MAIL FROM`) of the reported message.'),
  arf('Arrival-Date', '3.2', 'When the reported message arrived at the reporting party.'),
  arf('Reporting-MTA', '3.2', 'The MTA of the reporting party that received the reported message.'),
  arf('Source-IP', '3.2', 'The IP address the reported message came from: the sender whose reputation the report is about.'),
  arf('Incidents', '3.2', 'How many incidents this one report stands for (default 1).'),
  arf(
    'Authentication-Results',
    '3.3',
    'The authentication checks (SPF, DKIM, DMARC) of the reported message as the receiver evaluated them.',
  ),
  arf('Original-Rcpt-To', '3.3', 'An envelope recipient (`RCPT TO`) of the reported message; often left out to protect the complainant.'),
  arf('Reported-Domain', '3.3', 'A domain the reporting party thinks is responsible for the message.'),
  arf('Reported-URI', '3.3', 'A URI in or about the message that the report concerns.'),
  arf(
    'Auth-Failure',
    undefined,
    'For `auth-failure` reports: which authentication check failed (`dkim`, `spf`, `adsp`, `bodyhash`, ...).',
    6591,
  ),
  arf(
    'Delivery-Result',
    undefined,
    'For `auth-failure` reports: what became of the message (`delivered`, `spam`, `policy`, `reject`, `other`).',
    6591,
  ),
];

export interface ReportValue {
  value: string;
  rfc: number;
  section?: string;
  meaning: string;
}

/** RFC 3464 section 2.3.3. */
export const ACTION_VALUES: readonly ReportValue[] = [
  {
    value: 'failed',
    rfc: 3464,
    section: '2.3.3',
    meaning:
      'The message could not be delivered to this recipient and the reporting MTA has given up: no further report for it is to be expected.',
  },
  {
    value: 'delayed',
    rfc: 3464,
    section: '2.3.3',
    meaning:
      'The reporting MTA has not been able to deliver or relay the message yet, and keeps trying; more reports may follow when it succeeds or gives up.',
  },
  {
    value: 'delivered',
    rfc: 3464,
    section: '2.3.3',
    meaning:
      'The message was delivered to this recipient (a mailing list exploder counts as a recipient). It says nothing about whether it was read. Final.',
  },
  {
    value: 'relayed',
    rfc: 3464,
    section: '2.3.3',
    meaning:
      'The message was passed on to a system that does not send delivery notifications (a gateway, a non-DSN MTA): nothing more is known, and no further report will come.',
  },
  {
    value: 'expanded',
    rfc: 3464,
    section: '2.3.3',
    meaning:
      'The message was delivered to this address and then forwarded to several others (an alias or list); reports about those may follow.',
  },
];

/** RFC 5965 section 7.3, with RFC 6591 and RFC 6650. */
export const FEEDBACK_TYPES: readonly ReportValue[] = [
  {
    value: 'abuse',
    rfc: 5965,
    section: '7.3',
    meaning: 'Unsolicited or otherwise abusive mail: usually a recipient pressed "this is spam".',
  },
  { value: 'fraud', rfc: 5965, section: '7.3', meaning: 'Fraud or phishing.' },
  { value: 'virus', rfc: 5965, section: '7.3', meaning: 'A virus or other malware was found in the message.' },
  { value: 'other', rfc: 5965, section: '7.3', meaning: 'Feedback that fits none of the other types.' },
  {
    value: 'auth-failure',
    rfc: 6591,
    meaning: 'The message failed an authentication check (SPF, DKIM, DMARC); the `Auth-Failure` field says which.',
  },
  { value: 'not-spam', rfc: 6650, meaning: 'A message that was wrongly marked as spam: the opposite of `abuse`.' },
];

const byName = (fields: readonly ReportField[]) => new Map(fields.map((f) => [f.name.toLowerCase(), f]));
const DSN_BY_NAME = byName(DSN_FIELDS);
const FEEDBACK_BY_NAME = byName(FEEDBACK_FIELDS);

/** The RFC 3464 field of that name (any case), if it is one. */
export function dsnField(name: string): ReportField | undefined {
  return DSN_BY_NAME.get(name.toLowerCase());
}

/** The RFC 5965 (or RFC 6591) field of that name (any case), if it is one. */
export function feedbackField(name: string): ReportField | undefined {
  return FEEDBACK_BY_NAME.get(name.toLowerCase());
}

export function actionValue(value: string): ReportValue | undefined {
  const lower = value.toLowerCase();
  return ACTION_VALUES.find((v) => v.value === lower);
}

export function feedbackType(value: string): ReportValue | undefined {
  const lower = value.toLowerCase();
  return FEEDBACK_TYPES.find((v) => v.value === lower);
}
