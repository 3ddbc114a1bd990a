/// <reference types="mocha" />
// A person puts the cursor on the mismatched 4.1.1 of "550 4.1.1" and opens the quick fixes.
import * as assert from 'node:assert/strict';
import { Workbench } from './support/workbench';

describe('quick fix in a Postfix log', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await Workbench.open();
  });
  after(async () => workbench?.close());

  it('Ctrl+. on 550 4.1.1 offers "Change the class: 5.1.1" and "Change the reply code: 450"; Enter applies the first', async () => {
    await workbench.openFile('mail.log');
    await workbench.waitForSquiggles();
    await workbench.goToText('mail.log', '4.1.1', '550 ');
    const fixes = await workbench.quickFixMenu();
    assert.deepEqual(fixes, ['Change the class: 5.1.1', 'Change the reply code: 450']);
    await workbench.screenshot('quick-fix.png');

    // The preferred fix comes first and is the focused entry: Enter applies it.
    await workbench.page.keyboard.press('Enter');
    await workbench.waitForText(/\]: 550 5\.1\.1 <dave@/);
    // The class-mismatch error is gone from the Problems panel; the other two findings stay.
    const rows = await workbench.problemsOf('mail.log', 2);
    assert.deepEqual(rows.map((r) => r.rule).sort(), ['deprecated', 'unregistered']);
    // Undo, back to the text on disk (the editor is clean again): unsaved changes would come back
    // as a backup in a later window on this folder, and other specs read this file.
    await workbench.page.keyboard.press('Control+1'); // back from the Problems panel to the editor
    await workbench.page.keyboard.press('Control+Z');
    await workbench.waitForText(/\]: 550 4\.1\.1 <dave@/);
    await workbench.page.locator('.tabs-container .tab.dirty').waitFor({ state: 'detached' });
  });
});
