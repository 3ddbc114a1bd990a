/// <reference types="mocha" />
// A person opens the summary of a Postfix log from the status bar, reads the counts and the chart,
// and clicks a code to see the lines it is on, then a line to jump to it.
import * as assert from 'node:assert/strict';
import { Workbench } from './support/workbench';

const TITLE = 'SMTP status codes in mail.log';

describe('summary view', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await Workbench.open();
  });
  after(async () => workbench?.close());

  it('the "SMTP codes" status-bar entry opens the summary of mail.log: counts, chart, codes; a code lists its lines', async () => {
    await workbench.openFile('mail.log');
    await workbench.waitForSquiggles();
    await workbench.statusBarEntry('SMTP codes').click();
    const summary = await workbench.webview(TITLE);

    assert.equal(await summary.locator('h1').innerText(), TITLE);
    // mail.log: 14 lines and the empty one after the last line break; 2.0.0, 4.7.1, 5.1.1 and
    // 5.6.10 twice each (dsn= and the reply), 4.1.1 and 4.7.99 once.
    assert.equal(await summary.locator('h1 + p').innerText(), '10 codes on 15 lines.');
    const byClass = await summary.locator('h2:text-is("By class") + table tr').allInnerTexts();
    assert.deepEqual(
      byClass.map((row) => row.replace(/\s+/g, ' ').trim()),
      ['2.X.X 2', '4.X.X 4', '5.X.X 4'],
    );
    const unregistered = await summary.locator('h2:text-is("Top unregistered") + table tr').allInnerTexts();
    assert.deepEqual(
      unregistered.map((row) => row.replace(/\s+/g, ' ').trim()),
      ['4.7.99 1'],
    );

    const chart = summary.locator('svg[role="img"][aria-label="failing lines per hour"]');
    assert.equal(await chart.locator('g').count(), 1, 'one hour of traffic, one bar');
    // Failing lines, not codes: 4.7.1 (line 7), 4.1.1 (10) and 4.7.99 (11); 5.1.1 (6) and 5.6.10 (13).
    assert.equal(await chart.locator('g > title').textContent(), 'Dec 06 10:00: 3 lines with transient failures, 2 with permanent ones');
    const heights = await chart.locator('rect').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
    assert.deepEqual(heights, [64, 96], 'red 5.X.X (2 of 5 lines) under yellow 4.X.X (3 of 5) in the one bar');

    const row = summary.locator('tr.code', { has: summary.locator('td:text-is("5.1.1")') });
    const cells = await row.locator('td').allInnerTexts();
    // Counted per line: dsn=5.1.1 and the 550 reply on line 6 are one bounce.
    assert.deepEqual(cells, ['5.1.1', '550', '1', '1 bounced', 'registered', 'Bad destination mailbox address']);
    const outcomes = await summary.locator('h2:text-is("Outcomes") + table tr').allInnerTexts();
    assert.deepEqual(
      outcomes.map((row) => row.replace(/\s+/g, ' ').trim()),
      ['delivered 1', 'deferred (lines) 1', 'bounced 2', 'expired 0', 'rejected 2', 'rejected by a milter 0', 'reject warnings 0'],
    );
    const lines = row.locator('xpath=following-sibling::tr[1]');
    assert.equal(await lines.isHidden(), true, 'the lines are folded until the code is clicked');
    await row.click();
    await lines.waitFor({ state: 'visible' });
    assert.match(await lines.innerText(), /^Lines: 6\b/);
    assert.deepEqual(await lines.locator('a[data-line]').allInnerTexts(), ['6'], 'dsn=5.1.1 and the reply share line 6');
    await workbench.screenshot('summary.png');

    // A line number opens that line of the log, in the editor beside the summary.
    await lines.locator('a[data-line="5"]').click();
    await workbench.waitForCursor(6, 1);
  });

  it('"Summarise SMTP Status Codes" from the Command Palette summarises the active Exim mainlog', async () => {
    await workbench.openFile('mainlog');
    await workbench.runCommand('Summarise SMTP Status Codes');
    const summary = await workbench.webview('SMTP status codes in mainlog');
    assert.equal(await summary.locator('h1').innerText(), 'SMTP status codes in mainlog');
    const codes = await summary.locator('tr.code td:first-child').allInnerTexts();
    for (const code of ['5.1.1', '4.7.1', '2.0.0', '5.2.2', '5.9.1']) assert.ok(codes.includes(code), `${code} listed: ${codes.join(' ')}`);
  });
});
