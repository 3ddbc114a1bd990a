import {
  ENHANCED_REGISTRY,
  IANA_REGISTRY_URL,
  lookupClass,
  lookupCode,
  lookupReplyCode,
  lookupSubject,
  replyClass,
  replyPairing,
  rfcUrl,
  usefulOnlyAs,
  VENDOR_TABLE,
  vendorCodeSource,
  withClass,
  type ClassEntry,
  type EnhancedCodeEntry,
  type ReplyCodeMeaning,
  type SubjectEntry,
} from '../registry';
import { CliError, EXIT, oneOf, parseCommandLine } from './args';
import { cliSettings } from './config';
import { toFindings, type Severity } from './findings';
import type { Io } from './io';
import { analyze, classNoteText, computeDiagnostics, registryStatus, REPLY_CLASS, unlistedCodeText, type RegistryStatus } from '../service';

export const EXPLAIN_HELP = `Usage: smtp-status explain [options] <code>

Explains a status code from the IANA registry of enhanced status codes and the SMTP reply
codes of RFC 5321 and its extensions:
  5.7.1 or X.7.1   an enhanced status code: title, description, class and subject meaning,
                   associated reply codes, references, submitter, change controller, status
  550              a reply code: its meanings, each with its RFC
  550 5.7.1        both, and what \`smtp-status check\` says about the pair

Options:
  --format FORMAT  text (default) or json
  -h, --help       show this help

Exit codes: 0 explained (unregistered codes included), 2 not a status code or usage error.
`;

const OPTIONS = {
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function explain(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS, EXPLAIN_HELP);
  if (values.help) {
    io.out(EXPLAIN_HELP);
    return EXIT.clean;
  }
  const format = oneOf(values.format, ['text', 'json'] as const, 'text', '--format', EXPLAIN_HELP);
  if (positionals.length === 0) throw new CliError('name a code to explain: 5.7.1, X.7.1, 550 or "550 5.7.1"');
  const explanation = explainQuery(parseQuery(positionals.join(' ')));
  io.out(format === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanation(explanation));
  return EXIT.clean;
}

// ---------------------------------------------------------------------------------------------
// Reading the code

/** An enhanced code as asked for; `class` is undefined for `X.7.1`. */
export interface EnhancedQuery {
  class?: 2 | 4 | 5;
  subject: number;
  detail: number;
}

export interface Query {
  text: string;
  reply?: number;
  code?: EnhancedQuery;
}

const USAGE_HINT = 'give an enhanced status code (5.7.1, X.7.1), a reply code (550) or both (550 5.7.1)';

/**
 * Reads `5.7.1`, `X.7.1`, `550`, `550 5.7.1` or `550-5.7.1`. Anything else is not a status code
 * and is refused with the reason (RFC 3463 section 2 for enhanced codes, RFC 5321 section 4.2
 * for reply codes), rather than explained as something it is not.
 */
export function parseQuery(input: string): Query {
  const text = input.trim().replace(/\s+/g, ' ');
  const tokens = text
    .replace(/^(\d{3})-(?=\S)/, '$1 ')
    .split(' ')
    .filter(Boolean);
  const query: Query = { text };
  const bad = (reason: string) => new CliError(`'${text}' is not a status code: ${reason}`);
  if (tokens.length === 0 || tokens.length > 2) throw bad(USAGE_HINT);
  if (tokens.length === 2 && !/^\d+$/.test(tokens[0])) throw bad(USAGE_HINT);
  for (const token of tokens) {
    if (/^\d+$/.test(token) && query.reply === undefined && query.code === undefined) {
      if (!/^[2-5][0-5]\d$/.test(token)) {
        throw bad(`a reply code has three digits, the first 2 to 5 and the second 0 to 5 (RFC 5321 section 4.2)`);
      }
      query.reply = Number(token);
      continue;
    }
    const parts = /^(\d+|[xX])\.(\d+)\.(\d+)$/.exec(token);
    if (parts === null || query.code !== undefined) throw bad(USAGE_HINT);
    const [, cls, subject, detail] = parts;
    if (!/^[xX]$/.test(cls) && !['2', '4', '5'].includes(cls)) throw bad(`the class (first number) is 2, 4 or 5 (RFC 3463 section 2)`);
    for (const part of [subject, detail]) {
      if (part.length > 3) throw bad(`sub-codes have at most three digits (RFC 3463 section 2)`);
      if (part.length > 1 && part.startsWith('0')) throw bad(`sub-codes are written without leading zeros (RFC 3463 section 2)`);
    }
    query.code = { class: /^[xX]$/.test(cls) ? undefined : (Number(cls) as 2 | 4 | 5), subject: Number(subject), detail: Number(detail) };
  }
  return query;
}

