// Hover: registry entries, reply codes, malformed and unregistered codes, escaping.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, hover } from '../../server/src/service';
import { doc, hoverText } from './support/documents';

describe('hover', () => {
  test('a registered code shows its registry entry', () => {
    const text = hoverText('550 5.1.1 <a@b.example>: Recipient address rejected', 6)!;
    assert.match(text, /Bad destination mailbox address/);
    assert.match(text, /does not exist/); // description
    assert.match(text, /Permanent Failure/); // class
    assert.match(text, /Addressing Status/); // subject
    assert.match(text, /451, 550/); // associated reply codes
    assert.match(text, /\[RFC 3463\]\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc3463\)/);
    assert.match(text, /G\. Vaudreuil/);
    assert.match(text, /IESG/);
  });

  test('the hover range is the code', () => {
    const document = doc('said: 550 5.1.1 x');
    const result = hover(analyze(document), document, { line: 0, character: 12 });
    assert.deepEqual(result?.range, { start: { line: 0, character: 10 }, end: { line: 0, character: 15 } });
  });

  test('a deprecated code shows its replacement; a historical one says so', () => {
    assert.match(hoverText('553 5.6.10 x', 5)!, /Deprecated.*5\.6\.8/s);
    assert.match(hoverText('538 5.7.11 x', 5)!, /Historical/);
  });

  test('a reply code shows its meaning and RFC', () => {
    const text = hoverText('550 5.1.1 x', 1)!;
    assert.match(text, /mailbox unavailable/);
    assert.match(text, /RFC 5321/);
    assert.match(hoverText('S: 354 End data with <CR><LF>.<CR><LF>', 4)!, /Start mail input/i);
  });

  test('unregistered and malformed codes in replies are explained; unknown bare codes get nothing', () => {
    assert.match(hoverText('451 4.7.99 x', 5)!, /not in the IANA registry/);
    assert.match(hoverText('550 5.9.1 x', 5)!, /defines no subject 9/);
    assert.match(hoverText('550 5.01.1 x', 5)!, /not a valid enhanced status code/);
    assert.equal(hoverText('see 5.9.9 here', 6), null);
    assert.match(hoverText('see 5.7.1 here', 6)!, /Delivery not authorized/);
    assert.equal(hoverText('{"version": "5.1.3"}', 15, 0, 'json'), null);
    assert.equal(hoverText('nothing here', 3), null);
  });

  test('registry text cannot become markup', () => {
    // 220's meaning is written "<domain> Service ready" in RFC 5321.
    const text = hoverText('220 2.0.0 ready', 1)!;
    assert.doesNotMatch(text, /<domain>/);
    assert.match(text, /&lt;domain&gt;/);
  });
});
