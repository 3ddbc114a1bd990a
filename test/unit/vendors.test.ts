import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type MarkupContent } from 'vscode-languageserver-types';
import {
  isVendorCode,
  lookupCode,
  lookupVendorCode,
  VENDOR_TABLE,
  VendorTable,
  VENDORS,
  type Vendor,
  type VendorId,
  vendorMarkedIn,
} from '../../server/src/registry';
import { analyze, computeDiagnostics, DEFAULT_SETTINGS, hover, readSettings, type Settings } from '../../server/src/service';
import { classify } from '../../server/src/service/classification';

const MICROSOFT =
  'said: 550 5.7.606 Access denied, banned sending IP [192.0.2.7]. To request removal from this list please visit https://sender.office.com/ [BN8NAM11FT024.eop-nam11.prod.protection.outlook.com]';
const GMAIL = [
  '550-5.7.27 Your email has been blocked because the sender is unauthenticated.',
  '550 5.7.27 SPF did not pass. u66si1547 - gsmtp',
].join('\n');

const doc = (text: string) => TextDocument.create('file:///x/mail.log', 'log', 1, text);
const hoverAt = (text: string, line: number, character: number, settings: Settings = DEFAULT_SETTINGS) => {
  const document = doc(text);
  const result = hover(analyze(document), document, { line, character }, settings);
  return result === null ? null : (result.contents as MarkupContent).value;
};
const diagnose = (text: string, settings: Settings = DEFAULT_SETTINGS) => {
  const document = doc(text);
  return computeDiagnostics(analyze(document), document, {}, settings);
};