// ---------------------------------------------------------------------------------------------
// The explanation, as data (this is also the JSON output)

export interface ReplyExplanation {
  code: number;
  /** RFC 5321's name for the first digit. */
  class: string;
  /** Whether RFC 5321 or an extension defines the code. */
  defined: boolean;
  meanings: ReplyCodeMeaning[];
  /** Registry entries that list the code among their reply codes (`X.7.1`, ...). */
  listedBy: string[];
}

export interface EnhancedExplanation {
  /** As asked, with its class: `5.7.1`, or `X.7.1`. */
  code: string;
  status: RegistryStatus;
  class: ClassEntry | null;
  subject: SubjectEntry | null;
  entry: EnhancedCodeEntry | null;
  /** For a deprecated code: the code to use, in the asked class (`5.6.8`). */
  replacedBy: string | null;
  /** Whether the registry lists the asked reply code for this code; null when either is missing or the registry names none. */
  replyCodeListed: boolean | null;
  /** What vendors document about the code (in the asked class, or either failure class for `X`). */
  vendors: VendorExplanation[];
}

export interface VendorExplanation {
  vendor: string;
  name: string;
  /** The code the vendor documents, in its class: `5.7.139`. */
  code: string;
  title: string;
  cause: string;
  fix: string | null;
  source: string;
  /**
   * `own`: the vendor's own code, IANA does not register it; `reused`: the vendor gives a
   * registered number another meaning; `refined`: it documents causes and fixes of a registered one.
   */
  kind: 'own' | 'reused' | 'refined';
  /** Only this vendor documents this unregistered code: with nothing else to go by, it is probably this vendor's. */
  probable: boolean;
}

export interface CheckFinding {
  severity: Severity;
  rule: string;
  message: string;
  href: string;
}

export interface Explanation {
  query: string;
  replyCode?: ReplyExplanation;
  enhancedCode?: EnhancedExplanation;
  /** The reply line `checks` judges: the reply code and the enhanced code written together. */
  checkedLine?: string;
  /** What `check` reports for `checkedLine`. */
  checks?: CheckFinding[];
}

export function explainQuery(query: Query): Explanation {
  const explanation: Explanation = { query: query.text };
  if (query.reply !== undefined) explanation.replyCode = explainReply(query.reply);
  if (query.code !== undefined) explanation.enhancedCode = explainEnhanced(query.code, query.reply);
  if (query.reply !== undefined && query.code?.class !== undefined) {
    // The service judges the pair as it would on a reply line of a log.
    const line = `${query.reply} ${query.code.class}.${query.code.subject}.${query.code.detail}`;
    const document = { languageId: 'log', getText: () => line };
    const diagnostics = computeDiagnostics(analyze(document), document, {}, cliSettings());
    explanation.checkedLine = line;
    explanation.checks = toFindings({ display: line, languageId: 'log' }, diagnostics).map(({ severity, rule, message, href }) => ({
      severity,
      rule,
      message,
      href,
    }));
  }
  return explanation;
}

function explainReply(code: number): ReplyExplanation {
  const reply = lookupReplyCode(code);
  return {
    code,
    class: REPLY_CLASS[replyClass(code)],
    defined: reply !== undefined,
    meanings: reply?.meanings ?? [],
    listedBy: reply?.listedBy ?? [],
  };
}

