/// <reference types="mocha" />
// `npm run bench:vscode`: what opening a large mail log costs in a real VS Code. For a 20 MB and
// a 45 MB generated log: the time from the command that opens the file (Enter in Quick Open)
// until the extension's problems are counted in the status bar, and the extension host's memory
// after it; then the same open on a server without the extension, until the editor shows the
// file. Measured, not a pass/fail test: the table goes to docs/performance.md.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateLog } from '../../../scripts/bench/generate';
import { Analysis, computeDiagnostics, DEFAULT_SETTINGS } from '../../../server/src/service';
import type { PageDocument } from '../support/page-types';
import { session } from '../support/session';
import { Workbench } from '../support/workbench';

// The function given to waitForFunction runs in the page.
declare const document: PageDocument;

const MB = 1024 * 1024;
const SIZES = [20, 45];
const ROUNDS = 3;
const WAIT_MS = 2 * 60_000;

interface Figure {
  size: number;
  extension: boolean;
  ms: number[];
  hostMb: number[];
}

/** The extension host processes among a process's descendants, newest first (Linux /proc). */
function extensionHosts(root: number): { pid: number; rssMb: number }[] {
  const parent = new Map<number, number>();
  const started = new Map<number, number>();
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      // Fields after the command's closing parenthesis: state, ppid, ... starttime is field 22.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(fields[1]));
      started.set(Number(name), Number(fields[19]));
    } catch {
      // The process ended while it was being read.
    }
  }
  const below = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === root) return true;
    return false;
  };
  const hosts: { pid: number; rssMb: number; started: number }[] = [];
  for (const pid of parent.keys()) {
    if (!below(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('extensionHost')) continue;
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);
      hosts.push({ pid, rssMb: rss / 1024, started: started.get(pid) ?? 0 });
    } catch {
      // Gone meanwhile.
    }
  }
  return hosts.sort((a, b) => b.started - a.started);
}

/** What the status bar's problems entry says, as its accessible label. */
async function problemsLabel(workbench: Workbench): Promise<string> {
  return (await workbench.page.locator('[id="status.problems"]').first().getAttribute('aria-label')) ?? '';
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('opening a large mail log in VS Code', () => {
  const figures: Figure[] = [];
  const expected = new Map<number, { errors: number; warnings: number }>();

  before(() => {
    for (const size of SIZES) {
      const text = generateLog(size * MB);
      const name = `mail-${size}mb.log`;
      writeFileSync(join(session().workspace, name), text);
      // What the server will report for it: the same service, the default settings.
      const document = TextDocument.create(`file:///${name}`, 'log', 1, text);
      const diagnostics = computeDiagnostics(new Analysis(document), document, { groupRepeated: true }, DEFAULT_SETTINGS);
      expected.set(size, {
        errors: diagnostics.filter((d) => d.severity === 1).length,
        warnings: diagnostics.filter((d) => d.severity === 2).length,
      });
    }
  });

  after(() => {
    const rows = figures.map(
      (f) =>
        `| ${f.size} MB | ${f.extension ? 'on' : 'off'} | ${median(f.ms).toFixed(0)} ms (${f.ms.map((m) => m.toFixed(0)).join(', ')}) | ${median(f.hostMb).toFixed(0)} MB |`,
    );
    const table = [
      '| log | extension | open until its problems are counted (off: until the editor shows it); median (runs) | extension host RSS after |',
      '|---|---|---|---|',
      ...rows,
    ].join('\n');
    process.stdout.write(`\n${table}\n`);
    const doc = join(__dirname, '..', '..', '..', 'docs', 'performance.md');
    const text = readFileSync(doc, 'utf8');
    const block = `<!-- vscode:start -->\nIn a real VS Code (${new Date().toISOString().slice(0, 10)}, \`npm run bench:vscode\`: VS Code's server and its web client in headless Chromium, ${ROUNDS} runs each, a new window for each):\n\n${table}\n<!-- vscode:end -->`;
    const updated = /<!-- vscode:start -->[\s\S]*<!-- vscode:end -->/.test(text)
      ? text.replace(/<!-- vscode:start -->[\s\S]*<!-- vscode:end -->/, block)
      : `${text.trimEnd()}\n\n${block}\n`;
    writeFileSync(doc, updated);
  });

  for (const size of SIZES) {
    for (const extension of [true, false]) {
      it(`${size} MB, extension ${extension ? 'on' : 'off'}`, async () => {
        const figure: Figure = { size, extension, ms: [], hostMb: [] };
        const name = `mail-${size}mb.log`;
        for (let round = 0; round < ROUNDS; round++) {
          const workbench = await Workbench.open(extension ? session().origin : session().web.origin);
          try {
            const input = workbench.page.locator('.quick-input-widget input');
            await workbench.page.keyboard.press('Control+P');
            await input.waitFor();
            await input.fill(name);
            await workbench.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
            const started = performance.now();
            await workbench.page.keyboard.press('Enter');
            if (extension) {
              const want = expected.get(size)!;
              await workbench.page
                .waitForFunction(
                  ({ errors, warnings }) => {
                    const label = document.querySelector('[id="status.problems"]')?.getAttribute('aria-label') ?? '';
                    return label.includes(`Errors: ${errors}`) && label.includes(`Warnings: ${warnings}`);
                  },
                  want,
                  { timeout: WAIT_MS, polling: 50 },
                )
                .catch(async (error: Error) => {
                  const shot = await workbench.screenshot(`open-${size}mb-timeout.png`);
                  throw new Error(
                    `${error.message}\nthe problems entry says "${await problemsLabel(workbench)}"; wanted ${JSON.stringify(want)}; screenshot ${shot}`,
                  );
                });
            } else {
              await workbench.page.locator(`.tab.active[aria-label^="${name}"]`).waitFor({ timeout: WAIT_MS });
              await workbench.page.locator('.editor-instance .view-line').first().waitFor({ timeout: WAIT_MS });
            }
            figure.ms.push(performance.now() - started);
            const pids = session().serverPids;
            const [host] = extensionHosts(extension ? pids.withExtension : pids.withoutExtension);
            assert.ok(host, 'an extension host runs for the window');
            figure.hostMb.push(host.rssMb);
            if (extension) assert.match(await problemsLabel(workbench), /Errors: \d+/);
          } finally {
            await workbench.close();
          }
        }
        figures.push(figure);
      });
    }
  }
});
