/**
 * The language service: pure functions from a document's text (and settings) to LSP results.
 * It knows nothing of connections or of VS Code; the server and the CLI both call it.
 */
export {
  analyze,
  Analysis,
  codeAt,
  codeIndexAt,
  lineText,
  replyAt,
  type ContentChange,
  type DocumentLike,
  type LinedDocument,
} from './analysis';
export { complete, type CompletionDocument } from './completion';
export { computeDiagnostics, DIAGNOSTIC_SOURCE, type DiagnosticsOptions } from './diagnostics';
export { hover } from './hover';
export { messageHover, messageNote, storyMarkdown } from './messageHover';
export { documentHighlights } from './documentHighlights';
export { references } from './references';
export { definition } from './definition';
export { failureLines, messageLines } from './messageViews';
export {
  idAt,
  idsOnLine,
  linesOf,
  occurrencesOf,
  ownerOf,
  traceMessages,
  type IdOnLine,
  type LinkKind,
  type LogSource,
  type TracedMessage,
} from './messages';
export {
  codeOnLine,
  fieldValue,
  idDescription,
  readLine,
  readStory,
  type MessageStory,
  type RecipientOutcome,
  type StoryLink,
} from './messageStory';
export { RULES, RULE_IDS, type RuleId, type SeveritySetting } from './rules';
export { DEFAULT_SETTINGS, readSettings, type Settings } from './settings';
export { codeActions } from './codeActions';
export { classify, classificationText, REASON_TEXT, type Classification } from './classification';
export { inlayHints } from './inlayHints';
export { documentLinks } from './links';
export { SEMANTIC_LEGEND, semanticTokens } from './semanticTokens';
export { hourOf, SummaryBuilder } from './summary';
export { REGISTRY_STATUSES, registryStatus, type RegistryStatus } from './registryStatus';
export { unlistedCodeText } from './wording';
export { classNoteText, REPLY_CLASS } from './describe';
export { SEVERITY_SETTINGS } from './rules';
