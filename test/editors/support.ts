// What the editor tests share: a scratch folder with the command the documented configurations
// name, the sample files, and what to ask for in them.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { positionIn } from '../e2e/support/workbench';
import { repoPath } from '../support/paths';

/** A line typed at the end of the log, up to a code's detail: where completion is asked. */
export const TYPED_LINE = 'Dec  6 10:15:11 mx1 postfix/smtpd[4150]: NOQUEUE: reject: RCPT from unknown[203.0.113.77]: 550 5.7.';

export interface EditorWorkspace {
  /** The scratch folder. */
  work: string;
  /** The folder to put first on PATH: `smtp-status-language-server`, running the built server. */
  bin: string;
  /** The sample files' folder. */
  files: string;
  /** Where `5.1.1` of `550 5.1.1` stands in mail.log, 0-based as LSP counts. */
  hover: { line: number; character: number };
}

/** A scratch folder (named after `editor`) holding the server's command and copies of the sample `files`. */
export function editorWorkspace(editor: string, files: string[]): EditorWorkspace {
  const work = mkdtempSync(join(tmpdir(), `smtp-status-${editor}-`));
  const bin = join(work, 'bin');
  mkdirSync(bin);
  const server = join(bin, 'smtp-status-language-server');
  writeFileSync(server, `#!/bin/sh\nexec '${process.execPath}' '${repoPath('bin', 'smtp-status-language-server.js')}' "$@"\n`);
  chmodSync(server, 0o755);
  // Where a postmaster keeps them.
  const folder = join(work, 'postmaster');
  mkdirSync(folder);
  for (const name of files) copyFileSync(repoPath('test', 'fixtures', 'e2e', name), join(folder, name));
  const { line, column } = positionIn(readFileSync(join(folder, 'mail.log'), 'utf8'), '5.1.1', '550 ');
  return { work, bin, files: folder, hover: { line: line - 1, character: column - 1 } };
}

/** Runs an editor in the sample files' folder, the server's command first on PATH, for a minute at most. */
export function runEditor(workspace: EditorWorkspace, command: string, args: string[], env: Record<string, string>) {
  return spawnSync(command, args, {
    cwd: workspace.files,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, PATH: `${workspace.bin}:${process.env.PATH}`, ...env },
  });
}
