import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { generateRegistrySource } from '../../scripts/generate-registry';
import {
  BASIC_REPLY_CODES,
  ENHANCED_REGISTRY,
  IANA_REGISTRY_URL,
  codesOfSubject,
  lookupClass,
  lookupCode,
  lookupReplyCode,
  lookupSubject,
  rfcUrl,
  type AssociatedReplyCodes,
  type EnhancedCodeEntry,
} from '../../server/src/registry';
import { repoPath } from '../support/paths';

const XML_FILE = repoPath('server/src/registry/data/smtp-enhanced-status-codes.xml');
const BASIC_FILE = repoPath('server/src/registry/data/basic-reply-codes.json');
const xml = readFileSync(XML_FILE, 'utf8');
const basicJson = readFileSync(BASIC_FILE, 'utf8');

function entry(code: string): EnhancedCodeEntry {
  const found = ENHANCED_REGISTRY.codes.find((c) => c.code === code);
  assert.ok(found, `${code} is in the registry`);
  return found;
}

test('committed generated tables match a fresh generation', () => {
  const fresh = generateRegistrySource(xml, basicJson);
  const hint = 'is stale: run `npm run registry:generate` and commit the result';
  assert.equal(fresh.iana, readFileSync(repoPath('server/src/registry/iana.generated.ts'), 'utf8'), `iana.generated.ts ${hint}`);
  assert.equal(
    fresh.basic,
    readFileSync(repoPath('server/src/registry/basicReplyCodes.generated.ts'), 'utf8'),
    `basicReplyCodes.generated.ts ${hint}`,
  );
});

test('generation is deterministic', () => {
  assert.deepEqual(generateRegistrySource(xml, basicJson), generateRegistrySource(xml, basicJson));
});

test('vendored XML is the recorded IANA snapshot', () => {
  const digest = createHash('sha256').update(readFileSync(XML_FILE)).digest('hex');
  assert.equal(digest, 'f7f7f2bb06fd6c01dde5464cc02911756ad2e45661ab2b64fbdf1c3abe84e815');
  assert.equal(ENHANCED_REGISTRY.created, '2008-05-29');
  assert.equal(ENHANCED_REGISTRY.updated, '2024-12-06');
});

test('sub-registry sizes', () => {
  assert.equal(ENHANCED_REGISTRY.classes.length, 3);
  assert.equal(ENHANCED_REGISTRY.subjects.length, 8);
  assert.equal(ENHANCED_REGISTRY.codes.length, 81);
  assert.deepEqual(
    ENHANCED_REGISTRY.classes.map((c) => [c.class, c.pattern, c.title]),
    [
      [2, '2.XXX.YYY', 'Success'],
      [4, '4.XXX.YYY', 'Persistent Transient Failure'],
      [5, '5.XXX.YYY', 'Permanent Failure'],
    ],
  );
  assert.deepEqual(
    ENHANCED_REGISTRY.subjects.map((s) => s.subject),
    [0, 1, 2, 3, 4, 5, 6, 7],
  );
});

const NOT_GIVEN = [
  'X.1.0',
  'X.1.2',
  'X.1.4',
  'X.1.6',
  'X.1.7',
  'X.1.9',
  'X.2.0',
  'X.2.1',
  'X.3.3',
  'X.3.5',
  'X.4.0',
  'X.4.4',
  'X.4.6',
  'X.4.7',
  'X.5.5',
  'X.6.0',
  'X.6.1',
  'X.6.2',
  'X.6.5',
  'X.7.3',
  'X.7.5',
  'X.7.6',
  'X.7.7',
];

const exact = (...codes: number[]) => codes.map((code) => ({ kind: 'exact' as const, code }));
const unspecified = (raw: string): AssociatedReplyCodes => ({ raw, codes: [], any: false, unspecified: true });
const listed = (raw: string, codes: AssociatedReplyCodes['codes'], note?: string): AssociatedReplyCodes => ({
  raw,
  codes,
  any: false,
  unspecified: false,
  ...(note !== undefined && { note }),
});

const ASSOCIATED_CASES: [string, AssociatedReplyCodes][] = [
  ['X.7.24', listed('451/550', exact(451, 550))],
  ['X.3.6', listed('250 or 251', exact(250, 251))],
  ['X.7.17', listed('5XX', [{ kind: 'class', class: 5 }])],
  ['X.7.18', listed('5XX', [{ kind: 'class', class: 5 }])],
  ['X.7.19', listed('5XX', [{ kind: 'class', class: 5 }])],
  ['X.7.28', unspecified('.')],
  ['X.6.10', unspecified('')],
  ['X.0.0', { raw: 'Any', codes: [], any: true, unspecified: false }],
  ['X.7.15', listed('450, 550 (other 4XX or 5XX codes are allowed)', exact(450, 550), 'other 4XX or 5XX codes are allowed')],
  ['X.7.16', listed('552 (other 4XX or 5XX codes are allowed)', exact(552), 'other 4XX or 5XX codes are allowed')],
  ['X.6.8', listed('252, 553, 550', exact(252, 553, 550))],
  ['X.1.3', listed('501', exact(501))],
  [
    'X.5.0',
    listed(
      '220, 250, 251, 252, 253, 451, 452, 454, 458, 459, 501, 502, 503, 554',
      exact(220, 250, 251, 252, 253, 451, 452, 454, 458, 459, 501, 502, 503, 554),
    ),
  ],
  ...NOT_GIVEN.map((code): [string, AssociatedReplyCodes] => [code, unspecified('Not given')]),
];

