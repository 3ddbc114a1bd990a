// Temporary folders for one run. They are removed when the run ends, unless it failed or was
// asked to keep them (--keep): then their path is printed, logs and screenshots inside.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onFinish } from './lifetime.mjs';
import { step } from './progress.mjs';

let keep = false;

export function keepTemporaryFolders() {
  keep = true;
}

export function makeTemporaryFolder(label) {
  const dir = mkdtempSync(join(tmpdir(), `smtp-status-${label}-`));
  onFinish(`temporary folder ${dir}`, () => {
    if (keep) step(`kept ${dir} (logs, settings, screenshots)`);
    else rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  });
  return dir;
}
