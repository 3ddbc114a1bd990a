import { FailureLinesRequest, MessageLinesRequest } from '../../../common';
import { failureLines, messageLines } from '../service';
import type { DocumentSettings } from './documentSettings';
import type { OpenDocument, OpenDocuments } from './openDocuments';
import { onRequest } from './summaryRequests';

/**
 * The line lists of the client's *Show This Message* and *Show Failures* views, computed on the
 * open document's analysis. Null when the document is not open or the extension is disabled for it.
 */
export function listenForMessageViews(
  connection: Parameters<typeof onRequest>[0],
  documents: OpenDocuments,
  settings: DocumentSettings,
): void {
  const enabled = async (uri: unknown): Promise<OpenDocument | undefined> => {
    const open = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (open === undefined || !(await settings.of(open.document.uri)).enable) return undefined;
    return documents.get(open.document.uri) === open ? open : undefined;
  };

  onRequest(connection, MessageLinesRequest, async (params) => {
    const position = params?.position;
    const open = await enabled(params?.uri);
    if (open === undefined || !Number.isInteger(position?.line) || !Number.isInteger(position?.character)) return null;
    const line = Math.min(Math.max(0, position!.line), open.document.lineCount - 1);
    return messageLines(documents.analysisOf(open), open.document, { line, character: Math.max(0, position!.character) });
  });

  onRequest(connection, FailureLinesRequest, async (params) => {
    const open = await enabled(params?.uri);
    if (open === undefined) return null;
    return failureLines(documents.analysisOf(open), open.document, params?.withMessages === true);
  });
}
