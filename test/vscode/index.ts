// The extension-test entry point VS Code loads (`extensionTestsPath`): runs the mocha suite in
// suite/ inside the extension host and rejects when a test fails, which VS Code turns into a
// non-zero exit. Mocha is bundled in, so the same file runs under the VS Code server here and
// under @vscode/test-electron elsewhere.
import Mocha from 'mocha';
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';

export async function run(): Promise<void> {
  // The harness reads the report from a file: the extension host's console reaches the browser
  // (web) or a log (desktop), not the terminal that started the run.
  const reportFile = process.env.SMTP_STATUS_VSCODE_TEST_REPORT;
  if (reportFile) {
    const print = Mocha.reporters.Base.consoleLog;
    Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
      appendFileSync(reportFile, `${format(...args)}\n`);
      print(...args);
    };
  }
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000 });
  const suiteDir = join(__dirname, 'suite');
  for (const name of readdirSync(suiteDir)
    .filter((n) => n.endsWith('.vscode-test.js'))
    .sort()) {
    mocha.addFile(join(suiteDir, name));
  }
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension test(s) failed`);
}