function explainEnhanced(code: EnhancedQuery, reply: number | undefined): EnhancedExplanation {
  const status = registryStatus(code.subject, code.detail);
  const entry = lookupCode(code.subject, code.detail) ?? null;
  const classText = code.class === undefined ? 'X' : String(code.class);
  const replacedBy = entry?.replacedBy ? withClass(entry.replacedBy, classText) : null;
  let replyCodeListed: boolean | null = null;
  if (entry !== null && reply !== undefined && !entry.associated.unspecified) {
    replyCodeListed = replyPairing(entry, reply) !== 'none';
  }
  return {
    code: `${classText}.${code.subject}.${code.detail}`,
    status,
    class: code.class === undefined ? null : (lookupClass(code.class) ?? null),
    subject: lookupSubject(code.subject) ?? null,
    entry,
    replacedBy,
    replyCodeListed,
    vendors: explainVendors(code),
  };
}

function explainVendors(code: EnhancedQuery): VendorExplanation[] {
  const found: VendorExplanation[] = [];
  for (const cls of code.class === undefined ? [4, 5] : [code.class]) {
    const documenters = VENDOR_TABLE.documentersOf(cls, code.subject, code.detail);
    for (const vendor of documenters) {
      const c = VENDOR_TABLE.lookup(vendor.id, cls, code.subject, code.detail)!;
      found.push({
        vendor: vendor.id,
        name: vendor.name,
        code: `${cls}.${code.subject}.${code.detail}`,
        title: c.title,
        cause: c.cause,
        fix: c.fix ?? null,
        source: vendorCodeSource(vendor, c),
        kind: c.registered ?? 'own',
        probable: c.registered === undefined && documenters.length === 1,
      });
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Plain text

const WIDTH = 80;
const LABEL_WIDTH = 19;

export function formatExplanation(explanation: Explanation): string {
  const sections: string[] = [];
  if (explanation.replyCode) sections.push(replyText(explanation.replyCode));
  if (explanation.enhancedCode) sections.push(enhancedText(explanation.enhancedCode, explanation.replyCode?.code));
  if (explanation.checks) {
    const head = `Checked as the reply line "${explanation.checkedLine}":`;
    sections.push(
      explanation.checks.length === 0
        ? `${head} no findings.`
        : [
            head,
            ...explanation.checks.map((c) => indent(wrap(`${c.severity} ${c.rule}: ${c.message} <${c.href}>`, WIDTH - 4), '  - ', '    ')),
          ].join('\n'),
    );
  }
  return `${sections.join('\n\n')}\n`;
}

function replyText(reply: ReplyExplanation): string {
  const lines = [`${reply.code}  ${reply.class}`];
  if (!reply.defined) {
    lines.push('', indent(wrap('Not a reply code that RFC 5321 or its extensions define.', WIDTH - 2), '  '));
    return lines.join('\n');
  }
  lines.push('', 'Meanings:');
  for (const meaning of reply.meanings) {
    const context = meaning.context ? ` (${meaning.context})` : '';
    lines.push(indent(wrap(`${meaning.text}${context}`, WIDTH - 4), '  - ', '    '));
    lines.push(indent(wrap(citation(meaning), WIDTH - 4), '    '));
    if (meaning.enhancedCodes.length > 0) lines.push(indent(wrap(`Pairs with ${meaning.enhancedCodes.join(', ')}.`, WIDTH - 4), '    '));
    for (const note of meaning.notes) lines.push(indent(wrap(`Note: ${note}`, WIDTH - 4), '    '));
  }
  if (reply.listedBy.length > 0) {
    lines.push('', field('Listed by', `${reply.listedBy.join(', ')} (registry entries that name ${reply.code} among their reply codes)`));
  }
  return lines.join('\n');
}

function citation(meaning: ReplyCodeMeaning): string {
  if (meaning.rfc === undefined) return meaning.source;
  const section = meaning.section ? ` section ${meaning.section}` : '';
  return `RFC ${meaning.rfc}${section} <${rfcUrl(meaning.rfc, meaning.section?.match(/^\d+(?:\.\d+)*/)?.[0])}>`;
}

function enhancedText(code: EnhancedExplanation, reply: number | undefined): string {
  const { entry } = code;
  const lines = [entry ? `${code.code}  ${entry.title || '(no title in the registry)'}` : `${code.code}  (not in the IANA registry)`];
  lines.push(`Status: ${statusText(code)}`);
  const about = entry ? entry.description : unlistedCodeText(Number(code.code.split('.')[1]), Number(code.code.split('.')[2]));
  lines.push('', indent(wrap(about, WIDTH - 2), '  '), '');
  // `4.7.1`: the registry says X.7.1 is useful only as a permanent error.
  const cls = Number(code.code.charAt(0));
  const only = entry ? usefulOnlyAs(entry) : undefined;
  if (entry && only !== undefined && (cls === 4 || cls === 5) && cls !== only) {
    lines.push(indent(wrap(classNoteText(entry.code, only, code.code), WIDTH - 2), '  '), '');
  }

  if (code.class) lines.push(field('Class', `${code.class.class}  ${code.class.title}: ${code.class.description}`));
  else {
    const all = ENHANCED_REGISTRY.classes.map((c) => `${c.class} ${c.title}`).join(', ');
    lines.push(field('Class', `X  any class: ${all}`));
  }
  if (code.subject) lines.push(field('Subject', `X.${code.subject.subject}  ${code.subject.title}: ${code.subject.description}`));
  if (entry) {
    const raw = entry.associated.raw || 'none given';
    const listed =
      reply === undefined || code.replyCodeListed === null
        ? ''
        : code.replyCodeListed
          ? ` (${reply} is among them)`
          : ` (${reply} is not among them)`;
    lines.push(field('Reply codes', `${raw}${listed}`));
    const references = entry.reference.citations.map(
      (c) => `${c.kind === 'rfc' && c.rfc !== undefined ? `RFC ${c.rfc}` : c.id} <${c.url}>`,
    );
    lines.push(field('Reference', references.length > 0 ? references.join(', ') : entry.reference.text));
    if (entry.submitter) lines.push(field('Submitter', entry.submitter));
    if (entry.changeController) lines.push(field('Change controller', entry.changeController));
  }
  lines.push(field('Registry', `IANA SMTP Enhanced Status Codes <${IANA_REGISTRY_URL}>`));
  for (const v of code.vendors) lines.push('', vendorText(v));
  return lines.join('\n');
}

function vendorText(v: VendorExplanation): string {
  const head =
    v.kind === 'own'
      ? v.probable
        ? `${v.code} is probably ${v.name}'s own code: IANA does not register it, and only ${v.name} documents it.`
        : `${v.code} is ${v.name}'s own code.`
      : v.kind === 'reused'
        ? `${v.name} uses ${v.code} for something else:`
        : `${v.name} documents ${v.code}:`;
  const lines = [indent(wrap(head, WIDTH - 2), '  ')];
  lines.push(field('  Meaning', `${v.title}. ${v.cause}`));
  if (v.fix !== null) lines.push(field('  Fix', v.fix));
  lines.push(field('  Source', `<${v.source}>`));
  return lines.join('\n');
}

function statusText(code: EnhancedExplanation): string {
  switch (code.status) {
    case 'deprecated':
      return `deprecated${code.replacedBy ? `: use ${code.replacedBy} instead` : ''}`;
    case 'historical':
      return 'historical: the registry keeps this code for historical purposes only';
    case 'registered':
      return 'registered';
    default:
      return code.status;
  }
}

/** `Label              value`, the value wrapped under itself. */
function field(label: string, value: string): string {
  return indent(wrap(value, WIDTH - LABEL_WIDTH), label.padEnd(LABEL_WIDTH), ' '.repeat(LABEL_WIDTH));
}

/** Prefixes the first line with `first` and the others with `rest`. */
function indent(lines: string[], first: string, rest = first): string {
  return lines.map((line, i) => (i === 0 ? first : rest) + line).join('\n');
}

/** Words into lines of at most `width` characters (a longer word, such as a URL, stands alone). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}
