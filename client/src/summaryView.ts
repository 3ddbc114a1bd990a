import { VENDOR_NAMES, type Outcome, type Summary } from '../../common';

/** Escapes text for HTML: everything from the log goes through this before it reaches the page. */
export function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STATUS_TEXT: Record<string, string> = {
  registered: 'registered',
  deprecated: 'deprecated',
  vendor: 'vendor-specific',
  unregistered: 'not registered',
  'unknown-subject': 'unknown subject',
  invalid: 'invalid',
};

const VENDOR_NAME: Readonly<Record<string, string>> = VENDOR_NAMES;

/** The outcomes in the order shown, with their words and the class colour they take. */
const OUTCOME_ROWS: readonly [Outcome, string, string][] = [
  ['delivered', 'delivered', 'c2'],
  ['deferred', 'deferred (lines)', 'c4'],
  ['bounced', 'bounced', 'c5'],
  ['expired', 'expired', 'c5'],
  ['rejected', 'rejected', 'c5'],
  ['milterRejected', 'rejected by a milter', 'c5'],
  ['rejectWarnings', 'reject warnings', 'dim'],
];

/**
 * The page of a summary: totals, classes, vendors, unregistered codes, a chart of 4xx and 5xx per
 * hour and every code with the lines it is on (a click opens the line when the document can be
 * opened). Static HTML and SVG; the one script only toggles lists and posts the line to open.
 */
export function summaryPage(summary: Summary, title: string, options: { nonce: string; cspSource: string; canOpenLines: boolean }): string {
  const { nonce, cspSource, canOpenLines } = options;
  const number = (n: number) => n.toLocaleString('en');
  const classes = (['2', '4', '5'] as const)
    .map((c) => `<tr><td class="c${c}">${c}.X.X</td><td>${number(summary.byClass[c])}</td></tr>`)
    .join('');
  const vendors = Object.entries(summary.byVendor)
    .map(([vendor, count]) => `<tr><td>${html(VENDOR_NAME[vendor] ?? vendor)}</td><td>${number(count ?? 0)}</td></tr>`)
    .join('');
  const unregistered = summary.topUnregistered.map((u) => `<tr><td>${html(u.code)}</td><td>${number(u.count)}</td></tr>`).join('');
  const outcomes = OUTCOME_ROWS.map(
    ([key, label, css]) => `<tr><td class="${css}">${label}</td><td>${number(summary.outcomes[key])}</td></tr>`,
  ).join('');
  const outcomeText = (c: Summary['byCode'][number]) =>
    OUTCOME_ROWS.filter(([key]) => (c.outcomes[key] ?? 0) > 0)
      .map(([key, label]) => `${number(c.outcomes[key] ?? 0)} ${label.replace(' (lines)', '')}`)
      .join(', ');
  const codes = summary.byCode
    .map((c) => {
      const lines = c.lines
        .map((line) => (canOpenLines ? `<a href="#" data-line="${line}">${line + 1}</a>` : `<span>${line + 1}</span>`))
        .join(' ');
      const more = c.moreLines ? ` <span class="dim">(the first ${number(c.lines.length)} lines)</span>` : '';
      const status =
        html(STATUS_TEXT[c.status] ?? c.status) +
        (c.vendor === null ? '' : ` <span class="dim">(${html(VENDOR_NAME[c.vendor] ?? c.vendor)})</span>`);
      return `<tr class="code" tabindex="0"><td class="c${html(c.code[0])}">${html(c.code)}</td><td>${c.replyCode ?? ''}</td><td>${number(c.count)}</td><td>${html(outcomeText(c))}</td><td>${status}</td><td>${html(c.title ?? '')}</td></tr><tr class="lines" hidden><td colspan="6">Lines: ${lines}${more}</td></tr>`;
    })
    .join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<title>${html(title)}</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1.5em 2em; }
