// The effective target size of a TMB: a BED file (intervals merged, then summed), a number of
// megabases, or by default the coding bases of the gene model's canonical protein-coding
// transcripts (CDS intervals merged, so overlapping genes count once).
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { normalizeRegions, parseRegionFile, type Region } from '../region/region.js'
import { alternateNames } from '../reference/fasta.js'
import { isCoding, type GeneModel } from '../csq/gene-model.js'
import { RegionError } from '../errors.js'

export interface Target {
  /** 'bed' (a file), 'mb' (a number given), 'canonical-cds' (the gene model's canonical CDS). */
  source: 'bed' | 'mb' | 'canonical-cds'
  bases: number
  mb: number
  file?: string
  /** Merged intervals per contig (1-based inclusive), absent for 'mb': then every variant is inside. */
  intervals?: Map<string, { start: Int32Array; end: Int32Array }>
  description: string
}

function build(regions: Region[]): { bases: number; intervals: Target['intervals'] } {
  const merged = normalizeRegions(regions)
  const by = new Map<string, Region[]>()
  let bases = 0
  for (const r of merged) { bases += r.end - r.start + 1; by.set(r.chrom, [...(by.get(r.chrom) ?? []), r]) }
  const intervals = new Map<string, { start: Int32Array; end: Int32Array }>()
  for (const [c, rs] of by) intervals.set(c, { start: Int32Array.from(rs.map((r) => r.start)), end: Int32Array.from(rs.map((r) => r.end)) })
  return { bases, intervals }
}

export function targetFromBed(file: string): Target {
  if (!/\.bed(\.gz)?$/i.test(file)) throw new RegionError('a target file must be BED (named *.bed or *.bed.gz)', { file })
  let bytes = readFileSync(file)
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes)
  const { bases, intervals } = build(parseRegionFile(bytes.toString('utf8'), file))
  if (bases === 0) throw new RegionError('the target BED has no intervals', { file })
  return { source: 'bed', bases, mb: bases / 1e6, file, intervals, description: `BED intervals, merged: ${bases} bases` }
}

export function targetFromMb(mb: number): Target {
  if (!(mb > 0) || !Number.isFinite(mb)) throw new RangeError(`the target size must be a positive number of megabases, got ${mb}`)
  return { source: 'mb', bases: Math.round(mb * 1e6), mb, description: `${mb} Mb as given; every somatic variant counts as inside` }
}

/** Canonical protein-coding CDS (all protein-coding CDS when no transcript is tagged canonical). */
export function targetFromModel(model: GeneModel): Target {
  const coding = model.transcripts.filter((t) => isCoding(t.type) && t.biotype === 'protein_coding' && t.cds.length > 0)
  const canonical = coding.filter((t) => t.canonical)
  const use = canonical.length > 0 ? canonical : coding
  const regions: Region[] = []
  for (const t of use) for (const c of t.cds) regions.push({ chrom: t.chrom, start: c.beg + 1, end: c.beg + c.len })
  const { bases, intervals } = build(regions)
  const which = canonical.length > 0 ? `${use.length} canonical protein-coding transcripts` : `${use.length} protein-coding transcripts (none tagged canonical)`
  return { source: 'canonical-cds', bases, mb: bases / 1e6, intervals, description: `coding bases (CDS, merged) of the ${which}: ${bases} bases` }
}

/** Whether [start, end] (1-based inclusive) overlaps the target; chr prefixes reconciled. */
export function inTarget(t: Target, chrom: string, start: number, end: number): boolean {
  if (!t.intervals) return true
  let iv = t.intervals.get(chrom)
  if (!iv) for (const a of alternateNames(chrom)) { iv = t.intervals.get(a); if (iv) break }
  if (!iv) return false
  // last interval starting at or before `end`
  let lo = 0, hi = iv.start.length - 1, k = -1
  while (lo <= hi) { const mid = (lo + hi) >> 1; if (iv.start[mid] <= end) { k = mid; lo = mid + 1 } else hi = mid - 1 }
  return k >= 0 && iv.end[k] >= start
}
