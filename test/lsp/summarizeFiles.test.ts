import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, type ProgressToken } from 'vscode-languageserver-protocol';
import { SummarizeFilesRequest, SummaryRequest, type Summary } from '../../common';
import { PULL_CAPABILITIES, startForSuite } from './support/lspClient';
import { SUMMARY_LOG as LOG } from './support/summaryLog';

/** `$/progress` values as the server reports them. */
interface ProgressValue {
  kind: 'begin' | 'report' | 'end';
  percentage?: number;
  cancellable?: boolean;
}

describe('smtpStatus/summarizeFiles: the Node server summarises files from disk', () => {
  const client = startForSuite({ before, after }, { capabilities: PULL_CAPABILITIES, settings: null });
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'smtp-status-summarize-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Collects the server's progress notifications for one token. */
  const progressOf = (token: ProgressToken) => {
    const values: ProgressValue[] = [];
    const listener = client().connection.onNotification('$/progress', (params: { token: ProgressToken; value: ProgressValue }) => {
      if (params.token === token) values.push(params.value);
    });
    return { values, dispose: () => listener.dispose() };
  };

  test('the server says it can, in its capabilities', () => {
    assert.equal((client().initializeResult.capabilities.experimental as { summarizeFiles?: boolean }).summarizeFiles, true);
  });

  test('a file on disk gives the summary its text gives when open, with work-done progress', async () => {
    const path = join(dir, 'mail.log');
    writeFileSync(path, LOG);
    const progress = progressOf('summary-1');
    const fromDisk = await client().request<Summary>(SummarizeFilesRequest.method, { paths: [path], workDoneToken: 'summary-1' });
    progress.dispose();
    const uri = pathToFileURL(path).href;
    await client().open(uri, 'log', LOG);
    const fromEditor = await client().request<Summary>(SummaryRequest.method, { uri });
    const { sources, ...counts } = fromDisk;
    assert.deepEqual(counts, fromEditor);
    assert.deepEqual(
      sources?.map((s) => [s.name, s.lines, s.encoding]),
      [[path, 5, 'utf-8']],
    );
    assert.equal(fromDisk.codes, 7);
    assert.deepEqual(
      progress.values.map((v) => v.kind),
      ['begin', ...progress.values.slice(1, -1).map(() => 'report'), 'end'],
    );
    assert.equal(progress.values[0].cancellable, true);
    assert.ok(
      progress.values.some((v) => v.percentage === 100),
      JSON.stringify(progress.values),
    );
  });

  test('the rotated files of one log, gzipped or not, are read oldest first as one timeline', async () => {
    const [live, older, oldest] = ['mail.log', 'mail.log.1', 'mail.log.2.gz'].map((name) => join(dir, name));
    writeFileSync(live, LOG);
    writeFileSync(older, LOG);
    writeFileSync(oldest, gzipSync(LOG));
    const summary = await client().request<Summary>(SummarizeFilesRequest.method, { paths: [live, oldest, older] });
    assert.deepEqual(
      summary.sources?.map((s) => [s.name, s.firstLine, s.compression]),
      [
        [oldest, 0, 'gzip'],
        [older, 5, undefined],
        [live, 10, undefined],
      ],
    );
    assert.equal(summary.codes, 21);
    assert.equal(summary.lines, 15);
  });

  test('a file that cannot be read is an error that names it; malformed parameters are refused', async () => {
    const missing = join(dir, 'no-such.log');
    await assert.rejects(client().request(SummarizeFilesRequest.method, { paths: [missing] }), (error: Error) =>
      error.message.includes(missing),
    );
    for (const params of [{}, { paths: [] }, { paths: [42] }, { paths: 'mail.log' }, null]) {
      await assert.rejects(client().request(SummarizeFilesRequest.method, params), /takes \{ paths: string\[\] \}/, JSON.stringify(params));
    }
  });

  test('cancelling stops the read and answers RequestCancelled', async () => {
    const path = join(dir, 'big.log');
    // Large enough that the read is still going when the cancellation arrives after its first progress report.
    writeFileSync(path, `${LOG}\n`.repeat(120_000));
    const source = new CancellationTokenSource();
    const progress: ProgressValue[] = [];
    const listener = client().connection.onNotification('$/progress', (params: { token: ProgressToken; value: ProgressValue }) => {
      if (params.token !== 'summary-cancel') return;
      progress.push(params.value);
      if (params.value.kind === 'report') source.cancel();
    });
    const answer = client().connection.sendRequest(
      SummarizeFilesRequest.method,
      { paths: [path], workDoneToken: 'summary-cancel' },
      source.token,
    );
    await assert.rejects(answer, (error: { code?: number }) => error.code === -32800);
    listener.dispose();
    assert.ok(
      progress.every((v) => v.kind !== 'report' || (v.percentage ?? 0) < 100),
      JSON.stringify(progress),
    );
    // The server goes on answering.
    assert.equal(await client().request(SummaryRequest.method, { uri: 'file:///not/open.log' }), null);
  });
});
