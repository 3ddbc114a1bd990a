import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, DocumentLink, InlayHint, SemanticTokens } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, PULL_CAPABILITIES, startForSuite, type Diagnostic } from './support/lspClient';
import { SUMMARY_LOG } from './support/summaryLog';

/** The tests' own copy of what clients declare for the features beyond diagnostics. */
const CAPABILITIES = {
  ...PULL_CAPABILITIES,
  textDocument: {
    ...PULL_CAPABILITIES.textDocument,
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
    inlayHint: {},
    semanticTokens: { requests: { full: true, range: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative' as const] },
    documentLink: {},
  },
};

let documents = 0;
const uri = (name: string) => `file:///lsp-tests/features/${++documents}/${name}`;

async function openAndDiagnose(
  client: LspClient,
  name: string,
  languageId: string,
  text: string,
): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const at = uri(name);
  await client.open(at, languageId, text);
  return { uri: at, diagnostics: await client.diagnostics(at) };
}

/** Applies a code action's edits to the text. */
function applied(text: string, action: CodeAction, at: string): string {
  const edits = action.edit?.changes?.[at] ?? [];
  const document = TextDocument.create(at, 'log', 1, text);
  return TextDocument.applyEdits(document, edits);
}

describe('quick fixes', () => {
  const client = startForSuite({ before, after }, { capabilities: CAPABILITIES, settings: null });
  const actionsFor = (at: string, diagnostics: Diagnostic[]) =>
    client().request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: at },
      range: diagnostics[0].range,
      context: { diagnostics },
    });

  test('class-mismatch: change the class or the reply code, the class preferred', async () => {
    const text = 'host said: 550 4.1.1 <a@b.example>: unknown';
    const { uri: at, diagnostics } = await openAndDiagnose(client(), 'a.log', 'log', text);
    assert.equal(diagnostics[0].code, 'class-mismatch');
    const actions = await actionsFor(at, diagnostics);
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      [
        ['Change the class: 5.1.1', true],
        ['Change the reply code: 450', false],
      ],
    );
    assert.equal(applied(text, actions[0], at), 'host said: 550 5.1.1 <a@b.example>: unknown');
    assert.equal(applied(text, actions[1], at), 'host said: 450 4.1.1 <a@b.example>: unknown');
    assert.deepEqual(actions[0].diagnostics, [diagnostics[0]]);
  });

  test('deprecated: replace X.6.10 with X.6.8', async () => {
    const text = '553 5.6.10 UTF-8 address not permitted';
    const { uri: at, diagnostics } = await openAndDiagnose(client(), 'b.log', 'log', text);
    const [action] = await actionsFor(at, diagnostics);
    assert.equal(action.title, 'Replace 5.6.10 with 5.6.8');
    assert.equal(applied(text, action, at), '553 5.6.8 UTF-8 address not permitted');
  });

  test('multiline-inconsistent: make the line agree with the line before', async () => {
    const text = '552-5.3.4 Message too big\n551 5.3.5 for this system';
    const { uri: at, diagnostics } = await openAndDiagnose(client(), 'c.smtp', 'smtp', text);
    assert.equal(diagnostics[0].code, 'multiline-inconsistent');
    const [action] = await actionsFor(at, diagnostics);
    assert.equal(applied(text, action, at), '552-5.3.4 Message too big\n552 5.3.4 for this system');
  });

  test('unregistered: accept as a site-specific code through the client command', async () => {
    const { uri: at, diagnostics } = await openAndDiagnose(client(), 'd.log', 'log', '451 4.7.99 later');
    const [action] = await actionsFor(at, diagnostics);
    assert.equal(action.command?.command, 'smtpStatus.addSiteCode');
    assert.deepEqual(action.command?.arguments, ['4.7.99']);
  });

  test('the site code setting then silences it', async () => {
    const configured = await LspClient.start({ capabilities: CAPABILITIES, settings: { siteCodes: { '4.7.99': 'Greylisted here' } } });
    try {
      const at = uri('e.log');
      await configured.open(at, 'log', '451 4.7.99 later');
      assert.deepEqual(await configured.diagnostics(at), []);
    } finally {
      await configured.dispose();
    }
  });

  test('a configuration action fixes the class alone', async () => {
    const text = 'spammer@example.com  REJECT 4.7.1 No mail from you';
    const { uri: at, diagnostics } = await openAndDiagnose(client(), 'access', 'plaintext', text);
    const actions = await actionsFor(at, diagnostics);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Change the class: 5.7.1'],
    );
  });
});

