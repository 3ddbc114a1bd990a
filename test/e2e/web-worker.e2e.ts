/// <reference types="mocha" />
// The web build (dist/browser/client.js, and its language server dist/browser/server.js in a
// worker of its own) in the browser's web worker extension host, as vscode.dev and github.dev run
// it. The harness serves the unpacked .vsix from the workbench's own origin, on a VS Code server
// that does not have it installed; a person installs it with "Developer: Install Extension from
// Location...", and then hovers, reads the Problems panel, opens the summary and completes as in
// the other specs.
import * as assert from 'node:assert/strict';
import { session } from './support/session';
import { Workbench } from './support/workbench';

describe('the web build in the web worker extension host', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await Workbench.open(session().web.origin);
  });
  after(async () => workbench?.close());

  it('installs from its address and runs in the web worker, not on the server', async () => {
    await workbench.runCommand('Install Extension from Location');
    const input = workbench.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(session().web.extensionUrl);
    await workbench.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
    // Diagnostics come from the language server, so they prove dist/browser/server.js runs too.
    await workbench.openFile('mail.log');
    await workbench.waitForSquiggles();
    assert.equal(await workbench.runningLocation('SMTP Status Codes', 'web-worker-running.png'), 'web worker');
  });

  it('hover: 550 5.1.1 explained, with the RFC 3463 link', async () => {
    await workbench.openFile('mail.log');
    const hover = await workbench.hover('mail.log', '5.1.1', '550 ');
    assert.match(hover.text, /Bad destination mailbox address/);
    assert.match(hover.text.replace(/\s+/g, ' '), /The mailbox specified in the address does not exist/);
    assert.ok(
      hover.links.some((l) => /^https:\/\/www\.rfc-editor\.org\/rfc\/rfc3463/.test(l.href)),
      JSON.stringify(hover.links),
    );
    await workbench.expandHover();
    await workbench.screenshot('web-worker-hover.png');
    await workbench.page.keyboard.press('Escape');
  });

  it('Problems panel: class-mismatch, deprecated and unregistered in mail.log', async () => {
    const rows = await workbench.problemsOf('mail.log', 3);
    for (const row of rows) assert.equal(row.source, 'smtp-status', JSON.stringify(row));
    assert.deepEqual(rows.map((r) => r.rule).sort(), ['class-mismatch', 'deprecated', 'unregistered']);
    await workbench.page.keyboard.press('Control+Shift+M'); // hide the panel again
  });

  it('summary: the status-bar entry opens the summary webview of mail.log', async () => {
    await workbench.openFile('mail.log');
    await workbench.statusBarEntry('SMTP codes').click();
    const summary = await workbench.webview('SMTP status codes in mail.log');
    assert.equal(await summary.locator('h1 + p').innerText(), '10 codes on 15 lines.');
    assert.equal(await summary.locator('svg[role="img"] rect').count(), 2);
    await workbench.page.keyboard.press('Control+W'); // close the summary
  });

  it('completion: only 5.7.x codes after "550 5.7." in a Python string', async () => {
    await workbench.openFile('handler.py');
    await workbench.goToText('handler.py', '"', '"relay": ');
    await workbench.page.keyboard.press('ArrowRight');
    const labels = await workbench.typeAndReadSuggestions('550 5.7.');
    assert.ok(labels.includes('5.7.1'), labels.join(' '));
    assert.deepEqual(
      labels.filter((l) => !l.startsWith('5.7.')),
      [],
    );
  });
});
