// The data injection inside the strings of JSON, JSONC, YAML and TOML (tm-grammars' grammars): a
// reply with its code and a status field's code are coloured, a version is not. The lines are
// written for these tests in the shape of providers' event payloads and mail servers' configuration.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasScope, loadGrammar, statusScopes, tokenizeLines, tokensCovering } from './support';

interface Sample {
  readonly scope: string;
  readonly lines: readonly string[];
  /** [line index, text, class, first column to search from]: text must be one enhanced-code token of that class. */
  readonly codes: readonly (readonly [number, string, number, number?])[];
  /** [line index, text]: text must carry no smtp-status scope. */
  readonly notCodes: readonly (readonly [number, string])[];
}

const samples: Record<string, Sample> = {
  json: {
    scope: 'source.json',
    lines: [
      '{"status": "5.1.1", "diagnosticCode": "smtp; 550 5.1.1 user unknown", "version": "5.1.3", "sourceIp": "192.0.2.1"}',
      '{"enhanced-code":"4.2.2", "typescript": "5.4.5"}',
    ],
    codes: [
      [0, '5.1.1', 5],
      [0, '5.1.1', 5, 40],
      [1, '4.2.2', 4],
    ],
    notCodes: [
      [0, '5.1.3'],
      [0, '192.0.2.1'],
      [1, '5.4.5'],
    ],
  },
  jsonc: {
    scope: 'source.json.comments',
    lines: ['{"status": "4.4.1", // "status": "5.1.1"', '"smtpResponse": "250 2.6.0 Message received"}'],
    codes: [
      [0, '4.4.1', 4],
      [1, '2.6.0', 2],
    ],
    notCodes: [[0, '// "status": "5.1.1"']],
  },
  yaml: {
    scope: 'source.yaml',
    lines: ['status: 5.1.1', "enhanced-code: '4.2.2'", 'reason: "550 5.1.1 No such user" # 550 5.2.2', 'version: 5.1.3'],
    codes: [
      [0, '5.1.1', 5],
      [1, '4.2.2', 4],
      [2, '5.1.1', 5],
    ],
    notCodes: [
      [2, '# 550 5.2.2'],
      [3, '5.1.3'],
    ],
  },
  toml: {
    scope: 'source.toml',
    lines: ['status = "5.7.1"', 'message = "554 5.7.1 Relay access denied" # "554 5.7.1"', 'version = "5.1.3"'],
    codes: [
      [0, '5.7.1', 5],
      [1, '5.7.1', 5],
    ],
    notCodes: [
      [1, '# "554 5.7.1"'],
      [2, '5.1.3'],
    ],
  },
};

for (const [language, sample] of Object.entries(samples)) {
  test(`data injection in ${language}: status fields and replies, never versions or comments`, async () => {
    const tokens = tokenizeLines(await loadGrammar(sample.scope), sample.lines);
    for (const [i, text, cls, from] of sample.codes) {
      const covering = tokensCovering(tokens[i]!, sample.lines[i]!, text, from ?? 0);
      assert.equal(covering.length, 1, `${language}: ${text} split into ${JSON.stringify(covering.map((t) => t.text))}`);
      assert.equal(covering[0]!.text, text);
      assert.ok(
        hasScope(covering[0]!, `constant.numeric.smtp-status.enhanced.class-${cls}`),
        `${language}: ${text}: ${covering[0]!.scopes.join(' ')}`,
      );
    }
    for (const [i, text] of sample.notCodes) {
      const covering = tokensCovering(tokens[i]!, sample.lines[i]!, text);
      assert.deepEqual(covering.flatMap(statusScopes), [], `${language}: ${text}`);
    }
  });
}
