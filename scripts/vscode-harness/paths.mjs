// Where things are: the repository, the tools package, and the cache that outlives runs and
// clones (CI runs in a fresh clone on the same machine, so a cache inside the clone would be cold
// every time).
import { homedir } from 'node:os';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const toolsPackageDir = join(repoRoot, 'tools', 'vscode');
export const cacheRoot =
  process.env.SMTP_STATUS_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'smtp-status-codes');