for (const [code, expected] of ASSOCIATED_CASES) {
  test(`associated basic code of ${code}: "${expected.raw}"`, () => {
    assert.deepEqual(entry(code).associated, expected);
  });
}

test('"Not given" is exactly the listed codes', () => {
  assert.deepEqual(
    ENHANCED_REGISTRY.codes.filter((c) => c.associated.raw === 'Not given').map((c) => c.code),
    NOT_GIVEN,
  );
});

test('every parsed reply code is a three-digit code of class 2, 4 or 5, or a class pattern', () => {
  for (const c of ENHANCED_REGISTRY.codes) {
    for (const p of c.associated.codes) {
      if (p.kind === 'exact') assert.match(String(p.code), /^[245]\d\d$/, c.code);
      else assert.ok([2, 4, 5].includes(p.class), c.code);
    }
    assert.ok(!(c.associated.any && c.associated.unspecified), c.code);
    if (c.associated.any || c.associated.unspecified) assert.deepEqual(c.associated.codes, [], c.code);
    else assert.ok(c.associated.codes.length > 0, c.code);
  }
});

test('lifecycle: X.6.10 deprecated for X.6.8, X.7.11 historical, the rest current', () => {
  const x610 = entry('X.6.10');
  assert.equal(x610.status, 'deprecated');
  assert.equal(x610.replacedBy, 'X.6.8');
  assert.equal(x610.title, '');
  assert.equal(x610.submitter, '');
  assert.equal(entry('X.7.11').status, 'historical');
  assert.equal(entry('X.7.11').replacedBy, undefined);
  const others = ENHANCED_REGISTRY.codes.filter((c) => c.code !== 'X.6.10' && c.code !== 'X.7.11');
  assert.deepEqual(new Set(others.map((c) => c.status)), new Set(['current']));
  assert.ok(others.every((c) => c.replacedBy === undefined));
});

test('multi-line values are folded to single spaces', () => {
  assert.equal(
    entry('X.7.17').description,
    'This status code is returned when a message is received with a Require-Recipient-Valid-Since field or RRVS ' +
      'extension and the receiving system is able to determine that the intended recipient mailbox has not been ' +
      'under continuous ownership since the specified date-time.',
  );
  assert.equal(entry('X.6.8').title, 'UTF-8 string reply is required, but not permitted by the SMTP client');
  assert.equal(entry('X.5.0').associated.raw, '220, 250, 251, 252, 253, 451, 452, 454, 458, 459, 501, 502, 503, 554');
  const all = [ENHANCED_REGISTRY.classes, ENHANCED_REGISTRY.subjects, ENHANCED_REGISTRY.codes].flatMap((list) =>
    list.flatMap((e) => [e.title, e.description, e.reference.text, e.submitter, e.changeController]),
  );
  for (const value of all) assert.doesNotMatch(value, /\s\s|\n|^\s|\s$/, JSON.stringify(value));
});

test('inline xrefs in descriptions are written as "RFC n"', () => {
  assert.equal(
    entry('X.7.23').description,
    'This status code is returned when a message completed an SPF check that produced a "fail" result, contrary ' +
      'to local policy requirements. Used in place of 5.7.1 as described in Section 8.4 of RFC 7208.',
  );
  assert.match(entry('X.7.20').description, /advice of Section 6\.1 of RFC 6376\.\)$/);
});

test('record dates come from the date and updated attributes', () => {
  assert.equal(entry('X.1.10').registered, '2014-08-28');
  assert.equal(entry('X.1.10').updated, '2015-05-18');
  assert.equal(entry('X.3.2').registered, undefined);
  assert.equal(entry('X.3.2').updated, '2015-05-18');
  assert.equal(entry('X.7.28').registered, '2017-06-22');
  assert.equal(entry('X.1.1').registered, undefined);
});

