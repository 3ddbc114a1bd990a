import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PULL_CAPABILITIES, PUSH_CAPABILITIES, startForSuite, type Diagnostic } from './support/lspClient';
import { DEFAULT_SEVERITY, Severity, assertWellFormed } from './support/text';

/** One line per rule whose default severity the tests override. */
const PROBLEMS = [
  'Nov 22 10:00:01 mx smtpd: reject: 550 4.1.1 <a@b.example>: Recipient address rejected',
  'Nov 22 10:00:02 mx smtpd: reject: 451 4.7.99 <c@d.example>: Try later',
  'Nov 22 10:00:03 mx smtp: said: 550 5.9.1 Policy rejection',
  'Nov 22 10:00:04 mx smtp: said: 553 5.6.10 UTF-8 address not permitted',
  '',
].join('\n');

/** rule -> severity, for comparing whole diagnostic sets at once. */
function severities(diagnostics: readonly Diagnostic[]): Record<string, number | undefined> {
  diagnostics.forEach(assertWellFormed);
  return Object.fromEntries(diagnostics.map((d) => [String(d.code), d.severity]));
}

const DEFAULTS = {
  'class-mismatch': DEFAULT_SEVERITY['class-mismatch'],
  unregistered: DEFAULT_SEVERITY.unregistered,
  'unknown-subject': DEFAULT_SEVERITY['unknown-subject'],
  deprecated: DEFAULT_SEVERITY.deprecated,
};

const OVERRIDES = {
  severity: { 'class-mismatch': 'warning', unregistered: 'off', 'unknown-subject': 'error', deprecated: 'hint' },
} as const;

const OVERRIDDEN = {
  'class-mismatch': Severity.warning,
  'unknown-subject': Severity.error,
  deprecated: Severity.hint,
};

/** A predicate for waitForDiagnostics; it must not throw, since it runs inside the notification handler. */
const sameAs = (want: Record<string, number | undefined>) => (params: { diagnostics: Diagnostic[] }) => {
  const got = Object.fromEntries(params.diagnostics.map((d) => [String(d.code), d.severity]));
  return (
    params.diagnostics.length === Object.keys(want).length &&
    JSON.stringify(Object.entries(got).sort()) === JSON.stringify(Object.entries(want).sort())
  );
};

describe('settings read at start (push)', () => {
  const client = startForSuite({ before, after }, { capabilities: PUSH_CAPABILITIES, settings: OVERRIDES });

  test('the server asks workspace/configuration for section smtpStatus', async () => {
    const uri = 'file:///lsp-tests/settings/asks.log';
    await client().open(uri, 'log', PROBLEMS);
    await client().nextDiagnostics(uri, 1);
    const items = client().configurationRequests.flatMap((r) => r.items);
    assert.ok(items.length > 0, 'at least one workspace/configuration request');
    for (const item of items) {
      assert.equal(item.section, 'smtpStatus', `item ${JSON.stringify(item)}`);
      if (item.scopeUri !== undefined) assert.equal(typeof item.scopeUri, 'string');
    }
  });

  test('severity overrides change severities and "off" removes the rule', async () => {
    const uri = 'file:///lsp-tests/settings/overrides.log';
    await client().open(uri, 'log', PROBLEMS);
    assert.deepEqual(severities((await client().nextDiagnostics(uri, 1)).diagnostics), OVERRIDDEN);
  });
});

describe('enable: false at start (push)', () => {
  const client = startForSuite({ before, after }, { capabilities: PUSH_CAPABILITIES, settings: { enable: false } });

  test('no diagnostics at all', async () => {
    const uri = 'file:///lsp-tests/settings/disabled.log';
    await client().open(uri, 'log', PROBLEMS);
    assert.deepEqual((await client().nextDiagnostics(uri, 1)).diagnostics, []);
  });
});

describe('null settings mean defaults (pull)', () => {
  const client = startForSuite({ before, after }, { capabilities: PULL_CAPABILITIES, settings: null });

  test('default severities', async () => {
    const uri = 'file:///lsp-tests/settings/null.log';
    await client().open(uri, 'log', PROBLEMS);
    assert.deepEqual(severities(await client().diagnostics(uri)), DEFAULTS);
  });
});