describe('inlay hints, semantic tokens, links', () => {
  const LOG = [
    'host said: 552 5.2.2 <a@b.example>: Mailbox full',
    'said: 550 5.7.606 Access denied, banned sending IP [192.0.2.7] [BN8NAM11FT024.eop-nam11.prod.protection.outlook.com]',
    'see RFC 3463 section 3.3 and RFC5321',
    'version 2.10.1',
  ].join('\n');
  const enabled = startForSuite({ before, after }, { capabilities: CAPABILITIES, settings: { inlayHints: { enabled: true } } });
  const disabled = startForSuite({ before, after }, { capabilities: CAPABILITIES, settings: null });
  const whole = { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } };

  test('inlay hints show titles when enabled, none by default', async () => {
    const at = uri('h.log');
    await enabled().open(at, 'log', LOG);
    const hints = await enabled().request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: at }, range: whole });
    assert.deepEqual(
      hints.map((h) => [h.position.line, h.position.character, h.label]),
      [
        [0, 20, '▸ Mailbox full'],
        [1, 17, '▸ Banned sending IP address'],
      ],
    );
    const only = await enabled().request<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri: at },
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } },
    });
    assert.equal(only.length, 1);
    await disabled().open(at, 'log', LOG);
    assert.deepEqual(await disabled().request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: at }, range: whole }), []);
  });

  test('semantic tokens: reply and status codes with class, vendor and unregistered modifiers', async () => {
    const at = uri('s.log');
    await enabled().open(at, 'log', LOG);
    const tokens = await enabled().request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: at } });
    // Decode the relative encoding.
    const decoded: number[][] = [];
    let line = 0;
    let start = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      const [dl, ds, length, type, modifiers] = tokens.data.slice(i, i + 5);
      line += dl;
      start = dl === 0 ? start + ds : ds;
      decoded.push([line, start, length, type, modifiers]);
    }
    const types = ['smtpReplyCode', 'smtpStatusCode'];
    const modifierNames = ['class2', 'class3', 'class4', 'class5', 'deprecated', 'unregistered', 'vendor'];
    const named = decoded.map(([l, s, len, type, mods]) => [
      l,
      s,
      len,
      types[type],
      modifierNames.filter((_, bit) => mods & (1 << bit)).join(' '),
    ]);
    assert.deepEqual(named, [
      [0, 11, 3, 'smtpReplyCode', 'class5'],
      [0, 15, 5, 'smtpStatusCode', 'class5'],
      [1, 6, 3, 'smtpReplyCode', 'class5'],
      [1, 10, 7, 'smtpStatusCode', 'class5 vendor'],
    ]);
    const ranged = await enabled().request<SemanticTokens>('textDocument/semanticTokens/range', {
      textDocument: { uri: at },
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } },
    });
    assert.equal(ranged.data.length, 10);
    assert.equal(ranged.data[0], 1, 'the first token is on line 1');
  });

  test('links: codes to their defining document, RFC references to the RFC; nothing from document text', async () => {
    const at = uri('l.log');
    await enabled().open(at, 'log', LOG);
    const links = await enabled().request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: at } });
    assert.deepEqual(
      links.map((l) => [l.range.start.line, l.range.start.character, l.target]),
      [
        [0, 15, 'https://www.rfc-editor.org/rfc/rfc3463'],
        [1, 10, 'https://www.iana.org/assignments/smtp-enhanced-status-codes/smtp-enhanced-status-codes.xhtml'],
        [2, 4, 'https://www.rfc-editor.org/rfc/rfc3463#section-3.3'],
        [2, 29, 'https://www.rfc-editor.org/rfc/rfc5321'],
      ],
    );
    for (const link of links) assert.match(link.target!, /^https:\/\/(www\.rfc-editor\.org|www\.iana\.org)\//);
  });
});

