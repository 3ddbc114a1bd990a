import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Log } from 'sarif';
import { sniff } from '../../server/src/files/sniff';
import { REPORT_RULES } from '../../server/src/service/rules';
import { RULE_IDS, RULES, type RuleId } from '../../server/src/service';
import { corpusPath, repoPath } from '../support/paths';
import { FIXTURES, run, scratchTree } from './support/cli';
import { SCHEMA_TEXT, sarifErrors } from './support/sarif';

const PROBLEMS_LOG = 'postfix-problems.log';
const LEVEL: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function sarifOf(args: string[], options: Parameters<typeof run>[1] = {}): { status: number; log: Log; stderr: string } {
  const { status, stdout, stderr } = run(['check', '--format', 'sarif', ...args], options);
  return { status, log: JSON.parse(stdout) as Log, stderr };
}

function assertValid(log: unknown): void {
  const errors = sarifErrors(log);
  assert.deepEqual(errors, [], `SARIF schema violations:\n${errors.join('\n')}`);
}

describe('the vendored SARIF schema', () => {
  test('is the OASIS 2.1.0 schema, and uses no draft-04 construct other than `id`', () => {
    const schema = JSON.parse(SCHEMA_TEXT);
    assert.equal(schema.id, 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
    assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#');
    assert.doesNotMatch(SCHEMA_TEXT, /"exclusive(?:Minimum|Maximum)"\s*:\s*(?:true|false)/);
  });

  test('rejects what it should (the validator is not vacuous)', () => {
    const { log } = sarifOf([PROBLEMS_LOG]);
    assertValid(log);
    const broken = structuredClone(log) as unknown as { runs: { results: { level: string }[] }[] };
    broken.runs[0].results[0].level = 'fatal';
    assert.notDeepEqual(sarifErrors(broken), []);
    assert.notDeepEqual(sarifErrors({ version: '2.1.0' }), []);
  });
});

describe('check --format sarif', () => {
  test('a log with problems: a valid SARIF 2.1.0 log, exit 1', () => {
    const { status, log, stderr } = sarifOf([PROBLEMS_LOG]);
    assert.equal(status, 1);
    assert.equal(stderr, '');
    assertValid(log);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
  });

  test('driver: name, the package version, every rule with its link and default level', () => {
    const { version } = JSON.parse(readFileSync(repoPath('package.json'), 'utf8'));
    const { driver } = sarifOf([PROBLEMS_LOG]).log.runs[0].tool;
    assert.equal(driver.name, 'smtp-status');
    assert.equal(driver.version, version);
    assert.deepEqual(
      driver.rules?.map((r) => [r.id, r.shortDescription?.text, r.helpUri, r.defaultConfiguration?.level]),
      RULE_IDS.map((id) => [id, RULES[id].summary, RULES[id].href, LEVEL[RULES[id].defaultSeverity]]),
    );
  });

  test('results: rule, level, message, and a region in UTF-16 columns relative to %SRCROOT%', () => {
    const { log } = sarifOf([PROBLEMS_LOG]);
    const json = JSON.parse(run(['check', '--format', 'json', PROBLEMS_LOG]).stdout) as Record<string, string | number>[];
    const runEntry = log.runs[0];
    assert.equal(runEntry.columnKind, 'utf16CodeUnits');
    assert.equal(runEntry.originalUriBaseIds?.['%SRCROOT%']?.uri, `${pathToFileURL(FIXTURES).href}/`);
    assert.deepEqual(
      runEntry.results?.map((r) => ({
        rule: r.ruleId,
        ruleIndex: r.ruleIndex,
        level: r.level,
        message: r.message.text,
        uri: r.locations?.[0].physicalLocation?.artifactLocation?.uri,
        base: r.locations?.[0].physicalLocation?.artifactLocation?.uriBaseId,
        region: r.locations?.[0].physicalLocation?.region,
      })),
      json.map((f) => ({
        rule: f.rule,
        ruleIndex: RULE_IDS.indexOf(f.rule as (typeof RULE_IDS)[number]),
        level: LEVEL[f.severity as string],
        message: f.message,
        uri: PROBLEMS_LOG,
        base: '%SRCROOT%',
        region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
      })),
    );
  });

  test('columns count UTF-16 code units: an emoji before a code counts two', () => {
    const { dir, remove } = scratchTree({ 'emoji.log': '📧 é said: 550 4.1.1 no such user\n' });
    try {
      const { log } = sarifOf(['emoji.log'], { cwd: dir });
      assertValid(log);
      const region = log.runs[0].results?.[0].locations?.[0].physicalLocation?.region;
      const text = '📧 é said: 550 4.1.1';
      assert.deepEqual(region, { startLine: 1, startColumn: text.indexOf('4.1.1') + 1, endLine: 1, endColumn: text.length + 1 });
      assert.equal(text.indexOf('4.1.1'), 15, 'the emoji is two UTF-16 code units');
    } finally {
      remove();
    }
  });

  test('a clean file: a valid log with no results, exit 0', () => {
    const { status, log } = sarifOf(['clean.log']);
    assert.equal(status, 0);
    assertValid(log);
    assert.deepEqual(log.runs[0].results, []);
    assert.equal(log.runs[0].invocations?.[0].executionSuccessful, true);
  });

  test('unreadable inputs become tool execution notifications; the run is marked unsuccessful', () => {
    const { status, log } = sarifOf(['no-such.log', PROBLEMS_LOG]);
    assert.equal(status, 2);
    assertValid(log);
    const invocation = log.runs[0].invocations?.[0];
    assert.equal(invocation?.executionSuccessful, false);
    assert.deepEqual(
      invocation?.toolExecutionNotifications?.map((n) => [
        n.level,
        n.message.text,
        n.locations?.[0].physicalLocation?.artifactLocation?.uri,
      ]),
      [['error', 'no-such.log: no such file or directory', 'no-such.log']],
    );
    assert.equal(log.runs[0].results?.length, 4);
  });

  test('settings from --config are recorded as rule configuration overrides', () => {
    const { log } = sarifOf(['--config', 'settings-class-mismatch-off.json', PROBLEMS_LOG]);
    assertValid(log);
    const index = RULE_IDS.indexOf('class-mismatch');
    assert.deepEqual(log.runs[0].invocations?.[0].ruleConfigurationOverrides, [
      { descriptor: { id: 'class-mismatch', index }, configuration: { enabled: false } },
    ]);
    assert.ok(log.runs[0].results?.every((r) => r.ruleId !== 'class-mismatch'));
  });

  test('standard input: described rather than given a made-up URI', () => {
    const { log } = sarifOf(['-'], { input: '550 4.1.1 no such user\n' });
    assertValid(log);
    assert.deepEqual(log.runs[0].results?.[0].locations?.[0].physicalLocation?.artifactLocation, {
      description: { text: 'standard input' },
    });
  });

  test('a file outside the working directory gets an absolute file URI', () => {
    const { dir, remove } = scratchTree({ 'x.log': '550 4.1.1 no such user\n' });
    try {
      const { log } = sarifOf([join(dir, 'x.log')]);
      assertValid(log);
      assert.deepEqual(log.runs[0].results?.[0].locations?.[0].physicalLocation?.artifactLocation, {
        uri: pathToFileURL(join(dir, 'x.log')).href,
      });
    } finally {
      remove();
    }
  });
});

describe('check over the shared corpus', () => {
  const corpus = corpusPath();
  test('a valid SARIF log whose every region holds the code it reports on', (t) => {
    if (!existsSync(corpus)) {
      t.skip(`the shared corpus is not at ${corpus}`);
      return;
    }
    const { status, log, stderr } = sarifOf(['.'], { cwd: corpus });
    assertValid(log);
    const runEntry = log.runs[0];
    const results = runEntry.results ?? [];
    assert.ok(results.length > 0, 'the corpus holds codes the rules flag');
    const all = runEntry.invocations?.[0].toolExecutionNotifications ?? [];
    // Undecodable bytes are warnings (the file was read); errors are files that were not.
    const notifications = all.filter((n) => n.level === 'error');
    // Exit 1 for findings; 2 only if some file could not be read, each one named on stderr.
    assert.equal(status, notifications.length > 0 ? 2 : 1, stderr);
    for (const warning of all.filter((n) => n.level === 'warning'))
      assert.match(warning.message.text ?? '', /not valid .* read as U\+FFFD/);
    const base = fileURLToPath(runEntry.originalUriBaseIds?.['%SRCROOT%']?.uri ?? '');
    for (const notification of notifications) {
      const uri = notification.locations?.[0].physicalLocation?.artifactLocation?.uri ?? '';
      assert.ok(stderr.includes(decodeURIComponent(uri)), `${uri} is reported on stderr too`);
      assert.notEqual(sniff(readFileSync(join(base, decodeURIComponent(uri)))).kind, 'text', `${uri} really is not text`);
    }
    const texts = new Map<string, string[]>();
    for (const result of results) {
      const location = result.locations?.[0].physicalLocation;
      const uri = location?.artifactLocation?.uri ?? '';
      assert.equal(location?.artifactLocation?.uriBaseId, '%SRCROOT%');
      let fileLines = texts.get(uri);
      if (fileLines === undefined) {
        fileLines = readFileSync(join(base, decodeURIComponent(uri)), 'utf8')
          .replace(/^\uFEFF/, '')
          .split(/\r\n|\r|\n/);
        texts.set(uri, fileLines);
      }
      const region = location?.region ?? {};
      const line = fileLines[(region.startLine ?? 0) - 1] ?? '';
      const code = line.slice((region.startColumn ?? 0) - 1, (region.endColumn ?? 0) - 1);
      // The rules about a DSN's fields mark a field's name (Will-Retry-Until) or an Action's value.
      const what = REPORT_RULES.has(result.ruleId as RuleId) ? /^[A-Za-z][A-Za-z-]*$|^\d\.\d{1,4}\.\d{1,4}$/ : /^\d\.\d{1,4}\.\d{1,4}$/;
      assert.match(code, what, `${uri}:${region.startLine}:${region.startColumn} holds a code (or a field)`);
    }
  });
});
