// Mendelian-error rate per trio: of the informative autosomal sites (all three called with
// GQ/DP passing, at least one non-reference allele among them), the fraction where the
// child's two alleles cannot be one from the father and one from the mother. With correct
// parentage WGS callers give well under 1% after a GQ filter; a wrong father or mother
// gives 10-30% (a quarter of informative sites or more), so 5% separates the two with
// room for noisy data (MENDELIAN_ERROR_THRESHOLD).
import { GT_VECTOR_END, type RecordBatch } from '../batch/batch.js'
import type { VcfHeader } from '../header/header.js'
import { ContigKinds, KIND_AUTOSOME } from '../inheritance/contigs.js'
import { DEFAULT_QUALITY, type QualityThresholds } from '../prioritise/model.js'
import { formatCell } from './format-cell.js'

/** Above this fraction of informative sites in error, parentage is not confirmed. */
export const MENDELIAN_ERROR_THRESHOLD = 0.05

export interface Trio { family: string; child: string; father: string; mother: string; samples: [number, number, number] }

export interface MendelianRate {
  family: string
  child: string
  father: string
  mother: string
  informative: number
  errors: number
  /** errors / informative (NaN with no informative site). */
  rate: number
}

export class MendelianCounter {
  readonly informative: Int32Array
  readonly errors: Int32Array
  private readonly kinds: ContigKinds

  constructor(header: VcfHeader, readonly trios: Trio[], private readonly q: Pick<QualityThresholds, 'minGq' | 'minDp'> = DEFAULT_QUALITY) {
    this.informative = new Int32Array(trios.length)
    this.errors = new Int32Array(trios.length)
    this.kinds = new ContigKinds(header)
  }

  /** Counts one batch (read with format GT, and GQ/DP when the header has them). */
  add(b: RecordBatch): void {
    const gtc = b.formatColumn('GT')
    if (!gtc || this.trios.length === 0) return
    this.kinds.update(b)
    const gq = b.formatColumn('GQ'), dp = b.formatColumn('DP')
    const generation = b.generation
    const i32 = b.i32, f64 = b.f64, chromId = b.chromId, sel = b.selected
    const { minGq, minDp } = this.q
    const ok = (i: number, s: number): boolean => {
      if (gq && gq.stride[i] > 0) { const v = f64[gq.at[i] + s * gq.stride[i]]; if (!(v >= minGq)) return false }
      if (dp && dp.stride[i] > 0) { const v = f64[dp.at[i] + s * dp.stride[i]]; if (!(v >= minDp)) return false }
      return true
    }
    for (let i = 0; i < b.n; i++) {
      if (sel && !sel[i]) continue
      if (this.kinds.kind(chromId[i]) !== KIND_AUTOSOME) continue
      const stride = gtc.stride[i]
      if (stride !== 2) continue
      const at = gtc.at[i]
      for (let t = 0; t < this.trios.length; t++) {
        const [c, f, m] = this.trios[t].samples
        const c0 = i32[at + 2 * c], c1 = i32[at + 2 * c + 1]
        const f0 = i32[at + 2 * f], f1 = i32[at + 2 * f + 1]
        const m0 = i32[at + 2 * m], m1 = i32[at + 2 * m + 1]
        // all diploid and called (0 = missing allele; vector end = haploid)
        if ((c0 >> 1) === 0 || (c1 >> 1) === 0 || (f0 >> 1) === 0 || (f1 >> 1) === 0 || (m0 >> 1) === 0 || (m1 >> 1) === 0) continue
        if (c1 === GT_VECTOR_END || f1 === GT_VECTOR_END || m1 === GT_VECTOR_END) continue
        const a = c0 >> 1, bb = c1 >> 1, fa = f0 >> 1, fb = f1 >> 1, ma = m0 >> 1, mb = m1 >> 1
        if (a === 1 && bb === 1 && fa === 1 && fb === 1 && ma === 1 && mb === 1) continue // all hom-ref
        if (!ok(i, c) || !ok(i, f) || !ok(i, m)) continue
        this.informative[t]++
        const inF = (x: number) => x === fa || x === fb
        const inM = (x: number) => x === ma || x === mb
        if (!((inF(a) && inM(bb)) || (inF(bb) && inM(a)))) this.errors[t]++
      }
    }
    b.checkGeneration(generation)
  }

  rates(): MendelianRate[] {
    return this.trios.map((t, k) => ({
      family: t.family, child: t.child, father: t.father, mother: t.mother,
      informative: this.informative[k], errors: this.errors[k],
      rate: this.informative[k] > 0 ? this.errors[k] / this.informative[k] : NaN,
    }))
  }
}

export function describeRate(r: MendelianRate): string {
  return `${r.errors} Mendelian errors in ${r.informative} informative autosomal sites (${formatCell(100 * r.rate)}%) for ${r.child} with father ${r.father} and mother ${r.mother}`
}
