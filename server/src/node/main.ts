import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { SERVER_NAME, startServer } from '../lsp/server';
import { oldestFirst } from '../files/rotation';
import { summarizeFiles } from './summarizeFile';
import { v8Collector } from './collectGarbage';

declare const SERVER_VERSION: string;

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe'];
const args = process.argv.slice(2);

if (args.includes('--version')) {
  process.stdout.write(`${SERVER_NAME} ${SERVER_VERSION}\n`);
} else if (args.includes('--help') || !args.some((a) => TRANSPORTS.some((t) => a === t || a.startsWith(`${t}=`)))) {
  const out = args.includes('--help') ? process.stdout : process.stderr;
  out.write(
    `Usage: ${SERVER_NAME} --stdio | --node-ipc | --socket=PORT | --pipe=NAME\n` +
      'Language server for SMTP reply codes and enhanced status codes (LSP over the chosen transport).\n',
  );
  if (!args.includes('--help')) process.exitCode = 2;
} else {
  // The Node server can read files from disk: the summary of logs too large to open in an editor,
  // the rotated files of one log read oldest first, as one timeline. Started with `--expose-gc`,
  // it can also ask V8 for a collection, to hand back what reading a large document left behind.
  startServer(createConnection(ProposedFeatures.all), {
    collectGarbage: v8Collector(),
    summarizeFiles: (paths, onProgress, signal) =>
      summarizeFiles(
        oldestFirst(paths, (path) => path),
        { onProgress, signal },
      ),
  });
}
