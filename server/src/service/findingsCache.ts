/**
 * Findings shared between matches of the same code: a log holds the same few codes thousands of
 * times, so their findings are made once. Keyed by the vendor whose meaning the code has (the
 * vendor object itself: each vendor's codes get that vendor's messages and links, never another's),
 * the code's numbers, and a number for what else the findings depend on (syntax problem, reply
 * code, action class). Two small integers rather than one large one, which V8 would box on every
 * lookup. Never many entries; bounded anyway (emptied when full).
 */
export class FindingsCache<Findings> {
  private readonly byVendor = new Map<object, Map<number, Map<number, Findings>>>();
  /** The codes no vendor's meaning applies to, most codes of most logs: one lookup fewer. */
  private readonly noVendor = new Map<number, Map<number, Findings>>();
  /**
   * In front of `noVendor`, the last findings seen per slot (a hash of code and variant): a log's
   * few codes each find theirs by comparing two numbers, not by walking two maps per code.
   */
  private readonly slotCode = new Float64Array(SLOTS).fill(-1);
  private readonly slotVariant = new Int32Array(SLOTS);
  private readonly slotFindings: (Findings | undefined)[] = new Array<Findings | undefined>(SLOTS).fill(undefined);
  private size = 0;

  constructor(private readonly limit = 10_000) {}

  /** The findings kept for the key, if any. (A lookup and a `remember` on a miss: no closure per code.) */
  find(vendor: object | undefined, code: number, variant: number): Findings | undefined {
    if (vendor !== undefined) return this.byVendor.get(vendor)?.get(code)?.get(variant);
    const slot = slotOf(code, variant);
    if (this.slotCode[slot] === code && this.slotVariant[slot] === variant) return this.slotFindings[slot];
    const found = this.noVendor.get(code)?.get(variant);
    if (found !== undefined) this.fill(slot, code, variant, found);
    return found;
  }

  remember(vendor: object | undefined, code: number, variant: number, findings: Findings): void {
    if (this.size >= this.limit) {
      this.byVendor.clear();
      this.noVendor.clear();
      this.slotCode.fill(-1);
      this.slotFindings.fill(undefined);
      this.size = 0;
    }
    if (vendor === undefined) this.fill(slotOf(code, variant), code, variant, findings);
    let byCode = vendor === undefined ? this.noVendor : this.byVendor.get(vendor);
    if (byCode === undefined) this.byVendor.set(vendor!, (byCode = new Map()));
    let byVariant = byCode.get(code);
    if (byVariant === undefined) byCode.set(code, (byVariant = new Map()));
    if (!byVariant.has(variant)) this.size++;
    byVariant.set(variant, findings);
  }

  private fill(slot: number, code: number, variant: number, findings: Findings): void {
    this.slotCode[slot] = code;
    this.slotVariant[slot] = variant;
    this.slotFindings[slot] = findings;
  }

  /** How many findings it holds. */
  get entries(): number {
    return this.size;
  }
}

const SLOTS = 256;

/** One of `SLOTS`, from the key's two numbers (Fibonacci hashing: the top bits of a multiplication). */
function slotOf(code: number, variant: number): number {
  return Math.imul((code | 0) ^ Math.imul(variant, 0x01000193), 0x9e3779b1) >>> 24;
}
