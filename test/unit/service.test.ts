import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemTag, DiagnosticSeverity, DiagnosticTag, type MarkupContent } from 'vscode-languageserver-types';
import { ENHANCED_REGISTRY } from '../../server/src/registry';
import { repoPath } from '../support/paths';
import { analyze, complete, computeDiagnostics, DEFAULT_SETTINGS, hover, readSettings, RULE_IDS, RULES } from '../../server/src/service';

const doc = (text: string, languageId = 'log') => TextDocument.create(`file:///test.${languageId}`, languageId, 1, text);
const diagnose = (text: string, languageId = 'log', settings = DEFAULT_SETTINGS) =>
  computeDiagnostics(analyze(doc(text, languageId)), settings);
const rules = (text: string, languageId = 'log') => diagnose(text, languageId).map((d) => d.code);
const hoverText = (text: string, character: number, line = 0, languageId = 'log') => {
  const document = doc(text, languageId);
  const result = hover(document, analyze(document), { line, character });
  return result === null ? null : (result.contents as MarkupContent).value;
};

describe('diagnostics', () => {
  const cases: [string, string[]][] = [
    ['550 4.1.1 <a@b.example>: Recipient address rejected', ['class-mismatch']],
    ['250 5.0.0 Ok', ['class-mismatch']],
    ['550 5.9.1 nope', ['unknown-subject']],
    ['451 4.7.99 try later', ['unregistered']],
    ['553 5.6.10 bad header', ['deprecated']],
    ['354 2.0.0 go ahead', ['code-on-intermediate-reply']],
    ['550 5.01.1 x', ['invalid-syntax']],
    ['550 3.0.0 x', ['invalid-syntax']],
    ['550 5.1000.1 x', ['invalid-syntax']],
    ['550 5.1.1 <a@b.example>: User unknown', []],
    ['dsn=5.9.9, status=bounced', ['unknown-subject']],
    ['Status: 4.4.7 (delivery expired)', []],
    // Bare codes in prose never get a diagnostic.
    ['see 5.9.9 in the manual', []],
    ['client=[10.5.1.2] postfix version 2.10.1 Linux version 5.15.0', []],
  ];
  for (const [text, expected] of cases) test(text, () => assert.deepEqual(rules(text), expected));

  test('multi-line replies carry the same code on every line', () => {
    assert.deepEqual(rules('552-5.3.4 Message too big\n552 5.3.5 for this system'), ['multiline-inconsistent']);
    assert.equal(diagnose('552-5.3.4 Message too big\n552 5.3.5 for this system')[0].range.start.line, 1);
    assert.deepEqual(rules('550-5.7.1 first\n551 5.7.1 last'), ['multiline-inconsistent']);
    assert.deepEqual(rules('S: 250-2.0.0 first\nS: 250 2.0.0 last\nS: 250 2.1.5 next reply'), []);
    // A reply folded into one log line (Gmail), inconsistent in its last part.
    assert.deepEqual(rules('said: 550-5.7.26 This mail 550-5.7.26 is unauthenticated 550 5.7.1 - gsmtp'), ['multiline-inconsistent']);
    assert.deepEqual(rules('said: 550-5.7.26 This mail 550-5.7.26 is unauthenticated 550 5.7.26 - gsmtp'), []);
  });

  test('go-smtp struct literals are class-checked against their Code field', () => {
    const go = 'var e = &smtp.SMTPError{\n\tCode: 550,\n\tEnhancedCode: smtp.EnhancedCode{4, 7, 1},\n}';
    assert.deepEqual(rules(go, 'go'), ['class-mismatch']);
    assert.deepEqual(rules(go.replace('{4, 7, 1}', '{5, 7, 1}'), 'go'), []);
  });

  test('MTA configuration: the action or reply code fixes the class', () => {
    const config = (text: string) =>
      computeDiagnostics(analyze(TextDocument.create('file:///etc/postfix/access', 'plaintext', 1, text)), DEFAULT_SETTINGS).map(
        (d) => d.code,
      );
    assert.deepEqual(config('a@b.example REJECT 4.7.1 no'), ['class-mismatch']);
    assert.deepEqual(config('a@b.example DEFER 5.7.1 later'), ['class-mismatch']);
    assert.deepEqual(config('a@b.example REJECT 5.7.1 no'), []);
    assert.deepEqual(config('From:a@b.example ERROR:4.7.1:550 no'), ['class-mismatch']);
    assert.deepEqual(config('# a@b.example REJECT 4.7.1 no'), []);
    // The same text in a log is prose.
    assert.deepEqual(rules('a@b.example REJECT 4.7.1 no'), []);
  });

  test('strings in source code are checked; version strings in data files are not', () => {
    assert.deepEqual(rules('reply(state, "550 4.7.1 <%s>: Relay access denied");', 'c'), ['class-mismatch']);
    assert.deepEqual(rules('{"version": "5.1.3", "other": "5.9.3"}', 'json'), []);
    assert.deepEqual(rules('# 550 4.1.1 in a comment\nx = 1', 'python'), []);
  });

  test('a diagnostic carries rule id, source, link, range and severity', () => {
    const [d] = diagnose('x\nhost said: 550 4.1.1 no');
    assert.equal(d.code, 'class-mismatch');
    assert.equal(d.source, 'smtp-status');
    assert.equal(d.codeDescription?.href, RULES['class-mismatch'].href);
    assert.match(d.codeDescription!.href, /^https:\/\/www\.rfc-editor\.org\/rfc\/rfc2034#section-4$/);
    assert.deepEqual(d.range, { start: { line: 1, character: 15 }, end: { line: 1, character: 20 } });
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.match(String(d.message), /550/);
  });

  test('deprecated codes are tagged and name their replacement', () => {
    const [d] = diagnose('553 5.6.10 x');
    assert.deepEqual(d.tags, [DiagnosticTag.Deprecated]);
    assert.match(String(d.message), /5\.6\.8/);
  });

  test('per-rule severity, off, and disabling everything', () => {
    const text = '550 4.1.1 a\n451 4.7.99 b';
    const lowered = readSettings({ severity: { 'class-mismatch': 'hint', unregistered: 'information' } });
    assert.deepEqual(
      diagnose(text, 'log', lowered).map((d) => d.severity),
      [DiagnosticSeverity.Hint, DiagnosticSeverity.Information],
    );
    assert.deepEqual(
      diagnose(text, 'log', readSettings({ severity: { 'class-mismatch': 'off' } })).map((d) => d.code),
      ['unregistered'],
    );
    assert.deepEqual(diagnose(text, 'log', readSettings({ enable: false })), []);
  });

  test('a rule switched off lets the next finding on the same code through', () => {
    // 550 4.7.99: wrong class and unregistered.
    assert.deepEqual(rules('550 4.7.99 x'), ['class-mismatch']);
    assert.deepEqual(
      diagnose('550 4.7.99 x', 'log', readSettings({ severity: { 'class-mismatch': 'off' } })).map((d) => d.code),
      ['unregistered'],
    );
  });

  test('the number of diagnostics per document is capped', () => {
    const text = Array.from({ length: 50 }, () => '550 4.1.1 x').join('\n');
    assert.equal(diagnose(text, 'log', readSettings({ maxDiagnostics: 7 })).length, 7);
    assert.equal(diagnose(text).length, 50);
  });
});

describe('settings', () => {
  test('defaults come from the rules', () => {
    for (const id of RULE_IDS) assert.equal(DEFAULT_SETTINGS.severity[id], RULES[id].defaultSeverity);
  });
  test('package.json declares a severity setting for every rule, with the same default', () => {
    const manifest = JSON.parse(readFileSync(repoPath('package.json'), 'utf8'));
    const properties = manifest.contributes.configuration.properties;
    const declared = Object.keys(properties).filter((k) => k.startsWith('smtpStatus.severity.'));
    assert.deepEqual(declared.sort(), RULE_IDS.map((id) => `smtpStatus.severity.${id}`).sort());
    for (const id of RULE_IDS) {
      const setting = properties[`smtpStatus.severity.${id}`];
      assert.equal(setting.default, RULES[id].defaultSeverity, id);
      assert.deepEqual(setting.enum, ['error', 'warning', 'information', 'hint', 'off'], id);
    }
    assert.equal(properties['smtpStatus.maxDiagnostics'].default, DEFAULT_SETTINGS.maxDiagnostics);
    assert.equal(properties['smtpStatus.enable'].default, DEFAULT_SETTINGS.enable);
  });
  test('malformed values fall back to defaults', () => {
    assert.deepEqual(readSettings(null), DEFAULT_SETTINGS);
    assert.deepEqual(readSettings('nonsense'), DEFAULT_SETTINGS);
    const s = readSettings({ enable: 'yes', severity: { 'class-mismatch': 'fatal', unregistered: 'hint' }, maxDiagnostics: -3 });
    assert.equal(s.enable, true);
    assert.equal(s.severity['class-mismatch'], 'error');
    assert.equal(s.severity.unregistered, 'hint');
    assert.equal(s.maxDiagnostics, DEFAULT_SETTINGS.maxDiagnostics);
  });
});

describe('hover', () => {
  test('a registered code shows its registry entry', () => {
    const text = hoverText('550 5.1.1 <a@b.example>: Recipient address rejected', 6)!;
    assert.match(text, /Bad destination mailbox address/);
    assert.match(text, /does not exist/); // description
    assert.match(text, /Permanent Failure/); // class
    assert.match(text, /Addressing Status/); // subject
    assert.match(text, /451, 550/); // associated reply codes
    assert.match(text, /\[RFC 3463\]\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc3463\)/);
    assert.match(text, /G\. Vaudreuil/);
    assert.match(text, /IESG/);
  });

  test('the hover range is the code', () => {
    const document = doc('said: 550 5.1.1 x');
    const result = hover(document, analyze(document), { line: 0, character: 12 });
    assert.deepEqual(result?.range, { start: { line: 0, character: 10 }, end: { line: 0, character: 15 } });
  });

  test('a deprecated code shows its replacement; a historical one says so', () => {
    assert.match(hoverText('553 5.6.10 x', 5)!, /Deprecated.*5\.6\.8/s);
    assert.match(hoverText('538 5.7.11 x', 5)!, /Historical/);
  });

  test('a reply code shows its meaning and RFC', () => {
    const text = hoverText('550 5.1.1 x', 1)!;
    assert.match(text, /mailbox unavailable/);
    assert.match(text, /RFC 5321/);
    assert.match(hoverText('S: 354 End data with <CR><LF>.<CR><LF>', 4)!, /Start mail input/i);
  });

  test('unregistered and malformed codes in replies are explained; unknown bare codes get nothing', () => {
    assert.match(hoverText('451 4.7.99 x', 5)!, /not in the IANA registry/);
    assert.match(hoverText('550 5.9.1 x', 5)!, /defines no subject 9/);
    assert.match(hoverText('550 5.01.1 x', 5)!, /not a valid enhanced status code/);
    assert.equal(hoverText('see 5.9.9 here', 6), null);
    assert.match(hoverText('see 5.7.1 here', 6)!, /Delivery not authorized/);
    assert.equal(hoverText('{"version": "5.1.3"}', 15, 0, 'json'), null);
    assert.equal(hoverText('nothing here', 3), null);
  });

  test('registry text cannot become markup', () => {
    // 220's meaning is written "<domain> Service ready" in RFC 5321.
    const text = hoverText('220 2.0.0 ready', 1)!;
    assert.doesNotMatch(text, /<domain>/);
    assert.match(text, /&lt;domain&gt;/);
  });
});

