// Log text is sender-controlled. None of it may become HTML, a link or a command in a hover,
// a diagnostic message or completion documentation: checked through the service here and through
// the built server over stdio (test/lsp/support/lspClient.ts). Every link is https to the RFCs,
// IANA or the IETF (or a vendor page the registry itself names), and nothing sets `isTrusted`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { scanDocument } from '../../server/src/scan';
import { Analysis, complete, computeDiagnostics, DEFAULT_SETTINGS, hover, readSettings, SummaryBuilder } from '../../server/src/service';
import { summaryPage } from '../../client/src/summaryView';
import { LspClient, PULL_CAPABILITIES } from '../lsp/support/lspClient';
import { assertSafeMarkdown, checkService, hoverMarkdown, probePositions, splitLines } from '../fuzz/support/invariants';
import { repoPath } from '../support/paths';

/** What a sender can put into a log line. */
const HOSTILE = [
  '[click me](command:workbench.action.terminal.new)',
  '[x](command:_workbench.downloadResource?%5B%22file%3A%2F%2F%2Fetc%2Fpasswd%22%5D)',
  '[run](javascript:alert(1)) [f](file:///etc/passwd)',
  '<img src=x onerror=alert(1)> <script>alert(1)</script> <a href="command:x">a</a>',
  '<https://evil.example/autolink> https://evil.example/bare www.evil.example',
  '`code` ``` fence **bold** __b__ *e* _e_ ~~s~~ | a | b |',
  '[ref]: command:workbench.action.terminal.new',
  '![img](https://evil.example/p.png)',
  '\u001b[31mred\u001b[0m \u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007',
  '&lt;b&gt; &#x3c;script&#x3e;',
  '\u202e\u2066reversed\u2069',
];

/** Log lines carrying hostile text around codes in every context. */
function hostileLog(): string {
  const lines: string[] = [];
  for (const h of HOSTILE) {
    lines.push(
      `Nov 22 10:00:01 mx postfix/smtp[1]: A: to=<${h}>, dsn=5.1.1, status=bounced (host x said: 550 5.1.1 ${h} (in reply to RCPT TO))`,
      `${h} 451 4.7.1 ${h}`,
      `550-5.7.26 ${h}`,
      `550 5.7.27 ${h}`,
      `Status: 5.9.9 ${h}`,
      `Diagnostic-Code: smtp; 554 5.01.1 ${h}`,
      `${h}(#5.1.1)${h}`,
      `S: 354 2.0.0 ${h}`,
      `${h} 5.1.1 ${h}`,
      `dsn=${h}`,
    );
  }
  return lines.join('\n');
}

const LOG = hostileLog();
const SOURCE = HOSTILE.map((h) => `reply("550 5.7.1 ${h.replace(/["\\]/g, '')}"); x = "4.7.1"; // ${h}`).join('\n');

