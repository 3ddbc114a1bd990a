// The F5 loop (.vscode/): the launch configurations, the tasks they wait for and the files they
// name agree with the build, so "Run Extension", "Extension Tests" and "Attach to Language
// Server" start what the repository builds. (`npm run test:vscode` loads the extension the same
// way, with --extensionDevelopmentPath and --extensionTestsPath.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parse, type ParseError } from 'jsonc-parser';
import { repoPath } from '../support/paths';

interface LaunchConfiguration {
  name: string;
  type: string;
  request: string;
  args?: string[];
  port?: number;
  preLaunchTask?: string;
  outFiles?: string[];
}
interface Task {
  label?: string;
  type: string;
  script?: string;
  command?: string;
  problemMatcher?: string | string[];
}

/** VS Code's variable for the opened folder, as launch.json writes it. */
const WORKSPACE = ['$', '{workspaceFolder}'].join('');

function readJsonc<T>(...path: string[]): T {
  const errors: ParseError[] = [];
  const value = parse(readFileSync(repoPath(...path), 'utf8'), errors, { allowTrailingComma: false });
  assert.deepEqual(errors, [], `${path.join('/')} parses`);
  return value as T;
}

describe('the F5 loop', () => {
  const launch = readJsonc<{ configurations: LaunchConfiguration[]; compounds: { configurations: string[] }[] }>('.vscode', 'launch.json');
  const tasks = readJsonc<{ tasks: Task[] }>('.vscode', 'tasks.json').tasks;
  const manifest = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
  const byName = (name: string) => launch.configurations.find((c) => c.name === name);
  const taskLabel = (task: Task) => task.label ?? `npm: ${task.script}`;

  test('Run Extension loads the working tree and waits for the watch build of the bundle package.json names', () => {
    const run = byName('Run Extension');
    assert.ok(run, 'a Run Extension configuration');
    assert.equal(run.type, 'extensionHost');
    assert.ok(run.args?.includes(`--extensionDevelopmentPath=${WORKSPACE}`));
    const watch = tasks.find((t) => taskLabel(t) === run.preLaunchTask);
    assert.ok(watch, `the task ${run.preLaunchTask}`);
    assert.equal(watch.script, 'watch');
    assert.match(manifest.scripts.watch, /scripts\/build\.mjs --watch/);
    assert.equal(watch.problemMatcher, '$esbuild-watch');
    assert.ok(run.outFiles?.some((glob) => glob === `${WORKSPACE}/dist/**/*.js` && manifest.main.startsWith('./dist/')));
  });

  test('the watch build prints what the $esbuild-watch problem matcher reads', () => {
    const build = readFileSync(repoPath('scripts', 'build.mjs'), 'utf8');
    assert.match(build, /'\[watch\] build started'/);
    assert.match(build, /'\[watch\] build finished'/);
  });

  test('Extension Tests runs the entry point the extension-test build writes', () => {
    const tests = byName('Extension Tests');
    assert.ok(tests);
    const path = tests.args?.find((a) => a.startsWith('--extensionTestsPath='));
    assert.equal(path, `--extensionTestsPath=${WORKSPACE}/out/vscode-test/index.js`);
    const harness = readFileSync(repoPath('scripts', 'vscode-harness', 'build.mjs'), 'utf8');
    assert.match(harness, /extensionTestsOutDir = join\(repoRoot, 'out', 'vscode-test'\)/);
    const task = tasks.find((t) => taskLabel(t) === tests.preLaunchTask);
    assert.ok(task?.command?.includes('test:vscode -- --build-only'), JSON.stringify(task));
  });

  test('Attach to Language Server attaches where the desktop client starts the server in debug mode', () => {
    const attach = byName('Attach to Language Server');
    const client = readFileSync(repoPath('client', 'src', 'node', 'extension.ts'), 'utf8');
    const port = /--inspect=(\d+)/.exec(client)?.[1];
    assert.equal(attach?.port, Number(port));
    for (const compound of launch.compounds) for (const name of compound.configurations) assert.ok(byName(name), name);
  });

  test('the recommended extensions include the formatter and the problem matcher the tasks use', () => {
    const { recommendations } = readJsonc<{ recommendations: string[] }>('.vscode', 'extensions.json');
    assert.ok(recommendations.includes('biomejs.biome'));
    assert.ok(recommendations.includes('connor4312.esbuild-problem-matchers'));
  });
});
