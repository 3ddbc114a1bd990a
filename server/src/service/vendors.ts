import { lookupVendorCode, vendor, type Vendor, type VendorCode, type VendorId } from '../registry';
import type { CodeMatch } from '../scan';

/** How far along a multi-line reply a vendor marker is looked for (bounds pathological input). */
const MAX_REPLY_LINES = 32;

/**
 * The vendor of the code at `index`: its own line's markers, or those of another line of the same
 * multi-line reply (Gmail puts `- gsmtp` on the last line only).
 */
export function vendorOf(codes: readonly CodeMatch[], index: number): VendorId | undefined {
  const own = codes[index].vendor;
  if (own !== undefined) return own;
  const sameReply = (earlier: CodeMatch, later: CodeMatch) => earlier.reply?.continuation === true && later.reply !== undefined && later.line - earlier.line <= 1;
  for (let k = index + 1; k < codes.length && k - index <= MAX_REPLY_LINES && sameReply(codes[k - 1], codes[k]); k++) {
    if (codes[k].vendor !== undefined) return codes[k].vendor;
  }
  for (let k = index - 1; k >= 0 && index - k <= MAX_REPLY_LINES && sameReply(codes[k], codes[k + 1]); k--) {
    if (codes[k].vendor !== undefined) return codes[k].vendor;
  }
  return undefined;
}

/** A vendor and what it says a code means. */
export interface VendorMeaning {
  vendor: Vendor;
  code: VendorCode;
}

/** The vendor's meaning of the code at `index`, when a vendor marks it and documents the code. */
export function vendorMeaning(codes: readonly CodeMatch[], index: number): VendorMeaning | undefined {
  const id = vendorOf(codes, index);
  if (id === undefined) return undefined;
  const match = codes[index];
  const code = lookupVendorCode(id, match.class, match.subject, match.detail);
  return code === undefined ? undefined : { vendor: vendor(id), code };
}
