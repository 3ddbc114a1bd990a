/**
 * A short Postfix log for the summary requests: a bounce whose reply and status field are one
 * failed delivery, a deferral, a delivery, a Microsoft 365 code and an unregistered code on a line
 * without a timestamp.
 */
export const SUMMARY_LOG = [
  'Nov 22 10:01:00 mx postfix/smtp[1]: A: to=<a@b.example>, dsn=5.1.1, status=bounced (host x said: 550 5.1.1 unknown)',
  'Nov 22 10:02:00 mx postfix/smtp[1]: B: to=<c@d.example>, dsn=4.4.1, status=deferred (connect timed out)',
  'Nov 22 11:00:00 mx postfix/smtp[1]: C: to=<e@f.example>, dsn=2.0.0, status=sent (250 2.0.0 Ok)',
  'Nov 22 11:05:00 mx postfix/smtp[1]: D: said: 550 5.7.606 Access denied [BN8NAM11FT024.eop-nam11.prod.protection.outlook.com]',
  'no timestamp: 451 4.7.99 later',
].join('\n');
