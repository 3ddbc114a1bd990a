/// <reference types="mocha" />
// A person types a reply into a Python string and picks the enhanced code from the list.
import * as assert from 'node:assert/strict';
import { Workbench } from './support/workbench';

describe('completion in Python', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await Workbench.open();
  });
  after(async () => workbench?.close());

  it('offers the 5.7.x codes after typing "550 5.7." in a string', async () => {
    await workbench.openFile('handler.py');
    await workbench.goToText('handler.py', '"', '"relay": ');
    await workbench.page.keyboard.press('ArrowRight'); // inside the empty string
    const labels = await workbench.typeAndReadSuggestions('550 5.7.');
    assert.ok(labels.length >= 5, `a list of codes: ${labels.join(' ')}`);
    assert.ok(labels.includes('5.7.1'), `5.7.1 (Delivery not authorized, message refused) offered: ${labels.join(' ')}`);
    assert.deepEqual(
      labels.filter((l) => !l.startsWith('5.7.')),
      [],
      'only 5.7.x codes',
    );
    const details = await workbench.page.locator('.suggest-widget.visible').innerText();
    assert.match(details, /Delivery not authorized, message refused/);
    await workbench.screenshot('completion.png');
  });
});
