import type { TimelineSummaryResult } from '../../node/summarizeFile';
import { OUTCOMES, VENDOR_NAMES, type CodeCount, type Outcome, type Outcomes } from '../../../../common';
import type { InputProblem } from '../files';

/** What `summary` hands to an output format. */
export interface SummaryReport {
  summary: TimelineSummaryResult;
  /** Inputs that could not be read (already reported on stderr). */
  problems: InputProblem[];
  /** How many codes the text and markdown formats list. */
  top: number;
}

const OUTCOME_LABEL: Record<Outcome, string> = {
  delivered: 'delivered',
  deferred: 'deferred',
  bounced: 'bounced',
  expired: 'expired',
  rejected: 'rejected',
  milterRejected: 'rejected by a milter',
  rejectWarnings: 'reject warnings',
};

const vendorName = (id: string | null): string => (id === null ? '' : ((VENDOR_NAMES as Readonly<Record<string, string>>)[id] ?? id));
const number = (n: number): string => n.toLocaleString('en');

/** A code's outcomes in words: `1,180 bounced, 20 rejected`. */
function outcomeWords(outcomes: Partial<Outcomes>): string {
  return OUTCOMES.filter((o) => (outcomes[o] ?? 0) > 0)
    .map((o) => `${number(outcomes[o] ?? 0)} ${OUTCOME_LABEL[o]}`)
    .join(', ');
}

/**
 * The stable JSON of a summary (documented in docs/cli.md): `files`, `lines`, `outcomes` (integer
 * counts), `codes` (each `{ code, replyCode, count, title, class, vendor, status, outcomes }`),
 * `byClass`, `byVendor`, `unregistered`, `hours`, `untimedFailures`.
 */
export function formatSummaryJson({ summary }: SummaryReport): string {
  const json = {
    files: summary.sources.map((s) => ({
      file: s.name,
      firstLine: s.firstLine + 1,
      lines: s.lines,
      encoding: s.encoding ?? null,
      compression: s.compression ?? null,
      undecodableLines: s.undecodable?.lines ?? 0,
      skipped: s.skipped ?? null,
      error: s.error ?? null,
    })),
    lines: summary.lines,
    codeOccurrences: summary.codes,
    outcomes: summary.outcomes,
    codes: summary.byCode.map((c) => ({
      code: c.code,
      replyCode: c.replyCode,
      count: c.count,
      title: c.title ?? null,
      class: c.class,
      vendor: c.vendor,
      status: c.status,
      outcomes: c.outcomes,
    })),
    byClass: summary.byClass,
    byVendor: summary.byVendor,
    unregistered: summary.topUnregistered,
    hours: summary.perHour,
    untimedFailures: summary.untimed,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Totals, outcomes, the top codes, unregistered codes and a bar chart of failures per hour. */
export function formatSummaryText({ summary, top }: SummaryReport): string {
  const out: string[] = [];
  out.push(`${headline(summary)}`, '');
  out.push('Outcomes');
  const width = Math.max(...OUTCOMES.map((o) => OUTCOME_LABEL[o].length));
  const countWidth = Math.max(...OUTCOMES.map((o) => number(summary.outcomes[o]).length));
  for (const o of OUTCOMES)
    out.push(
      `  ${OUTCOME_LABEL[o].padEnd(width)}  ${number(summary.outcomes[o]).padStart(countWidth)}${o === 'deferred' ? '  (lines)' : ''}`,
    );
  out.push('');
  const codes = summary.byCode.slice(0, top);
  out.push(codes.length === 0 ? 'No codes.' : `Top codes (${codes.length} of ${number(summary.byCode.length)}; lines)`);
  out.push(...table(codes.map(codeCells), ['lines', 'code', 'reply', 'status', 'outcomes', 'title']));
  if (summary.topUnregistered.length > 0) {
    out.push('', 'Unregistered codes');
    out.push(
      ...table(
        summary.topUnregistered.map((u) => [number(u.count), u.code]),
        ['lines', 'code'],
      ),
    );
  }
  out.push('', ...barChart(summary));
  return `${out.join('\n')}\n`;
}

function headline(summary: TimelineSummaryResult): string {
  const read = summary.sources.filter((s) => s.skipped === undefined);
  const all = read.map((s) => s.name);
  const names = (all.length > 3 ? [all[0], '...', all[all.length - 1]] : all).join(', ') || 'nothing read';
  return `${names}: ${number(summary.lines)} lines, ${number(summary.codes)} codes${read.length > 1 ? ` (${read.length} files, oldest first)` : ''}`;
}

function codeCells(c: CodeCount): string[] {
  const status = c.vendor === null ? c.status : `${c.status} (${vendorName(c.vendor)})`;
  return [number(c.count), c.code, c.replyCode === null ? '' : String(c.replyCode), status, outcomeWords(c.outcomes), c.title ?? ''];
}

/** Aligned columns (numbers right-aligned), the last one left ragged. */
function table(rows: string[][], header: string[]): string[] {
  if (rows.length === 0) return [];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) =>
    `  ${r.map((cell, i) => (i === 0 ? cell.padStart(widths[i]) : i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')}`.trimEnd(),
  );
}