describe('vendor codes', () => {
  test("Microsoft's markers: host names, status names and the delisting portal, each where it stands on its own", () => {
    const marked = [
      'relay=example-com.mail.protection.outlook.com[192.0.2.1]',
      'BN8NAM11FT024.eop-nam11.PROD.OUTLOOK.COM',
      'mx1.hotmail.com',
      'x-.hotmail.com',
      '550 5.1.10 RESOLVER.ADR.RecipientNotFound',
      ' storedrv.Deliver',
      '(STOREDRV.Submission.Exception)',
      'https://sender.office.com/',
      'by AM0PR01.exchangelabs.com',
    ];
    const unmarked = [
      ' .hotmail.com',
      '.hotmail.com',
      'x.hotmail.company',
      'xSTOREDRV.Deliver',
      '_STOREDRV.x',
      'STOREDRV.',
      'RESOLVER.A.',
      'outlook.com',
    ];
    for (const text of marked) assert.equal(vendorMarkedIn(text), 'microsoft', text);
    for (const text of unmarked) assert.equal(vendorMarkedIn(text), undefined, text);
  });

  test("Gmail's markers: the reply's closing `- gsmtp`, custom domain policies, its help pages", () => {
    const marked = [
      'u66si1547 - gsmtp',
      'x -gsmtp',
      'x -\t GSMTP.',
      'gcdp',
      '(gcdp) policy',
      'https://support.google.com/mail/?p=NotAuthorizedError',
      'support.google.com/a/answer/81126',
    ];
    const unmarked = [
      'x gsmtp',
      '- gsmtpx',
      'xgcdp',
      'gcdpx',
      '_gcdp',
      'support.google.com/mailbox',
      'support.google.com/about',
      'google.com/mail',
    ];
    for (const text of marked) assert.equal(vendorMarkedIn(text), 'google', text);
    for (const text of unmarked) assert.equal(vendorMarkedIn(text), undefined, text);
  });

  test('the vendor table is apart from IANA and names its sources', () => {
    for (const vendor of VENDORS) {
      assert.match(vendor.source, /^https:\/\//);
      assert.ok(vendor.codes.length > 0);
    }
    assert.equal(lookupVendorCode('microsoft', 5, 7, 620)?.title, 'Banned sending IP address');
    assert.equal(lookupVendorCode('microsoft', 5, 7, 650), undefined);
    assert.equal(lookupVendorCode('microsoft', 4, 7, 620)?.title, 'Temporarily throttled');
    assert.ok(isVendorCode(4, 7, 650));
    assert.ok(!isVendorCode(5, 1, 1));
  });

  test('a Microsoft code on a line marked as Exchange Online is vendor-specific, not unregistered', () => {
    const [d] = diagnose(MICROSOFT);
    assert.equal(d.code, 'vendor-specific');
    assert.equal(d.severity, DiagnosticSeverity.Information);
    assert.match(String(d.message), /Microsoft 365/);
    assert.match(d.codeDescription!.href, /learn\.microsoft\.com/);
    // Without the vendor's markers it is still Microsoft's, the only vendor that documents it, as probable.
    const [probable] = diagnose('said: 550 5.7.606 Access denied');
    assert.equal(probable.code, 'vendor-specific');
    assert.match(String(probable.message), /probably Microsoft 365 \/ Exchange Online's own code \(Banned sending IP address\)/);
    // A code no vendor documents stays unregistered.
    assert.equal(diagnose('said: 550 5.7.654 Access denied')[0].code, 'unregistered');
  });

  test('hover shows the vendor meaning and the classification', () => {
    const text = hoverAt(MICROSOFT, 0, 12)!;
    assert.match(text, /not in the IANA registry/);
    assert.match(text, /Microsoft 365 \/ Exchange Online \(vendor-specific\)/);
    assert.match(text, /Banned sending IP address/);
    assert.match(text, /Permanent failure.*blocked for reputation/);
    assert.match(text, /\[Source\]\(https:\/\/learn\.microsoft\.com/);
  });

  test('Google reuses IANA numbers: hover shows both meanings, on every line of the reply', () => {
    for (const line of [0, 1]) {
      const text = hoverAt(GMAIL, line, 6)!;
      assert.match(text, /Sender address has null MX/, `IANA title on line ${line}`);
      assert.match(text, /Gmail \/ Google Workspace uses it for:.*SPF did not pass/, `vendor meaning on line ${line}`);
      assert.match(text, /\*\*IANA:\*\*/);
      assert.match(text, /sender authentication failed/);
    }
    // Registered with IANA: no vendor-specific diagnostic, no diagnostic at all.
    assert.deepEqual(diagnose(GMAIL), []);
  });
});

/**
 * Every code of Microsoft's Exchange Online NDR table and of its `fix-error-code-*` pages
 * (learn.microsoft.com, as of 2022), ranges as their ends.
 */
const MICROSOFT_DOCUMENTED = [
  // The table.
  '4.3.2',
  '4.4.316',
  '4.4.7',
  '4.5.3',
  '4.7.26',
  '4.7.321',
  '4.7.322',
  '4.7.323',
  '4.7.324',
  '4.7.325',
  '4.7.500',
  '4.7.699',
  '4.7.850',
  '4.7.899',
  '5.0.350',
  '5.1.0',
  '5.1.1',
  '5.1.8',
  '5.1.10',
  '5.1.90',
  '5.2.2',
  '5.2.121',
  '5.2.122',
  '5.3.190',
  '5.4.1',
  '5.4.6',
  '5.4.14',
  '5.4.300',
  '5.5.0',
  '5.6.11',
  '5.7.1',
  '5.7.12',
  '5.7.13',
  '5.7.23',
  '5.7.25',
  '5.7.57',
  '5.7.64',
  '5.7.124',
  '5.7.133',
  '5.7.134',
  '5.7.135',
  '5.7.136',
  '5.7.321',
  '5.7.322',
  '5.7.323',
  '5.7.324',
  '5.7.325',
  '5.7.501',
  '5.7.502',
  '5.7.503',
  '5.7.504',
  '5.7.505',
  '5.7.506',
  '5.7.507',
  '5.7.508',
  '5.7.509',
  '5.7.510',
  '5.7.511',
  '5.7.512',
  '5.7.513',
  '5.7.606',
  '5.7.649',
  '5.7.700',
  '5.7.749',
  '5.7.750',
  // The pages for ranges: 5.1.1-5.1.20, 5.4.6-5.4.20, 5.7.700-5.7.750 (5.7.705 and 5.7.708 by name).
  '5.1.2',
  '5.1.9',
  '5.1.11',
  '5.1.20',
  '5.4.7',
  '5.4.8',
  '5.4.20',
  '5.7.705',
  '5.7.708',
];

describe("the vendor table: Microsoft's documentation", () => {
  test('every code Microsoft documents for Exchange Online is in the table, with its cause, its fix and its page', () => {
    for (const code of MICROSOFT_DOCUMENTED) {
      const [cls, subject, detail] = code.split('.').map(Number);
      const entry = lookupVendorCode('microsoft', cls, subject, detail);
      assert.ok(entry, `${code} is in the table`);
      assert.ok(entry.cause.length > 20, `${code} has a cause`);
      assert.ok(entry.fix && !entry.fix.includes('\n'), `${code} has a fix in one line`);
      assert.match(entry.source ?? '', /^https:\/\/learn\.microsoft\.com\/en-us\/exchange\//, `${code} names its page`);
    }
  });

  test("a registered code is marked as reused or refined, an unregistered one is not; IANA's reason stands for a refined one", () => {
    for (const vendor of VENDORS) {
      for (const code of vendor.codes) {
        for (const cls of code.class === undefined ? [4, 5] : [code.class]) {
          for (let detail = code.detailFrom; detail <= code.detailTo; detail++) {
            const registered = lookupCode(code.subject, detail) !== undefined;
            const name = `${vendor.id} ${cls}.${code.subject}.${detail}`;
            if (code.registered === undefined) assert.ok(!registered, `${name} is registered: say whether it is reused or refined`);
            else assert.ok(registered || code.detailFrom !== code.detailTo, `${name} is not registered`);
            if (code.registered === 'refined') assert.equal(code.reason, undefined, `${name}: a refined code keeps IANA's reason`);
            else assert.ok(code.reason, `${name} has a reason`);
          }
        }
      }
    }
  });

  test('markers are read only around codes whose meaning they change', () => {
    assert.ok(isVendorCode(5, 7, 139), 'unregistered, documented');
    assert.ok(isVendorCode(5, 1, 10), 'registered, reused: RecipientNotFound, not null MX');
    assert.ok(!isVendorCode(5, 7, 1), 'registered, refined: Microsoft documents causes and fixes');
    assert.ok(!isVendorCode(5, 2, 2));
  });
});

describe('a code no marker names: probably the one vendor that documents it', () => {
  test('5.7.139 in a string of source code, in a pasted reply', () => {
    const python = TextDocument.create('file:///x/mailer.py', 'python', 1, 'raise SMTPError("535 5.7.139 Authentication unsuccessful")\n');
    const [d] = computeDiagnostics(analyze(python), python, {}, DEFAULT_SETTINGS);
    assert.equal(d.code, 'vendor-specific');
    assert.equal(d.severity, DiagnosticSeverity.Information);
    assert.match(String(d.message), /probably Microsoft 365 \/ Exchange Online's own code \(SMTP AUTH disabled\)/);
    assert.match(d.codeDescription!.href, /authenticated-client-smtp-submission/);
    const hover = (hoverAt('535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled', 0, 6) ?? '').replace(/\\/g, '');
    assert.match(hover, /Probably Microsoft 365 \/ Exchange Online/);
    assert.match(hover, /SMTP AUTH disabled/);
    assert.match(hover, /Fix:.*OAuth/);
  });

  test('never a number in prose, never a code two vendors document, never against a marker', () => {
    assert.equal(hoverAt('see 5.7.139 for the new release', 0, 6), null);
    const table = new VendorTable([...VENDORS, thirdVendor()]);
    assert.equal(table.soleDocumenter(5, 7, 139), undefined, 'two vendors document it now');
    assert.equal(VENDOR_TABLE.soleDocumenter(5, 7, 139)?.id, 'microsoft');
    // Gmail's reply: Gmail does not document 5.7.139, so it is nobody's.
    assert.equal(diagnose('550-5.7.139 Try again\n550 5.7.139 later - gsmtp')[0].code, 'unregistered');
  });
});

/** A vendor of the tests' own: documents 5.7.139 and 5.7.606 too, with its own words and markers. */
function thirdVendor(): Vendor {
  return {
    id: 'third' as VendorId,
    name: 'Third Mail',
    source: 'https://third.example/codes',
    markers: /\bthird\.example\b/i,
    codes: [
      {
        class: 5,
        subject: 7,
        detailFrom: 139,
        detailTo: 139,
        title: "Third's auth code",
        cause: "Third's cause.",
        reason: 'authentication',
      },
      { class: 5, subject: 7, detailFrom: 606, detailTo: 606, title: "Third's ban", cause: "Third's ban.", reason: 'policy' },
    ],
  };
}

describe('adding a vendor changes nothing another vendor says', () => {
  test("Microsoft's and Gmail's codes, markers and lookups are the same with a third vendor in the table", () => {
    const table = new VendorTable([...VENDORS, thirdVendor()]);
    for (const vendor of VENDORS) {
      for (const code of vendor.codes) {
        const cls = code.class ?? 5;
        assert.equal(table.lookup(vendor.id, cls, code.subject, code.detailFrom), code);
        assert.equal(table.isVendorCode(cls, code.subject, code.detailFrom), VENDOR_TABLE.isVendorCode(cls, code.subject, code.detailFrom));
      }
    }
    assert.equal(table.markedIn(MICROSOFT), 'microsoft');
    assert.equal(table.markedIn(GMAIL), 'google');
    assert.equal(table.markedIn('550 5.7.606 banned by mx.third.example'), 'third');
    assert.equal(table.lookup('third' as VendorId, 5, 7, 606)?.title, "Third's ban");
  });

  test("the diagnostics of Microsoft's and Gmail's codes are the same after another vendor's findings were made", () => {
    const before = [diagnose(MICROSOFT), diagnose(GMAIL), diagnose('said: 550 5.7.606 Access denied')];
    // A code of the same number seen first in a report of no vendor, then in Gmail's reply.
    diagnose('Status: 5.7.606\n');
    diagnose('550-5.7.606 x\n550 5.7.606 y - gsmtp');
    assert.deepEqual([diagnose(MICROSOFT), diagnose(GMAIL), diagnose('said: 550 5.7.606 Access denied')], before);
  });
});

describe('site-specific codes', () => {
  const settings = readSettings({
    siteCodes: {
      '5.7.900': 'Local relay policy',
      'X.7.901': { title: 'Quarantined', description: 'Held for review by the mail team.' },
      nonsense: 'skipped',
    },
  });

  test('settings keep well-formed codes only', () => {
    assert.deepEqual([...settings.siteCodes.keys()], ['5.7.900', 'X.7.901']);
  });

  test('a site code is explained and never flagged as unregistered', () => {
    assert.equal(diagnose('550 5.7.900 no')[0].code, 'unregistered');
    assert.deepEqual(diagnose('550 5.7.900 no', settings), []);
    assert.deepEqual(diagnose('451 4.7.901 later', settings), []);
    assert.match(hoverAt('550 5.7.900 no', 0, 6, settings)!, /Site-specific:\*\* _Local relay policy_/);
    assert.match(hoverAt('451 4.7.901 later', 0, 6, settings)!, /Held for review/);
    // Other rules still apply to a site code: the class must agree with the reply.
    assert.equal(diagnose('550 4.7.901 x', settings)[0].code, 'class-mismatch');
  });
});

describe('bounce classification', () => {
  const cases: [string, 'success' | 'transient' | 'permanent', string][] = [
    ['5.1.1', 'permanent', 'unknown-user'],
    ['5.2.2', 'permanent', 'mailbox-full'],
    ['4.2.2', 'transient', 'mailbox-full'],
    ['5.3.4', 'permanent', 'message-too-big'],
    ['4.4.1', 'transient', 'network'],
    ['4.4.7', 'transient', 'expired'],
    ['5.7.1', 'permanent', 'policy'],
    ['5.7.8', 'permanent', 'authentication'],
    ['5.7.26', 'permanent', 'sender-authentication'],
    ['2.0.0', 'success', 'delivered'],
    ['5.9.9', 'permanent', 'other'],
    ['4.1.99', 'transient', 'bad-address'],
  ];
  for (const [code, permanence, reason] of cases) {
    test(code, () => {
      const [cls, subject, detail] = code.split('.').map(Number);
      assert.deepEqual(classify(cls, subject, detail), { permanence, reason });
    });
  }
  test("a vendor's meaning decides the reason", () => {
    assert.equal(classify(4, 7, 650, lookupVendorCode('microsoft', 4, 7, 650)).reason, 'rate-limited');
  });
});
