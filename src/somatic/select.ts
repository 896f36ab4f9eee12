// Somatic selection over RecordBatches, columnar: per record and ALT allele, the tumour's
// allele fraction and depth must reach the minimums and the normal's stay at or below the
// maximum fraction with enough depth to tell. Values come straight from the decoded FORMAT
// columns (f64 pool; floats rounded to f32 as htslib stores them, so comparisons agree with
// `bcftools view -i`); only the few survivors become objects, later.
import type { RecordBatch, FormatColumn } from '../batch/batch.js'
import type { VcfHeader } from '../header/header.js'
import { SomaticInputError } from './errors.js'

export interface SomaticThresholds {
  /** Tumour allele fraction of the ALT, at least (default 0.05). */
  minTumourAf: number
  /** Tumour depth, at least (default 20). */
  minTumourDp: number
  /** Normal allele fraction of the ALT, at most (default 0.01). */
  maxNormalAf: number
  /** Normal depth, at least (default 10). */
  minNormalDp: number
  /** Keep only records whose FILTER is PASS (or '.'); default false. */
  passOnly: boolean
}

export const DEFAULT_SOMATIC: SomaticThresholds = { minTumourAf: 0.05, minTumourDp: 20, maxNormalAf: 0.01, minNormalDp: 10, passOnly: false }

/** Which FORMAT fields a file offers for the selection. */
export interface FieldPlan { af: boolean; ad: boolean; dp: boolean }

/** FORMAT tags the selection decodes. */
export const SOMATIC_FORMAT_TAGS = ['AF', 'AD', 'DP']

export function fieldPlan(header: VcfHeader, file: string): FieldPlan {
  const f = header.format
  const numeric = (id: string) => { const d = f.get(id); return d !== undefined && (d.type === 'Integer' || d.type === 'Float') }
  const plan = { af: numeric('AF'), ad: numeric('AD'), dp: numeric('DP') }
  if (!plan.af && !plan.ad) throw new SomaticInputError('the header declares neither FORMAT/AF nor FORMAT/AD: no allele fraction to select on', { file })
  if (!plan.dp && !plan.ad) throw new SomaticInputError('the header declares neither FORMAT/DP nor FORMAT/AD: no depth to select on', { file })
  return plan
}

/** Survivors of one batch as parallel columns (record index in the batch, 0-based ALT index, values). */
export interface Survivors {
  n: number
  record: Int32Array
  alt: Int32Array
  /** Tumour / normal: allele fraction, depth, ALT reads (NaN when not given). */
  tAf: Float64Array; tDp: Float64Array; tAlt: Float64Array
  nAf: Float64Array; nDp: Float64Array; nAlt: Float64Array
  /** 1 when the fraction came from FORMAT/AF, 0 when from AD. */
  tFromAf: Uint8Array; nFromAf: Uint8Array
}

class Grow {
  n = 0
  record = new Int32Array(64); alt = new Int32Array(64)
  f = Array.from({ length: 6 }, () => new Float64Array(64))
  src = [new Uint8Array(64), new Uint8Array(64)]
  push(i: number, k: number, v: Float64Array, s0: number, s1: number): void {
    if (this.n === this.record.length) {
      const m = this.n * 2
      const g = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => { const b = new (a.constructor as new (n: number) => T)(m); b.set(a); return b }
      this.record = g(this.record); this.alt = g(this.alt); this.f = this.f.map(g); this.src = this.src.map(g)
    }
    this.record[this.n] = i; this.alt[this.n] = k
    for (let j = 0; j < 6; j++) this.f[j][this.n] = v[j]
    this.src[0][this.n] = s0; this.src[1][this.n] = s1
    this.n++
  }
  done(): Survivors {
    const n = this.n, f = this.f.map((a) => a.subarray(0, n))
    return { n, record: this.record.subarray(0, n), alt: this.alt.subarray(0, n), tAf: f[0], tDp: f[1], tAlt: f[2], nAf: f[3], nDp: f[4], nAlt: f[5],
      tFromAf: this.src[0].subarray(0, n), nFromAf: this.src[1].subarray(0, n) }
  }
}

