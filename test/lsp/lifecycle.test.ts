import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { LspClient, PULL_CAPABILITIES, PUSH_CAPABILITIES, SERVER_PATH } from './support/lspClient';

// Each test owns its process, so one that hangs or crashes cannot leak into another.
const started: LspClient[] = [];
after(async () => {
  await Promise.all(started.map((client) => client.dispose()));
});

async function start(capabilities = PUSH_CAPABILITIES): Promise<LspClient> {
  const client = await LspClient.start({ capabilities, settings: null });
  started.push(client);
  return client;
}

describe('built server', () => {
  test('dist/server.js exists (node scripts/build.mjs)', () => {
    assert.ok(existsSync(SERVER_PATH), `${SERVER_PATH} is missing; build it first`);
  });
});

describe('initialize', () => {
  test('capabilities for a client without pull diagnostics', async () => {
    const { initializeResult } = await start(PUSH_CAPABILITIES);
    const { capabilities } = initializeResult;
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.equal(capabilities.hoverProvider, true);
    assert.ok(capabilities.completionProvider, 'completionProvider');
    const triggers = capabilities.completionProvider.triggerCharacters ?? [];
    assert.ok(triggers.includes('.'), `'.' among trigger characters ${JSON.stringify(triggers)}`);
    assert.ok(triggers.includes(' '), `' ' among trigger characters ${JSON.stringify(triggers)}`);
    assert.equal(capabilities.diagnosticProvider, undefined, 'no diagnosticProvider when the client cannot pull');
    assert.equal(initializeResult.serverInfo?.name, 'smtp-status-language-server');
  });

  test('capabilities for a client with pull diagnostics', async () => {
    const { initializeResult } = await start(PULL_CAPABILITIES);
    const { capabilities } = initializeResult;
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.equal(capabilities.hoverProvider, true);
    const triggers = capabilities.completionProvider?.triggerCharacters ?? [];
    assert.ok(triggers.includes('.') && triggers.includes(' '), `trigger characters ${JSON.stringify(triggers)}`);
    assert.deepEqual(capabilities.diagnosticProvider, {
      identifier: 'smtp-status',
      interFileDependencies: false,
      workspaceDiagnostics: false,
    });
    assert.equal(initializeResult.serverInfo?.name, 'smtp-status-language-server');
  });

  test('a client with no capabilities at all still gets a working server', async () => {
    const client = await start({});
    assert.equal(client.initializeResult.capabilities.diagnosticProvider, undefined);
    // Without workspace.configuration the server must not ask for settings (the client could not answer).
    const uri = 'file:///lsp-tests/lifecycle/bare-client.log';
    await client.open(uri, 'log', 'x: 550 4.1.1 <a@b.example>: User unknown\n');
    const published = await client.nextDiagnostics(uri, 1);
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      ['class-mismatch'],
    );
    assert.equal(client.configurationRequests.length, 0, 'no workspace/configuration without the capability');
  });
});

describe('shutdown and exit', () => {
  test('shutdown answers null and exit ends the process with code 0', async () => {
    const client = await start(PUSH_CAPABILITIES);
    await client.shutdownAndExit();
  });

  test('exit code 0 also after documents were opened and edited (pull client)', async () => {
    const client = await start(PULL_CAPABILITIES);
    const uri = 'file:///lsp-tests/lifecycle/edited.log';
    await client.open(uri, 'log', '550 5.1.1 ok\n');
    await client.change(uri, [{ range: { start: { line: 0, character: 4 }, end: { line: 0, character: 5 } }, text: '4' }]);
    await client.pullDiagnostics(uri);
    await client.shutdownAndExit();
  });
});