test('references: text and citations', () => {
  assert.deepEqual(entry('X.7.28').reference, {
    text: 'draft-levine-mailbomb-header-00',
    citations: [
      {
        kind: 'draft',
        id: 'draft-levine-mailbomb-header-00',
        url: 'https://datatracker.ietf.org/doc/draft-levine-mailbomb-header-00',
      },
    ],
  });
  assert.deepEqual(entry('X.7.24').reference, {
    text: 'RFC 7372 (Standards Track); RFC 7208 (Standards Track)',
    citations: [
      { kind: 'rfc', id: 'rfc7372', rfc: 7372, url: 'https://www.rfc-editor.org/rfc/rfc7372', note: 'Standards Track' },
      { kind: 'rfc', id: 'rfc7208', rfc: 7208, url: 'https://www.rfc-editor.org/rfc/rfc7208', note: 'Standards Track' },
    ],
  });
  assert.deepEqual(entry('X.7.25').reference.citations, [
    {
      kind: 'rfc',
      id: 'rfc7372',
      rfc: 7372,
      url: 'https://www.rfc-editor.org/rfc/rfc7372#section-3.3',
      note: 'Standards Track',
    },
  ]);
  assert.equal(entry('X.7.25').reference.text, 'RFC 7372, Section 3.3 (Standards Track)');
  assert.deepEqual(entry('X.7.29').reference.citations, [
    { kind: 'rfc', id: 'rfc8617', rfc: 8617, url: 'https://www.rfc-editor.org/rfc/rfc8617' },
  ]);
  assert.equal(lookupClass(2)?.reference.text, 'RFC 3463 (Standards track)');
  assert.equal(entry('X.7.10').reference.citations[0].note, 'Best current practice');
  const records = [...ENHANCED_REGISTRY.classes, ...ENHANCED_REGISTRY.subjects, ...ENHANCED_REGISTRY.codes];
  for (const r of records) assert.ok(r.reference.citations.length > 0, r.reference.text);
});

test('every code belongs to a registered subject and codes are unique', () => {
  const subjects = new Set(ENHANCED_REGISTRY.subjects.map((s) => s.subject));
  for (const c of ENHANCED_REGISTRY.codes) {
    assert.ok(subjects.has(c.subject), c.code);
    assert.equal(c.code, `X.${c.subject}.${c.detail}`);
  }
  assert.equal(new Set(ENHANCED_REGISTRY.codes.map((c) => c.code)).size, ENHANCED_REGISTRY.codes.length);
});

test('lookups', () => {
  assert.equal(lookupCode(1, 1)?.title, 'Bad destination mailbox address');
  assert.equal(lookupCode(7, 30)?.title, 'REQUIRETLS support required');
  assert.equal(lookupCode(8, 1), undefined);
  assert.equal(lookupCode(7, 99), undefined);
  assert.equal(lookupClass(5)?.title, 'Permanent Failure');
  assert.equal(lookupClass(3), undefined);
  assert.equal(lookupSubject(7)?.title, 'Security or Policy Status');
  assert.equal(lookupSubject(8), undefined);
  const x7 = codesOfSubject(7);
  assert.equal(x7.length, 31);
  assert.deepEqual(
    x7.map((c) => c.detail),
    Array.from({ length: 31 }, (_, i) => i),
  );
  assert.deepEqual(
    codesOfSubject(1).map((c) => c.code),
    ['X.1.0', 'X.1.1', 'X.1.2', 'X.1.3', 'X.1.4', 'X.1.5', 'X.1.6', 'X.1.7', 'X.1.8', 'X.1.9', 'X.1.10'],
  );
  assert.deepEqual(codesOfSubject(9), []);
  const total = ENHANCED_REGISTRY.subjects.reduce((n, s) => n + codesOfSubject(s.subject).length, 0);
  assert.equal(total, 81);
  assert.equal(lookupReplyCode(550)?.code, 550);
  assert.equal(lookupReplyCode(599), undefined);
  assert.equal(rfcUrl(3463), 'https://www.rfc-editor.org/rfc/rfc3463');
  assert.equal(rfcUrl(3463, '3.1'), 'https://www.rfc-editor.org/rfc/rfc3463#section-3.1');
  assert.equal(IANA_REGISTRY_URL, 'https://www.iana.org/assignments/smtp-enhanced-status-codes/smtp-enhanced-status-codes.xhtml');
});

test('basic reply codes: sorted, one entry per code, every source entry represented', () => {
  const codes = BASIC_REPLY_CODES.map((b) => b.code);
  assert.deepEqual(
    codes,
    [...codes].sort((a, b) => a - b),
  );
  assert.equal(new Set(codes).size, codes.length);
  const source = JSON.parse(basicJson) as { codes: { code: string; text: string }[] };
  assert.equal(source.codes.length, 49);
  assert.equal(
    BASIC_REPLY_CODES.reduce((n, b) => n + b.meanings.length, 0),
    49,
  );
  for (const s of source.codes) {
    const code = lookupReplyCode(Number(s.code.slice(0, 3)));
    assert.ok(
      code?.meanings.some((m) => m.text === s.text),
      s.code,
    );
  }
  assert.deepEqual(
    lookupReplyCode(500)?.meanings.map((m) => m.kind),
    ['core', 'extension:AUTH'],
  );
});

