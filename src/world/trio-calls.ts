// Read-level detail of a call (AD, DP, GQ) drawn from its genotype, and the VCF line writer
// that puts it in bytes without a string per field: a 5M-record genome is ~450 MB of text.
import type { Rng } from './rng.js'

/** Fraction of calls with low quality (GQ < 20 or DP < 6), and of missing calls. */
export const LOW_QUALITY_RATE = 0.025
export const MISSING_RATE = 0.003

export class LineBuffer {
  buf = new Uint8Array(1 << 12)
  len = 0

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return
    const g = new Uint8Array(Math.max(this.buf.length * 2, this.len + n))
    g.set(this.buf.subarray(0, this.len))
    this.buf = g
  }
  byte(c: number): void { this.room(1); this.buf[this.len++] = c }
  ascii(s: string): void {
    this.room(s.length)
    for (let i = 0; i < s.length; i++) this.buf[this.len++] = s.charCodeAt(i)
  }
  int(n: number): void {
    if (n < 0) { this.byte(45); n = -n }
    if (n < 10) { this.byte(48 + n); return }
    if (n < 100) { this.room(2); this.buf[this.len++] = 48 + ((n / 10) | 0); this.buf[this.len++] = 48 + (n % 10); return }
    this.room(12)
    let digits = 0
    for (let x = n; x > 0; x = Math.floor(x / 10)) digits++
    let p = this.len + digits
    this.len = p
    for (let x = n; x > 0; x = Math.floor(x / 10)) this.buf[--p] = 48 + (x % 10)
  }
  view(): Uint8Array { return this.buf.subarray(0, this.len) }
}

/**
 * Writes one sample's `GT:AD:DP:GQ`. Alleles a0/a1 (-1 missing; a1 -2 for a haploid call);
 * nAlleles for AD's length (Number=R). A low call gets GQ < 20 or DP < 6 and a skewed
 * allele balance; a good one DP around 30 and GQ >= 20.
 */
export function writeCall(out: LineBuffer, rng: Rng, a0: number, a1: number, nAlleles: number, low: boolean): void {
  const haploid = a1 === -2
  if (a0 < 0) {
    out.ascii(haploid ? '.:' : './.:')
    for (let k = 0; k < nAlleles; k++) { if (k) out.byte(44); out.byte(46) }
    out.ascii(':.:.')
    return
  }
  if (!haploid && a1 < a0) { const t = a0; a0 = a1; a1 = t } // unphased calls are written sorted
  out.int(a0)
  if (!haploid) { out.byte(47); out.int(a1) }
  out.byte(58)
  // depth ~ triangular around 30 (8..52): cheap, and enough spread for the thresholds
  let dp = low && rng.chance(0.5) ? rng.int(2, 5) : 8 + rng.int(0, 22) + rng.int(0, 22)
  const het = !haploid && a0 !== a1
  // reads of each allele of the call
  let r0 = 0, r1 = 0
  if (het) {
    const ab = low ? (rng.chance(0.5) ? 0.12 : 0.88) : 0.5 + 0.1 * (rng.next() + rng.next() + rng.next() - 1.5)
    r1 = Math.max(1, Math.min(dp - 1, Math.round(dp * ab)))
    r0 = dp - r1
  } else {
    r0 = dp
    // an occasional stray read of another allele, as sequencing errors give
    if (!low && dp > 20 && rng.chance(0.02)) { r0 = dp - 1; r1 = 1 } else if (low && rng.chance(0.3)) { r1 = 1; r0 = dp - 1 }
  }
  const x0 = a0, x1 = haploid ? a0 : a1
  for (let k = 0; k < nAlleles; k++) {
    if (k) out.byte(44)
    let v = 0
    if (het) v = k === x0 ? r0 : k === x1 ? r1 : 0
    else v = k === x0 ? r0 : (r1 > 0 && k === (x0 === 0 ? 1 : 0)) ? r1 : 0
    out.int(v)
  }
  if (!het && r1 > 0 && nAlleles === 1) dp = r0 // no other allele to give the stray read to
  out.byte(58)
  out.int(dp)
  out.byte(58)
  out.int(low ? rng.int(3, 19) : Math.min(99, 20 + 2 * dp + rng.int(0, 9)))
}