describe('summary of a log', () => {
  const client = startForSuite({ before, after }, { capabilities: CAPABILITIES, settings: null });

  test('counts per code, class and vendor, unregistered codes, failures per hour', async () => {
    const at = uri('summary.log');
    await client().open(at, 'log', SUMMARY_LOG);
    const summary = await client().request<{
      lines: number;
      codes: number;
      byClass: Record<string, number>;
      byCode: {
        code: string;
        replyCode: number | null;
        count: number;
        status: string;
        lines: number[];
        outcomes: Record<string, number>;
      }[];
      outcomes: Record<string, number>;
      byVendor: Record<string, number>;
      topUnregistered: { code: string; count: number }[];
      perHour: { hour: string; transient: number; permanent: number }[];
      untimed: number;
    }>('smtpStatus/summary', { uri: at });
    assert.equal(summary.lines, 5);
    assert.equal(summary.codes, 7);
    assert.deepEqual(summary.byClass, { '2': 2, '4': 2, '5': 3 });
    // A code written twice on a line (dsn=5.1.1 and 550 5.1.1) counts once, with its reply code.
    assert.deepEqual(
      summary.byCode.map((c) => [c.code, c.replyCode, c.count, c.status, c.lines, c.outcomes]),
      [
        ['2.0.0', 250, 1, 'registered', [2], { delivered: 1 }],
        ['4.4.1', null, 1, 'registered', [1], { deferred: 1 }],
        ['4.7.99', 451, 1, 'unregistered', [4], {}],
        ['5.1.1', 550, 1, 'registered', [0], { bounced: 1 }],
        ['5.7.606', 550, 1, 'vendor', [3], {}],
      ],
    );
    assert.deepEqual(summary.outcomes, {
      delivered: 1,
      deferred: 1,
      bounced: 1,
      expired: 0,
      rejected: 0,
      milterRejected: 0,
      rejectWarnings: 0,
    });
    assert.deepEqual(summary.byVendor, { microsoft: 1 });
    assert.deepEqual(summary.topUnregistered, [{ code: '4.7.99', count: 1 }]);
    assert.deepEqual(summary.perHour, [
      // Lines, not codes: dsn=5.1.1 and said: 550 5.1.1 are one failed delivery.
      { hour: 'Nov 22 10:00', transient: 1, permanent: 1 },
      { hour: 'Nov 22 11:00', transient: 0, permanent: 1 },
    ]);
    assert.equal(summary.untimed, 1);
    assert.equal(await client().request('smtpStatus/summary', { uri: 'file:///not/open.log' }), null);
  });
});

describe("mail libraries' calls over the built server: haraka-dsn and Apache James", () => {
  const client = startForSuite({ before, after }, { capabilities: CAPABILITIES, settings: { inlayHints: { enabled: true } } });
  const PLUGIN = [
    "const DSN = require('haraka-dsn');",
    'exports.hook_rcpt = (next) => next(DENY, DSN.no_such_user());',
    "exports.hook_queue = (next) => next(DENYSOFT, DSN.mbox_full('Over quota', 552));",
    'next(DENY, DSN.',
  ].join('\n');

  test('DSN.no_such_user() explains 5.1.1 in its hover and shows it as an inlay hint; DSN. completes the helpers', async () => {
    const at = uri('plugin.js');
    await client().open(at, 'javascript', PLUGIN);
    const lines = PLUGIN.split('\n');
    const found = await client().hover(at, { line: 1, character: lines[1].indexOf('no_such_user') + 2 });
    assert.ok(found && typeof found.contents === 'object' && 'value' in found.contents, 'a hover on the helper');
    assert.match(
      found.contents.value.replace(/\\/g, ''),
      /DSN\.no_such_user\(\)\*\* builds \*\*5\.1\.1\*\*.*Bad destination mailbox address/s,
    );
    const hints = await client().request<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri: at },
      range: { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } },
    });
    assert.deepEqual(
      hints.map((h) => [h.position.line, h.label]),
      [
        [1, '▸ 5.1.1'],
        [2, '▸ 5.2.2'],
      ],
    );
    const items = await client().complete(at, { line: 3, character: lines[3].length }, '.');
    assert.ok(
      items?.some((i) => i.label === 'no_such_user' && i.labelDetails?.description === '550 5.1.1'),
      'no_such_user offered',
    );
  });

  test('DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.ADDRESS_MAILBOX) explains 5.1.1', async () => {
    const at = uri('Bounce.java');
    const line = '  String s = DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.ADDRESS_MAILBOX);';
    await client().open(at, 'java', `class Bounce {\n${line}\n}\n`);
    const found = await client().hover(at, { line: 1, character: line.indexOf('getStatus') + 1 });
    assert.ok(found && typeof found.contents === 'object' && 'value' in found.contents, 'a hover on getStatus');
    assert.match(found.contents.value.replace(/\\/g, ''), /getStatus\(\)\*\* builds \*\*5\.1\.1\*\* \(Apache James\)/);
  });
});
