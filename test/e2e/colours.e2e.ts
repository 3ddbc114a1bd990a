/// <reference types="mocha" />
// The grammars colour reply codes by class, so success, temporary and permanent failures can be
// told apart at a glance (Dark+).
import * as assert from 'node:assert/strict';
import { Workbench } from './support/workbench';

describe('colours by reply class', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await Workbench.open();
  });
  after(async () => workbench?.close());

  const distinct = (colours: Record<string, string>) => {
    assert.equal(new Set(Object.values(colours)).size, 3, `2xx, 4xx and 5xx in three colours: ${JSON.stringify(colours)}`);
  };

  it('colours 250, 451 and 550 differently in an SMTP transcript', async () => {
    await workbench.openFile('session.smtp');
    await workbench.waitForSquiggles(); // the language server is up: the screenshot shows its work too
    distinct({
      '250': await workbench.tokenColour('250 2.1.0 Ok', '250'),
      '451': await workbench.tokenColour('451 4.7.1 <carol', '451'),
      '550': await workbench.tokenColour('550 5.1.1 <nobody', '550'),
    });
    await workbench.screenshot('transcript-colours.png');
  });

  it('colours 250, 451 and 550 differently in a Postfix log', async () => {
    await workbench.openFile('mail.log');
    await workbench.waitForSquiggles();
    distinct({
      '250': await workbench.tokenColour('(250 2.0.0 Ok', '250'),
      '451': await workbench.tokenColour('said: 451 4.7.1', '451'),
      '550': await workbench.tokenColour('said: 550 5.1.1', '550'),
    });
    await workbench.screenshot('postfix-log-colours.png');
  });
});
