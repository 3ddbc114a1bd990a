import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { repoPath } from '../../support/paths';

/**
 * The official SARIF 2.1.0 schema (OASIS, errata 01), vendored verbatim; see README.md beside it.
 * It is written in JSON Schema draft-04, which Ajv 8 reads except for the draft-04 spelling of the
 * schema's own identifier (`id`, later `$id`). That is the only draft-04 construct it uses (the
 * test below checks there is no boolean `exclusiveMinimum`/`exclusiveMaximum`, draft-04's other
 * difference), so the identifier is renamed in memory and the rest is compiled unchanged.
 */
const SCHEMA_FILE = repoPath('test', 'fixtures', 'cli', 'sarif-schema-2.1.0.json');
export const SCHEMA_TEXT = readFileSync(SCHEMA_FILE, 'utf8');

const { id, $schema: _draft, ...rest } = JSON.parse(SCHEMA_TEXT) as Record<string, unknown>;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile({ ...rest, $id: id as string });

/** Schema violations of a SARIF log, as readable lines (empty when it is valid). */
export function sarifErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
