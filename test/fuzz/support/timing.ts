// Linear-time checks that survive a shared, noisy machine: the best of several runs, a ratio
// between an input and one four times its size, read per doubling (never an absolute speed), and
// retries.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { modeForDocument, scanTable } from '../../../server/src/scan';
import { Analysis, complete, computeDiagnostics, DEFAULT_SETTINGS, hover } from '../../../server/src/service';

/**
 * A full garbage collection, run before each timed run so that garbage left by earlier work (the
 * fuzz script's million inputs, the previous size) is not collected inside the measurement.
 * `--expose-gc` set at run time, read from a fresh context (the global of this one is fixed).
 */
const collect: () => void = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/** Milliseconds of the fastest of `repeats` runs. */
export function bestTime(run: () => void, repeats = 3): number {
  let best = Infinity;
  for (let k = 0; k < repeats; k++) {
    collect();
    const start = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

export interface Growth {
  /** Best time at size n and at 4n, in ms. */
  small: number;
  large: number;
  /** Growth per doubling: the square root of large / small (linear: 2, quadratic: 4). */
  ratio: number;
}

/**
 * How the time of `operation(make(n))` grows when n doubles, measured over two doublings (n and
 * 4n, so one unlucky garbage collection cannot fake a quadratic step): the best of `repeats` runs
 * at each size, measured again (up to `tries` times) while the ratio per doubling exceeds
 * `limit`, keeping the lowest. Times under `floorMs` are raised to it, so timer noise on tiny runs
 * cannot fake a ratio.
 */
export function growth(
  make: (n: number) => string,
  operation: (text: string) => void,
  n: number,
  options: { limit?: number; tries?: number; repeats?: number; floorMs?: number } = {},
): Growth {
  const { limit = 2.5, tries = 3, repeats = 3, floorMs = 5 } = options;
  const small = make(n);
  const large = make(4 * n);
  let best: Growth = { small: NaN, large: NaN, ratio: Infinity };
  // One untimed run of the large input first, so that both sizes are timed with the code compiled
  // and the heap grown for the large one.
  operation(large);
  for (let k = 0; k < tries && best.ratio > limit; k++) {
    const a = Math.max(
      floorMs,
      bestTime(() => operation(small), repeats),
    );
    const b = Math.max(
      floorMs,
      bestTime(() => operation(large), repeats),
    );
    const ratio = Math.sqrt(b / a);
    if (ratio < best.ratio) best = { small: a, large: b, ratio };
  }
  return best;
}

/** A text of about `n` characters made by repeating `unit` (with an optional head and tail). */
export function repeatTo(unit: string, n: number, head = '', tail = ''): string {
  return head + unit.repeat(Math.max(1, Math.ceil((n - head.length - tail.length) / unit.length))) + tail;
}

/** Shapes of pathological text: long runs of what the patterns look at, on one line or many. */
export const SHAPES: readonly { name: string; make: (n: number) => string }[] = [
  { name: 'digits', make: (n) => repeatTo('1', n) },
  { name: 'dots', make: (n) => repeatTo('.', n) },
  { name: 'spaces', make: (n) => repeatTo(' ', n, '550') },
  { name: 'tabs and #', make: (n) => repeatTo('\t#', n) },
  { name: '550- runs', make: (n) => repeatTo('550-', n) },
  { name: 'digit-dot chains', make: (n) => repeatTo('5.5.', n) },
  { name: 'codes on one line', make: (n) => repeatTo('550 5.1.1 ', n) },
  { name: 'folded reply', make: (n) => repeatTo('550-5.7.1 x ', n) },
  { name: 'said: runs', make: (n) => repeatTo('said: 550 ', n) },
  { name: 'status fields', make: (n) => repeatTo('dsn=5.1.1, stat=', n) },
  { name: 'Status: header', make: (n) => repeatTo(' ', n, 'Status:', '5.1.1') },
  { name: 'version words', make: (n) => repeatTo('version 2.1.1 Postfix ', n) },
  { name: 'update ... to', make: (n) => repeatTo('update x to ', n, '', '2.1.1') },
  { name: 'markdown heading marks', make: (n) => repeatTo('## *_[', n, '', ' 2.1.1') },
  { name: 'quotes', make: (n) => repeatTo('"', n) },
  { name: 'backslashes', make: (n) => repeatTo('\\', n, '"') },
  { name: 'char literal openers', make: (n) => repeatTo("'\\", n) },
  { name: 'struct literals', make: (n) => repeatTo('EnhancedCode{5, 1, 1} Code: 550 ', n) },
  { name: 'REJECT actions', make: (n) => repeatTo('REJECT ', n, '', '5.7.1') },
  { name: 'astral', make: (n) => repeatTo('😀5.1.1\ud83d', n) },
  { name: 'NUL', make: (n) => repeatTo('\u0000550 5.1.1', n) },
  { name: 'empty lines LF', make: (n) => repeatTo('\n', n) },
  { name: 'empty lines CRLF', make: (n) => repeatTo('\r\n', n) },
  { name: 'empty lines CR', make: (n) => repeatTo('\r', n) },
  { name: 'mixed breaks', make: (n) => repeatTo('550 5.1.1\r\r\n\n', n) },
  {
    name: 'log lines',
    make: (n) =>
      repeatTo('Nov 22 10:00:01 mx postfix/smtp[1]: A: to=<a@b>, dsn=5.1.1, status=bounced (host x said: 550 5.1.1 unknown)\n', n),
  },
  { name: 'strings in code', make: (n) => repeatTo('x = "550 5.7.1 denied"; // 4.7.1\n', n) },
  { name: 'python triple quotes', make: (n) => repeatTo('x\n', n, '"""\n') },
  { name: 'template literal', make: (n) => repeatTo('550 5.1.1\n', n, '`\n') },
  { name: 'payload fields', make: (n) => repeatTo('"status": "5.1.1", "code": 550, {"enhanced_code": {"class": 5, ', n) },
  { name: 'escaped payload fields', make: (n) => repeatTo('\\"status\\":\\"5.1.1\\",\\"code\\":', n, '"') },
  { name: 'yaml entries', make: (n) => repeatTo('- code: 452\n  status: 5.1.1 # x\n', n) },
  { name: 'unclosed library calls', make: (n) => repeatTo("DSN.mbox_full('x', ", n) },
  { name: 'long brackets and sigils', make: (n) => repeatTo('[==[ ~s( --[[ @" ', n) },
];

/** Shapes that once took super-linear time (docs/security.md, "Found and fixed"), each with the operation it slowed. */
export const REGRESSION_SHAPES: readonly {
  name: string;
  languageId: string;
  make: (n: number) => string;
  operation: 'scan' | 'complete';
}[] = [
  { name: 'unclosed block comment', languageId: 'c', make: (n) => repeatTo('x\n', n, '/*\n'), operation: 'scan' },
  { name: 'unclosed XML comment', languageId: 'xml', make: (n) => repeatTo('x\n', n, '<!--\n'), operation: 'scan' },
  {
    name: 'Code: fields before EnhancedCode{',
    languageId: 'go',
    make: (n) => repeatTo('Code: 250 ', n, '', '} EnhancedCode{'),
    operation: 'complete',
  },
];

/** The operation a regression shape slowed, on its text. */
export function regressionOperation(shape: (typeof REGRESSION_SHAPES)[number]): (text: string) => void {
  const uri = `file:///f/a.${shape.languageId}`;
  if (shape.operation === 'scan') return (text) => OPERATIONS.scan(text, shape.languageId, uri);
  return (text) => {
    const document = TextDocument.create(uri, shape.languageId, 1, text);
    complete(new Analysis(document), document, document.positionAt(text.length));
  };
}

/** The operations timed on each shape. */
export const OPERATIONS: Record<string, (text: string, languageId: string, uri: string) => void> = {
  // What an analysis keeps (`scanDocument` also makes an object per match, for tests and the CLI).
  scan: (text, languageId, uri) => {
    scanTable(text, modeForDocument(languageId, uri), { languageId });
  },
  diagnostics: (text, languageId, uri) => {
    const document = TextDocument.create(uri, languageId, 1, text);
    computeDiagnostics(new Analysis(document), document, { groupRepeated: true }, DEFAULT_SETTINGS);
  },
  'hover and completion at the end': (text, languageId, uri) => {
    const document = TextDocument.create(uri, languageId, 1, text);
    const analysis = new Analysis(document);
    const end = document.positionAt(text.length);
    const middle = document.positionAt(text.length >> 1);
    hover(analysis, document, end);
    hover(analysis, document, middle);
    complete(analysis, document, end);
    complete(analysis, document, middle);
  },
};
