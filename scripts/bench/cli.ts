// The command line as a whole process against the tools a postmaster would use instead: grep,
// zcat | grep, pflogsumm; and the memory of a summary of a stream far bigger than memory.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generatePostfixLog } from './generate';

export interface Row {
  id: string;
  what: string;
  measured: string;
  ratio: number;
  goal: string;
  met: boolean;
}

const MB = 1024 * 1024;
/** The scanner's candidate pattern without its lookarounds, as grep -E writes it. */
const CANDIDATE = '[0-9]\\.[0-9]{1,4}\\.[0-9]{1,4}';

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const fmt = (n: number, digits = 2) => n.toFixed(digits);

/**
 * Milliseconds a command takes as a process, its output read and thrown away. Through a pipe, not
 * /dev/null: GNU grep stops at the first match when its output is /dev/null.
 */
function timeProcess(command: string, args: string[]): number {
  const started = performance.now();
  const child = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * MB });
  if (child.error) throw child.error;
  if (child.status !== 0 && child.status !== 1) throw new Error(`${command} ${args.join(' ')}: exit ${child.status}: ${child.stderr}`);
  return performance.now() - started;
}

/** Medians of the subject and the baseline, run alternately so that load elsewhere hits both. */
function compare(subject: [string, string[]], baseline: [string, string[]], rounds: number): { ours: number; theirs: number } {
  const ours: number[] = [];
  const theirs: number[] = [];
  timeProcess(...subject); // warm the page cache and the module cache
  for (let r = 0; r < rounds; r++) {
    theirs.push(timeProcess(...baseline));
    ours.push(timeProcess(...subject));
  }
  return { ours: median(ours), theirs: median(theirs) };
}

function installed(command: string): boolean {
  return !spawnSync(command, ['--version'], { stdio: 'ignore' }).error;
}

/** pflogsumm's Grand Totals as the summary counts them (delivered + forwarded, deferrals, bounced, rejected). */
function pflogsummTotals(file: string): string {
  const out = spawnSync('pflogsumm', [file], { encoding: 'utf8', maxBuffer: 64 * MB }).stdout;
  const total = (label: string) => Number(new RegExp(`^\\s*(\\d+)\\s+${label}\\b`, 'm').exec(out)?.[1] ?? NaN);
  const deferrals = Number(/\((\d+)\s+deferrals\)/.exec(out)?.[1] ?? 0);
  return JSON.stringify([total('delivered') + total('forwarded'), deferrals, total('bounced'), total('rejected')]);
}

function ourTotals(cli: string, file: string): string {
  const { outcomes } = JSON.parse(
    spawnSync(process.execPath, [cli, 'summary', '--format', 'json', file], { encoding: 'utf8', maxBuffer: 64 * MB }).stdout,
  );
  return JSON.stringify([outcomes.delivered, outcomes.deferred, outcomes.bounced, outcomes.rejected]);
}

/**
 * The peak resident memory of `summary -` while `bytes` of log are piped into it, read from
 * /proc (VmHWM, the high-water mark) as it runs. The log is one generated chunk, repeated.
 */
async function summaryPeakRss(cli: string, chunk: Buffer, bytes: number): Promise<number> {
  const child = spawn(process.execPath, [cli, 'summary', '--format', 'json', '-'], { stdio: ['pipe', 'ignore', 'inherit'] });
  let peak = 0;
  const poll = setInterval(() => {
    try {
      const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
      if (kb !== undefined) peak = Math.max(peak, Number(kb) * 1024);
    } catch {
      // It has just exited.
    }
  }, 20);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  for (let sent = 0; sent < bytes; sent += chunk.length) {
    if (!child.stdin.write(chunk)) await new Promise((resolve) => child.stdin.once('drain', resolve));
  }
  child.stdin.end();
  const status = await exited;
  clearInterval(poll);
  if (status !== 0) throw new Error(`summary - exited with ${status}`);
  return peak;
}

/** P9-P12, over a 50 MB generated Postfix log in `folder`. */
export async function cliRows(cli: string, folder: string, log: (line: string) => void): Promise<{ rows: Row[]; notes: string[] }> {
  const rows: Row[] = [];
  const notes: string[] = [];
  log('P9-P12 the command line against grep, zcat | grep, pflogsumm');
  const text = generatePostfixLog(50 * MB, 3);
  const file = join(folder, 'mail.log');
  const gz = join(folder, 'mail.log.1.gz');
  writeFileSync(file, text);
  writeFileSync(gz, gzipSync(text));

  const p9 = compare([process.execPath, [cli, 'check', file]], ['grep', ['-cE', CANDIDATE, file]], 5);
  rows.push({
    id: 'P9',
    what: '`smtp-status check` of a 50 MB Postfix log vs `grep -cE` of the candidate pattern (processes)',
    measured: `${fmt(p9.ours, 0)} ms vs ${fmt(p9.theirs, 0)} ms`,
    ratio: p9.ours / p9.theirs,
    goal: '<= 5x',
    met: p9.ours / p9.theirs <= 5,
  });

  const p10 = compare([process.execPath, [cli, 'check', gz]], ['sh', ['-c', `zcat '${gz}' | grep -cE '${CANDIDATE}'`]], 5);
  rows.push({
    id: 'P10',
    what: '`smtp-status check` of the same log gzipped vs `zcat | grep -cE`',
    measured: `${fmt(p10.ours, 0)} ms vs ${fmt(p10.theirs, 0)} ms`,
    ratio: p10.ours / p10.theirs,
    goal: '<= 5x',
    met: p10.ours / p10.theirs <= 5,
  });

  if (installed('pflogsumm')) {
    const agree = pflogsummTotals(file) === ourTotals(cli, file);
    const p11 = compare([process.execPath, [cli, 'summary', file]], ['pflogsumm', [file]], 3);
    rows.push({
      id: 'P11',
      what: `\`smtp-status summary\` vs \`pflogsumm\` on the same 50 MB Postfix log (totals ${agree ? 'agree' : '**disagree**'})`,
      measured: `${fmt(p11.ours, 0)} ms vs ${fmt(p11.theirs, 0)} ms`,
      ratio: p11.ours / p11.theirs,
      goal: '< 1x, totals agree',
      met: p11.ours < p11.theirs && agree,
    });
  } else {
    notes.push('P11 (summary vs pflogsumm) skipped: pflogsumm is not installed (Debian: apt-get install pflogsumm).');
    log(notes[notes.length - 1]);
  }

  if (process.platform === 'linux') {
    const chunk = Buffer.from(generatePostfixLog(16 * MB, 9));
    const small = await summaryPeakRss(cli, chunk, 256 * MB);
    const big = await summaryPeakRss(cli, chunk, 1024 * MB);
    rows.push({
      id: 'P12',
      what: 'peak memory of `summary -` over 1 GB from standard input (over 256 MB)',
      measured: `${fmt(big / MB, 0)} MB (${fmt(small / MB, 0)} MB)`,
      ratio: big / (200 * MB),
      goal: '< 200 MB, 1 GB <= 1.25x 256 MB',
      met: big < 200 * MB && big <= 1.25 * small,
    });
  } else {
    notes.push('P12 (peak memory of summary) skipped: it reads /proc, which only Linux has.');
  }
  return { rows, notes };
}
