/// <reference types="mocha" />
// With smtpStatus.inlayHints.enabled in the user settings, each registered code in a log is
// followed by its title.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { session } from './support/session';
import { Workbench } from './support/workbench';

describe('inlay hints in a Postfix log', () => {
  let workbench: Workbench;
  let seeded: string;
  before(async () => {
    // Only this spec's window sees the setting: the other specs' screenshots show the default.
    const { userSettingsFile } = session();
    seeded = readFileSync(userSettingsFile, 'utf8');
    writeFileSync(userSettingsFile, JSON.stringify({ ...JSON.parse(seeded), 'smtpStatus.inlayHints.enabled': true }, null, 2));
    workbench = await Workbench.open();
  });
  after(async () => {
    await workbench?.close();
    writeFileSync(session().userSettingsFile, seeded);
  });

  it('shows "▸ Bad destination mailbox address" after 5.1.1 and the titles of the other registered codes', async () => {
    await workbench.openFile('mail.log');
    await workbench.waitForSquiggles();
    const hints = await workbench.inlayHints();
    assert.ok(hints.includes('▸ Bad destination mailbox address'), `5.1.1's title among ${JSON.stringify(hints)}`);
    assert.ok(hints.includes('▸ Other undefined Status'), `2.0.0's title among ${JSON.stringify(hints)}`);
    assert.ok(hints.includes('▸ Delivery not authorized, message refused'), `4.7.1's title among ${JSON.stringify(hints)}`);
    await workbench.screenshot('inlay-hints.png');
  });
});
