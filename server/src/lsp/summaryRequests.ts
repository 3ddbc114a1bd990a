import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import { SummarizeFilesRequest, SummaryRequest, type RequestSpec, type Summary } from '../../../common';
import type { OpenDocuments } from './openDocuments';
import { lineText, SummaryBuilder } from '../service';

/**
 * What a server can do beyond LSP where it runs: the Node server reads files from disk and can ask
 * V8 for a collection.
 */
export interface ServerEnvironment {
  /**
   * Summarises files on disk read as one log, in the given order; `onProgress` receives the
   * fraction read, and an aborted `signal` stops the read and rejects.
   */
  summarizeFiles?(paths: string[], onProgress: (fraction: number) => void, signal: AbortSignal): Promise<Summary>;
  /** Starts a collection of the heap's garbage (see `OpenDocuments`). */
  collectGarbage?(): void;
}

/** The summary of an open document, and (where the environment can read files) of files on disk. */
export function listenForSummaries(connection: Connection, documents: OpenDocuments, environment: ServerEnvironment): void {
  onRequest(connection, SummaryRequest, (params) => {
    const open = typeof params?.uri === 'string' ? documents.get(params.uri) : undefined;
    if (open === undefined) return null;
    const builder = new SummaryBuilder();
    const analysis = documents.analysisOf(open);
    builder.addAnalysis(analysis.codes, open.document.lineCount, (line) => lineText(open.document, line), analysis.mode !== 'source');
    return builder.build();
  });

  const summarizeFiles = environment.summarizeFiles;
  if (summarizeFiles === undefined) return;
  onRequest(connection, SummarizeFilesRequest, async (params, token) => {
    const paths = params?.paths;
    if (!Array.isArray(paths) || paths.length === 0 || !paths.every((p) => typeof p === 'string' && p !== '')) {
      return new ResponseError(LSPErrorCodes.RequestFailed, 'smtpStatus/summarizeFiles takes { paths: string[] } with at least one path.');
    }
    const progress = connection.window.attachWorkDoneProgress(params?.workDoneToken);
    progress.begin('Summarising', 0, undefined, true);
    const controller = new AbortController();
    const cancelled = token.onCancellationRequested(() => controller.abort());
    let reported = 0;
    try {
      return await summarizeFiles(
        paths,
        (fraction) => {
          const percent = Math.floor(fraction * 100);
          if (percent > reported) progress.report((reported = percent));
        },
        controller.signal,
      );
    } catch (error) {
      if (controller.signal.aborted) return new ResponseError(LSPErrorCodes.RequestCancelled, 'Cancelled');
      return new ResponseError(LSPErrorCodes.RequestFailed, error instanceof Error ? error.message : String(error));
    } finally {
      cancelled.dispose();
      progress.done();
    }
  });
}

/** Answers one of the protocol's custom requests, typed by its spec (params come from the wire: check them). */
export function onRequest<P, R>(
  connection: Connection,
  request: RequestSpec<P, R>,
  handler: (params: Partial<P> | null | undefined, token: CancellationToken) => R | ResponseError | Promise<R | ResponseError>,
): void {
  connection.onRequest<unknown, void>(request.method, (params: Partial<P> | null | undefined, token: CancellationToken) =>
    handler(params, token),
  );
}