h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 1.6em; }
table { border-collapse: collapse; } td, th { padding: 2px 12px 2px 0; text-align: left; vertical-align: top; }
tr.code { cursor: pointer; } tr.code:hover, tr.code:focus { background: var(--vscode-list-hoverBackground); outline: none; }
.c2 { color: var(--vscode-charts-green); } .c4 { color: var(--vscode-charts-yellow); } .c5 { color: var(--vscode-charts-red); }
.dim { opacity: 0.7; } .row { display: flex; gap: 3em; flex-wrap: wrap; }
a { color: var(--vscode-textLink-foreground); }
</style></head><body>
<h1>${html(title)}</h1>
<p>${number(summary.codes)} codes on ${number(summary.lines)} lines.</p>
${sourcesNote(summary)}
<div class="row">
<div><h2>Outcomes</h2><table>${outcomes}</table></div>
<div><h2>By class</h2><table>${classes}</table></div>
<div><h2>By vendor</h2>${vendors ? `<table>${vendors}</table>` : '<p class="dim">No vendor markers.</p>'}</div>
<div><h2>Top unregistered</h2>${unregistered ? `<table>${unregistered}</table>` : '<p class="dim">None.</p>'}</div>
</div>
<h2>Failing lines per hour</h2>
${chart(summary)}
<h2>Codes</h2>
<p class="dim">Click a code to list its lines${canOpenLines ? '; click a line to open it' : ''}.</p>
<table><tr><th>code</th><th>reply</th><th>lines</th><th>outcomes</th><th>status</th><th>title</th></tr>${codes}</table>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
for (const row of document.querySelectorAll('tr.code')) {
  const toggle = () => { row.nextElementSibling.hidden = !row.nextElementSibling.hidden; };
  row.addEventListener('click', toggle);
  row.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); } });
}
for (const link of document.querySelectorAll('a[data-line]')) {
  link.addEventListener('click', (e) => { e.preventDefault(); vscode.postMessage({ type: 'open', line: Number(link.dataset.line) }); });
}
</script>
</body></html>`;
}

/** The files of a summary over several, and any that were skipped, cut short or held undecodable bytes. */
function sourcesNote(summary: Summary): string {
  const sources = summary.sources ?? [];
  const noted = sources.filter((s) => s.skipped !== undefined || s.error !== undefined || s.undecodable !== undefined);
  if (sources.length <= 1 && noted.length === 0) return '';
  const items = sources.map((s) => {
    const how = [s.compression, s.encoding && s.encoding !== 'utf-8' ? s.encoding : undefined].filter(Boolean).join(', ');
    const note = s.skipped
      ? `skipped: ${s.skipped}`
      : [
          `lines ${(s.firstLine + 1).toLocaleString('en')}-${(s.firstLine + s.lines).toLocaleString('en')}${how ? ` (${how})` : ''}`,
          s.undecodable
            ? `${s.undecodable.lines.toLocaleString('en')} with bytes that did not decode (shown as U+FFFD; the first: line ${(s.undecodable.firstLine + 1).toLocaleString('en')})`
            : '',
          s.error ? `read up to an error: ${s.error}` : '',
        ]
          .filter(Boolean)
          .join('; ');
    return `<li>${html(s.name)}: ${html(note)}</li>`;
  });
  return `<ul class="dim">${items.join('')}</ul>`;
}

/** Stacked bars of failing lines per hour, 4.X.X (yellow) and 5.X.X (red), as SVG. */
function chart(summary: Summary): string {
  const hours = summary.perHour;
  if (hours.length === 0) {
    return `<p class="dim">No timestamps found on failing lines${summary.untimed ? ` (${summary.untimed} such lines without one)` : ''}.</p>`;
  }
  const max = Math.max(...hours.map((h) => h.transient + h.permanent), 1);
  const barWidth = 18;
  const gap = 6;
  const height = 160;
  const width = hours.length * (barWidth + gap);
  const bars = hours
    .map((h, i) => {
      const x = i * (barWidth + gap);
      const permanent = (h.permanent / max) * height;
      const transient = (h.transient / max) * height;
      const label = `${h.hour}: ${h.transient} lines with transient failures, ${h.permanent} with permanent ones`;
      return `<g><title>${html(label)}</title><rect x="${x}" y="${height - permanent}" width="${barWidth}" height="${permanent}" fill="var(--vscode-charts-red)"/><rect x="${x}" y="${height - permanent - transient}" width="${barWidth}" height="${transient}" fill="var(--vscode-charts-yellow)"/></g>`;
    })
    .join('');
  const first = hours[0].hour;
  const last = hours[hours.length - 1].hour;
  return `<svg role="img" aria-label="failing lines per hour" width="${width}" height="${height + 4}" viewBox="0 0 ${width} ${height + 4}">${bars}</svg>
<p class="dim">${html(first)}${hours.length > 1 ? ` to ${html(last)}` : ''}; highest hour: ${max.toLocaleString('en')} lines. Yellow: transient (deferred, or a 4.X.X code), red: permanent (bounced, expired, rejected with 5.X.X); a line counts once.${summary.untimed ? ` ${summary.untimed} lines with failures had no timestamp.` : ''}</p>`;
}
