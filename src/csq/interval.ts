// Interval lookup over features of one chromosome, in bcftools regidx order (start
// ascending, longer first on ties, then insertion order), so consequences come out in the
// order bcftools reports them. Queries are closed intervals, 0-based.
const REGIDX_MAX = 2147483646
const clamp = (x: number) => { const u = x < 0 ? x + 4294967296 : x; return u > REGIDX_MAX ? REGIDX_MAX : u }

/** Intervals longer than this are kept aside, so one long transcript does not widen every scan. */
const LONG = 1 << 20

export class IntervalIndex<T> {
  readonly items: T[]
  readonly beg: Float64Array
  readonly end: Float64Array
  private readonly maxLen: number
  private readonly long: number[]

  constructor(items: T[], begOf: (t: T) => number, endOf: (t: T) => number) {
    // as bcftools' regidx_push: unsigned coordinates clamped to REGIDX_MAX, a reversed interval
    // swapped (so an exon padded below position 0 covers [end, REGIDX_MAX], as it does there)
    const order = items.map((t, k) => {
      let b = clamp(begOf(t)), e = clamp(endOf(t))
      if (b > e) { const x = b; b = e; e = x }
      return { t, k, b, e }
    })
    order.sort((a, b) => a.b - b.b || b.e - a.e || a.k - b.k)
    this.items = order.map((x) => x.t)
    this.beg = Float64Array.from(order.map((x) => x.b))
    this.end = Float64Array.from(order.map((x) => x.e))
    // long intervals (whole transcripts, or the swapped ones above) are scanned from the start
    this.long = order.filter((x) => x.e - x.b + 1 > LONG).map((x) => order.indexOf(x))
    let m = 0
    for (const x of order) if (x.e - x.b + 1 <= LONG) m = Math.max(m, x.e - x.b + 1)
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
  overlap(qbeg: number, qend: number): T[] {
    const out: T[] = [] // (a fresh small array is cheaper than truncating a reused one in V8)
    const n = this.beg.length
    const from = this.lower(qbeg - this.maxLen)
    let li = 0
    const L = this.long
    // merge the long intervals that start before `from` back in index order
    while (li < L.length && L[li] < from) {
      const i = L[li++]
      if (this.beg[i] <= qend && this.end[i] >= qbeg) out.push(this.items[i])
    }
    for (let i = from; i < n; i++) {
      if (this.beg[i] > qend) break
      if (this.end[i] >= qbeg && (this.end[i] - this.beg[i] + 1 <= LONG || i >= from)) out.push(this.items[i])
    }
    return out
  }

}
