/// <reference types="mocha" />
// Inlay hints (each code's title after it) through VS Code's own inlay-hint command: off by
// default, on with smtpStatus.inlayHints.enabled.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, eventually, openFixture, withSetting } from './support';

async function hintsOf(document: vscode.TextDocument): Promise<vscode.InlayHint[]> {
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  return (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, whole)) ?? [];
}

const labelOf = (hint: vscode.InlayHint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join(''));

describe('inlay hints', () => {
  before(activeExtension);

  it('are off by default', async () => {
    assert.notEqual(vscode.workspace.getConfiguration('smtpStatus').get('inlayHints.enabled'), true);
    const document = await openFixture('mail.log');
    assert.deepEqual(await hintsOf(document), []);
  });

  it('smtpStatus.inlayHints.enabled true: the title after each registered code, and none after false again', async () => {
    const document = await openFixture('mail.log');
    await withSetting('inlayHints.enabled', true, async () => {
      const hints = await eventually(
        () => hintsOf(document),
        (h) => h.length > 0,
        'inlay hints',
      );
      const at = (code: string, after: string) => {
        const start = document.getText().indexOf(after + code) + after.length;
        const end = document.positionAt(start + code.length);
        return hints.filter((h) => h.position.isEqual(end)).map(labelOf);
      };
      assert.deepEqual(at('5.1.1', 'said: 550 '), ['▸ Bad destination mailbox address']);
      assert.deepEqual(at('2.0.0', 'dsn='), ['▸ Other undefined Status']);
      assert.ok(
        hints.every((h) => labelOf(h).startsWith('▸ ')),
        `every label starts with ▸: ${hints.map(labelOf).join(' | ')}`,
      );
      assert.deepEqual(at('4.7.99', '450 '), [], 'no title for an unregistered code');
    });
    await eventually(
      () => hintsOf(document),
      (h) => h.length === 0,
      'no inlay hints after the setting is put back',
    );
  });
});
