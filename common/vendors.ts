/**
 * The vendors whose private codes the product documents, by id, with the names users see. The
 * registry's vendor layer (`server/src/registry/vendors.ts`) holds their codes and markers; the
 * summary page shows these names.
 */
export const VENDOR_NAMES = {
  microsoft: 'Microsoft 365 / Exchange Online',
  google: 'Gmail / Google Workspace',
} as const;

export type VendorId = keyof typeof VENDOR_NAMES;
