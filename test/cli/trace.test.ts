// `smtp-status trace`, the built CLI as a process, checked against a plain search for the ids on
// the same fixtures: the lines a trace prints are the lines that name the message or a message
// linked to it, each under the message it is about.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { repoPath } from '../support/paths';
import { lines, run, scratchTree } from './support/cli';

const MESSAGES = repoPath('test', 'fixtures', 'messages');
const read = (name: string) => readFileSync(`${MESSAGES}/${name}`, 'utf8');

/** What `grep -Hn` prints for the lines of `file` that hold any of the needles. */
function search(file: string, text: string, ...needles: string[]): string[] {
  return text.split('\n').flatMap((line, k) => (line !== '' && needles.some((n) => line.includes(n)) ? [`${file}:${k + 1}:${line}`] : []));
}

/** The groups of a text trace: each `#` line's id with the lines under it. */
function groups(stdout: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of lines(stdout)) {
    if (line.startsWith('# ')) found.set(line.slice(2).split(' ')[0], (current = []));
    else current.push(line);
  }
  return found;
}

const byLineNumber = (a: string, b: string) => Number(a.split(':')[1]) - Number(b.split(':')[1]);

describe('smtp-status trace', () => {
  test('Postfix: a message, the one the content filter queued it as, and its bounce, each with its own lines', () => {
    const text = read('postfix.log');
    const chain = ['4Y8kQ2T5mPz7Hd', '4Y8kQ2VbNTz7Hf', '4Y8kQ3Cx9Rz7Hg'];
    for (const id of chain) {
      const result = run(['trace', id, 'postfix.log'], { cwd: MESSAGES });
      assert.equal(result.status, 0, result.stderr);
      const found = groups(result.stdout);
      assert.deepEqual([...found.keys()], chain, `${id}: the messages in the order they start`);
      for (const message of chain) assert.deepEqual(found.get(message), search('postfix.log', text, `${message}: `), message);
      assert.deepEqual(
        [...found.values()].flat().sort(byLineNumber),
        search('postfix.log', text, ...chain),
        'every line naming them, once',
      );
    }
  });

  test('the header tells the story in short', () => {
    const { stdout } = run(['trace', '4Y8kQ2VbNTz7Hf', 'postfix.log'], { cwd: MESSAGES });
    const header = lines(stdout).find((l) => l.startsWith('# 4Y8kQ2VbNTz7Hf'));
    assert.equal(
      header,
      '# 4Y8kQ2VbNTz7Hf (Postfix queue ID): 7 lines; Dec  6 10:20:03 to Dec  6 10:20:05; from alice@example.org; bob@example.com sent 2.0.0, nobody@example.net bounced 5.1.1; queued again from 4Y8kQ2T5mPz7Hd; queued again as 1tJbZk-000DxF-5T; caused notification 4Y8kQ3Cx9Rz7Hg',
    );
  });

  test('Exim: a message and its bounce, as exigrep groups them', () => {
    const text = read('exim.log');
    const { status, stdout } = run(['trace', '1tJcAb-000BcE-8f', 'exim.log'], { cwd: MESSAGES });
    assert.equal(status, 0);
    const found = groups(stdout);
    assert.deepEqual([...found.keys()], ['1tJcAa-000BcD-7e', '1tJcAb-000BcE-8f']);
    assert.deepEqual(found.get('1tJcAa-000BcD-7e'), search('exim.log', text, ' 1tJcAa-000BcD-7e '));
    assert.deepEqual(found.get('1tJcAb-000BcE-8f'), search('exim.log', text, ' 1tJcAb-000BcE-8f '));
  });

  test('Sendmail: a message and its DSN', () => {
    const text = read('sendmail.log');
    const found = groups(run(['trace', '4B6AeAae024715', 'sendmail.log'], { cwd: MESSAGES }).stdout);
    assert.deepEqual([...found.values()].flat().sort(byLineNumber), search('sendmail.log', text, '4B6AeAae024715', '4B6AeBae024717'));
  });

  test('OpenSMTPD: the message’s lines and its sessions’ lines that name no other message', () => {
    const text = read('opensmtpd.log');
    const found = groups(run(['trace', '5d1e2f3a', 'opensmtpd.log'], { cwd: MESSAGES }).stdout);
    assert.deepEqual(found.get('5d1e2f3a'), search('opensmtpd.log', text, 'msgid=5d1e2f3a', 'evpid=5d1e2f3a'));
    const sessions = search('opensmtpd.log', text, '3c5e7f9a1b2d4e60', '7a8b9c0d1e2f3a4b', '8b9c0d1e2f3a4b5c').filter(
      (l) => !/(?:msg|evp)id=/.test(l),
    );
    assert.deepEqual(
      [...found.values()].flat().sort(byLineNumber),
      [...search('opensmtpd.log', text, '5d1e2f3a'), ...sessions].sort(byLineNumber),
    );
  });

  test('--format json: messages with lines, links and outcomes', () => {
    const { status, stdout } = run(['trace', '--format', 'json', '4Y8kQ2T5mPz7Hd', 'postfix.log'], { cwd: MESSAGES });
    assert.equal(status, 0);
    const report = JSON.parse(stdout);
    assert.deepEqual(Object.keys(report), ['messages', 'unqueued']);
    const filtered = report.messages[1];
    assert.equal(filtered.id, '4Y8kQ2VbNTz7Hf');
    assert.equal(filtered.mta, 'postfix');
    assert.equal(filtered.kind, 'message');
    assert.deepEqual(filtered.lines[0], { file: 'postfix.log', line: 8, text: read('postfix.log').split('\n')[7] });
    assert.deepEqual(filtered.links, [
      { id: '4Y8kQ2T5mPz7Hd', kind: 'queued-from' },
      { id: '1tJbZk-000DxF-5T', kind: 'queued-as' },
      { id: '4Y8kQ3Cx9Rz7Hg', kind: 'notification' },
    ]);
    assert.deepEqual(filtered.outcomes[1], {
      recipient: 'nobody@example.net',
      outcome: 'bounced',
      relay: 'mx.example.net[192.0.2.25]:25',
      delay: '2',
      code: '5.1.1',
      title: 'Bad destination mailbox address',
      attempts: 1,
      file: 'postfix.log',
      line: 19,
    });
    assert.equal(filtered.from, 'alice@example.org');
    assert.equal(filtered.size, 4987);
  });

  test('--failures: every message with a failure, and the refusals that have no queue id', () => {
    const { status, stdout } = run(['trace', '--failures', 'postfix.log', 'exim.log'], { cwd: MESSAGES });
    assert.equal(status, 0);
    const found = groups(stdout);
    for (const id of ['4Y8kQ2VbNTz7Hf', '9C1F24A0B3', '1tJcAa-000BcD-7e', '1tJcBf-00000001xQr-2Bcd', '4Y8kQ2T5mPz7Hd', '1tJcAb-000BcE-8f'])
      assert.ok(found.has(id), `${id} in ${[...found.keys()].join(' ')}`);
    assert.deepEqual(found.get('without'), search('postfix.log', read('postfix.log'), 'NOQUEUE: reject'));
  });

  test('--code: the messages with that code (X for any class) or reply code', () => {
    const ids = (args: string[]) => [...groups(run(['trace', ...args], { cwd: MESSAGES }).stdout).keys()];
    assert.deepEqual(ids(['--code', '4.7.1', 'postfix.log']), ['9C1F24A0B3']);
    assert.deepEqual(ids(['--code', 'X.7.1', 'postfix.log']), ['9C1F24A0B3', 'without']);
    assert.deepEqual(ids(['--code', '451', 'exim.log']), ['1tJcBf-00000001xQr-2Bcd']);
  });

  test('rotated logs, gzip included, named newest first, are read oldest first; a message goes on across them', () => {
    const text = read('postfix.log').split('\n');
    const tree = scratchTree({
      'mail.log.2.gz': gzipSync(`${text.slice(0, 7).join('\n')}\n`),
      'mail.log.1': `${text.slice(7, 15).join('\n')}\n`,
      'mail.log': text.slice(15).join('\n'),
    });
    try {
      const { status, stdout } = run(['trace', '4Y8kQ2VbNTz7Hf', 'mail.log', 'mail.log.1', 'mail.log.2.gz'], { cwd: tree.dir });
      assert.equal(status, 0);
      const traced = groups(stdout);
      assert.deepEqual(
        traced.get('4Y8kQ2VbNTz7Hf')!.map((l) => l.split(':').slice(0, 2).join(':')),
        ['mail.log.1:1', 'mail.log.1:2', 'mail.log.1:3', 'mail.log.1:8', 'mail.log:4', 'mail.log:6', 'mail.log:8'],
      );
      // The message it was queued again from starts in the compressed file.
      assert.ok(
        traced.get('4Y8kQ2T5mPz7Hd')!.some((l) => l.startsWith('mail.log.2.gz:')),
        stdout,
      );
    } finally {
      tree.remove();
    }
  });

  test('standard input, and the exit codes: 1 when nothing is found, 2 for usage errors', () => {
    const input = read('exim.log');
    const piped = run(['trace', '1tJcBf-00000001xQr-2Bcd', '-'], { cwd: MESSAGES, input });
    assert.equal(piped.status, 0);
    assert.deepEqual(groups(piped.stdout).get('1tJcBf-00000001xQr-2Bcd'), search('<stdin>', input, '1tJcBf-00000001xQr-2Bcd'));
    const none = run(['trace', '4Y8kQ9Zz9Zz9Zz', 'postfix.log'], { cwd: MESSAGES });
    assert.deepEqual([none.status, none.stdout], [1, 'No messages found.\n']);
    for (const args of [
      ['trace'],
      ['trace', 'postfix.log'],
      ['trace', 'not an id', 'postfix.log'],
      ['trace', '--code', '5.01.1', 'postfix.log'],
    ]) {
      const result = run(args, { cwd: MESSAGES });
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, /^smtp-status: /);
    }
    assert.equal(run(['trace', '--help']).status, 0);
  });
});
