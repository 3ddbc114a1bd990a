// The GitHub Action (action.yml) run here the way the Actions runner runs a composite action: each
// step's `run` script in bash (`bash --noprofile --norc -eo pipefail`, the runner's bash), with the
// step's `env` (its ${{ inputs.* }} filled in, defaults applied) and the variables the runner sets:
// GITHUB_ACTION_PATH (this checkout), GITHUB_WORKSPACE, GITHUB_OUTPUT, RUNNER_TEMP. The checkout
// is already built, so the set-up step finds the bundles there and has nothing to do.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { sarifErrors } from '../cli/support/sarif';
import { ROOT, repoPath } from '../support/paths';

const ACTION = readFileSync(repoPath('action.yml'), 'utf8');

interface Step {
  name: string;
  id?: string;
  run: string;
  env: Record<string, string>;
  shell?: string;
}

/**
 * The inputs' defaults and the steps of action.yml. It is read as the plain YAML it is written in
 * (block mappings, one `run: |` literal or one-line `run:` per step); a test below holds it to that.
 */
function readAction(): { defaults: Record<string, string>; steps: Step[]; outputs: Record<string, string> } {
  const lines = ACTION.split('\n');
  const defaults: Record<string, string> = {};
  const outputs: Record<string, string> = {};
  const steps: Step[] = [];
  let section = '';
  let input = '';
  let output = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\S/.test(line)) section = line.replace(/:.*/, '');
    const key = /^ {2}([\w-]+):$/.exec(line)?.[1];
    if (section === 'inputs' && key) input = key;
    if (section === 'outputs' && key) output = key;
    const dflt = /^ {4}default: (.*)$/.exec(line);
    if (section === 'inputs' && dflt) defaults[input] = dflt[1].replace(/^(["'])(.*)\1$/, '$2');
    const value = /^ {4}value: (.*)$/.exec(line);
    if (section === 'outputs' && value) outputs[output] = value[1];
    if (section !== 'runs') continue;
    const item = /^ {4}- name: (.*)$/.exec(line);
    if (item) steps.push({ name: item[1], run: '', env: {} });
    const step = steps.at(-1);
    const field = /^ {6}(id|shell|run): ?(.*)$/.exec(line);
    if (step && field?.[1] === 'run' && field[2] === '|') {
      const body: string[] = [];
      while (i + 1 < lines.length && (lines[i + 1].startsWith('        ') || lines[i + 1] === '')) body.push(lines[++i].slice(8));
      step.run = `${body.join('\n').trimEnd()}\n`;
    } else if (step && field) step[field[1] as 'id' | 'shell' | 'run'] = field[2];
    const variable = /^ {8}(\w+): (.*)$/.exec(line);
    if (step && variable) step.env[variable[1]] = variable[2];
  }
  return { defaults, steps, outputs };
}

const action = readAction();

/** `${{ inputs.NAME }}` filled in from the inputs given, else their defaults. */
function expand(value: string, inputs: Record<string, string>): string {
  return value.replace(/\$\{\{ inputs\.([\w-]+) \}\}/g, (_, name: string) => inputs[name] ?? action.defaults[name] ?? '');
}

const work = mkdtempSync(join(tmpdir(), 'smtp-status-action-'));
after(() => rmSync(work, { recursive: true, force: true }));
let runs = 0;

/** Runs the action's steps in a fresh workspace holding `files`; stops at the first step that fails, as the runner does. */
function runAction(files: Record<string, string>, inputs: Record<string, string> = {}) {
  const dir = join(work, String(++runs));
  const workspace = join(dir, 'workspace');
  const temp = join(dir, 'runner-temp');
  mkdirSync(temp, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(workspace, path, '..'), { recursive: true });
    writeFileSync(join(workspace, path), content);
  }
  const outputFile = join(dir, 'github-output');
  writeFileSync(outputFile, '');
  let log = '';
  let status: number | null = 0;
  for (const step of action.steps) {
    const env = Object.fromEntries(Object.entries(step.env).map(([name, value]) => [name, expand(value, inputs)]));
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
      cwd: workspace,
      encoding: 'utf8',
      env: { ...process.env, ...env, GITHUB_ACTION_PATH: ROOT, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputFile, RUNNER_TEMP: temp },
    });
    log += result.stdout + result.stderr;
    status = result.status;
    if (status !== 0) break;
  }
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { status, log, outputs, workspace, temp };
}

const fixture = (name: string) => readFileSync(repoPath('test', 'fixtures', 'e2e', name), 'utf8');
const CLEAN = readFileSync(repoPath('test', 'fixtures', 'cli', 'clean.log'), 'utf8');

