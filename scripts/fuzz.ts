// `npm run test:fuzz`: the fuzz tests of test/fuzz/ at full size. At least 1,000,000 generated
// inputs through the recognizer, the service and incremental analysis, every file of the shared
// corpus whole, and every pathological shape at 512 KB and 2 MB in every mode for linear time.
// Prints the count and every failure (with the seed to replay it); exits 1 on any failure.
//   node out/scripts/fuzz.js [--runs N] [--seed S]
// A linear-time check fails only when the best of five tries is above 2.5x per doubling: a shared
// two-core machine can slow one size of one try (the ratios of a clean run stay under 2.5x), while
// an algorithm that is not linear is above it every time.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { modeForDocument, scanDocument } from '../server/src/scan';
import { readSettings } from '../server/src/service';
import {
  anyDocument,
  corpusFiles,
  language,
  LANGUAGES,
  LINE_BREAKS,
  loneSurrogate,
  mutatedLine,
  PIECES,
  realLines,
} from '../test/fuzz/support/inputs';
import { checkIncremental, checkRecognizer, checkService, probePositions } from '../test/fuzz/support/invariants';
import { growth, OPERATIONS, regressionOperation, REGRESSION_SHAPES, SHAPES } from '../test/fuzz/support/timing';
import { ROOT } from '../test/support/paths';

const args = process.argv.slice(2);
const option = (name: string) => {
  const k = args.indexOf(name);
  return k === -1 ? undefined : args[k + 1];
};
const TOTAL = Number(option('--runs') ?? 1_000_000);
const SEED = Number(option('--seed') ?? Date.now() % 2 ** 31);
/** One input slower than this is a failure (a hang in the making). */
const SLOW_MS = 2000;

const failures: string[] = [];
let inputs = 0;
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

/** Runs `runs` inputs of a property in chunks, so one failure does not stop the others. */
function run<T>(name: string, arbitrary: fc.Arbitrary<T>, check: (value: T) => void, runs: number, chunk = 50_000): void {
  let done = 0;
  let chunkSeed = SEED;
  let failed = 0;
  while (done < runs) {
    const numRuns = Math.min(chunk, runs - done);
    const details = fc.check(
      fc.property(arbitrary, (value) => {
        const start = Date.now();
        check(value);
        const ms = Date.now() - start;
        if (ms > SLOW_MS) throw new Error(`one input took ${ms} ms`);
      }),
      { numRuns, seed: chunkSeed, includeErrorInReport: true },
    );
    // A failed chunk stops at its failure (and shrinks); count what it ran.
    done += details.failed ? details.numRuns : numRuns;
    inputs += details.failed ? details.numRuns : numRuns;
    if (details.failed) {
      failed++;
      failures.push(
        `${name} (seed ${chunkSeed}, path ${details.counterexamplePath}): ${JSON.stringify(details.counterexample)?.slice(0, 2000)}\n  ${String(details.errorInstance).slice(0, 3000)}`,
      );
      if (failed >= 5) {
        failures.push(`${name}: stopped after 5 failures`);
        break;
      }
    }
    chunkSeed = (chunkSeed * 48271 + 1) % 2 ** 31;
  }
  console.log(`${name}: ${done.toLocaleString('en')} inputs, ${failed} failing (${elapsed()})`);
}

const lines = realLines();
console.log(
  `fuzz: seed ${SEED}, ${lines.length.toLocaleString('en')} real lines (fixtures${corpusFiles().length ? ' and the shared corpus' : ''})`,
);

const offsets = (text: string) => fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 6 });
const withOffsets = <T extends string>(a: fc.Arbitrary<T>) => a.chain((text) => fc.tuple(fc.constant(text), offsets(text)));

// Time first, while the heap is small.
// Linear time: every shape at 512 KB and 2 MB, in every language, for the scan; the service on logs.
// Not smaller: below about 512 KB a run is a few milliseconds, where timer and scheduling noise
// weigh more than the algorithm.
for (const { languageId, uri } of LANGUAGES) {
  for (const shape of SHAPES) {
    const g = growth(shape.make, (text) => OPERATIONS.scan(text, languageId, uri), 512 * 1024, { tries: 5 });
    if (g.ratio > 2.5)
      failures.push(
        `linear time: scan of ${shape.name} in ${languageId}: ${g.small.toFixed(1)} ms -> ${g.large.toFixed(1)} ms (x${g.ratio.toFixed(2)} per doubling)`,
      );
    if (g.large > 4000) failures.push(`2 MB of ${shape.name} in ${languageId} took ${g.large.toFixed(0)} ms`);
    inputs += 2;
  }
}
for (const shape of SHAPES) {
  for (const name of ['diagnostics', 'hover and completion at the end']) {
    const g = growth(shape.make, (text) => OPERATIONS[name](text, 'log', 'file:///f/mail.log'), 128 * 1024, { tries: 5 });
    if (g.ratio > 2.5)
      failures.push(
        `linear time: ${name} on ${shape.name}: ${g.small.toFixed(1)} ms -> ${g.large.toFixed(1)} ms (x${g.ratio.toFixed(2)} per doubling)`,
      );
    inputs += 2;
  }
}
console.log(`linear time: ${SHAPES.length} shapes (${elapsed()})`);