test('basic reply codes: meanings of 550, 535 and 220', () => {
  const m550 = lookupReplyCode(550)?.meanings ?? [];
  assert.ok(m550.some((m) => /mailbox unavailable/.test(m.text)));
  assert.equal(m550[0].rfc, 5321);
  assert.equal(m550[0].verified, true);

  const m535 = lookupReplyCode(535)?.meanings ?? [];
  assert.equal(m535.length, 1);
  assert.deepEqual(m535[0].enhancedCodes, ['5.7.8']);
  assert.equal(m535[0].rfc, 4954);
  assert.deepEqual(lookupReplyCode(535)?.listedBy, ['X.7.0', 'X.7.8', 'X.7.14']);

  const starttls = lookupReplyCode(220)?.meanings.find((m) => m.context === 'STARTTLS');
  assert.ok(starttls, '220 has a STARTTLS meaning');
  assert.equal(starttls.rfc, 3207);
  assert.equal(starttls.verified, false);
  assert.equal(lookupReplyCode(220)?.meanings.length, 2);
});

test('basic reply codes: sources, sections and paired enhanced codes', () => {
  const m521 = lookupReplyCode(521)?.meanings[0];
  assert.equal(m521?.rfc, 7504);
  assert.equal(m521?.section, undefined, '"not verified" is no section');
  const m453 = lookupReplyCode(453)?.meanings[0];
  assert.equal(m453?.rfc, 2645);
  assert.equal(lookupReplyCode(422)?.meanings[0].rfc, 5248);
  const auth501 = lookupReplyCode(501)?.meanings.find((m) => m.kind === 'extension:AUTH');
  assert.deepEqual(auth501?.enhancedCodes, ['5.5.2', '5.7.0']);
  assert.ok(auth501?.notes.some((n) => /5\.5\.2 .*BASE64/.test(n)));
  for (const b of BASIC_REPLY_CODES) {
    for (const m of b.meanings) {
      for (const e of m.enhancedCodes) assert.match(e, new RegExp(`^${String(b.code)[0]}\\.\\d+\\.\\d+$`), `${b.code}`);
    }
  }
});

test('basic reply codes: listedBy agrees with the registry in both directions', () => {
  for (const b of BASIC_REPLY_CODES) {
    const expected = ENHANCED_REGISTRY.codes
      .filter((c) => c.associated.codes.some((p) => p.kind === 'exact' && p.code === b.code))
      .map((c) => c.code);
    assert.deepEqual(b.listedBy, expected, String(b.code));
  }
  for (const c of ENHANCED_REGISTRY.codes) {
    for (const p of c.associated.codes) {
      if (p.kind === 'exact') assert.ok(lookupReplyCode(p.code)?.listedBy.includes(c.code), `${c.code} -> ${p.code}`);
    }
  }
});

const BROKEN_INPUTS: [string, string, string, RegExp][] = [
  ['an unreadable basic_code', '<basic_code>451/550</basic_code>', '<basic_code>451 maybe 550</basic_code>', /X\.7\.24.*"451 maybe 550"/],
  ['a basic_code with an empty list item', '<basic_code>451/550</basic_code>', '<basic_code>451,,550</basic_code>', /X\.7\.24/],
  ['a four-digit reply code', '<basic_code>451/550</basic_code>', '<basic_code>4510</basic_code>', /"4510"/],
  [
    'reworded deprecation',
    'This is a duplicate of X.6.8 and is thus deprecated.',
    'Deprecated; use X.6.8 instead.',
    /X\.6\.10.*deprecation/,
  ],
  ['an unknown record field', '<sample>Mail flood detected</sample>', '<sample>Mail flood detected</sample><note/>', /X\.7\.28.*<note>/],
  ['malformed XML', '</registry>\n\n  <people/>', '\n\n  <people/>', /not well-formed/],
  ['an unknown xref type', '<xref type="draft" data="draft-levine-mailbomb-header-00"/>', '<xref type="uri" data="https://x"/>', /uri/],
];

for (const [what, from, to, message] of BROKEN_INPUTS) {
  test(`the generator refuses ${what}`, () => {
    assert.ok(xml.includes(from), `fixture text ${from} is in the XML`);
    assert.throws(() => generateRegistrySource(xml.replace(from, to), basicJson), message);
  });
}

test('the generator refuses a basic-reply-codes.json that disagrees with the registry', () => {
  const source = JSON.parse(basicJson);
  source.basic_codes_in_enhanced_registry['550'] = source.basic_codes_in_enhanced_registry['550'].slice(1);
  assert.throws(() => generateRegistrySource(xml, JSON.stringify(source)), /disagrees with the registry XML for 550/);
});
