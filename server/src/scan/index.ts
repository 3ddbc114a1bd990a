export type * from './types';
export {
  INITIAL_STATE,
  codeSlotAt,
  scanDocument,
  sameState,
  replyCodesOnLine,
  scanLine,
  scanLineInto,
  scanTable,
  stringAround,
  type CodeSlot,
  type DocumentScan,
  type ScanOptions,
  type ScanState,
} from './scanner';
export { CodeTable } from './codeTable';
export { modeForDocument, modeForLanguage, SERVED_LANGUAGES } from './languages';
