// Sex from genotypes when there is no BAM: outside the PARs a male has one X, so his X calls
// are hemizygous (haploid "1", or diploid "1/1" from callers that assume diploidy) and almost
// never heterozygous; a female's X looks like an autosome. Heterozygous fraction of the
// non-reference X calls: male < 0.1 (what remains is mapping/calling error), female > 0.25
// (autosomes run ~0.6: het:hom-alt ~1.5-2), in between 'unknown'.
import { IndexError, UsageError } from '../errors.js'
import { GT_VECTOR_END, type RecordBatch } from '../batch/batch.js'
import type { VcfReader } from '../reader/reader.js'
import { MAX_POS, type Region } from '../region/region.js'
import { inIntervals, parIntervals } from './chromosomes.js'
import type { Sex } from './sex.js'

export const VCF_SEX_THRESHOLDS = {
  /** Non-reference X calls needed for any call. */
  minSites: 20,
  /** het / non-ref below this: male. */
  maleMax: 0.1,
  /** het / non-ref above this: female. */
  femaleMin: 0.25,
} as const

export interface VcfSexCall {
  call: Sex
  sample: string
  /** Non-PAR X sites where the sample is heterozygous / homozygous alt (diploid) / hemizygous alt (haploid). */
  het: number
  homAlt: number
  hemizygous: number
  /** het / (het + homAlt + hemizygous); NaN with no non-reference calls. */
  hetFraction: number
  x?: string
  reason: string
}

const X_NAME = /^(chr)?X$/i

/**
 * Reads the sample's X genotypes (through the index when the VCF has one, else the whole file;
 * a whole-file read uses up the reader, as any whole-file read does).
 */
export async function inferSexFromVcf(reader: VcfReader, sample: string | number): Promise<VcfSexCall> {
  return (await inferSexFromVcfSamples(reader, [sample]))[0]
}

/**
 * inferSexFromVcf for several samples in one pass over X: the case stage checks every
 * sequenced individual, and a pass per sample re-inflated and re-parsed X (the whole file
 * without an index) once per individual. Calls in the order of `samples`.
 */
export async function inferSexFromVcfSamples(reader: VcfReader, samples: (string | number)[]): Promise<VcfSexCall[]> {
  const names = reader.header.samples
  const cols = samples.map((sample) => {
    const s = typeof sample === 'number' ? sample : names.indexOf(sample)
    if (!Number.isInteger(s) || s < 0 || s >= names.length) throw new UsageError(`sample ${JSON.stringify(sample)} is not in the VCF header`)
    return s
  })
  const declared = reader.header.contigs.filter((c) => X_NAME.test(c.id))
  const xNames = declared.length > 0 ? declared.map((c) => c.id) : ['chrX', 'X']
  const lengths = new Map(declared.map((c) => [c.id, c.length]))
  const pars = new Map(xNames.map((n) => [n, parIntervals('X', lengths.get(n), 'union')]))
  const het = new Array<number>(cols.length).fill(0), homAlt = het.slice(), hemi = het.slice()
  const regions: Region[] = xNames.map((chrom) => ({ chrom, start: 1, end: MAX_POS }))
  if (cols.length > 0) {
    for await (const b of xBatches(reader, regions)) {
      const gt = b.formatColumn('GT')
      if (!gt) break // no GT in this VCF
      const contigs = b.core.contigs()
      for (const i of b.indices()) {
        const par = pars.get(contigs[b.chromId[i]])
        if (!par || inIntervals(b.pos[i], par)) continue
        const stride = gt.stride[i]
        if (stride === 0) continue
        for (let j = 0; j < cols.length; j++) {
          const base = gt.at[i] + cols[j] * stride
          let n = 0, alt = 0, first = -1, differs = false
          for (let k = 0; k < stride; k++) {
            const g = b.i32[base + k]
            if (g === GT_VECTOR_END) break
            if (g >> 1 === 0) continue // missing allele
            const a = (g >> 1) - 1
            if (first < 0) first = a
            else if (a !== first) differs = true
            if (a > 0) alt++
            n++
          }
          if (alt === 0) continue
          if (n === 1) hemi[j]++
          else if (differs) het[j]++
          else homAlt[j]++
        }
      }
    }
  }
  return cols.map((s, j) => callOf(names[s], het[j], homAlt[j], hemi[j], declared[0]?.id))
}

function callOf(sample: string, het: number, homAlt: number, hemi: number, x: string | undefined): VcfSexCall {
  const nonRef = het + homAlt + hemi
  const hetFraction = nonRef > 0 ? het / nonRef : NaN
  const T = VCF_SEX_THRESHOLDS
  const base = { sample, het, homAlt, hemizygous: hemi, hetFraction, x }
  const counts = `${het} het, ${homAlt} hom-alt, ${hemi} hemizygous non-PAR X calls`
  if (nonRef < T.minSites) return { ...base, call: 'unknown', reason: `too few non-reference X calls (${counts}; need ${T.minSites})` }
  if (hetFraction < T.maleMax) return { ...base, call: 'male', reason: `X is hemizygous: ${counts}` }
  if (hetFraction > T.femaleMin) return { ...base, call: 'female', reason: `X is heterozygous: ${counts}` }
  return { ...base, call: 'unknown', reason: `ambiguous X heterozygosity ${hetFraction.toFixed(2)} (${counts})` }
}

/** X batches through the index, or the whole file when there is none. */
async function* xBatches(reader: VcfReader, regions: Region[]): AsyncGenerator<RecordBatch> {
  const it = reader.batches({ format: ['GT'], regions })[Symbol.asyncIterator]()
  let first: IteratorResult<RecordBatch>
  try {
    first = await it.next()
  } catch (e) {
    if (!(e instanceof IndexError)) throw e
    yield* reader.batches({ format: ['GT'] })
    return
  }
  if (first.done) return
  yield first.value
  for (let r = await it.next(); !r.done; r = await it.next()) yield r.value
}