const BAR_WIDTH = 50;

/** Failing lines per hour as bars: `█` permanent, `░` transient, scaled to the busiest hour. */
function barChart(summary: TimelineSummaryResult): string[] {
  const hours = summary.perHour;
  const untimed = summary.untimed > 0 ? [`(${number(summary.untimed)} failing lines had no timestamp)`] : [];
  if (hours.length === 0) return ['Failures per hour: no failing lines with a timestamp.', ...untimed];
  const max = Math.max(...hours.map((h) => h.transient + h.permanent));
  const label = Math.max(...hours.map((h) => h.hour.length));
  const lines = hours.map((h) => {
    const total = h.transient + h.permanent;
    // Round the whole bar, then split it, so that bars of equal totals are equally long.
    const length = total === 0 ? 0 : Math.max(1, Math.round((total / max) * BAR_WIDTH));
    const permanent = total === 0 ? 0 : Math.round((h.permanent / total) * length);
    return `  ${h.hour.padEnd(label)}  ${'█'.repeat(permanent)}${'░'.repeat(length - permanent)} ${number(total)}`;
  });
  return ['Failures per hour (█ permanent, ░ transient; a line counts once)', ...lines, ...untimed];
}

const cell = (text: string): string => text.replace(/[|\\`*_[\]<>]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');

/** The same as text, as Markdown tables (for a ticket or a chat). */
export function formatSummaryMarkdown({ summary, top }: SummaryReport): string {
  const out: string[] = [`**${cell(headline(summary))}**`, '', '| outcome | lines |', '|---|---:|'];
  for (const o of OUTCOMES) out.push(`| ${OUTCOME_LABEL[o]} | ${number(summary.outcomes[o])} |`);
  const codes = summary.byCode.slice(0, top);
  if (codes.length > 0) {
    out.push(
      '',
      `Top codes (${codes.length} of ${number(summary.byCode.length)}):`,
      '',
      '| lines | code | reply | status | outcomes | title |',
      '|---:|---|---|---|---|---|',
    );
    for (const c of codes) out.push(`| ${codeCells(c).map(cell).join(' | ')} |`);
  }
  if (summary.topUnregistered.length > 0) {
    out.push('', '| unregistered code | lines |', '|---|---:|');
    for (const u of summary.topUnregistered) out.push(`| ${cell(u.code)} | ${number(u.count)} |`);
  }
  if (summary.perHour.length > 0) {
    out.push('', '| hour | permanent | transient |', '|---|---:|---:|');
    for (const h of summary.perHour) out.push(`| ${cell(h.hour)} | ${number(h.permanent)} | ${number(h.transient)} |`);
  }
  return `${out.join('\n')}\n`;
}
