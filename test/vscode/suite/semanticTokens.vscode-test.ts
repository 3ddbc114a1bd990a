/// <reference types="mocha" />
// Semantic tokens through VS Code's own commands: the legend, whole-document and range tokens,
// decoded back to the text they cover.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, openFixture } from './support';

interface Token {
  line: number;
  text: string;
  type: string;
  modifiers: string[];
}

/** LSP's relative encoding (line delta, start delta, length, type, modifier bits) back to tokens. */
function decode(document: vscode.TextDocument, tokens: vscode.SemanticTokens, legend: vscode.SemanticTokensLegend): Token[] {
  const decoded: Token[] = [];
  let line = 0;
  let start = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [lineDelta, startDelta, length, type, bits] = tokens.data.slice(i, i + 5);
    line += lineDelta;
    start = lineDelta === 0 ? start + startDelta : startDelta;
    decoded.push({
      line,
      text: document.getText(new vscode.Range(line, start, line, start + length)),
      type: legend.tokenTypes[type],
      modifiers: legend.tokenModifiers.filter((_, bit) => (bits & (1 << bit)) !== 0),
    });
  }
  return decoded;
}

describe('semantic tokens', () => {
  before(activeExtension);

  const lineOf = (document: vscode.TextDocument, text: string) => document.positionAt(document.getText().indexOf(text)).line;

  it('the legend names the reply-code and status-code token types and the class modifiers', async () => {
    const document = await openFixture('mail.log');
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>(
      'vscode.provideDocumentSemanticTokensLegend',
      document.uri,
    );
    assert.deepEqual(legend.tokenTypes, ['smtpReplyCode', 'smtpStatusCode']);
    for (const modifier of ['class2', 'class4', 'class5', 'deprecated', 'unregistered'])
      assert.ok(legend.tokenModifiers.includes(modifier), modifier);
    const rangeLegend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>(
      'vscode.provideDocumentRangeSemanticTokensLegend',
      document.uri,
    );
    assert.deepEqual(rangeLegend, legend);
  });

  it('the whole document: reply codes and codes by class, 5.6.10 deprecated, 4.7.99 unregistered', async () => {
    const document = await openFixture('mail.log');
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>(
      'vscode.provideDocumentSemanticTokensLegend',
      document.uri,
    );
    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', document.uri);
    const decoded = decode(document, tokens, legend);
    const on = (text: string, line: number) =>
      decoded.filter((t) => t.line === line && t.text === text).map((t) => `${t.type}.${t.modifiers.join('.')}`);

    const bounced = lineOf(document, 'said: 550 5.1.1');
    assert.deepEqual(on('550', bounced), ['smtpReplyCode.class5']);
    assert.deepEqual(on('5.1.1', bounced), ['smtpStatusCode.class5', 'smtpStatusCode.class5'], 'dsn=5.1.1 and the reply');
    const greylisted = lineOf(document, 'said: 451 4.7.1');
    assert.deepEqual(on('451', greylisted), ['smtpReplyCode.class4']);
    assert.deepEqual(on('250', lineOf(document, '(250 2.0.0 Ok')), ['smtpReplyCode.class2']);
    assert.deepEqual(on('5.6.10', lineOf(document, '553 5.6.10')), [
      'smtpStatusCode.class5.deprecated',
      'smtpStatusCode.class5.deprecated',
    ]);
    assert.deepEqual(on('4.7.99', lineOf(document, '450 4.7.99')), ['smtpStatusCode.class4.unregistered']);
    assert.ok(
      decoded.every((t) => /^(\d{3}|\d\.\d{1,3}\.\d{1,3})$/.test(t.text)),
      `only codes: ${decoded.map((t) => t.text).join(' ')}`,
    );
  });

  it('a range: only the tokens of its lines', async () => {
    const document = await openFixture('mail.log');
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>(
      'vscode.provideDocumentRangeSemanticTokensLegend',
      document.uri,
    );
    const line = lineOf(document, '550 4.1.1');
    const range = new vscode.Range(line, 0, line, document.lineAt(line).text.length);
    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>(
      'vscode.provideDocumentRangeSemanticTokens',
      document.uri,
      range,
    );
    const decoded = decode(document, tokens, legend);
    assert.deepEqual(
      decoded.map((t) => [t.line, t.text, t.type, t.modifiers.join('.')]),
      [
        [line, '550', 'smtpReplyCode', 'class5'],
        [line, '4.1.1', 'smtpStatusCode', 'class4'],
      ],
    );
  });
});
