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

/** A position in a document, as LSP writes it (0-based line, UTF-16 column). */
export interface LinePosition {
  line: number;
  character: number;
}

/**
 * `smtpStatus/messageLines`: the lines of the message whose id is at `position` (or that owns its
 * line) and of the messages linked to it, for the *Show This Message* view; null when the
 * document is not open or names no message there.
 */
export interface MessageLinesParams {
  uri: string;
  position: LinePosition;
}
export interface MessageLinesResult {
  /** The id the lines were followed from. */
  id: string;
  /** 0-based, in document order. */
  lines: number[];
  /** How many messages (and OpenSMTPD sessions) they belong to. */
  messages: number;
}
export const MessageLinesRequest = request<MessageLinesParams, MessageLinesResult | null>('smtpStatus/messageLines');

/**
 * `smtpStatus/failureLines`: every line with a 4xx or 5xx code, and with `withMessages` the other
 * lines of the messages they belong to (and of the messages linked to those), for the *Show
 * Failures* view; null when the document is not open.
 */
export interface FailureLinesParams {
  uri: string;
  withMessages: boolean;
}
export interface FailureLinesResult {
  /** 0-based, in document order. */
  lines: number[];
  /** How many of them have a failure code. */
  failures: number;
  /** How many messages the lines belong to (0 without `withMessages`). */
  messages: number;
}
export const FailureLinesRequest = request<FailureLinesParams, FailureLinesResult | null>('smtpStatus/failureLines');