describe('the GitHub Action', () => {
  test('action.yml: a composite action of bash steps, every input passed to the check as a variable', () => {
    assert.match(ACTION, /^runs:\n {2}using: composite$/m);
    assert.deepEqual(Object.keys(action.defaults), ['paths', 'severity', 'format', 'config', 'sarif-file']);
    assert.equal(action.steps.length, 2);
    for (const step of action.steps) assert.equal(step.shell, 'bash', step.name);
    const check = action.steps.find((step) => step.id === 'check');
    for (const name of Object.keys(action.defaults))
      assert.equal(check?.env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`], `\${{ inputs.${name} }}`, name);
    // Inputs never stand in a script's text, where a value could run as shell code.
    for (const step of action.steps) assert.doesNotMatch(step.run, /\$\{\{/);
    assert.deepEqual(action.outputs, {
      'sarif-file': `\${{ steps.check.outputs.sarif-file }}`,
      findings: `\${{ steps.check.outputs.findings }}`,
    });
  });

  test('a workspace with problems: annotations in the log, a SARIF file as an output, and the step fails (Markdown is not checked)', () => {
    const run = runAction({ 'logs/mail.log': fixture('mail.log'), 'src/handler.py': fixture('handler.py'), 'README.md': '550 4.1.1' });
    assert.equal(run.status, 1, run.log);
    assert.match(run.log, /^::error file=logs\/mail\.log,line=10,col=96,endColumn=101,title=smtp-status class-mismatch::/m);
    assert.match(run.log, /^::error file=src\/handler\.py,line=\d+,/m);
    assert.match(run.log, /^::warning file=logs\/mail\.log,.*title=smtp-status unregistered::/m);
    assert.match(run.log, /^::error title=smtp-status::5 findings at or above warning$/m);
    assert.equal(run.outputs['sarif-file'], join(run.temp, 'smtp-status.sarif'));
    assert.equal(run.outputs.findings, '5');
    const sarif = JSON.parse(readFileSync(run.outputs['sarif-file'], 'utf8'));
    assert.deepEqual(sarifErrors(sarif), []);
    const results = sarif.runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    assert.equal(results.length, 5);
    // Paths relative to the workspace, which is the checkout's top: code scanning matches them to the files.
    const uris = new Set(results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri));
    assert.deepEqual([...uris].sort(), ['logs/mail.log', 'src/handler.py']);
    assert.ok(results.some((r) => r.ruleId === 'class-mismatch'));
  });

  test('severity error: warnings are neither reported nor counted', () => {
    const run = runAction({ 'mail.log': fixture('mail.log') }, { severity: 'error' });
    assert.equal(run.status, 1, run.log);
    assert.equal(run.outputs.findings, '1');
    assert.doesNotMatch(run.log, /::warning/);
    const onlyWarnings = runAction({ 'mail.log': fixture('mail.log').replace('550 4.1.1', '550 5.1.1') }, { severity: 'error' });
    assert.equal(onlyWarnings.status, 0, onlyWarnings.log);
    assert.equal(onlyWarnings.outputs.findings, '0');
  });

  test('a clean workspace passes, with an empty SARIF log; paths, format, config and sarif-file are passed on', () => {
    const clean = runAction({ 'mail.log': CLEAN });
    assert.equal(clean.status, 0, clean.log);
    assert.equal(clean.outputs.findings, '0');
    assert.deepEqual(JSON.parse(readFileSync(clean.outputs['sarif-file'], 'utf8')).runs[0].results, []);

    const run = runAction(
      {
        'logs/mail.log': fixture('mail.log'),
        'other/mainlog': fixture('mainlog'),
        'settings.json': '{ "smtpStatus.severity.class-mismatch": "off" }',
      },
      { paths: 'logs\n', format: 'text', config: 'settings.json', 'sarif-file': 'reports/smtp-status.sarif' },
    );
    assert.equal(run.status, 1, run.log);
    assert.equal(run.outputs['sarif-file'], join(run.workspace, 'reports', 'smtp-status.sarif'));
    assert.ok(existsSync(run.outputs['sarif-file']));
    assert.match(run.log, /^logs\/mail\.log:11:96: warning unregistered /m);
    assert.doesNotMatch(run.log, /class-mismatch|mainlog/);
  });

  test('a path that does not exist fails the step with exit 2, and the other paths are still reported', () => {
    const run = runAction({ 'mail.log': CLEAN }, { paths: 'mail.log missing.log' });
    assert.equal(run.status, 2, run.log);
    assert.match(run.log, /smtp-status: missing\.log: no such file or directory/);
    assert.match(run.log, /::error title=smtp-status::smtp-status check could not check every input/);
    assert.equal(run.outputs.findings, '0');
  });
});