describe('through the service', () => {
  for (const [languageId, uri, text] of [
    ['log', 'file:///f/mail.log', LOG],
    ['c', 'file:///f/a.c', SOURCE],
    ['plaintext', 'file:///etc/postfix/access', HOSTILE.map((h) => `${h} REJECT 5.7.1 ${h}`).join('\n')],
  ] as const) {
    test(`${languageId}: hovers, completion documentation and diagnostics keep no hostile text`, () => {
      const codes = scanDocument(text, languageId === 'c' ? 'source' : languageId === 'log' ? 'log' : 'config', { languageId }).codes;
      assert.ok(codes.length >= HOSTILE.length, 'the hostile lines hold codes');
      // Hover and completion on every code, its reply code, and right after each (checks markdown, links, ranges).
      checkService(text, languageId, uri, probePositions(text, codes, []), { documentation: 'all' });
      const document = TextDocument.create(uri, languageId, 1, text);
      const analysis = new Analysis(document);
      let hovers = 0;
      for (const m of codes) {
        const h = hover(document, analysis, { line: m.line, character: m.start });
        if (h === null) continue;
        hovers++;
        const value = hoverMarkdown(h, `hover on ${m.text}`);
        for (const fragment of ['evil', 'command:', 'javascript:', 'onerror', 'script', 'passwd', 'click me', '\u202e']) {
          assert.ok(!value.includes(fragment), `hover on ${m.text} at ${m.line}:${m.start} contains ${JSON.stringify(fragment)}`);
        }
      }
      assert.ok(hovers >= HOSTILE.length, `${hovers} hovers`);
      for (const d of computeDiagnostics(analysis, DEFAULT_SETTINGS, { groupRepeated: true, uri })) {
        const message = typeof d.message === 'string' ? d.message : (d.message as { value: string }).value;
        for (const fragment of ['evil', 'command:', '<', '[', '`', '\u001b'])
          assert.ok(!message.includes(fragment), `diagnostic message ${JSON.stringify(message)}`);
        assert.match(d.codeDescription?.href ?? '', /^https:\/\/www\.(?:rfc-editor|iana)\.org\//);
      }
    });
  }

  test('completion after a hostile prefix: documentation is registry text only', () => {
    for (const h of HOSTILE) {
      const text = `${h} 550 5.7.`;
      const document = TextDocument.create('file:///f/mail.log', 'log', 1, text);
      const list = complete(document, document.positionAt(text.length));
      assert.ok(list && list.items.length > 0, `completion after ${JSON.stringify(h)}`);
      for (const item of list.items) {
        const doc = item.documentation as { kind: string; value: string };
        assertSafeMarkdown(doc.value, `completion ${item.label}`);
        assert.ok(!doc.value.includes('evil') && !String(item.detail ?? '').includes('evil'));
      }
    }
  });

  test('site codes from settings: markup escaped, no link, no HTML', () => {
    for (const h of HOSTILE.filter((x) => !/https?:|www\.|\u001b/.test(x))) {
      const settings = readSettings({ siteCodes: { 'X.7.900': { title: h, description: h } } });
      const text = 'x: 550 5.7.900 denied';
      const document = TextDocument.create('file:///f/mail.log', 'log', 1, text);
      const h1 = hover(document, new Analysis(document), { line: 0, character: 9 }, settings);
      assert.ok(h1, 'a hover for the site code');
      assertSafeMarkdown(hoverMarkdown(h1, 'site code'), `site code titled ${JSON.stringify(h)}`);
    }
  });

  for (const [what, title] of [
    [
      'a bare URL, www. or an address is not left for the renderer to linkify',
      'see https://evil.example/x or www.evil.example or mail@evil.example',
    ],
    ['terminal control characters (ANSI escapes) are not passed through', '\u001b[31mred\u001b[0m \u009b31m'],
  ]) {
    test(`site codes from settings: ${what}`, () => {
      const settings = readSettings({ siteCodes: { 'X.7.900': title } });
      const document = TextDocument.create('file:///f/mail.log', 'log', 1, 'x: 550 5.7.900 denied');
      const h = hover(document, new Analysis(document), { line: 0, character: 9 }, settings);
      assert.ok(h, 'a hover for the site code');
      assertSafeMarkdown(hoverMarkdown(h, 'site code'), `site code titled ${JSON.stringify(title)}`);
    });
  }
});

describe('the summary page (webview) escapes log text', () => {
  test('codes, titles and timestamps from a hostile log come out as text', () => {
    const text = `${HOSTILE.map((h) => `2024-01-02T03:04:05 <script>${h} 550 5.1.1 ${h}`).join('\n')}\n<b>Nov 22 10:00:01 x 451 4.7.1 <img src=x>`;
    const lines = splitLines(text);
    const builder = new SummaryBuilder();
    const document = TextDocument.create('file:///f/mail.log', 'log', 1, text);
    builder.addAnalysis(new Analysis(document).codes, lines.length, (line) => lines[line]);
    const page = summaryPage(builder.build(), `<script>alert(1)</script> ${HOSTILE[0]}`, {
      nonce: 'NONCE',
      cspSource: 'vscode-resource:',
      canOpenLines: true,
    });
    const scripts = page.match(/<script\b[^>]*>/g) ?? [];
    assert.deepEqual(scripts, ['<script nonce="NONCE">'], "only the page's own script");
    assert.ok(!/<img|onerror|<a href="command|<b>/i.test(page), 'no tag from the log');
    assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'the title is escaped');
    assert.match(page, /Content-Security-Policy" content="default-src 'none'/);
  });
});

describe('the client does not trust markdown', () => {
  test('no isTrusted or supportHtml in the client sources', () => {
    for (const file of ['client/src/client.ts', 'client/src/node/extension.ts', 'client/src/browser/extension.ts']) {
      const source = readFileSync(repoPath(file), 'utf8');
      assert.doesNotMatch(source, /isTrusted|supportHtml|supportThemeIcons/, file);
    }
  });
});

describe('through the built server over stdio', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({
      capabilities: PULL_CAPABILITIES,
      settings: { siteCodes: { 'X.7.900': { title: '[x](command:workbench.action.terminal.new) <img src=x>', description: '`a` **b**' } } },
    });
  });
  after(async () => {
    await client.dispose();
  });

  test('hover, completion and diagnostics: inert markdown, no isTrusted anywhere on the wire', async () => {
    const uri = 'file:///lsp-tests/injection/mail.log';
    const text = `${LOG}\nx: 550 5.7.900 site\nx: ${HOSTILE[0]} 550 5.7.`;
    await client.open(uri, 'log', text);
    const codes = scanDocument(text, 'log').codes;
    const lines = splitLines(text);
    let hovers = 0;
    for (const m of codes) {
      const h = await client.hover(uri, { line: m.line, character: m.start + 1 });
      if (h === null) continue;
      hovers++;
      assert.doesNotMatch(JSON.stringify(h), /isTrusted|supportHtml/);
      assertSafeMarkdown(hoverMarkdown(h, `hover on ${m.text}`), `hover on ${m.text} at ${m.line}`);
      assert.ok(!hoverMarkdown(h, '').includes('evil'));
    }
    assert.ok(hovers >= HOSTILE.length);
    const items = await client.complete(uri, { line: lines.length - 1, character: lines[lines.length - 1].length }, '.');
    assert.ok(items && items.length > 0, 'completion after 550 5.7.');
    for (const item of items) {
      assert.doesNotMatch(JSON.stringify(item), /isTrusted|supportHtml|evil/);
      const doc = item.documentation as { value: string } | undefined;
      if (doc) assertSafeMarkdown(doc.value, `completion ${item.label}`);
    }
    for (const d of await client.diagnostics(uri)) {
      const message = typeof d.message === 'string' ? d.message : d.message.value;
      assert.ok(!/evil|command:|<|`/.test(message), `diagnostic message ${message}`);
    }
  });
});
