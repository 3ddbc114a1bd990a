// Diagnostics: each rule on the lines that break it, severities, caps.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import { analyze, computeDiagnostics, DEFAULT_SETTINGS, readSettings, RULES } from '../../server/src/service';
import { diagnose, rules } from './support/documents';

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
    const config = (text: string) => {
      const document = TextDocument.create('file:///etc/postfix/access', 'plaintext', 1, text);
      return computeDiagnostics(analyze(document), document, {}, DEFAULT_SETTINGS).map((d) => d.code);
    };
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

  test('diagnostics computed from inside a shouldStop are their own, and leave the outer ones whole', () => {
    // One list serves every computation; a computation started while it is in use gets a list of its own.
    const outer = TextDocument.create('file:///outer.log', 'log', 1, '550 4.1.1 x\n'.repeat(5000));
    const inner = TextDocument.create('file:///inner.log', 'log', 1, '553 5.6.10 bad header\n');
    let innerCodes: (string | number | undefined)[] = [];
    const shouldStop = () => {
      innerCodes = computeDiagnostics(analyze(inner), inner, {}, DEFAULT_SETTINGS).map((d) => d.code);
      return false;
    };
    const found = computeDiagnostics(analyze(outer), outer, { groupRepeated: true, shouldStop }, DEFAULT_SETTINGS);
    assert.deepEqual(innerCodes, ['deprecated']);
    assert.deepEqual(
      found.map((d) => [d.code, String(d.message).endsWith('(5000 times in this file)'), d.relatedInformation?.[0].location.uri]),
      [['class-mismatch', true, 'file:///outer.log']],
    );
    // And the shared list starts empty again afterwards.
    assert.deepEqual(rules('550 5.1.1 <a@b.example>: User unknown'), []);
  });
});