describe('completion', () => {
  const labels = (text: string, languageId = 'log', position?: { line: number; character: number }) => {
    const document = doc(text, languageId);
    const list = complete(document, position ?? document.positionAt(text.length));
    return list?.items.map((i) => i.label) ?? null;
  };
  const registered = (cls: number, subject?: number) =>
    ENHANCED_REGISTRY.codes.filter((c) => subject === undefined || c.subject === subject).map((c) => c.code.replace('X', String(cls)));

  test('550 5.1. offers 5.1.0 to 5.1.10', () => {
    const got = labels('550 5.1.');
    assert.deepEqual([...got!].sort(), [...registered(5, 1)].sort());
    assert.ok(got!.includes('5.1.0') && got!.includes('5.1.10'));
  });

  test('after a reply code: the codes of its class', () => {
    assert.deepEqual([...labels('550 ')!].sort(), [...registered(5)].sort());
    assert.ok(labels('451 ')!.every((l) => l.startsWith('4.')));
    assert.ok(labels('250-')!.every((l) => l.startsWith('2.')));
    assert.equal(labels('354 '), null);
  });

  test('items replace what is typed and carry title and documentation', () => {
    const document = doc('x said: 550 5.7.');
    const list = complete(document, { line: 0, character: 16 })!;
    const item = list.items.find((i) => i.label === '5.7.1')!;
    assert.equal(item.detail, 'Delivery not authorized, message refused');
    assert.match((item.documentation as MarkupContent).value, /Delivery not authorized/);
    assert.deepEqual(item.textEdit, { range: { start: { line: 0, character: 12 }, end: { line: 0, character: 16 } }, newText: '5.7.1' });
  });

  test('deprecated codes are tagged and sort last; codes paired with the reply code first', () => {
    const list = complete(doc('553 5.6.'), { line: 0, character: 8 })!;
    const sorted = [...list.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    const last = sorted[sorted.length - 1];
    assert.equal(last.label, '5.6.10');
    assert.deepEqual(last.tags, [CompletionItemTag.Deprecated]);
    assert.ok(sorted.slice(0, -1).every((i) => i.tags === undefined));
    // The registry pairs 5.1.1 with 550, so it sorts before 5.1.0.
    const five = complete(doc('550 5.1.'), { line: 0, character: 8 })!.items;
    const rank = (label: string) => five.find((i) => i.label === label)!.sortText!;
    assert.ok(rank('5.1.1') < rank('5.1.0'));
  });

  test('in source code only inside strings', () => {
    assert.deepEqual([...labels('reply("550 5.7.")', 'python', { line: 0, character: 15 })!].sort(), [...registered(5, 7)].sort());
    assert.equal(labels('x = 550 5.', 'python'), null);
    assert.equal(labels('# "550 5.', 'python'), null);
  });

  test('in a go-smtp struct literal the code is written 5, 7, 1 and the Code field sets the class', () => {
    const text = 'return &smtp.SMTPError{\n\tCode: 550,\n\tEnhancedCode: smtp.EnhancedCode{5, 7, ';
    const document = doc(text, 'go');
    const list = complete(document, document.positionAt(text.length))!;
    assert.deepEqual([...list.items.map((i) => i.label)].sort(), [...registered(5, 7)].sort());
    const item = list.items.find((i) => i.label === '5.7.1')!;
    assert.equal((item.textEdit as { newText: string }).newText, '5, 7, 1');
    assert.equal(item.filterText, '5, 7, 1');
    const empty = 'e := &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{';
    assert.ok(labels(empty, 'go')!.every((l) => l.startsWith('4.')));
  });

  test('nothing away from a code slot', () => {
    assert.equal(labels('hello world'), null);
    assert.equal(labels('version 5.'), null);
  });
});
