// Property tests of the recognizer on hostile input: random pieces, real log lines mutated, every
// Unicode plane, lone surrogates, NUL, CR/LF/CRLF mixes. A bounded sample; `npm run test:fuzz`
// runs the same checks on a million inputs.
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { anyDocument, LANGUAGES, language, realLines } from './support/inputs';
import { checkRecognizer } from './support/invariants';

const lines = realLines({ maxCorpusFiles: 200 });
const offsets = (text: string) => fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 6 });

describe('recognizer: never throws, ranges on their line, scanLine agrees with scanDocument', () => {
  test('random documents in every language', () => {
    fc.assert(
      fc.property(
        language,
        anyDocument(lines).chain((text) => fc.tuple(fc.constant(text), offsets(text))),
        ({ languageId, uri }, [text, at]) => checkRecognizer(text, languageId, uri, [0, text.length, ...at]),
      ),
      { numRuns: 1500 },
    );
  });

  test('every real line, alone, in log, config and source modes', () => {
    for (const { languageId, uri } of LANGUAGES.filter((l) => ['log', 'c', 'python'].includes(l.languageId) || l.uri.endsWith('access'))) {
      for (const line of lines.slice(0, 3000)) checkRecognizer(line, languageId, uri, [line.length]);
    }
  });

  test('every Unicode plane: astral characters and lone surrogates around codes', () => {
    const around = fc.tuple(
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.constantFrom('550 5.1.1', '"4.7.1"', 'dsn=5.1.1', '552-5.3.4', 'EnhancedCode{5, 1, 1}', '5.7.1'),
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 6 }),
        fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
      ),
    );
    fc.assert(
      fc.property(language, fc.array(around, { maxLength: 5 }), ({ languageId, uri }, parts) => {
        const text = parts.map((p) => p.join('')).join('\n');
        checkRecognizer(text, languageId, uri, [text.length]);
      }),
      { numRuns: 500 },
    );
  });
});
