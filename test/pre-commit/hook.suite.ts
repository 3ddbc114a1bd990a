// The pre-commit hook of .pre-commit-hooks.yaml, run by Debian's pre-commit as a user runs it:
// `pre-commit try-repo` and `pre-commit run` in throwaway git repositories, and a `git commit`
// refused by the installed hook. pre-commit installs the hook repository as an npm package (npm
// install in a clone, npm pack, npm install --global) with the system's Node; the packages come
// from the npm registry. Each install takes half a minute: try-repo installs into a store of its
// own every time, so it runs once, and the other runs share one store (PRE_COMMIT_HOME).
// `npm run test:pre-commit` installs pre-commit when it is missing, and runs this suite.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT } from '../support/paths';

const PRE_COMMIT = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const skip = PRE_COMMIT.status === 0 ? false : 'pre-commit is not installed (npm run test:pre-commit installs it)';

const BAD = `Dec  6 10:15:07 mx1 postfix/smtpd[4150]: NOQUEUE: reject: RCPT from unknown[203.0.113.77]: 550 4.1.1 <dave@example.com>: Recipient address rejected: User unknown in virtual mailbox table; from=<spam@example.net> to=<dave@example.com> proto=ESMTP helo=<ylmf-pc>\n`;
const CLEAN = `Mar  3 10:02:12 mx1 postfix/smtp[3302]: 2B3C4D5E6F: to=<gone@example.com>, relay=mx.example.com[203.0.113.5]:25, delay=0.5, delays=0.1/0/0.3/0.1, dsn=5.1.1, status=bounced (host mx.example.com[203.0.113.5] said: 550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command))\n`;
/** Only a warning: `unregistered`. */
const WARNING = `Dec  6 10:15:08 mx1 postfix/smtpd[4150]: NOQUEUE: reject: RCPT from unknown[203.0.113.77]: 450 4.7.99 <erin@example.com>: Recipient address rejected: Policy service temporarily unavailable\n`;

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Postmaster',
  GIT_AUTHOR_EMAIL: 'postmaster@example.org',
  GIT_COMMITTER_NAME: 'Postmaster',
  GIT_COMMITTER_EMAIL: 'postmaster@example.org',
};

describe('the pre-commit hook smtp-status', { skip }, () => {
  let work: string;
  let hookRepo: string;
  let hookRev: string;
  let env: NodeJS.ProcessEnv;

  /** Runs a command in `cwd`; returns its status and its output, stdout and stderr together. */
  const run = (cwd: string, command: string, args: string[]) => {
    const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 10 * 60_000 });
    assert.equal(result.error, undefined);
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();

  /** A fresh git repository holding `files`, all of them staged. */
  const throwaway = (name: string, files: Record<string, string>) => {
    const dir = join(work, name);
    mkdirSync(dir);
    git(dir, 'init', '-q');
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    git(dir, 'add', '.');
    return dir;
  };
  const tryRepo = (dir: string) => run(dir, 'pre-commit', ['try-repo', hookRepo, 'smtp-status']);
  /** `pre-commit run` with a configuration naming the hook, with these `args`. */
  const runWithArgs = (dir: string, args: string[]) => {
    const hooks = `[{ id: smtp-status, args: ${JSON.stringify(args)} }]`;
    writeFileSync(join(dir, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hookRepo}\n    rev: ${hookRev}\n    hooks: ${hooks}\n`);
    // pre-commit refuses an unstaged configuration.
    git(dir, 'add', '.pre-commit-config.yaml');
    return run(dir, 'pre-commit', ['run']);
  };

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'smtp-status-pre-commit-'));
    // pre-commit's own cache (the installed hook environments), fresh for this run.
    env = { ...process.env, ...GIT_IDENTITY, PRE_COMMIT_HOME: join(work, 'cache'), PRE_COMMIT_COLOR: 'never' };
    // The hook repository as the working tree has it, committed once, so that every run below
    // shares one installed environment (try-repo of a tree with uncommitted changes would make
    // a new shadow commit, and install again, every time).
    hookRepo = join(work, 'hook-repository');
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
    for (const file of files.split('\0').filter((f) => f !== '' && existsSync(join(ROOT, f)))) {
      mkdirSync(dirname(join(hookRepo, file)), { recursive: true });
      cpSync(join(ROOT, file), join(hookRepo, file));
    }
    git(hookRepo, 'init', '-q');
    git(hookRepo, 'add', '.');
    git(hookRepo, 'commit', '-q', '-m', 'the working tree');
    hookRev = git(hookRepo, 'rev-parse', 'HEAD');
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test('try-repo: a staged log with 550 4.1.1 is rejected with class-mismatch printed', () => {
    const dir = throwaway('bad', { 'logs/mail.log': BAD });
    const { status, output } = tryRepo(dir);
    assert.equal(status, 1, output);
    assert.match(output, /SMTP status codes\.+Failed/);
    assert.match(output, /logs\/mail\.log:1:\d+: error class-mismatch Class 4 of 4\.1\.1 disagrees with reply code 550/);
  });

  test('a clean log passes', () => {
    const dir = throwaway('clean', { 'mail.log': CLEAN });
    const { status, output } = runWithArgs(dir, []);
    assert.equal(status, 0, output);
    assert.match(output, /SMTP status codes\.+Passed/);
  });

  test('files the editor does not check pass, whatever they hold; the ones it checks among them do not', () => {
    const others = { 'notes.md': BAD, 'data.json': JSON.stringify({ reply: BAD }) };
    assert.equal(runWithArgs(throwaway('others', others), []).status, 0);
    const mixed = runWithArgs(throwaway('mixed', { ...others, 'src/handler.py': `REPLY = "550 4.1.1 no such user"\n` }), []);
    assert.equal(mixed.status, 1, mixed.output);
    assert.match(mixed.output, /src\/handler\.py:1:\d+: error class-mismatch/);
    assert.doesNotMatch(mixed.output, /notes\.md|data\.json/);
  });

  test('the threshold is warning by default, and args change it', () => {
    const dir = throwaway('threshold', { 'mail.log': WARNING });
    const byDefault = runWithArgs(dir, []);
    assert.equal(byDefault.status, 1, byDefault.output);
    assert.match(byDefault.output, /warning unregistered 4\.7\.99/);
    const errorsOnly = runWithArgs(dir, ['--severity', 'error']);
    assert.equal(errorsOnly.status, 0, errorsOnly.output);
  });

  test('--config passes through: a rule switched off in .vscode/settings.json reports nothing', () => {
    const dir = throwaway('config', {
      'mail.log': BAD,
      '.vscode/settings.json': '{\n  // as VS Code writes it\n  "smtpStatus.severity.class-mismatch": "off",\n}\n',
    });
    assert.equal(runWithArgs(dir, []).status, 1);
    const { status, output } = runWithArgs(dir, ['--config', '.vscode/settings.json']);
    assert.equal(status, 0, output);
  });

  test('installed as the git hook, it refuses the commit of a bad log', () => {
    const dir = throwaway('commit', { 'mail.log': BAD });
    runWithArgs(dir, []);
    assert.equal(run(dir, 'pre-commit', ['install']).status, 0);
    const commit = run(dir, 'git', ['commit', '-m', 'add the log']);
    assert.equal(commit.status, 1, commit.output);
    assert.match(commit.output, /class-mismatch/);
    assert.throws(() => git(dir, 'rev-parse', '--verify', '-q', 'HEAD'), 'nothing was committed');
  });
});
