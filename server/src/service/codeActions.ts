import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import { COMMANDS } from '../../../common';
import { lookupCode, replyClass, replyPairing, withClass } from '../registry';
import type { CodeMatch } from '../scan';
import { codeIndexAt, type Analysis } from './analysis';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { DEFAULT_SETTINGS, type Settings } from './settings';

/**
 * Quick fixes for this server's diagnostics: make the class agree with the reply code (or the reply
 * code with the class), replace a deprecated code, make a line of a multi-line reply agree with the
 * line before, and accept an unregistered code as site-specific.
 */
export function codeActions(
  analysis: Analysis,
  document: { readonly uri: string },
  context: { readonly diagnostics: readonly Diagnostic[] },
  settings: Settings = DEFAULT_SETTINGS,
): CodeAction[] {
  const actions: CodeAction[] = [];
  if (!settings.enable) return actions;
  const uri = document.uri;
  for (const diagnostic of context.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const index = codeIndexAt(analysis, diagnostic.range.start);
    if (index === undefined) continue;
    const match = analysis.codes.get(index);
    // The diagnostic must still describe the text there (the document may have changed since).
    if (match.start !== diagnostic.range.start.character || match.end !== diagnostic.range.end.character) continue;
    const fix = (title: string, edits: TextEdit[], isPreferred = false): CodeAction => ({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred,
      edit: { changes: { [uri]: edits } },
    });
    switch (diagnostic.code) {
      case 'class-mismatch':
        actions.push(...classFixes(match, fix));
        break;
      case 'deprecated': {
        const replacement = lookupCode(match.subject, match.detail)?.replacedBy;
        if (replacement !== undefined) {
          const code = withClass(replacement, match.class);
          actions.push(fix(`Replace ${match.text} with ${code}`, [{ range: codeRange(match), newText: code }], true));
        }
        break;
      }
      case 'multiline-inconsistent': {
        const previous = index > 0 ? analysis.codes.get(index - 1) : undefined;
        if (previous?.reply === undefined || match.reply === undefined) break;
        const edits: TextEdit[] = [{ range: codeRange(match), newText: previous.text }];
        if (previous.reply.code !== match.reply.code) edits.unshift({ range: replyRange(match), newText: String(previous.reply.code) });
        const wanted = previous.reply.code !== match.reply.code ? `${previous.reply.code} ${previous.text}` : previous.text;
        actions.push(fix(`Use ${wanted}, as on the line before`, edits, true));
        break;
      }
      case 'unregistered':
      case 'unknown-subject':
      case 'vendor-specific':
        actions.push({
          title: `Accept ${match.text} as a site-specific code (workspace setting)`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          command: { title: 'Accept as a site-specific code', command: COMMANDS.addSiteCode, arguments: [match.text] },
        });
        break;
    }
  }
  return actions;
}

/**
 * `550 4.1.1`: change the code's class to the reply's, or the reply code's first digit to the
 * code's class. Changing the class is preferred (the reply code is what clients act on), unless the
 * registry pairs the code with the other reply code and not with this one. An action
 * (`REJECT 4.7.1`) fixes the class alone.
 */
function classFixes(match: CodeMatch, fix: (title: string, edits: TextEdit[], isPreferred?: boolean) => CodeAction): CodeAction[] {
  const wanted = match.action?.class ?? (match.reply ? replyClass(match.reply.code) : undefined);
  if (wanted === undefined) return [];
  const code = `${wanted}${match.text.slice(1)}`;
  const byClass = fix(`Change the class: ${code}`, [{ range: codeRange(match), newText: code }]);
  if (match.reply === undefined || match.reply.start < 0 || (match.class !== 4 && match.class !== 5 && match.class !== 2)) {
    byClass.isPreferred = true;
    return [byClass];
  }
  const reply = `${match.class}${String(match.reply.code).slice(1)}`;
  const byReply = fix(`Change the reply code: ${reply}`, [{ range: replyRange(match), newText: reply }]);
  const entry = lookupCode(match.subject, match.detail);
  const pairs = (value: number) => entry !== undefined && replyPairing(entry, value) === 'listed';
  if (pairs(Number(reply)) && !pairs(match.reply.code)) byReply.isPreferred = true;
  else byClass.isPreferred = true;
  return [byClass, byReply];
}

function codeRange(match: CodeMatch): Range {
  return { start: { line: match.line, character: match.start }, end: { line: match.line, character: match.end } };
}

function replyRange(match: CodeMatch): Range {
  return { start: { line: match.line, character: match.reply!.start }, end: { line: match.line, character: match.reply!.end } };
}
