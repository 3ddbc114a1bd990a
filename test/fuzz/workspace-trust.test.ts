// Workspace trust: the manifest says the extension is safe in an untrusted workspace. That is
// honest only while no setting names a file or a program (a workspace's .vscode/settings.json is
// attacker-controlled there) and while the language server reads nothing but the documents the
// client sends it. Both are checked here, on the sources.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { typeScriptFiles } from './support/regexSources';
import { ROOT, repoPath } from '../support/paths';

interface Manifest {
  capabilities?: {
    untrustedWorkspaces?: { supported: boolean | 'limited'; restrictedConfigurations?: string[]; description?: string };
    virtualWorkspaces?: boolean | { supported: boolean | 'limited'; description?: string };
  };
  contributes: {
    configuration: {
      properties: Record<string, { type?: string | string[]; description?: string; markdownDescription?: string; format?: string }>;
    };
  };
}

const manifest = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as Manifest;

/** Words in a setting's name or description that say it names a file, a folder or a program. */
const NAMES_A_PATH = /path|file|folder|directory|\bdir\b|executable|program|binary|command|script|\bjar\b|\bexe\b/i;

describe('workspace trust', () => {
  test('untrusted workspaces are supported, and virtual workspaces are declared', () => {
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, true);
    assert.notEqual(manifest.capabilities?.virtualWorkspaces, undefined, 'virtualWorkspaces is declared');
  });

  test('the virtualWorkspaces declaration matches the schemes the client serves', () => {
    const virtual = manifest.capabilities?.virtualWorkspaces;
    const supported = typeof virtual === 'object' ? virtual.supported : virtual;
    const client = readFileSync(repoPath('client', 'src', 'client.ts'), 'utf8');
    const schemes = /SCHEMES\s*=\s*\[([^\]]*)\]/.exec(client)?.[1] ?? '';
    const servesVirtual = /vscode-vfs/.test(schemes);
    assert.equal(
      supported === true || supported === 'limited',
      servesVirtual,
      `virtualWorkspaces.supported is ${String(supported)} but the client's schemes are [${schemes}]`,
    );
  });

  test('no setting names a file, folder or program (or it is restricted in untrusted workspaces)', () => {
    const restricted = new Set(manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? []);
    const suspicious = Object.entries(manifest.contributes.configuration.properties)
      .filter(
        ([key, p]) =>
          NAMES_A_PATH.test(key.replace(/^smtpStatus\./, '')) ||
          p.format === 'uri' ||
          /\bpath to\b|\bfile name\b|\bexecutable\b/i.test(`${p.description ?? ''} ${p.markdownDescription ?? ''}`),
      )
      .map(([key]) => key)
      .filter((key) => !restricted.has(key));
    assert.deepEqual(
      suspicious,
      [],
      'settings that name a file must be listed in capabilities.untrustedWorkspaces.restrictedConfigurations',
    );
  });

  test('the language server reads nothing but the documents it is sent: no fs, process or network modules', () => {
    // What dist/server.js is built from: the node entry point and everything it reaches, but for
    // node/summarizeFile.ts, which reads the files a summary request names (the test below).
    const files = [
      'server/src/node/main.ts',
      ...typeScriptFiles(ROOT, 'common'),
      ...['lsp', 'scan', 'service', 'registry'].flatMap((dir) => typeScriptFiles(ROOT, `server/src/${dir}`)),
    ];
    const offending: string[] = [];
    for (const file of files) {
      const source = readFileSync(repoPath(file), 'utf8');
      for (const m of source.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)) {
        const module = m[1].replace(/^node:/, '');
        if (/^(?:fs|fs\/promises|child_process|net|http|https|http2|dgram|tls|worker_threads|vm)$/.test(module))
          offending.push(`${file}: ${m[1]}`);
        // Relative imports must stay inside the server's own layers (not the CLI, which reads files).
        if (module.startsWith('.') && /\/cli\//.test(`${file.replace(/[^/]+$/, '')}${module}`)) offending.push(`${file}: ${m[1]}`);
      }
    }
    assert.deepEqual(offending, []);
  });

  test('the server entry point creates the connection and reads only the files a summary request names', () => {
    const main = readFileSync(repoPath('server', 'src', 'node', 'main.ts'), 'utf8');
    const imports = [...main.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]).sort();
    assert.deepEqual(imports, ['../files/rotation', '../lsp/server', './collectGarbage', './summarizeFile', 'vscode-languageserver/node']);
    // The file summary is the one thing it reads from disk, and only behind the request.
    assert.match(main, /summarizeFiles: \(paths, onProgress, signal\) =>/);
  });
});
