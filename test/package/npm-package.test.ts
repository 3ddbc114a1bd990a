// The npm package of the command line and the language server (packages/smtp-status/), as a user
// gets it: packed the way `npm run package` packs it, installed from the tarball into an empty
// prefix, and both commands run from there.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import type { InitializeResult } from 'vscode-languageserver-protocol';
import { repoPath } from '../support/paths';

interface Manifest {
  name: string;
  version: string;
  bin: Record<string, string>;
  files: string[];
  engines: Record<string, string>;
  dependencies?: object;
  peerDependencies?: object;
  optionalDependencies?: object;
  scripts?: object;
}

const readManifest = (...path: string[]) => JSON.parse(readFileSync(repoPath(...path), 'utf8')) as Manifest;
const extension = readManifest('package.json');
const cliPackage = readManifest('packages', 'smtp-status', 'package.json');

describe('the npm package smtp-status: its manifest', () => {
  test('its version is the extension version', () => {
    assert.equal(cliPackage.version, extension.version);
  });

  test('two commands, the bundles they run, Node 20, and nothing to install besides', () => {
    assert.equal(cliPackage.name, 'smtp-status');
    assert.deepEqual(cliPackage.bin, {
      'smtp-status': 'bin/smtp-status.js',
      'smtp-status-language-server': 'bin/smtp-status-language-server.js',
    });
    assert.equal(cliPackage.engines.node, '>=20');
    // Run-time dependencies would be fetched at install: the esbuild bundles hold everything.
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'] as const)
      assert.equal(cliPackage[field], undefined, field);
    // Scripts would run at install, in the user's machine.
    assert.equal(cliPackage.scripts, undefined);
    for (const bin of Object.values(cliPackage.bin)) assert.ok(existsSync(repoPath(bin)), `${bin} exists in the repository`);
  });
});

describe('the npm package smtp-status: installed from its tarball into an empty prefix', () => {
  let work: string;
  let prefix: string;
  const bin = (name: string) => join(prefix, 'bin', name);

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'smtp-status-npm-'));
    prefix = join(work, 'prefix');
    const pack = spawnSync(process.execPath, [repoPath('scripts', 'package.mjs'), '--npm-only', '--destination', work], {
      encoding: 'utf8',
    });
    assert.equal(pack.status, 0, pack.stderr);
    const tarball = join(work, `smtp-status-${extension.version}.tgz`);
    assert.ok(existsSync(tarball), `${tarball} was written`);
    // No dependencies, so nothing is fetched: --offline proves it.
    const install = spawnSync('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], {
      encoding: 'utf8',
    });
    assert.equal(install.status, 0, install.stderr);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test('the tarball holds the manifest, the README, the licence, the bins and the two bundles', () => {
    const tarball = join(work, `smtp-status-${extension.version}.tgz`);
    const listing = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
    assert.equal(listing.status, 0, listing.stderr);
    assert.deepEqual(listing.stdout.trim().split('\n').sort(), [
      'package/LICENSE',
      'package/README.md',
      'package/bin/smtp-status-language-server.js',
      'package/bin/smtp-status.js',
      'package/dist/cli.js',
      'package/dist/server.js',
      'package/package.json',
    ]);
  });

  test('smtp-status checks a file: class-mismatch, exit 1', () => {
    const check = spawnSync(bin('smtp-status'), ['check', repoPath('test', 'fixtures', 'e2e', 'mail.log')], { encoding: 'utf8' });
    assert.equal(check.status, 1, check.stderr);
    assert.match(check.stdout, /mail\.log:\d+:\d+: error class-mismatch Class 4 of 4\.1\.1 disagrees with reply code 550/);
    const version = spawnSync(bin('smtp-status'), ['--version'], { encoding: 'utf8' });
    assert.equal(version.stdout, `${extension.version}\n`);
  });

  test('smtp-status-language-server answers initialize over stdio, and exits when asked', async () => {
    const server = spawn(bin('smtp-status-language-server'), ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    connection.listen();
    try {
      const result = (await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
      })) as InitializeResult;
      assert.equal(result.serverInfo?.version, extension.version, stderr);
      assert.ok(result.capabilities.hoverProvider, 'a hover provider');
      assert.ok(result.capabilities.completionProvider, 'a completion provider');
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      assert.equal(await exited, 0, stderr);
    } finally {
      connection.dispose();
      server.kill();
    }
  });
});
