// Coverage outliers: runs of windows far from the expected copy number (possible deletions
// and duplications) and whole chromosomes off it (aneuploidy). Expectation is 1.0 for
// autosomes and follows the sex call for X and Y (0.5 each in a male, X 1.0 in a female,
// whose Y is not assessed), so a male X is not one long "deletion".
//
// Runs of zero coverage also mark assembly gaps (telomeres, centromere models, N blocks):
// an index cannot tell a gap from a deletion, so cross-check flagged regions against a gap
// track before calling them deletions.
import type { BamIndexResult } from './bam-index.js'
import type { SexCall } from './sex.js'

export interface CoverageFlagOptions {
  /** Coverage / expected below this is a loss (default 0.3). */
  low?: number
  /** Coverage / expected above this is a gain (default 1.7). */
  high?: number
  /** Shortest run reported, in windows (default 2: single windows are mostly noise). */
  minWindows?: number
  /** Whole-chromosome flags: median / expected outside [1 - tolerance, 1 + tolerance] (default 0.25). */
  tolerance?: number
  /** Whole-chromosome flags need this many windows with data (default 10). */
  minChromWindows?: number
}

export interface FlaggedRegion {
  chrom: string
  /** 0-based half-open, on window boundaries. */
  start: number
  end: number
  type: 'loss' | 'gain'
  windows: number
  /** Mean normalised coverage over the run. */
  coverage: number
  /** Copy-number expectation the run was compared with (normalised: 1.0 = two copies). */
  expected: number
}

export interface AneuploidyFlag {
  chrom: string
  type: 'loss' | 'gain'
  median: number
  expected: number
}

export interface CoverageFlags {
  regions: FlaggedRegion[]
  aneuploidy: AneuploidyFlag[]
}

/** Expected normalised coverage of a reference, or undefined when it is not assessed. */
export function expectedCoverage(kind: string, sex: SexCall | undefined): number | undefined {
  if (kind === 'autosome') return 1
  if (kind === 'X') return sex?.call === 'male' ? 0.5 : sex?.call === 'female' ? 1 : undefined
  if (kind === 'Y') return sex?.call === 'male' ? 0.5 : undefined
  return undefined
}

export function flagCoverage(result: BamIndexResult, sex?: SexCall, opts: CoverageFlagOptions = {}): CoverageFlags {
  const low = opts.low ?? 0.3, high = opts.high ?? 1.7, minWindows = opts.minWindows ?? 2
  const tol = opts.tolerance ?? 0.25, minChrom = opts.minChromWindows ?? 10
  const w = result.windows
  const regions: FlaggedRegion[] = []
  const aneuploidy: AneuploidyFlag[] = []
  for (const ref of result.references) {
    const expected = expectedCoverage(ref.kind, sex)
    if (expected === undefined) continue
    let run: { type: 'loss' | 'gain'; from: number; to: number; sum: number } | undefined
    const close = () => {
      if (run && run.to - run.from >= minWindows) {
        regions.push({
          chrom: ref.name, start: w.start[run.from], end: w.end[run.to - 1], type: run.type,
          windows: run.to - run.from, coverage: run.sum / (run.to - run.from), expected,
        })
      }
      run = undefined
    }
    for (let k = ref.windowStart; k < ref.windowStart + ref.windowCount; k++) {
      const c = w.coverage[k]
      const rel = c / expected
      const type = Number.isNaN(c) ? undefined : rel < low ? 'loss' : rel > high ? 'gain' : undefined
      if (run && run.type !== type) close()
      if (!type) continue
      run ??= { type, from: k, to: k, sum: 0 }
      run.to = k + 1
      run.sum += c
    }
    close()
    const withData = Math.round(ref.covered * ref.windowCount)
    if (withData >= minChrom && !Number.isNaN(ref.median)) {
      const rel = ref.median / expected
      if (rel < 1 - tol || rel > 1 + tol) aneuploidy.push({ chrom: ref.name, type: rel < 1 ? 'loss' : 'gain', median: ref.median, expected })
    }
  }
  return { regions, aneuploidy }
}