describe('partial settings keep defaults for the rest (pull)', () => {
  const client = startForSuite(
    { before, after },
    {
      capabilities: PULL_CAPABILITIES,
      settings: { severity: { deprecated: 'information' } },
    },
  );

  test('only the named rule changes', async () => {
    const uri = 'file:///lsp-tests/settings/partial.log';
    await client().open(uri, 'log', PROBLEMS);
    assert.deepEqual(severities(await client().diagnostics(uri)), { ...DEFAULTS, deprecated: Severity.information });
  });
});

describe('didChangeConfiguration (push): new diagnostics are pushed for every open document', () => {
  const client = startForSuite({ before, after }, { capabilities: PUSH_CAPABILITIES, settings: null });
  const first = 'file:///lsp-tests/settings/push-1.log';
  const second = 'file:///lsp-tests/settings/push-2.smtp';

  test('defaults at open', async () => {
    await client().open(first, 'log', PROBLEMS);
    await client().open(second, 'smtp', PROBLEMS);
    assert.deepEqual(severities((await client().nextDiagnostics(first, 1)).diagnostics), DEFAULTS);
    assert.deepEqual(severities((await client().nextDiagnostics(second, 1)).diagnostics), DEFAULTS);
  });

  test('severity overrides are pushed without an edit, and settings are re-read', async () => {
    const asked = client().configurationRequests.length;
    await client().changeSettings(OVERRIDES, 'section');
    await client().waitForDiagnostics(first, sameAs(OVERRIDDEN), undefined, 'a push with the overridden severities');
    await client().waitForDiagnostics(second, sameAs(OVERRIDDEN), undefined, 'a push with the overridden severities');
    assert.ok(client().configurationRequests.length > asked, 'workspace/configuration asked again');
  });

  test('enable: false pushes empty diagnostics', async () => {
    await client().changeSettings({ enable: false }, 'null');
    await client().waitForDiagnostics(first, (p) => p.diagnostics.length === 0, undefined, 'an empty push');
    await client().waitForDiagnostics(second, (p) => p.diagnostics.length === 0, undefined, 'an empty push');
  });

  test('back to defaults (null settings) pushes them again', async () => {
    await client().changeSettings(null, 'null');
    await client().waitForDiagnostics(first, sameAs(DEFAULTS), undefined, 'a push with default severities');
    await client().waitForDiagnostics(second, sameAs(DEFAULTS), undefined, 'a push with default severities');
  });
});

describe('didChangeConfiguration (pull): the server asks the client to refresh', () => {
  const client = startForSuite({ before, after }, { capabilities: PULL_CAPABILITIES, settings: null });
  const uri = 'file:///lsp-tests/settings/pull.log';

  test('defaults at open', async () => {
    await client().open(uri, 'log', PROBLEMS);
    assert.deepEqual(severities(await client().diagnostics(uri)), DEFAULTS);
  });

  test('severity overrides: workspace/diagnostic/refresh, then the pull shows them', async () => {
    const seen = client().refreshCount;
    const asked = client().configurationRequests.length;
    await client().changeSettings(OVERRIDES, 'null');
    await client().waitForRefresh(seen);
    assert.deepEqual(severities(await client().diagnostics(uri)), OVERRIDDEN);
    assert.ok(client().configurationRequests.length > asked, 'workspace/configuration asked again');
  });

  test('"off" for every rule empties the pull', async () => {
    const seen = client().refreshCount;
    const off = Object.fromEntries(Object.keys(DEFAULT_SEVERITY).map((rule) => [rule, 'off' as const]));
    await client().changeSettings({ severity: off }, 'section');
    await client().waitForRefresh(seen);
    assert.deepEqual(await client().diagnostics(uri), []);
  });

  test('enable: false empties the pull even with severities set', async () => {
    const seen = client().refreshCount;
    await client().changeSettings({ enable: false, severity: { 'class-mismatch': 'error' } }, 'section');
    await client().waitForRefresh(seen);
    assert.deepEqual(await client().diagnostics(uri), []);
  });

  test('enable: true again restores the diagnostics', async () => {
    const seen = client().refreshCount;
    await client().changeSettings({ enable: true }, 'section');
    await client().waitForRefresh(seen);
    assert.deepEqual(severities(await client().diagnostics(uri)), DEFAULTS);
  });
});
