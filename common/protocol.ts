import type { Summary } from './summary';

/**
 * A custom request: its method, with its parameters and result as types only. No runtime import:
 * the client and the server each bring their own copy of the JSON-RPC library (of different
 * versions), whose request classes do not mix; `sendRequest`/`onRequest` take the method.
 */
export interface RequestSpec<Params, Result> {
  readonly method: string;
  /** Never set: carries the types. */
  readonly types?: { params: Params; result: Result };
}

const request = <Params, Result>(method: string): RequestSpec<Params, Result> => ({ method });

/** `smtpStatus/summary`: the summary of an open document; null when the server does not have it open. */
export interface SummaryParams {
  uri: string;
}
export const SummaryRequest = request<SummaryParams, Summary | null>('smtpStatus/summary');

/**
 * `smtpStatus/summarizeFiles`: the summary of files on the server's disk, read as one log,
 * whatever their size. The server reports work-done progress on `workDoneToken` and stops when the
 * request is cancelled. Only the Node server offers it (`experimental.summarizeFiles` in its
 * capabilities).
 */
export interface SummarizeFilesParams {
  /** File system paths. */
  paths: string[];
  workDoneToken?: string | number;
}
export const SummarizeFilesRequest = request<SummarizeFilesParams, Summary>('smtpStatus/summarizeFiles');
