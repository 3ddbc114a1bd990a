/**
 * Rows of numbers in one growable Int32Array, kept in document order by their first column, the
 * line. What a document's tables share: the codes (`CodeTable`) and the message ids
 * (`MessageTable`). A 50 MB log gives hundreds of thousands of rows; as one buffer they cost the
 * garbage collector nothing, where an object per row would be copied and walked by every collection.
 */
export class LineRows {
  protected count = 0;
  protected data: Int32Array;

  /**
   * `stride`: numbers a row. `capacity`: rows that fit before the buffer grows (each growth copies
   * it). A line's table starts at 1: V8 keeps a typed array that small inside its heap, where
   * making one is cheap.
   */
  constructor(
    protected readonly stride: number,
    capacity: number,
  ) {
    this.data = new Int32Array(stride * Math.max(1, capacity));
  }

  /** How many rows the table holds. */
  get length(): number {
    return this.count;
  }

  lineOf(index: number): number {
    return this.data[index * this.stride];
  }

  /** Index of the first row on `line` or after it: a binary search. */
  firstOnLine(line: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.data[mid * this.stride] < line) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Moves the row at `index` and every later one by `delta` lines. */
  shiftLines(index: number, delta: number): void {
    for (let o = index * this.stride; o < this.count * this.stride; o += this.stride) this.data[o] += delta;
  }

  /** Replaces `deleteCount` rows at `index` with the rows of `inserted` (of the same stride). */
  protected spliceRows(index: number, deleteCount: number, inserted: LineRows | undefined): void {
    const added = inserted?.count ?? 0;
    const length = this.count - deleteCount + added;
    this.reserve(length);
    this.data.copyWithin((index + added) * this.stride, (index + deleteCount) * this.stride, this.count * this.stride);
    if (inserted !== undefined) this.data.set(inserted.data.subarray(0, added * this.stride), index * this.stride);
    this.count = length;
  }

  /** Makes room for `count` rows. */
  protected reserve(count: number): void {
    if (count * this.stride <= this.data.length) return;
    const grown = new Int32Array(Math.max(count * this.stride, this.data.length * 2));
    grown.set(this.data.subarray(0, this.count * this.stride));
    this.data = grown;
  }
}
