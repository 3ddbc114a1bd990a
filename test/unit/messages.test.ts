// Following messages through a log: the lines of an id, the messages linked to it, OpenSMTPD sessions.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { idKey } from '../../server/src/scan';
import { idAt, linesOf, occurrencesOf, traceMessages } from '../../server/src/service';
import { fixtureLog, inside, linesWith, logOf } from './support/messageLogs';

const POSTFIX_CHAIN = ['4Y8kQ2T5mPz7Hd', '4Y8kQ2VbNTz7Hf', '4Y8kQ3Cx9Rz7Hg'];

describe('traceMessages', () => {
  const postfix = fixtureLog('postfix.log');
  const sources = [postfix];

  test('from any message of a Postfix chain (content filter, then bounce), the whole chain', () => {
    const expected = linesWith(postfix, ...POSTFIX_CHAIN);
    for (const id of POSTFIX_CHAIN) {
      const traced = traceMessages(sources, [id]);
      assert.deepEqual(linesOf(traced, 1)[0], expected, id);
      assert.deepEqual(
        traced.filter((m) => m.lines.length > 0).map((m) => m.id),
        POSTFIX_CHAIN,
        `${id}: the messages in the order of their first line`,
      );
    }
  });

  test('each line belongs to the message it is about; the links go both ways', () => {
    const [original, filtered, bounce] = traceMessages(sources, ['4Y8kQ2T5mPz7Hd']);
    assert.deepEqual(
      original.lines.map((l) => l.line),
      linesWith(postfix, '4Y8kQ2T5mPz7Hd: '),
    );
    assert.equal(original.links.get('4Y8kQ2VbNTz7Hf'), 'queued-as');
    assert.equal(filtered.links.get('4Y8kQ2T5mPz7Hd'), 'queued-from');
    assert.equal(filtered.links.get('4Y8kQ3Cx9Rz7Hg'), 'notification');
    assert.equal(bounce.links.get('4Y8kQ2VbNTz7Hf'), 'notification-of');
    assert.equal(filtered.mta, 'postfix');
  });

  test('an id only named (a remote server’s queue id) is reported without lines; a message with no links alone', () => {
    const traced = traceMessages(sources, ['9C1F24A0B3']);
    assert.deepEqual(
      traced.map((m) => [m.id, m.lines.length]),
      [
        ['9C1F24A0B3', 6],
        ['7RtM2kPq9Wz3Lc', 0],
      ],
    );
    const [remote] = traceMessages(sources, ['7RtM2kPq9Wz3Lc']).filter((m) => m.lines.length === 0);
    assert.equal(remote.links.get('9C1F24A0B3'), 'queued-from');
  });

  test('an id that is not in the log finds nothing', () => {
    assert.deepEqual(traceMessages(sources, ['4Y8kQ9Zz9Zz9Zz']), []);
    assert.deepEqual(traceMessages(sources, []), []);
  });

  test('hops: 1 reads the id’s own lines and names its neighbours', () => {
    const traced = traceMessages(sources, ['4Y8kQ2T5mPz7Hd'], 1);
    assert.deepEqual(
      traced.map((m) => [m.id, m.lines.length > 0]),
      [
        ['4Y8kQ2T5mPz7Hd', true],
        ['4Y8kQ2VbNTz7Hf', false],
      ],
    );
  });

  test('Exim: the bounce (<= <> R=) and the message it is about find each other', () => {
    const exim = fixtureLog('exim.log');
    const ids = ['1tJcAa-000BcD-7e', '1tJcAb-000BcE-8f'];
    for (const id of ids) assert.deepEqual(linesOf(traceMessages([exim], [id]), 1)[0], linesWith(exim, ...ids), id);
  });

  test('Sendmail: the DSN and the message that caused it', () => {
    const sendmail = fixtureLog('sendmail.log');
    const ids = ['4B6AeAae024715', '4B6AeBae024717'];
    for (const id of ids) assert.deepEqual(linesOf(traceMessages([sendmail], [id]), 1)[0], linesWith(sendmail, ...ids), id);
  });

  test('OpenSMTPD: a message, its envelopes, and only the lines of its sessions that name no other message', () => {
    const smtpd = fixtureLog('opensmtpd.log');
    const sessions = ['3c5e7f9a1b2d4e60', '7a8b9c0d1e2f3a4b', '8b9c0d1e2f3a4b5c'];
    const otherMessage = linesWith(smtpd, '6e2f3a4b');
    const expected = [
      ...new Set([...linesWith(smtpd, '5d1e2f3a'), ...linesWith(smtpd, ...sessions).filter((l) => !otherMessage.includes(l))]),
    ].sort((a, b) => a - b);
    assert.deepEqual(linesOf(traceMessages([smtpd], ['5d1e2f3a']), 1)[0], expected);
    // From an envelope id: its message.
    const envelope = idAt(smtpd.analysis, smtpd.document, inside(smtpd, '5d1e2f3a0a1b2c3e'));
    assert.equal(envelope?.id, '5d1e2f3a');
    // A session asked for itself: its lines and every message it carried.
    const received = linesOf(traceMessages([smtpd], ['3c5e7f9a1b2d4e60']), 1)[0];
    for (const line of [...linesWith(smtpd, '3c5e7f9a1b2d4e60'), ...linesWith(smtpd, '6e2f3a4b')])
      assert.ok(received.includes(line), `line ${line}`);
  });

  test('several logs read as one: a message that goes on in the next file', () => {
    const [first, second] = [postfix.lines.slice(0, 15).join('\n'), postfix.lines.slice(15).join('\n')].map((t) => logOf(t));
    const traced = traceMessages([first, second], ['4Y8kQ2T5mPz7Hd']);
    const [inFirst, inSecond] = linesOf(traced, 2);
    assert.deepEqual(inFirst, linesWith(first, ...POSTFIX_CHAIN));
    assert.deepEqual(inSecond, linesWith(second, ...POSTFIX_CHAIN));
  });

  test('a chain longer than any real one is followed 16 hops, in time linear in the log', () => {
    const ids = Array.from({ length: 40 }, (_, k) => `${(0x100000 + k).toString(16).toUpperCase()}AB`);
    const text = ids
      .map(
        (id, k) =>
          `Dec  6 10:00:00 mx postfix/smtp[1]: ${id}: to=<a@b.example>, status=sent (250 2.0.0 Ok: queued as ${ids[k + 1] ?? 'ABCDEF12'})`,
      )
      .join('\n');
    const traced = traceMessages([logOf(text)], [ids[0]]);
    assert.equal(traced.filter((m) => m.lines.length > 0).length, 16);
  });

  test('two ids that share a key (the table keeps hashes) stay two messages', () => {
    const [a, b] = ['1004F1DC54', '100F28796E'];
    assert.equal(idKey(a, 0, a.length), idKey(b, 0, b.length), 'the two ids collide');
    const log = logOf(
      [
        `Dec  6 10:00:00 mx postfix/qmgr[1]: ${a}: from=<a@b.example>, size=1, nrcpt=1 (queue active)`,
        `Dec  6 10:00:01 mx postfix/qmgr[1]: ${b}: from=<c@d.example>, size=2, nrcpt=1 (queue active)`,
        `Dec  6 10:00:02 mx postfix/qmgr[1]: ${a}: removed`,
      ].join('\n'),
    );
    assert.deepEqual(linesOf(traceMessages([log], [a]), 1)[0], [0, 2]);
    assert.deepEqual(
      occurrencesOf(log, b).map((o) => o.line),
      [1],
    );
  });

  test('occurrencesOf: every place an id is written, with its role', () => {
    const log = fixtureLog('postfix.log');
    const found = occurrencesOf(log, '4Y8kQ3Cx9Rz7Hg');
    assert.deepEqual(
      found.map((o) => [o.line, o.role]),
      [
        [19, 'message'],
        [20, 'notification'],
        [21, 'message'],
        [24, 'message'],
        [25, 'message'],
      ],
    );
    for (const o of found) assert.equal(log.lines[o.line].slice(o.start, o.end), '4Y8kQ3Cx9Rz7Hg');
  });
});
