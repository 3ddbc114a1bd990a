// V8's inlining limit, raised by the Node server and the command line as they start
// (server/src/node/inliningBudget.ts). That the built server and command line do raise it is
// test/lsp/inliningBudget.test.ts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mock, test } from 'node:test';
import v8 from 'node:v8';
import { INLINING_BUDGET, INLINING_BUDGET_FLAG, raiseInliningBudget } from '../../server/src/node/inliningBudget';

test("the flag is one this Node knows, with a limit above V8's own", () => {
  const name = INLINING_BUDGET_FLAG.slice(0, INLINING_BUDGET_FLAG.indexOf('='));
  const options = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const entry = new RegExp(`^\\s*${name}\\s.*\\n.*default: (?:\\S+=)?(\\d+)`, 'm').exec(options);
  assert.ok(entry !== null, `${name} is not among this Node's V8 options`);
  assert.ok(INLINING_BUDGET > Number(entry[1]), `${INLINING_BUDGET} is not above V8's default ${entry[1]}`);
});

test('raiseInliningBudget sets the flag in V8', () => {
  const set = mock.method(v8, 'setFlagsFromString', () => {});
  try {
    raiseInliningBudget();
    assert.deepEqual(
      set.mock.calls.map((call) => call.arguments),
      [[INLINING_BUDGET_FLAG]],
    );
  } finally {
    set.mock.restore();
  }
});
