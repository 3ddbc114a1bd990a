// Starts VS Code's server (the one code-server bundles) on 127.0.0.1 and a free port, with every
// folder it writes to (user data, server data, extensions, home) inside a temporary folder, and
// stops it (with the extension hosts and language servers it started) when the run ends.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onFinish } from './lifetime.mjs';
import { runCommand, startProcess, stopGroup, tail } from './processes.mjs';
import { step } from './progress.mjs';
import { makeTemporaryFolder } from './workdir.mjs';

const START_TIMEOUT_MS = 60_000;

/**
 * @param tools what ensureVSCodeServer() returned
 * @param options.label a name for the temporary folder and the progress lines
 * @param options.settings user settings.json contents
 * @param options.install .vsix files to install first, as a user would
 * @param options.env variables for the server, which its extension hosts inherit
 * @param options.testDriver let the web client run extension tests (see below)
 * @param options.port a port or a range (`8017-8099`: the first free one); default: any free port
 * @param options.args more arguments for the server (`--default-folder DIR`)
 */
export async function startVSCodeServer(
  tools,
  { label, settings, install = [], env = {}, testDriver = false, port = '0', args: more = [] },
) {
  const root = makeTemporaryFolder(label);
  const dirs = {
    root,
    home: join(root, 'home'),
    userData: join(root, 'user-data'),
    serverData: join(root, 'server-data'),
    extensions: join(root, 'extensions'),
    logs: join(root, 'logs'),
    tmp: join(root, 'tmp'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);

  const serverEnv = { ...withoutVSCodeVariables(process.env), ...env };
  Object.assign(serverEnv, {
    HOME: dirs.home,
    VSCODE_AGENT_FOLDER: join(dirs.home, '.vscode-server'),
    XDG_CONFIG_HOME: join(dirs.home, '.config'),
    XDG_DATA_HOME: join(dirs.home, '.local', 'share'),
    XDG_CACHE_HOME: join(dirs.home, '.cache'),
    TMPDIR: dirs.tmp,
    // No extension gallery: nothing to query on a machine without the network.
    EXTENSIONS_GALLERY: '{}',
  });
  const folders = ['--user-data-dir', dirs.userData, '--server-data-dir', dirs.serverData, '--extensions-dir', dirs.extensions];

  for (const vsix of install) {
    step(`installing ${vsix} into the server's extensions folder (--install-extension)`);
    await runCommand(tools.node, [tools.serverMain, ...folders, '--accept-server-license-terms', '--install-extension', vsix, '--force'], {
      env: serverEnv,
      logFile: join(dirs.logs, 'install-extension.log'),
    });
  }

  const logFile = join(dirs.logs, 'server.log');
  const args = [
    tools.serverMain,
    '--host',
    '127.0.0.1',
    '--port',
    port,
    '--without-connection-token',
    '--accept-server-license-terms',
    '--disable-telemetry',
    ...folders,
    ...more,
  ];
  // Lets the web client run extension tests from the `payload` URL parameter and report their
  // exit code through `window.codeAutomationExit`.
  if (testDriver) args.push('--enable-smoke-test-driver');
  const child = startProcess(tools.node, args, { env: serverEnv, logFile });
  const stop = onFinish(`VS Code server (pid ${child.pid})`, async () => {
    await stopGroup(child);
    step(`VS Code server stopped (${label})`);
  });
  const listening = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`no port announced within ${START_TIMEOUT_MS / 1000}s`)), START_TIMEOUT_MS);
    const fail = (error) => {
      clearTimeout(timer);
      reject(new Error(`VS Code server did not start: ${error.message}\n${tail(logFile)}`));
    };
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const found = /Extension host agent listening on (\d+)/.exec(seen);
      if (found) {
        clearTimeout(timer);
        resolve(Number(found[1]));
      }
    });
    child.on('exit', (code, signal) => fail(new Error(`it exited (${signal ?? code})`)));
    child.on('error', fail);
  });
  const origin = `http://127.0.0.1:${listening}`;
  step(`VS Code ${tools.vscodeVersion} server listening on ${origin} (pid ${child.pid}, log ${logFile})`);
  return {
    port: listening,
    origin,
    /** The server process: the extension hosts of its windows are among its descendants. */
    pid: child.pid,
    /** Settles when the server exits, stopped or not. */
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code))),
    dirs,
    logFile,
    /** A path on this machine as the web client names it (remote files). */
    remoteUri: (path) => `vscode-remote://127.0.0.1:${listening}${path}`,
    stop,
  };
}

/** Variables a surrounding VS Code sets for its terminals would point the server at that VS Code. */
function withoutVSCodeVariables(env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('VSCODE_') && name !== 'ELECTRON_RUN_AS_NODE'));
}
