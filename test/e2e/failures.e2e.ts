/// <reference types="mocha" />
// A person asks for the failures of a Postfix log with the rest of their messages, reads them in
// the read-only view beside the log, and Ctrl+clicks a line number to go to that line.
import * as assert from 'node:assert/strict';
import { Workbench } from './support/workbench';

const VIEW_TAB = 'mail.log · failures and their messages';

describe('Show Failures', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await Workbench.open();
  });
  after(async () => workbench?.close());

  it('"Show Failures" with their messages opens the numbered lines beside the log; a number opens its line', async () => {
    await workbench.openFile('mail.log');
    await workbench.waitForSquiggles();
    await workbench.runCommand('SMTP Status Codes: Show Failures');
    // The command asks which lines: a quick pick of two.
    const input = workbench.page.locator('.quick-input-widget input');
    await input.fill('their messages');
    await workbench.page
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Failing lines and their messages' })
      .waitFor({ timeout: 20_000 });
    await workbench.page.keyboard.press('Enter');
    await workbench.page.locator(`.tab.active[aria-label^="${VIEW_TAB}"]`).waitFor({ timeout: 20_000 });

    // The view's lines, unwrapped (Alt+Z) so that each is one rendered line: each begins with its
    // line number in mail.log, two spaces, then the log's line.
    const group = workbench.page.locator('.editor-group-container.active');
    await group.locator('.view-line', { hasText: 'Dec' }).first().waitFor({ timeout: 20_000 });
    await workbench.page.keyboard.press('Alt+Z');
    const log = workbench.fixture('mail.log').split('\n');
    const rendered = async () =>
      group
        .locator('.view-lines .view-line')
        .evaluateAll((lines) =>
          lines
            .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
            .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' ')),
        );
    // Unwrapping re-renders the lines: read until every line of the view is one rendered line.
    const deadline = Date.now() + 20_000;
    while ((await rendered()).filter((line) => /^\s*\d+ {2}Dec /.test(line)).length < 11 && Date.now() < deadline)
      await workbench.page.waitForTimeout(100);
    const rows = (await rendered()).filter((line) => line !== '');
    const shown = rows.map((line) => Number(/^\s*(\d+) {2}/.exec(line)?.[1]));
    // Lines 2-8 and 14 of 4Y3p2F4b2Pz3 (its bounce and deferral) and its notification, the two NOQUEUE refusals, 4Y3p2K3fRbz9's bounce.
    assert.deepEqual(shown, [2, 3, 4, 5, 6, 7, 8, 10, 11, 13, 14]);
    rows.forEach((line, k) => {
      assert.equal(line.replace(/^\s*\d+ {2}/, ''), log[shown[k] - 1]);
    });
    await workbench.screenshot('failures.png');

    // Ctrl+click on the last line's number (the queue manager's `removed`) opens mail.log there.
    const last = group.locator('.view-line', { hasText: 'removed' }).first();
    const box = await last.boundingBox();
    assert.ok(box, 'the last line is on screen');
    await workbench.page.keyboard.down('Control');
    await workbench.page.mouse.click(box.x + 6, box.y + box.height / 2);
    await workbench.page.keyboard.up('Control');
    await workbench.page.locator('.tab.active[aria-label^="mail.log"]').first().waitFor({ timeout: 20_000 });
    await workbench.waitForCursor(14, 1);
  });
});
