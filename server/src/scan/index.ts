export type * from './types';
export {
  INITIAL_STATE,
  codeSlotAt,
  scanDocument,
  sameState,
  replyCodesOnLine,
  scanLine,
  stringAround,
  type CodeSlot,
  type DocumentScan,
  type ScanOptions,
  type ScanState,
} from './scanner';
export { modeForDocument, modeForLanguage, SERVED_LANGUAGES } from './languages';
