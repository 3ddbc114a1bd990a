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
  private size = 0;

  constructor(private readonly limit = 10_000) {}

  /** The findings kept for the key, if any. (A lookup and a `remember` on a miss: no closure per code.) */
  find(vendor: object | undefined, code: number, variant: number): Findings | undefined {
    return (vendor === undefined ? this.noVendor : this.byVendor.get(vendor))?.get(code)?.get(variant);
  }

  remember(vendor: object | undefined, code: number, variant: number, findings: Findings): void {
    if (this.size >= this.limit) {
      this.byVendor.clear();
      this.noVendor.clear();
      this.size = 0;
    }
    let byCode = vendor === undefined ? this.noVendor : this.byVendor.get(vendor);
    if (byCode === undefined) this.byVendor.set(vendor!, (byCode = new Map()));
    let byVariant = byCode.get(code);
    if (byVariant === undefined) byCode.set(code, (byVariant = new Map()));
    if (!byVariant.has(variant)) this.size++;
    byVariant.set(variant, findings);
  }

  /** How many findings it holds. */
  get entries(): number {
    return this.size;
  }
}
