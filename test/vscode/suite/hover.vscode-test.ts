/// <reference types="mocha" />
// Hovers through VS Code's own hover command, so the request goes editor -> client -> server.
import * as assert from 'node:assert/strict';
import { activeExtension, hoverText, openFixture, positionOf } from './support';

/** Line breaks and markdown escapes removed, for matching the registry's prose. */
const flat = (markdown: string) => markdown.replace(/\\(.)/g, '$1').replace(/\s+/g, ' ');

describe('hover', () => {
  before(activeExtension);

  it('explains 5.1.1 in a Postfix log: title, description, class, subject, RFC link', async () => {
    const document = await openFixture('mail.log');
    const text = await hoverText(document, positionOf(document, '5.1.1', '550 '));
    assert.match(text, /5\.1\.1/);
    assert.match(text, /Bad destination mailbox address/);
    assert.match(flat(text), /The mailbox specified in the address does not exist/);
    assert.match(text, /Permanent Failure/);
    assert.match(text, /Addressing Status/);
    assert.match(text, /https:\/\/www\.rfc-editor\.org\/rfc\/rfc3463/);
  });

  it('explains the reply code 550 itself', async () => {
    const document = await openFixture('mail.log');
    const text = await hoverText(document, positionOf(document, '550', 'said: '));
    assert.match(text, /550/);
    assert.match(text, /Permanent Negative Completion/);
  });

  for (const [name, after] of [
    ['mainlog', '550 '],
    ['session.smtp', '550 '],
    ['bounce.eml', 'Status: '],
    ['handler.py', '"550 '],
    ['ses-bounce.json', '"status": "'],
  ] as const) {
    it(`explains 5.1.1 in ${name}`, async () => {
      const document = await openFixture(name);
      const text = await hoverText(document, positionOf(document, '5.1.1', after));
      assert.match(text, /Bad destination mailbox address/);
    });
  }

  it('tells a queue ID’s story: sender, each recipient with its outcome and the code’s title, the notification', async () => {
    const document = await openFixture('mail.log');
    const text = await hoverText(document, positionOf(document, '4Y3p2F4b2Pz3'));
    assert.match(text, /Postfix queue ID/);
    assert.match(text, /alice\\@example\.org/);
    assert.match(text, /nobody\\@example\.net \| bounced .*\*\*5\.1\.1\*\* Bad destination mailbox address/);
    assert.match(text, /carol\\@example\.org \| deferred/);
    assert.match(text, /notification \*\*4Y3p2H1mQ7z8\*\*/);
  });

  it('says nothing over text that is neither a code nor a queue ID (an IP address, a pid)', async () => {
    const document = await openFixture('mail.log');
    assert.equal(await hoverText(document, positionOf(document, '198.51.100.23')), '');
    assert.equal(await hoverText(document, positionOf(document, '4123')), '');
  });
});