/**
 * One sample's values for ALT k of record i: [af, dp, altReads, fromAf]. AF is FORMAT/AF when
 * the record has a non-missing value for this ALT, else AD[k+1] / sum(AD); DP is FORMAT/DP,
 * else sum(AD). Missing values are NaN, which fails every comparison.
 */
function sampleValues(b: RecordBatch, i: number, s: number, k: number, af: FormatColumn | undefined, ad: FormatColumn | undefined,
  dp: FormatColumn | undefined, out: Float64Array, o: number): number {
  const f64 = b.f64
  let adSum = NaN, adAlt = NaN
  const adStride = ad ? ad.stride[i] : 0
  if (adStride > 0) {
    const base = ad!.at[i] + s * adStride
    let sum = 0, any = false
    for (let j = 0; j < adStride; j++) {
      if (b.isVectorEnd(base + j)) break
      if (b.isMissing(base + j)) continue
      sum += f64[base + j]; any = true
    }
    if (any) adSum = sum
    if (k + 1 < adStride && !b.isMissing(base + k + 1) && !b.isVectorEnd(base + k + 1)) adAlt = f64[base + k + 1]
  }
  let value = NaN, fromAf = 0
  const afStride = af ? af.stride[i] : 0
  if (afStride > k) {
    const x = af!.at[i] + s * afStride + k
    if (!b.isMissing(x) && !b.isVectorEnd(x)) { value = f64[x]; fromAf = 1 }
  }
  if (!fromAf && adSum > 0) value = adAlt / adSum
  let depth = NaN
  const dpStride = dp ? dp.stride[i] : 0
  if (dpStride > 0) {
    const x = dp!.at[i] + s * dpStride
    if (!b.isMissing(x) && !b.isVectorEnd(x)) depth = f64[x]
  } else depth = adSum
  out[o] = value; out[o + 1] = depth; out[o + 2] = adAlt
  return fromAf
}

/**
 * The somatic ALT alleles of a batch. `tumour` and `normal` are 0-based sample columns. Records a
 * filter or region query dropped (`batch.selected`) are skipped. Symbolic and '*' alleles are
 * not variants and are never selected; FILTER is checked only with passOnly.
 */
export function selectSomatic(b: RecordBatch, tumour: number, normal: number, t: SomaticThresholds): Survivors {
  const generation = b.generation // the columns below are views: no core call may follow
  const af = b.formatColumn('AF'), ad = b.formatColumn('AD'), dp = b.formatColumn('DP')
  const nAllele = b.nAllele
  const pre = b.selected // an earlier -i/-e filter or region overlap
  const out = new Grow()
  const v = new Float64Array(6)
  for (let i = 0; i < b.n; i++) {
    if (pre && !pre[i]) continue
    const na = nAllele[i]
    for (let k = 0; k < na - 1; k++) {
      const s0 = sampleValues(b, i, tumour, k, af, ad, dp, v, 0)
      if (!(v[0] >= t.minTumourAf && v[1] >= t.minTumourDp)) continue
      const s1 = sampleValues(b, i, normal, k, af, ad, dp, v, 3)
      if (!(v[3] <= t.maxNormalAf && v[4] >= t.minNormalDp)) continue
      out.push(i, k, v, s0, s1)
    }
  }
  b.checkGeneration(generation)
  // strings only for the survivors
  const keep = new Uint8Array(out.n)
  let m = 0
  for (let j = 0; j < out.n; j++) {
    const i = out.record[j]
    const alt = b.alt(i).split(',')[out.alt[j]]
    if (alt === '*' || alt[0] === '<' || alt === '.') continue
    if (t.passOnly) { const f = b.filter(i); if (f !== 'PASS' && f !== '.') continue }
    keep[j] = 1; m++
  }
  if (m === out.n) return out.done()
  const g = new Grow()
  const all = out.done()
  const vals = new Float64Array(6)
  for (let j = 0; j < all.n; j++) {
    if (!keep[j]) continue
    vals[0] = all.tAf[j]; vals[1] = all.tDp[j]; vals[2] = all.tAlt[j]; vals[3] = all.nAf[j]; vals[4] = all.nDp[j]; vals[5] = all.nAlt[j]
    g.push(all.record[j], all.alt[j], vals, all.tFromAf[j], all.nFromAf[j])
  }
  return g.done()
}
