// Chromosomal sex from relative coverage: one X copy reads as ~0.5 of the autosomal median,
// two as ~1.0; a Y reads as ~0.5 when present and ~0 when absent. X decides; Y confirms and
// tells apart the karyotypes X alone cannot (45,X has X 0.5 and no Y; 47,XXY X 1.0 and a Y).
import type { BamIndexResult } from './bam-index.js'
import { median } from './bam-index.js'
import { overlapsIntervals, parIntervals } from './chromosomes.js'

export type Sex = 'male' | 'female' | 'unknown'

export interface SexCall {
  call: Sex
  /** Median normalised coverage of X's full windows with data, PARs excluded; NaN without an X. */
  xRatio: number
  /** The same for Y (0 when no Y window has data); NaN without a Y reference. */
  yRatio: number
  /** Fraction of Y's full non-PAR windows that have any data. */
  yCovered: number
  x?: string
  y?: string
  /** Why the call was made (or not), in words. */
  reason: string
}

/**
 * The thresholds. X: 0.5 for one copy, 1.0 for two; the gaps between the bands leave room for
 * noise and mosaicism (a mosaic 45,X/46,XX falls between them and is reported 'unknown').
 * Y: a female's Y still collects mismapped reads, mostly in the X-transposed region (~3.4 Mb,
 * 99% identical to Xq21), where they look like a single copy; so presence also requires data
 * across a fifth of Y's windows (a male has data over ~40% of GRCh38's Y, whose heterochromatin
 * and masked PARs have none), and absence is either a low ratio or almost no windows with data.
 */
export const SEX_THRESHOLDS = {
  /** One X: xRatio in [xOneMin, xOneMax). */
  xOneMin: 0.3, xOneMax: 0.7,
  /** Two X: xRatio in [xTwoMin, xTwoMax]. */
  xTwoMin: 0.75, xTwoMax: 1.3,
  /** Y present: yRatio >= yPresentRatio and yCovered >= yPresentCovered. */
  yPresentRatio: 0.2, yPresentCovered: 0.2,
  /** Y absent: yRatio < yAbsentRatio or yCovered < yAbsentCovered. */
  yAbsentRatio: 0.1, yAbsentCovered: 0.05,
} as const

/** Calls sex from a readBamIndex result. */
export function inferSex(result: BamIndexResult): SexCall {
  const T = SEX_THRESHOLDS
  const xRef = result.references.find((r) => r.kind === 'X')
  const yRef = result.references.find((r) => r.kind === 'Y')
  const x = xRef ? ratio(result, result.references.indexOf(xRef), 'X') : undefined
  const y = yRef ? ratio(result, result.references.indexOf(yRef), 'Y') : undefined
  const xRatio = x?.median ?? NaN
  const yRatio = y ? (Number.isNaN(y.median) ? 0 : y.median) : NaN
  const yCovered = y?.covered ?? 0
  const base = { xRatio, yRatio, yCovered, x: xRef?.name, y: yRef?.name }
  if (Number.isNaN(result.medianBytes) || result.medianBytes === 0) return { ...base, call: 'unknown', reason: 'no autosomal coverage to compare with' }
  if (!xRef) return { ...base, call: 'unknown', reason: 'no X chromosome in the references' }
  if (Number.isNaN(xRatio)) return { ...base, call: 'unknown', reason: `no reads on ${xRef.name}` }
  const oneX = xRatio >= T.xOneMin && xRatio < T.xOneMax
  const twoX = xRatio >= T.xTwoMin && xRatio <= T.xTwoMax
  const f = (v: number) => v.toFixed(2)
  if (!yRef) {
    if (oneX) return { ...base, call: 'male', reason: `one X (ratio ${f(xRatio)}); no Y reference to confirm` }
    if (twoX) return { ...base, call: 'female', reason: `two X (ratio ${f(xRatio)}); no Y reference to confirm` }
    return { ...base, call: 'unknown', reason: `X ratio ${f(xRatio)} is neither one nor two copies` }
  }
  const yPresent = yRatio >= T.yPresentRatio && yCovered >= T.yPresentCovered
  const yAbsent = yRatio < T.yAbsentRatio || yCovered < T.yAbsentCovered
  const ys = `Y ratio ${f(yRatio)} over ${(100 * yCovered).toFixed(0)}% of Y`
  if (oneX && yPresent) return { ...base, call: 'male', reason: `one X (ratio ${f(xRatio)}) and a Y (${ys})` }
  if (twoX && yAbsent) return { ...base, call: 'female', reason: `two X (ratio ${f(xRatio)}) and no Y (${ys})` }
  if (oneX && yAbsent) return { ...base, call: 'unknown', reason: `one X and no Y (X ${f(xRatio)}, ${ys}): 45,X?` }
  if (twoX && yPresent) return { ...base, call: 'unknown', reason: `two X and a Y (X ${f(xRatio)}, ${ys}): 47,XXY?` }
  return { ...base, call: 'unknown', reason: `ambiguous: X ratio ${f(xRatio)}, ${ys}` }
}

/** Median (over full non-PAR windows with data) and the fraction of such windows with data. */
function ratio(result: BamIndexResult, i: number, kind: 'X' | 'Y'): { median: number; covered: number } {
  const ref = result.references[i]
  const w = result.windows
  // a toy genome's X has no PAR: only exclude the PARs of a recognised GRCh37/38 X or Y
  const pars = parIntervals(kind, ref.length, 'none')
  const vals: number[] = []
  let full = 0
  for (let k = ref.windowStart; k < ref.windowStart + ref.windowCount; k++) {
    if (w.end[k] - w.start[k] !== result.windowSize || overlapsIntervals(w.start[k], w.end[k], pars)) continue
    full++
    if (w.bytes[k] > 0) vals.push(w.coverage[k])
  }
  return { median: median(vals), covered: full > 0 ? vals.length / full : 0 }
}
