import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type MarkupContent } from 'vscode-languageserver-types';
import { isVendorCode, lookupVendorCode, VENDORS } from '../../server/src/registry';
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
  const result = hover(document, analyze(document), { line, character }, settings);
  return result === null ? null : (result.contents as MarkupContent).value;
};
const diagnose = (text: string, settings: Settings = DEFAULT_SETTINGS) => computeDiagnostics(analyze(doc(text)), settings);

describe('vendor codes', () => {
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
    // The same code without the vendor's markers is just unregistered.
    assert.equal(diagnose('said: 550 5.7.606 Access denied')[0].code, 'unregistered');
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
