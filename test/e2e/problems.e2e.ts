/// <reference types="mocha" />
// The Problems panel lists exactly the problems written into the fixtures, under our rule ids.
import * as assert from 'node:assert/strict';
import { Workbench } from './support/workbench';

/** The problems each fixture was written to contain (test/fixtures/e2e/README.md). */
const EXPECTED: Record<string, string[]> = {
  'mail.log': ['class-mismatch', 'deprecated', 'unregistered'],
  mainlog: ['class-mismatch', 'unknown-subject'],
  'session.smtp': ['class-mismatch'],
  'bounce.eml': ['class-mismatch', 'status-diagnostic-mismatch'],
  'handler.py': ['class-mismatch'],
};

describe('Problems panel', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await Workbench.open();
  });
  after(async () => workbench?.close());

  // One file at a time, so each file's list is read alone; mail.log last, for the screenshot.
  const order = [...Object.keys(EXPECTED).filter((f) => f !== 'mail.log'), 'mail.log'];
  for (const [i, file] of order.entries()) {
    it(`${file}: ${EXPECTED[file].join(', ')}, and nothing else`, async () => {
      await workbench.openFile(file);
      const rows = await workbench.problemsOf(file, EXPECTED[file].length);
      for (const row of rows) assert.equal(row.source, 'smtp-status', `only our problems: ${JSON.stringify(row)}`);
      assert.deepEqual(rows.map((r) => r.rule).sort(), EXPECTED[file]);
      if (i === order.length - 1) await workbench.screenshot('problems.png');
      else await workbench.closeEditor();
    });
  }
});
