// The message index and the views of a log's lines: what the index adds to the analysis, and the
// requests behind Show This Message and Show Failures on a 45 MB log, against opening that log.
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  FailureLinesRequest,
  MessageLinesRequest,
  SERVER_NODE_OPTIONS,
  type FailureLinesResult,
  type MessageLinesResult,
} from '../../common';
import { MessageTable, scanMessages } from '../../server/src/scan';
import { Analysis } from '../../server/src/service';
import { fmt, median, type Row } from './cli';
import { BenchClient } from './client';
import { generateLog } from './generate';

const MB = 1024 * 1024;
/** The figure: a view of a 45 MB log opens within a second or two. */
const VIEW_LIMIT_MS = 2000;

/**
 * P13: the message index's scan against the analysis of the same text, alternating, in process.
 * The analysis reads the index on first use (the first id hover, reference or view), not at open,
 * so P2, P3 and P5 do not carry it; P14's worst figures include it.
 */
export function messageIndexRow(text: string, rounds: number): Row {
  const document = TextDocument.create('file:///bench/mail.log', 'log', 1, text);
  const index: number[] = [];
  const whole: number[] = [];
  let bytes = 0;
  for (let r = 0; r < rounds; r++) {
    let started = performance.now();
    const table = new MessageTable(Math.ceil(text.length / 1024));
    scanMessages(text, table);
    index.push(performance.now() - started);
    started = performance.now();
    const analysis = new Analysis(document);
    whole.push(performance.now() - started);
    if (analysis.messages.length !== table.length || table.length === 0) throw new Error(`message index: ${table.length} ids`);
    bytes = table.length * 5 * 4;
  }
  const ms = median(index);
  const analysisMs = median(whole);
  const ratio = ms / analysisMs;
  return {
    id: 'P13',
    what: `message index (queue ids and links, ${fmt(bytes / MB, 1)} MB of rows) of 50 MB, read on first use, vs the analysis at open`,
    measured: `${fmt(ms, 0)} ms vs ${fmt(analysisMs, 0)} ms`,
    ratio,
    goal: '<= 1x, not at open',
    met: ratio <= 1,
  };
}

/**
 * P14: smtpStatus/messageLines (Show This Message, on an id near the end) and
 * smtpStatus/failureLines (Show Failures, without and with the failing messages) on a 45 MB log
 * open in the server, each against that log's didOpen until diagnostics (pull client).
 */
export async function viewRows(server: string, log: (line: string) => void): Promise<Row[]> {
  log('P14 views of a 45 MB log');
  const text = generateLog(45 * MB, 11);
  const lines = text.split('\n');
  const idLine = lines.findLastIndex((l) => /postfix\/smtp\[\d+\]: [0-9A-F]{10}:/.test(l));
  const position = { line: idLine, character: lines[idLine].indexOf(']: ') + 4 };
  const uri = 'file:///bench/views/mail.log';
  const { client } = await BenchClient.start(server, 'pull', SERVER_NODE_OPTIONS);
  const open: number[] = [];
  const message: number[] = [];
  const failures: number[] = [];
  const withMessages: number[] = [];
  let counts = { message: 0, failures: 0, withMessages: 0 };
  try {
    for (let r = 0; r < 2; r++) {
      open.push(await client.open(uri, text));
      for (let k = 0; k < 3; k++) {
        const m = await client.timed<MessageLinesResult | null>(MessageLinesRequest.method, { uri, position });
        const f = await client.timed<FailureLinesResult | null>(FailureLinesRequest.method, { uri, withMessages: false });
        const w = await client.timed<FailureLinesResult | null>(FailureLinesRequest.method, { uri, withMessages: true });
        if (m.result === null || f.result === null || w.result === null || f.result.lines.length === 0)
          throw new Error('a view request found nothing in the generated log');
        message.push(m.ms);
        failures.push(f.ms);
        withMessages.push(w.ms);
        counts = { message: m.result.lines.length, failures: f.result.lines.length, withMessages: w.result.lines.length };
      }
      await client.close(uri);
    }
  } finally {
    await client.stop();
  }
  const openMs = median(open);
  const row = (what: string, times: number[], lineCount: number): Row => {
    const ms = median(times);
    const worst = Math.max(...times);
    return {
      id: 'P14',
      what: `${what} on 45 MB (${lineCount.toLocaleString('en')} lines), median (worst) vs its didOpen until diagnostics`,
      measured: `${fmt(ms, 0)} (${fmt(worst, 0)}) ms vs ${fmt(openMs, 0)} ms`,
      ratio: ms / openMs,
      goal: `<= 1x, worst < ${VIEW_LIMIT_MS / 1000} s`,
      met: ms <= openMs && worst < VIEW_LIMIT_MS,
    };
  };
  return [
    row('Show This Message (`smtpStatus/messageLines`)', message, counts.message),
    row('Show Failures (`smtpStatus/failureLines`)', failures, counts.failures),
    row('Show Failures with their messages', withMessages, counts.withMessages),
  ];
}
