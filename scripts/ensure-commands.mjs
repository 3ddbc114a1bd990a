#!/usr/bin/env node
// Makes sure the programs a suite drives are there, installing their Debian packages with apt-get
// when they are missing (as root; otherwise it says what to install), as `npm run test:browser`
// does for Chromium. Each argument is COMMAND, or COMMAND:PACKAGES (comma-separated) when the
// packages that bring it have other names:
//   node scripts/ensure-commands.mjs nvim:neovim emacs:emacs-nox,elpa-eglot   (npm run test:editors)
//   node scripts/ensure-commands.mjs pre-commit                              (npm run test:pre-commit)
import { execFileSync } from 'node:child_process';
import { ensureDebianPackages } from './vscode-harness/tools.mjs';

/** Each command, and the packages to install when it is missing. */
const wanted = process.argv.slice(2).map((arg) => {
  const [command, packages = command] = arg.split(':');
  return { command, packages: packages.split(',') };
});

function onPath(command) {
  try {
    execFileSync('sh', ['-c', `command -v "$0"`, command], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const missing = wanted.filter(({ command }) => !onPath(command)).flatMap(({ packages }) => packages);
ensureDebianPackages(missing, () => false);
