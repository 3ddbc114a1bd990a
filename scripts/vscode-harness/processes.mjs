// Child processes: commands run to completion with their output kept in a log file (printed
// only when they fail), and long-lived processes started in their own process group so that
// stopping one also stops everything it spawned (VS Code's server starts extension hosts, a
// file watcher, a pty host and our language server).
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { onFinish } from './lifetime.mjs';

/** The last `count` lines of a text file, for error messages. */
export function tail(file, count = 40) {
  try {
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    return lines.slice(-count).join('\n');
  } catch {
    return '(no output)';
  }
}

/** Runs a command to completion; its output goes to `logFile`. Throws with the log's tail on failure. */
export async function runCommand(command, args, { cwd, env, logFile, timeoutSeconds = 600 }) {
  const log = createWriteStream(logFile, { flags: 'a' });
  log.write(`$ ${command} ${args.join(' ')}\n`);
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  // Stopped with the harness (Ctrl+C, deadline) like everything else it starts.
  const stop = onFinish(`${command} ${args[0] ?? ''}`, () => stopGroup(child));
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const timer = setTimeout(() => stopGroup(child), timeoutSeconds * 1000);
  const [code, signal] = await once(child, 'close');
  clearTimeout(timer);
  await stop();
  await new Promise((resolve) => log.end(resolve));
  if (code !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}); see ${logFile}:\n${tail(logFile)}`);
  }
}

/** Starts a long-lived process in its own process group, output appended to `logFile`. */
export function startProcess(command, args, { cwd, env, logFile }) {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  child.on('close', () => log.end());
  return child;
}

/** Stops a process group: SIGTERM, then SIGKILL if it has not gone after `graceSeconds`. */
export async function stopGroup(child, graceSeconds = 5) {
  if (child.exitCode !== null || child.signalCode !== null) {
    killGroup(child.pid, 'SIGKILL'); // children may outlive their parent
    return;
  }
  const closed = once(child, 'close');
  killGroup(child.pid, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceSeconds * 1000);
  await closed;
  clearTimeout(timer);
  killGroup(child.pid, 'SIGKILL');
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}
