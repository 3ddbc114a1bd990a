/// <reference types="mocha" />
// A person hovers a code in a Postfix log and reads what it means.
import * as assert from 'node:assert/strict';
import { Workbench } from './support/workbench';

describe('hover in a Postfix log', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await Workbench.open();
  });
  after(async () => workbench?.close());

  it('shows the registry title, description and RFC link for 550 5.1.1', async () => {
    await workbench.openFile('mail.log');
    await workbench.waitForSquiggles();
    const hover = await workbench.hover('mail.log', '5.1.1', '550 ');
    assert.match(hover.text, /5\.1\.1/);
    assert.match(hover.text, /Bad destination mailbox address/);
    assert.match(hover.text.replace(/\s+/g, ' '), /The mailbox specified in the address does not exist/);
    assert.match(hover.text, /Permanent Failure/);
    const rfc = hover.links.find((l) => /RFC 3463/.test(l.text));
    assert.ok(rfc, `an RFC 3463 link among ${JSON.stringify(hover.links)}`);
    assert.match(rfc.href, /^https:\/\/www\.rfc-editor\.org\/rfc\/rfc3463/);
    await workbench.expandHover();
    assert.ok(await workbench.visibleInHover(rfc.text), 'the RFC link can be seen without scrolling the hover');
    await workbench.screenshot('hover.png');
  });
});