// Shapes that were once super-linear, with the operation they slowed.
for (const shape of REGRESSION_SHAPES) {
  const g = growth(shape.make, regressionOperation(shape), 512 * 1024, { tries: 5 });
  if (g.ratio > 2.5)
    failures.push(
      `linear time: ${shape.name} in ${shape.languageId}: ${g.small.toFixed(1)} ms -> ${g.large.toFixed(1)} ms (x${g.ratio.toFixed(2)} per doubling)`,
    );
  inputs += 2;
}

// Recognizer: 70% of the inputs.
const recognizer = Math.round(TOTAL * 0.7);
run(
  'recognizer, random documents',
  fc.tuple(language, withOffsets(anyDocument(lines))),
  ([l, [text, at]]) => checkRecognizer(text, l.languageId, l.uri, [0, text.length, ...at]),
  Math.round(recognizer * 0.5),
);
run(
  'recognizer, mutated real lines',
  fc.tuple(language, withOffsets(fc.array(mutatedLine(lines), { maxLength: 4 }).map((ls) => ls.join('\n')))),
  ([l, [text, at]]) => checkRecognizer(text, l.languageId, l.uri, [text.length, ...at]),
  Math.round(recognizer * 0.3),
);
run(
  'recognizer, every plane and line break',
  fc.tuple(
    language,
    fc
      .array(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 8 }),
          loneSurrogate,
          fc.constantFrom(...LINE_BREAKS, '\u0000', '550 5.1.1', '"4.7.1"', 'dsn=5.1.1', '552-5.3.4'),
        ),
        { maxLength: 20 },
      )
      .map((p) => p.join('')),
  ),
  ([l, text]) => checkRecognizer(text, l.languageId, l.uri, [text.length]),
  Math.round(recognizer * 0.2),
);

// Service: every feature at code edges, random and wild positions.
const positions = fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { maxLength: 4 });
run(
  'service, random documents',
  fc.tuple(language, anyDocument(lines), positions),
  ([l, text, random]) =>
    checkService(
      text,
      l.languageId,
      l.uri,
      probePositions(text, scanDocument(text, modeForDocument(l.languageId, l.uri), { languageId: l.languageId }).codes, random),
    ),
  Math.round(TOTAL * 0.05),
  10_000,
);
const hostile = fc.constantFrom(...PIECES.filter((p) => /[<[`&*|]/.test(p) && !/https?:|\u001b/.test(p)));
run(
  'service, hostile site-code settings',
  fc.tuple(hostile, hostile),
  ([title, description]) =>
    checkService(
      'x: 550 5.7.900 denied\nx: 550 5.1.1 unknown\n',
      'log',
      'file:///f/mail.log',
      [
        { line: 0, character: 9 },
        { line: 1, character: 9 },
      ],
      {
        settings: readSettings({ siteCodes: { 'X.7.900': { title, description }, '5.1.1': title } }),
      },
    ),
  Math.round(TOTAL * 0.01),
  10_000,
);

// Incremental analysis against a full one.
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.double({ min: 0, max: 0.3, noNaN: true }),
  insert: fc.oneof(anyDocument(lines), fc.constantFrom(...LINE_BREAKS), fc.constant('')),
});
run(
  'incremental = full analysis',
  fc.tuple(language, anyDocument(lines), fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 })),
  ([l, initial, batches]) => checkIncremental(l.languageId, l.uri, initial, batches),
  TOTAL - Math.round(TOTAL * 0.7) - Math.round(TOTAL * 0.05) - Math.round(TOTAL * 0.01),
  25_000,
);

// Every corpus file whole, as a log, a Postfix map, C and Python.
let files = 0;
const WHOLE = LANGUAGES.filter((l) => ['log', 'c', 'python'].includes(l.languageId) || l.uri.endsWith('/access'));
for (const file of corpusFiles()) {
  const text = readFileSync(file, 'utf8');
  for (const { languageId, uri } of WHOLE) {
    try {
      checkRecognizer(text, languageId, uri, [text.length, text.length >> 1]);
      const codes = scanDocument(text, modeForDocument(languageId, uri), { languageId }).codes;
      checkService(text, languageId, uri, probePositions(text, codes, [0.25, 0.75]));
    } catch (error) {
      failures.push(`corpus ${relative(ROOT, file)} as ${languageId}: ${String(error).slice(0, 2000)}`);
    }
    inputs++;
  }
  files++;
}
console.log(`corpus: ${files} files x ${WHOLE.length} modes (${elapsed()})`);

console.log(`\n${inputs.toLocaleString('en')} inputs in ${elapsed()}; ${failures.length} failure${failures.length === 1 ? '' : 's'}`);
for (const f of failures) console.log(`\nFAIL ${f}`);
process.exitCode = failures.length === 0 ? 0 : 1;
