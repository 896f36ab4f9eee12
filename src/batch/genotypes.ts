// Columnar genotypes: every GT of a batch as one Int32Array in BCF encoding, copied out of
// WASM memory in (usually) one memcpy, so a caller can scan millions of genotypes without a
// string or an object per call, and keep the arrays after the reader moves on.
import type { RecordBatch } from './batch.js'
import { GT_VECTOR_END } from './batch.js'

/** BCF encoding of one allele: (allele + 1) << 1 | phased; 0 is a missing allele ('.'). */
export const GT_MISSING = 0
export { GT_VECTOR_END }

/**
 * Genotypes of all records of a batch (selected or not), sample-major within a record:
 * record i, sample s, allele k is `gt[offset[i] + s * ploidy[i] + k]`.
 */
export interface GenotypeMatrix {
  /** Records (the batch's n). */
  readonly n: number
  /** Samples per record (the header's). */
  readonly samples: number
  /** Alleles per sample of record i (the largest ploidy in the record; shorter calls end
   *  with GT_VECTOR_END); 0 when the record has no GT. */
  readonly ploidy: Int32Array
  /** Index of record i's first value in `gt`. */
  readonly offset: Int32Array
  /** BCF-encoded alleles: (allele + 1) << 1 | phased, GT_MISSING for '.', GT_VECTOR_END pads. */
  readonly gt: Int32Array
}

/** Allele index of an encoded value (-1 for missing). */
export const gtAllele = (v: number): number => (v >> 1) - 1
/** Whether an encoded allele is phased with the previous one ('|'). */
export const gtPhased = (v: number): boolean => (v & 1) === 1

/**
 * Copies the batch's genotypes out of WASM memory. The reader must have been asked to decode
 * GT (`reader.batches({ format: ['GT'] })`, or a filter or format naming GT); otherwise every
 * record has ploidy 0. Views over WASM memory are taken and dropped here, with no call into
 * the core in between.
 */
export function genotypeMatrix(b: RecordBatch): GenotypeMatrix {
  const n = b.n
  const nS = b.samples.length
  const ploidy = new Int32Array(n)
  const offset = new Int32Array(n)
  const c = b.formatColumn('GT')
  if (!c || nS === 0) return { n, samples: nS, ploidy, offset, gt: new Int32Array(0) }
  const stride = c.stride, at = c.at
  // sizes, and whether the records lie back to back in the pool (the usual case: one copy)
  let total = 0
  let first = -1
  let contiguous = true
  for (let i = 0; i < n; i++) {
    const p = stride[i]
    ploidy[i] = p
    offset[i] = total
    if (p === 0) continue
    if (first < 0) first = at[i]
    else if (at[i] !== first + total) contiguous = false
    total += p * nS
  }
  const pool = b.i32
  if (contiguous) {
    const gt = first < 0 ? new Int32Array(0) : pool.slice(first, first + total)
    return { n, samples: nS, ploidy, offset, gt }
  }
  const gt = new Int32Array(total)
  for (let i = 0; i < n; i++) {
    const len = ploidy[i] * nS
    if (len === 0) continue
    const from = at[i], to = offset[i]
    if (len <= 16) for (let k = 0; k < len; k++) gt[to + k] = pool[from + k]
    else gt.set(pool.subarray(from, from + len), to)
  }
  return { n, samples: nS, ploidy, offset, gt }
}

/** One call, as yielded by `genotypeCalls` (the same object is reused: copy what you keep). */
export interface GenotypeCall {
  record: number
  sample: number
  /** Allele indices of the call (-1 for '.'); a view, valid until the next call is yielded. */
  alleles: Int32Array
  /** Ploidy of this call (1 haploid, 2 diploid, ...; 0 when the record has no GT). */
  ploidy: number
  phased: boolean
}

/**
 * Convenience iterator over every call of the selected records (all records when nothing was
 * filtered): record, sample, allele indices, phasing. For speed, scan `genotypeMatrix` directly.
 */
export function* genotypeCalls(b: RecordBatch, m: GenotypeMatrix = genotypeMatrix(b)): Generator<GenotypeCall> {
  const sel = b.selected
  let scratch = new Int32Array(8)
  const call: GenotypeCall = { record: 0, sample: 0, alleles: scratch.subarray(0, 0), ploidy: 0, phased: false }
  for (let i = 0; i < m.n; i++) {
    if (sel && !sel[i]) continue
    const p = m.ploidy[i]
    if (p > scratch.length) scratch = new Int32Array(p)
    call.record = i
    for (let s = 0; s < m.samples; s++) {
      const base = m.offset[i] + s * p
      let k = 0
      let phased = false
      for (; k < p; k++) {
        const v = m.gt[base + k]
        if (v === GT_VECTOR_END) break
        if (k > 0 && (v & 1)) phased = true
        scratch[k] = (v >> 1) - 1
      }
      call.sample = s
      call.alleles = scratch.subarray(0, k)
      call.ploidy = k
      call.phased = phased
      yield call
    }
  }
}
