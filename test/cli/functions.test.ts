import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, parseConfig, stripJsonExtensions } from '../../server/src/cli/config';
import { atOrAbove, type CheckReport, type Finding } from '../../server/src/cli/findings';
import { escapeData, escapeProperty, formatGithub } from '../../server/src/cli/formats/github';
import { formatText } from '../../server/src/cli/formats/text';
import type { Io } from '../../server/src/cli/io';
import { Progress } from '../../server/src/cli/progress';
import { DEFAULT_SETTINGS } from '../../server/src/service';

describe('configuration', () => {
  test('comments and trailing commas are blanked, strings kept', () => {
    const text = '{\n  // a comment\n  "a": "http://x//y", /* block */\n  "b": [1, 2,],\n}';
    assert.deepEqual(JSON.parse(stripJsonExtensions(text)), { a: 'http://x//y', b: [1, 2] });
    assert.equal(stripJsonExtensions(text).length, text.length, 'positions are kept');
    assert.deepEqual(JSON.parse(stripJsonExtensions('{ "a\\"//": "b,}" }')), { 'a"//': 'b,}' });
  });

  test('flat and nested keys; other settings ignored; findings uncapped unless set', () => {
    const flat = parseConfig('{ "editor.tabSize": 2, "smtpStatus.severity.class-mismatch": "off", "smtpStatus.trace.server": "verbose" }');
    assert.equal(flat.severity['class-mismatch'], 'off');
    assert.equal(flat.severity.unregistered, DEFAULT_SETTINGS.severity.unregistered);
    assert.equal(flat.maxDiagnostics, Number.MAX_SAFE_INTEGER);
    const nested = parseConfig('{ "smtpStatus": { "enable": false, "maxDiagnostics": 5, "severity": { "deprecated": "error" } } }');
    assert.deepEqual([nested.enable, nested.maxDiagnostics, nested.severity.deprecated], [false, 5, 'error']);
  });

  test('mistakes are errors, not silent defaults', () => {
    for (const text of [
      '[]',
      '{ "smtpStatus": 1 }',
      '{ "smtpStatus.severity.nope": "off" }',
      '{ "smtpStatus.enable": "yes" }',
      '{ "smtpStatus.maxDiagnostics": -1 }',
      '{ "smtpStatus": { "severity": { "deprecated": "loud" } } }',
      '{ "smtpStatus.enable": true',
    ]) {
      assert.throws(() => parseConfig(text), ConfigError, text);
    }
  });
});

const finding = (severity: Finding['severity'], display = 'a.log'): Finding => ({
  source: { display, path: `/x/${display}`, languageId: 'log' },
  line: 1,
  column: 5,
  endLine: 1,
  endColumn: 10,
  severity,
  rule: 'unregistered',
  message: 'm',
  href: 'https://example.org',
});
const report = (findings: Finding[], checked = 1): CheckReport => ({
  findings,
  checked,
  problems: [],
  notes: [],
  settings: DEFAULT_SETTINGS,
  cwd: '/x',
});

describe('formats', () => {
  test('threshold: at or above', () => {
    const all = (['error', 'warning', 'information', 'hint'] as const).map((s) => finding(s));
    assert.deepEqual(
      all.filter(atOrAbove('warning')).map((f) => f.severity),
      ['error', 'warning'],
    );
    assert.equal(all.filter(atOrAbove('hint')).length, 4);
  });

  test('text summary counts by severity and file', () => {
    const text = formatText(report([finding('error'), finding('information', 'b.log'), finding('information', 'b.log')], 3));
    assert.equal(lines(text).at(-1), '3 problems (1 error, 2 information) in 2 files; 3 files checked.');
  });

  test('github: data and properties escaped; no file for standard input', () => {
    assert.equal(escapeData('100% done\r\nnext'), '100%25 done%0D%0Anext');
    assert.equal(escapeProperty('a:b,c%'), 'a%3Ab%2Cc%25');
    const stdin: Finding = { ...finding('hint'), source: { display: '<stdin>', languageId: 'log', stdin: true } };
    assert.equal(
      formatGithub(report([stdin])),
      '::notice line=1,col=5,endColumn=10,title=smtp-status unregistered::m (unregistered: https://example.org)\n',
    );
  });
});

function lines(text: string): string[] {
  return text.split('\n').filter(Boolean);
}

describe('progress', () => {
  function fakeIo(isTTY: boolean) {
    const io = {
      cwd: '/',
      out: () => {},
      err: (t: string) => void written.push(t),
      errIsTTY: isTTY,
      stdin: async function* () {},
      now: () => clock,
    };
    const written: string[] = [];
    let clock = 0;
    return { io: io as Io, written, advance: (ms: number) => void (clock += ms) };
  }

  test('many files on a terminal: drawn, then cleared', () => {
    const { io, written } = fakeIo(true);
    const progress = new Progress(io, 60);
    progress.update(0, 'a.log');
    progress.clear();
    assert.deepEqual(written, ['\r\x1b[Ksmtp-status: checked 0/60: a.log', '\r\x1b[K']);
  });

  test('few files: only once the run has taken a second', () => {
    const { io, written, advance } = fakeIo(true);
    const progress = new Progress(io, 3);
    progress.update(0, 'a.log');
    assert.deepEqual(written, []);
    advance(1500);
    progress.update(1, 'b.log');
    assert.deepEqual(written, ['\r\x1b[Ksmtp-status: checked 1/3: b.log']);
  });

  test('never when stderr is not a terminal', () => {
    const { io, written, advance } = fakeIo(false);
    const progress = new Progress(io, 500);
    advance(5000);
    progress.update(10, 'a.log');
    progress.clear();
    assert.deepEqual(written, []);
  });
});
