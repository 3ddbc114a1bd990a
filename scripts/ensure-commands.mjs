#!/usr/bin/env node
// Makes sure the programs a suite drives are there, installing their Debian packages with apt-get
// when they are missing (as root; otherwise it says what to install), as `npm run test:browser`
// does for Chromium. Each argument is COMMAND or COMMAND:PACKAGE:
//   node scripts/ensure-commands.mjs nvim:neovim      (npm run test:editors)
//   node scripts/ensure-commands.mjs pre-commit       (npm run test:pre-commit)
import { execFileSync } from 'node:child_process';
import { ensureDebianPackages } from './vscode-harness/tools.mjs';

const wanted = new Map(process.argv.slice(2).map((arg) => [arg.split(':')[1] ?? arg, arg.split(':')[0]]));

function onPath(command) {
  try {
    execFileSync('sh', ['-c', `command -v "$0"`, command], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

ensureDebianPackages([...wanted.keys()], (name) => onPath(wanted.get(name)));
