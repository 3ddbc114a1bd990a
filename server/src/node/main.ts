import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { SERVER_NAME, startServer } from '../lsp/server';
import { summarizeFile } from './summarizeFile';

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
  // The Node server can read files from disk: the summary of logs too large to open in an editor.
  startServer(createConnection(ProposedFeatures.all), {
    summarizeFiles: async (paths, onProgress, signal) => {
      if (paths.length !== 1) throw new Error('one file at a time');
      return summarizeFile(paths[0], onProgress, signal);
    },
  });
}
