export type * from './types';
export { forgetLastMatch, scanDocument, scanLine, scanLineInto, scanTable, type DocumentScan, type ScanOptions } from './scanner';
export { INITIAL_STATE, sameState, stringAround, type ScanState } from './sourceText';
export { codeSlotAt, type CodeSlot, type SlotOptions } from './codeSlot';
export { replyCodesOnLine } from './syntax';
export { CodeTable } from './codeTable';
export { modeForDocument, modeForLanguage } from './languages';
export { MessageTable, idKey, ENVELOPE_MESSAGE_LENGTH, ID_ROLES, MTAS, type IdRole, type Mta } from './messageTable';
export { scanMessageLine, scanMessages } from './messageIds';
export { fieldKind, type FieldKind } from './payloadFields';
export { HARAKA_HELPERS, libraryCallAt, type LibraryCall } from './libraryCalls';
export {
  fieldOf,
  hasRecipient,
  reportAround,
  ReportIndex,
  TextLines,
  type Lines,
  type Report,
  type ReportBlock,
  type ReportBlockKind,
  type ReportHeader,
} from './reports';
