// Progress lines for the harness: every line says how long the run has taken so far, so a slow
// step is visible in CI logs without extra timing code.
const started = performance.now();

export function elapsedSeconds() {
  return (performance.now() - started) / 1000;
}

export function step(message) {
  process.stdout.write(`[vscode-harness ${elapsedSeconds().toFixed(1).padStart(6)}s] ${message}\n`);
}

/** Runs `work`, then prints how long it took. */
export async function timed(message, work) {
  const before = performance.now();
  step(`${message} ...`);
  const result = await work();
  step(`${message}: done in ${((performance.now() - before) / 1000).toFixed(1)}s`);
  return result;
}
