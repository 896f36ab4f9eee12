// Interval lookup over features of one chromosome, in bcftools regidx order (start
// ascending, longer first on ties, then insertion order), so consequences come out in the
// order bcftools reports them. Queries are closed intervals, 0-based.
export class IntervalIndex<T> {
  readonly items: T[]
  readonly beg: Int32Array
  readonly end: Int32Array
  private readonly maxLen: number

  constructor(items: T[], begOf: (t: T) => number, endOf: (t: T) => number) {
    const order = items.map((t, k) => ({ t, k, b: begOf(t), e: endOf(t) })).filter((x) => x.e >= x.b)
    order.sort((a, b) => a.b - b.b || b.e - a.e || a.k - b.k)
    this.items = order.map((x) => x.t)
    this.beg = Int32Array.from(order.map((x) => x.b))
    this.end = Int32Array.from(order.map((x) => x.e))
    let m = 0
    for (const x of order) m = Math.max(m, x.e - x.b + 1)
    this.maxLen = m
  }

  get size(): number { return this.items.length }

  /** First index whose start is >= pos. */
  private lower(pos: number): number {
    let lo = 0, hi = this.beg.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.beg[mid] < pos) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Items overlapping [qbeg, qend], in index order. */
  overlap(qbeg: number, qend: number, out: T[] = []): T[] {
    out.length = 0
    const n = this.beg.length
    for (let i = this.lower(qbeg - this.maxLen); i < n; i++) {
      if (this.beg[i] > qend) break
      if (this.end[i] >= qbeg) out.push(this.items[i])
    }
    return out
  }

  /** Whether anything overlaps [qbeg, qend]. */
  any(qbeg: number, qend: number): boolean {
    const n = this.beg.length
    for (let i = this.lower(qbeg - this.maxLen); i < n; i++) {
      if (this.beg[i] > qend) return false
      if (this.end[i] >= qbeg) return true
    }
    return false
  }

  /** Nearest item ending before pos (for distances), scanning back at most `within` bases. */
  nearestBefore(pos: number, within: number): T[] {
    const out: T[] = []
    for (let i = this.lower(pos) - 1; i >= 0; i--) {
      if (this.beg[i] < pos - within - this.maxLen) break
      if (this.end[i] < pos && this.end[i] >= pos - within) out.push(this.items[i])
    }
    return out
  }
}
