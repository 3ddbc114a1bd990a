// `npm run test:stress`: no leaks under load, at full size. Opens, edits and closes 100 documents
// of 1 MB each on the built server (dist/server.js over stdio, pull diagnostics), cycle after
// cycle, and prints the server's RSS after each; exits 1 when RSS after the last cycles is more
// than 10% above its warm-up level (the plateau criterion of test/fuzz/support/load.ts).
//   node out/scripts/stress.js [--documents N] [--cycles N] [--mb N] [--no-close]
// `--no-close` leaves every document open: a deliberate leak, to see the criterion catch one.
import { LspClient, PULL_CAPABILITIES } from '../test/lsp/support/lspClient';
import { loadCycles, plateau } from '../test/fuzz/support/load';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const k = args.indexOf(name);
  return k === -1 ? fallback : Number(args[k + 1]);
};
const documents = option('--documents', 100);
const cycles = option('--cycles', 8);
const bytes = option('--mb', 1) * (1 << 20);
const close = !args.includes('--no-close');

async function main(): Promise<void> {
  const started = Date.now();
  const client = await LspClient.start({ capabilities: PULL_CAPABILITIES, settings: null });
  console.log(
    `stress: ${documents} documents of ${bytes / (1 << 20)} MB, ${cycles} cycles${close ? '' : ', never closed (deliberate leak)'}; server pid ${client.process.pid}`,
  );
  try {
    const rss = await loadCycles(client, {
      documents,
      bytes,
      cycles,
      close,
      onCycle: (cycle, value) =>
        console.log(
          `cycle ${cycle}: RSS ${value === undefined ? '(no /proc)' : `${value.toFixed(0)} MB`} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
        ),
    });
    const verdict = plateau(rss);
    const alive = client.exitStatus === undefined;
    console.log(
      verdict.baseline === undefined
        ? 'RSS not measurable here (no /proc)'
        : `RSS ${verdict.baseline.toFixed(0)} MB after warm-up, ${verdict.last!.toFixed(0)} MB at the end: ${((verdict.growth ?? 0) * 100).toFixed(1)}% (limit 10%)`,
    );
    if (!alive) console.log(`server exited: ${JSON.stringify(client.exitStatus)}\n${client.stderr()}`);
    console.log(verdict.ok && alive ? 'PASS' : 'FAIL');
    process.exitCode = verdict.ok && alive ? 0 : 1;
  } finally {
    await client.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
