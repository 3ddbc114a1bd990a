import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { summaryPage, html } from '../../client/src/summaryView';
import { MAX_LINES_PER_CODE } from '../../common';
import { summarizeFile, summarizeFiles } from '../../server/src/node/summarizeFile';
import { analyze, hourOf, lineText, SummaryBuilder } from '../../server/src/service';

const LOG = [
  'Nov 22 10:01:00 mx postfix/smtp[1]: A: to=<a@b.example>, dsn=5.1.1, status=bounced (host x said: 550 5.1.1 unknown)',
  '2026-11-22 11:02:00 1tEXAM-000123-AB ** c@d.example R=dnslookup T=remote_smtp H=mx.d.example [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<c@d.example>: 451 4.7.1 later',
  'Dec  1 09:00:00 mx postfix/smtp[3]: B: to=<e@f.example>, relay=none, delay=1, delays=0/0/1/0, dsn=4.4.1, status=deferred (connect timed out)',
  'said: 550 5.7.606 Access denied [BN8NAM11FT024.eop-nam11.prod.protection.outlook.com]',
].join('\r\n');

const dir = mkdtempSync(join(tmpdir(), 'smtp-status-summary-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('summary', () => {
  test('from disk, streamed, equals the summary of the same text opened as a document', async () => {
    const path = join(dir, 'mail.log');
    writeFileSync(path, LOG);
    const fractions: number[] = [];
    const { sources, ...streamed } = await summarizeFile(path, (f) => fractions.push(f));
    const document = TextDocument.create('file:///mail.log', 'log', 1, LOG);
    const builder = new SummaryBuilder();
    builder.addAnalysis(analyze(document).codes, document.lineCount, (line) => lineText(document, line));
    assert.deepEqual(streamed, builder.build());
    assert.deepEqual(sources, [{ name: path, firstLine: 0, lines: 4, encoding: 'utf-8' }]);
    assert.equal(fractions[fractions.length - 1], 1);
    assert.equal(streamed.codes, 5);
    assert.deepEqual(streamed.byVendor, { microsoft: 1 });
    assert.deepEqual(
      [streamed.outcomes.bounced, streamed.outcomes.deferred],
      [2, 1],
      'Postfix status=bounced, Exim **, Postfix status=deferred',
    );
  });

  test('a registered code a vendor gives its own meaning counts for the vendor its line names, streamed and opened alike', async () => {
    // IANA registers 5.7.26 and 5.1.10; Google and Microsoft give them meanings of their own.
    const text = [
      'Nov 22 10:01:00 mx postfix/smtp[1]: C: to=<a@b.example>, dsn=5.7.26, status=bounced (host x said: 550 5.7.26 unauthenticated - gsmtp)',
      'Nov 22 10:02:00 mx postfix/smtp[2]: D: to=<c@d.example>, dsn=5.1.10, status=bounced (host x said: 550 5.1.10 RESOLVER.ADR.RecipientNotFound)',
      'Nov 22 10:03:00 mx postfix/smtp[3]: E: to=<e@f.example>, dsn=5.7.26, status=bounced (host x said: 550 5.7.26 unauthenticated)',
    ].join('\n');
    const path = join(dir, 'vendors.log');
    writeFileSync(path, text);
    const { sources: _sources, ...streamed } = await summarizeFile(path);
    const document = TextDocument.create('file:///vendors.log', 'log', 1, text);
    const builder = new SummaryBuilder();
    builder.addAnalysis(analyze(document).codes, document.lineCount, (line) => lineText(document, line));
    assert.deepEqual(streamed, builder.build());
    assert.deepEqual(streamed.byVendor, { google: 2, microsoft: 2 }, 'dsn= and the reply on each marked line');
    assert.deepEqual(
      streamed.byCode.map((c) => [c.code, c.vendor, c.status]),
      [
        ['5.1.10', 'microsoft', 'registered'],
        ['5.7.26', 'google', 'registered'],
        ['5.7.26', null, 'registered'],
      ],
    );
  });

  test('a CRLF split between two chunks is one line break', async () => {
    const path = join(dir, 'split.log');
    // The first 1 MiB chunk ends with "\r"; its "\n" opens the next one.
    const first = `${'x'.repeat((1 << 20) - 1)}\r`;
    writeFileSync(path, `${first}\n550 5.1.1 after the split\n`);
    const summary = await summarizeFile(path);
    assert.equal(summary.lines, 2);
    assert.deepEqual(summary.byCode[0].lines, [1]);
  });

  test('an aborted read stops with an error', async () => {
    const path = join(dir, 'abort.log');
    writeFileSync(path, LOG);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(summarizeFile(path, undefined, controller.signal), /abort/i);
  });

  test('a code on more lines than are listed says so; a code twice on a line counts once, with its reply code', () => {
    const builder = new SummaryBuilder();
    const many = MAX_LINES_PER_CODE + 5;
    for (let line = 0; line < many; line++)
      builder.addLine(
        `x: 550 5.1.1 dsn=5.1.1`,
        line,
        analyze(TextDocument.create('file:///a.log', 'log', 1, `x: 550 5.1.1 dsn=5.1.1`)).codes.toArray(),
      );
    builder.addLine(
      'x: dsn=4.7.1 451 4.7.1',
      many,
      analyze(TextDocument.create('file:///a.log', 'log', 1, 'x: dsn=4.7.1 451 4.7.1')).codes.toArray(),
    );
    const summary = builder.build();
    assert.equal(summary.codes, 2 * many + 2, 'every occurrence is a code found');
    const [often, once] = summary.byCode;
    assert.deepEqual(
      [often.code, often.replyCode, often.count, often.lines.length, often.moreLines],
      ['5.1.1', 550, many, MAX_LINES_PER_CODE, true],
    );
    assert.deepEqual([once.code, once.replyCode, once.count, once.lines, once.moreLines], ['4.7.1', 451, 1, [many], undefined]);
    const page = summaryPage(summary, 'a.log', { nonce: 'N', cspSource: 'vscode-resource:', canOpenLines: true });
    assert.equal(page.match(/\(the first [\d,]+ lines\)/g)?.length, 1, 'only 5.1.1 is cut short');
  });

  test('a deprecated code without a title of its own is named by its replacement', () => {
    const document = TextDocument.create('file:///a.log', 'log', 1, 'x: 553 5.6.10 no\ny: 250 2.0.0 ok');
    const builder = new SummaryBuilder();
    builder.addAnalysis(analyze(document).codes, document.lineCount, (line) => lineText(document, line));
    const titles = Object.fromEntries(builder.build().byCode.map((c) => [c.code, [c.status, c.title]]));
    assert.deepEqual(titles, { '5.6.10': ['deprecated', 'Deprecated: use 5.6.8'], '2.0.0': ['registered', 'Other undefined Status'] });
  });

  test('several files, one timeline: lines numbered through, outcomes and files on the page', async () => {
    const older = join(dir, 'mail.log.1.gz');
    const newer = join(dir, 'mail.log');
    writeFileSync(older, gzipSync(`${LOG}\n`));
    writeFileSync(
      newer,
      Buffer.from([
        ...Buffer.from(
          'Nov 23 10:00:00 mx postfix/smtp[9]: E: to=<g@h.example>, relay=none, delay=1, delays=0/0/1/0, dsn=5.1.1, status=bounced (caf',
        ),
        0xe9,
        ...Buffer.from(' 550 5.1.1)\n'),
      ]),
    );
    const summary = await summarizeFiles([older, newer]);
    assert.deepEqual(summary.sources, [
      { name: older, firstLine: 0, lines: 4, encoding: 'utf-8', compression: 'gzip' },
      { name: newer, firstLine: 4, lines: 1, encoding: 'utf-8', undecodable: { lines: 1, firstLine: 0 } },
    ]);
    assert.equal(summary.lines, 5);
    assert.equal(summary.outcomes.bounced, 3);
    assert.deepEqual(summary.byCode.find((c) => c.code === '5.1.1' && c.replyCode === 550)?.lines, [0, 4]);
    const page = summaryPage(summary, 'mail.log', { nonce: 'N', cspSource: 'vscode-resource:', canOpenLines: false });
    assert.match(
      page,
      /<h2>Outcomes<\/h2><table><tr><td class="c2">delivered<\/td><td>0<\/td><\/tr><tr><td class="c4">deferred \(lines\)<\/td><td>1<\/td><\/tr><tr><td class="c5">bounced<\/td><td>3<\/td>/,
    );
    assert.match(page, /mail\.log: lines 5-5; 1 with bytes that did not decode \(shown as U\+FFFD; the first: line 1\)/);
    assert.match(page, /mail\.log\.1\.gz: lines 1-4 \(gzip\)/);
    assert.match(page, /<td>2 bounced<\/td>/, 'a code with the outcomes of its lines');
  });

  test('hours from ISO and syslog timestamps sort in time', () => {
    assert.deepEqual(hourOf('2026-11-22T11:02:00 x'), { label: '2026-11-22 11:00', key: '2026-11-22 11' });
    assert.deepEqual(hourOf('Dec  1 09:00:00 x'), { label: 'Dec 01 09:00', key: '0000-12-01 09' });
    assert.equal(hourOf('no time here'), undefined);
  });

  test('the page escapes everything it shows and loads nothing from outside', () => {
    const builder = new SummaryBuilder();
    const page = summaryPage(builder.build(), 'codes in <img src=x onerror=alert(1)>.log', {
      nonce: 'n0nce',
      cspSource: 'vscode-resource:',
      canOpenLines: true,
    });
    assert.doesNotMatch(page, /<img/);
    assert.match(page, /&lt;img src=x onerror=alert\(1\)&gt;\.log/);
    assert.match(page, /default-src 'none'/);
    assert.doesNotMatch(page, /https?:\/\//);
    assert.equal(html(`"'&<>`), '&quot;&#39;&amp;&lt;&gt;');
  });
});
