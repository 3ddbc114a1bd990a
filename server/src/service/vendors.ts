import {
  isVendorReusedCode,
  lookupCode,
  lookupVendorCode,
  vendor,
  vendorMarkedIn,
  VENDOR_TABLE,
  type Vendor,
  type VendorCode,
  type VendorId,
} from '../registry';
import type { CodeTable, ReportIndex } from '../scan';
import { lineText, type DocumentLike } from './analysis';

/** How far along a multi-line reply a vendor marker is looked for (bounds pathological input). */
const MAX_REPLY_LINES = 32;

/**
 * The vendor of the code at `index` from the markers of its reply: its own line's, or those of
 * another line of the same multi-line reply (Gmail puts `- gsmtp` on the last line only). The
 * scanner has read the lines of a vendor's own codes (`isVendorOwnCode`); those of the codes IANA
 * registers that a vendor reuses (`isVendorReusedCode`) are read with `lineVendor`, when one is given.
 */
export function replyVendorOf(codes: CodeTable, index: number, lineVendor?: (line: number) => VendorId | undefined): VendorId | undefined {
  // Module functions rather than closures: diagnostics ask this for every own code of a vendor in a log.
  const own = markersOf(codes, index, lineVendor);
  if (own !== undefined) return own;
  for (let k = index + 1; k < codes.length && k - index <= MAX_REPLY_LINES && sameReply(codes, k - 1, k); k++) {
    const vendor = markersOf(codes, k, lineVendor);
    if (vendor !== undefined) return vendor;
  }
  for (let k = index - 1; k >= 0 && index - k <= MAX_REPLY_LINES && sameReply(codes, k, k + 1); k--) {
    const vendor = markersOf(codes, k, lineVendor);
    if (vendor !== undefined) return vendor;
  }
  return undefined;
}

/** The vendor the markers of code `k`'s line name: as the scanner read them, else read with `lineVendor`. */
function markersOf(codes: CodeTable, k: number, lineVendor: ((line: number) => VendorId | undefined) | undefined): VendorId | undefined {
  const scanned = codes.lineVendorOf(k);
  if (scanned !== undefined || lineVendor === undefined) return scanned;
  return isVendorReusedCode(codes.classOf(k), codes.subjectOf(k), codes.detailOf(k)) ? lineVendor(codes.lineOf(k)) : undefined;
}

/** Whether codes `earlier` and `later` stand on consecutive lines (or one) of one multi-line reply. */
function sameReply(codes: CodeTable, earlier: number, later: number): boolean {
  return codes.isContinuation(earlier) && codes.hasReply(later) && codes.lineOf(later) - codes.lineOf(earlier) <= 1;
}

/** What else can say whose a code is, beyond the markers of its reply. */
export interface VendorContext {
  /** The document's delivery status reports: the vendor of the recipient or message a code is in. */
  reports?: ReportIndex;
  /**
   * The vendor whose markers stand on a line, read when asked (a hover, a hint, a colour): for the
   * codes the scanner reads no markers around, every one but a vendor's own (see `replyVendorOf`).
   * Without it, only a vendor's own codes have a vendor: all that their findings need.
   */
  lineVendor?: (line: number) => VendorId | undefined;
}

/**
 * What can say whose a code in the document is, for features that show a vendor's meaning: the
 * reports, and the markers of a line, read once per line for as long as the context is kept (one
 * request).
 */
export function documentVendorContext(reports: ReportIndex, document: DocumentLike): VendorContext {
  const read = new Map<number, VendorId | undefined>();
  return {
    reports,
    lineVendor: (line) => {
      if (!read.has(line)) read.set(line, vendorMarkedIn(lineText(document, line)));
      return read.get(line);
    },
  };
}

/**
 * A vendor and what it says a code means. `probable`: nothing in the text says whose the code is,
 * but IANA does not register it and this vendor alone documents it.
 */
export interface VendorMeaning {
  readonly vendor: Vendor;
  readonly code: VendorCode;
  readonly probable: boolean;
}

const MEANINGS = new Map<VendorCode, VendorMeaning>();
const PROBABLE = new Map<VendorCode, VendorMeaning>();

function meaningOf(id: VendorId, code: VendorCode, probable: boolean): VendorMeaning {
  // One meaning per vendor code, shared: diagnostics ask for it once per code in a log, and the
  // findings of a code are kept per meaning.
  const memo = probable ? PROBABLE : MEANINGS;
  let meaning = memo.get(code);
  if (meaning === undefined) memo.set(code, (meaning = { vendor: vendor(id), code, probable }));
  return meaning;
}

/** The vendor of the code at `index`: its reply's markers, else its recipient's or its message's in a report. */
export function vendorOf(codes: CodeTable, index: number, context: VendorContext = {}): VendorId | undefined {
  const line = codes.lineOf(index);
  return (
    replyVendorOf(codes, index, context.lineVendor) ??
    context.lineVendor?.(line) ??
    (context.reports?.isEmpty === false ? context.reports.vendorAt(line) : undefined)
  );
}

/**
 * The vendor's meaning of the code at `index`: of the vendor its reply or report names, when that
 * vendor documents it; else, for a code IANA does not register that one vendor alone documents,
 * that vendor's, as probable (a string in source code, a pasted reply). Never for a number in
 * prose (`bare`): a version that looks like a vendor's code is no vendor's.
 */
export function vendorMeaning(codes: CodeTable, index: number, context: VendorContext = {}): VendorMeaning | undefined {
  if (codes.detailOf(index) > 999 || codes.subjectOf(index) > 999) return undefined;
  const code = (codes.classOf(index) * 1000 + codes.subjectOf(index)) * 1000 + codes.detailOf(index);
  const id = vendorOf(codes, index, context);
  if (id !== undefined) return memo(id, code, false);
  if (codes.contextOf(index) === 'bare' || codes.problemOf(index) !== undefined) return undefined;
  return memo(undefined, code, true);
}

/** Meanings by vendor and code (`undefined` vendor: the probable one), made once: diagnostics ask for one per code in a log. */
const BY_CODE = new Map<VendorId | undefined, Map<number, VendorMeaning | null>>();

function memo(id: VendorId | undefined, code: number, probable: boolean): VendorMeaning | undefined {
  let byCode = BY_CODE.get(id);
  if (byCode === undefined) BY_CODE.set(id, (byCode = new Map()));
  let found = byCode.get(code);
  if (found === undefined) {
    const cls = Math.floor(code / 1_000_000);
    const subject = Math.floor(code / 1000) % 1000;
    const detail = code % 1000;
    found = null;
    if (!probable) {
      const entry = lookupVendorCode(id!, cls, subject, detail);
      if (entry !== undefined) found = meaningOf(id!, entry, false);
    } else if (lookupCode(subject, detail) === undefined) {
      const sole = VENDOR_TABLE.soleDocumenter(cls, subject, detail);
      if (sole !== undefined) found = meaningOf(sole.id, lookupVendorCode(sole.id, cls, subject, detail)!, true);
    }
    byCode.set(code, found);
  }
  return found ?? undefined;
}
