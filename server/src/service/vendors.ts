import { lookupVendorCode, vendor, type Vendor, type VendorCode, type VendorId } from '../registry';
import type { CodeTable } from '../scan';

/** How far along a multi-line reply a vendor marker is looked for (bounds pathological input). */
const MAX_REPLY_LINES = 32;

/**
 * The vendor of the code at `index`: its own line's markers, or those of another line of the same
 * multi-line reply (Gmail puts `- gsmtp` on the last line only).
 */
export function replyVendorOf(codes: CodeTable, index: number): VendorId | undefined {
  const own = codes.lineVendorOf(index);
  if (own !== undefined) return own;
  const sameReply = (earlier: number, later: number) =>
    codes.isContinuation(earlier) && codes.hasReply(later) && codes.lineOf(later) - codes.lineOf(earlier) <= 1;
  for (let k = index + 1; k < codes.length && k - index <= MAX_REPLY_LINES && sameReply(k - 1, k); k++) {
    const vendor = codes.lineVendorOf(k);
    if (vendor !== undefined) return vendor;
  }
  for (let k = index - 1; k >= 0 && index - k <= MAX_REPLY_LINES && sameReply(k, k + 1); k--) {
    const vendor = codes.lineVendorOf(k);
    if (vendor !== undefined) return vendor;
  }
  return undefined;
}

/** A vendor and what it says a code means. */
export interface VendorMeaning {
  readonly vendor: Vendor;
  readonly code: VendorCode;
}

const MEANINGS = new Map<VendorCode, VendorMeaning>();

/** The vendor's meaning of the code at `index`, when a vendor marks it and documents the code. */
export function vendorMeaning(codes: CodeTable, index: number): VendorMeaning | undefined {
  const id = replyVendorOf(codes, index);
  if (id === undefined) return undefined;
  const code = lookupVendorCode(id, codes.classOf(index), codes.subjectOf(index), codes.detailOf(index));
  if (code === undefined) return undefined;
  // One meaning per vendor code, shared: diagnostics ask for it once per code in a log.
  let meaning = MEANINGS.get(code);
  if (meaning === undefined) MEANINGS.set(code, (meaning = { vendor: vendor(id), code }));
  return meaning;
}
