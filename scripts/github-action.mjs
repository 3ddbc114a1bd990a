#!/usr/bin/env node
// The check step of the GitHub Action (action.yml). It runs `smtp-status check` over the inputs
// twice: once for the SARIF log, written to a file, and once in the chosen format for the job's log
// (annotations by default); sets the step's outputs (sarif-file, findings) and fails the step by
// the threshold, with the command line's exit code: 1 findings, 2 an input that could not be read
// or a bad input value. The runner provides GITHUB_WORKSPACE, GITHUB_OUTPUT and RUNNER_TEMP, and
// action.yml hands the inputs in as INPUT_* variables.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const CLI = join(import.meta.dirname, '..', 'dist', 'cli.js');
const { GITHUB_WORKSPACE, GITHUB_OUTPUT, RUNNER_TEMP } = process.env;
if (!GITHUB_WORKSPACE || !GITHUB_OUTPUT || !RUNNER_TEMP) {
  console.error('::error title=smtp-status::GITHUB_WORKSPACE, GITHUB_OUTPUT and RUNNER_TEMP must be set, as the Actions runner sets them');
  process.exit(2);
}

/** An input as action.yml passes it; empty means its default. */
const input = (name, fallback = '') => process.env[`INPUT_${name}`]?.trim() || fallback;
const paths = input('PATHS', '.').split(/\s+/);
const severity = input('SEVERITY', 'warning');
const format = input('FORMAT', 'github');
const config = input('CONFIG');
const sarifFile = resolve(GITHUB_WORKSPACE, input('SARIF_FILE', join(RUNNER_TEMP, 'smtp-status.sarif')));

// `--` ends the options: a path that starts with a dash is still a path.
const options = ['--severity', severity, ...(config ? ['--config', config] : []), '--', ...paths];
const check = (outputFormat) =>
  spawnSync(process.execPath, [CLI, 'check', '--format', outputFormat, ...options], {
    cwd: GITHUB_WORKSPACE,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });

const sarif = check('sarif');
// A usage error (a bad severity, say) prints no SARIF: the log run below says what is wrong.
let findings = 0;
if (sarif.stdout.startsWith('{')) {
  mkdirSync(dirname(sarifFile), { recursive: true });
  writeFileSync(sarifFile, sarif.stdout);
  findings = JSON.parse(sarif.stdout).runs[0].results.length;
  appendFileSync(GITHUB_OUTPUT, `sarif-file=${sarifFile}\nfindings=${findings}\n`);
}
const report = check(format);
process.stdout.write(report.stdout);
process.stderr.write(report.stderr);

if (sarif.status === 1) console.log(`::error title=smtp-status::${findings} finding${findings === 1 ? '' : 's'} at or above ${severity}`);
else if (sarif.status !== 0) console.log('::error title=smtp-status::smtp-status check could not check every input (see above)');
process.exitCode = sarif.status ?? 2;
