// Property tests of every service feature on hostile input: analysis, diagnostics, hover and
// completion at code edges, random and wild positions; and incremental analysis against a full one.
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { scanDocument, modeForDocument } from '../../server/src/scan';
import { readSettings } from '../../server/src/service';
import { anyDocument, LINE_BREAKS, language, PIECES, realLines } from './support/inputs';
import { checkIncremental, checkService, probePositions } from './support/invariants';

const lines = realLines({ maxCorpusFiles: 200 });

describe('service: never throws, ranges inside the document, markdown inert', () => {
  test('random documents, positions on codes, random and out of range', () => {
    fc.assert(
      fc.property(
        language,
        anyDocument(lines),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { maxLength: 4 }),
        ({ languageId, uri }, text, random) => {
          const codes = scanDocument(text, modeForDocument(languageId, uri), { languageId }).codes;
          checkService(text, languageId, uri, probePositions(text, codes, random));
        },
      ),
      { numRuns: 250 },
    );
  });

  test('hostile site-code settings are escaped like document text', () => {
    // Bare URLs and control characters from settings are known to pass (todo tests in
    // test/unit/markup-injection.test.ts); everything else must come out escaped.
    const hostile = fc.constantFrom(...PIECES.filter((p) => /[<[`&*|]/.test(p) && !/https?:|\u001b/.test(p)));
    fc.assert(
      fc.property(hostile, hostile, (title, description) => {
        const settings = readSettings({ siteCodes: { 'X.7.900': { title, description }, '5.1.1': title } });
        const text = 'x: 550 5.7.900 denied\nx: 550 5.1.1 unknown\n';
        checkService(
          text,
          'log',
          'file:///f/mail.log',
          [
            { line: 0, character: 9 },
            { line: 1, character: 9 },
          ],
          { settings },
        );
      }),
      { numRuns: 50 },
    );
  });
});

describe('incremental analysis equals full analysis under random edits', () => {
  const insert = fc.oneof(anyDocument(lines), fc.constantFrom(...LINE_BREAKS), fc.constant(''));
  const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.double({ min: 0, max: 0.3, noNaN: true }), insert });
  test('every language, batches of edits', () => {
    fc.assert(
      fc.property(
        language,
        anyDocument(lines),
        fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }),
        ({ languageId, uri }, initial, batches) => {
          checkIncremental(languageId, uri, initial, batches);
        },
      ),
      { numRuns: 400 },
    );
  });
});
