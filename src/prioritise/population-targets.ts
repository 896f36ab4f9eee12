// The population VCF restricted to the target regions. Prioritisation joins population values
// to the targeted records only (select.ts), and a record matches only a population record
// with the same POS/REF/ALT, which then overlaps a target too: the rows overlapping the targets
// are all the join can use. A whole gnomAD (hundreds of millions of sites) neither fits in
// memory nor should be downloaded by the browser, so those rows are read through the file's
// .csi/.tbi index; without one, the whole file is read (with a warning), as before.
import { VcfReader } from '../reader/reader.js'
import type { RegionIndex } from '../reader/indexed.js'
import { tableFromReader } from '../annotate/source-vcf.js'
import type { AnnotationTable } from '../annotate/table.js'
import { ContigResolver } from '../annotate/contigs.js'
import { openSibling, openSource, type VcfInput } from '../source/source.js'
import type { Region } from '../region/region.js'
import type { TargetRegions } from './targets.js'

/** A bundle file (src/resources/model.ts ResourceFile has this shape) or a bare input. */
export interface PopulationFile {
  input: VcfInput
  path: string
  indexInput?(kind: 'csi' | 'tbi'): VcfInput | undefined
}

/**
 * Neighbouring targets whose index chunks lie within this many compressed bytes are read as
 * one region: reading the bytes between costs less than another HTTP range request, or than
 * inflating the same BGZF block once per exon (a sparse population file holds many exons in
 * one block; a dense one, like gnomAD's, far fewer).
 */
export const MERGE_BYTES = 64 << 10

export interface TargetedLoadOptions {
  onWarning?: (message: string) => void
  mergeBytes?: number
}

/**
 * The INFO `wanted` (those the header declares) of the population records overlapping a
 * target (REF span, as the target cut measures it), each once, sorted by contig and position.
 * Without `targets`, every record.
 */
export async function loadPopulationTable(file: PopulationFile, wanted: readonly string[], targets?: TargetRegions,
  opts: TargetedLoadOptions = {}): Promise<AnnotationTable> {
  const index = targets ? await findIndex(file) : undefined
  // no read-ahead for region reads: it would inflate the start of the file for nothing
  const reader = await VcfReader.open(file.input, { index, overlapInflate: index === undefined })
  const fields = wanted.filter((f) => reader.header.info.has(f))
  if (!targets) return tableFromReader(reader, fields)
  if (index === undefined) {
    opts.onWarning?.(`${file.path}: the population file has no .csi/.tbi index, so all of it is loaded, not only the target regions ` +
      '(index it, e.g. `vartriage index`, for less memory and, over HTTP, less download)')
    return tableFromReader(reader, fields)
  }
  const regions = await queryRegions(await reader.regionIndex(), targets, opts.mergeBytes ?? MERGE_BYTES)
  // the merged regions also span the gaps between targets: cut back to the targets exactly
  return tableFromReader(reader, fields, { regions, keep: (b) => targets.mask(b) })
}

/** The bundle's index of the file, else a FILE.csi / FILE.tbi beside a path or URL. */
async function findIndex(file: PopulationFile): Promise<VcfInput | undefined> {
  const given = file.indexInput?.('csi') ?? file.indexInput?.('tbi')
  if (given !== undefined) return given
  if (file.input === '-') return undefined
  const location = (await openSource(file.input)).location // a path or URL; none for Blobs and handles
  if (location === undefined) return undefined
  for (const ext of ['.csi', '.tbi']) if (await openSibling(location, ext)) return location + ext
  return undefined
}

/**
 * The targets as query regions in the file's contig names ('1' or 'chr1', whichever it uses),
 * in the file's contig order (so the table's rows come in file order, as a whole-file load's),
 * neighbours merged when their index chunks are within `mergeBytes`; targets the index has no
 * data for are left out.
 */
export async function queryRegions(ix: RegionIndex, targets: TargetRegions, mergeBytes = MERGE_BYTES): Promise<Region[]> {
  const resolver = new ContigResolver(ix.refNames)
  const perContig: Array<{ k: number; regions: Region[] }> = []
  for (const contig of targets.contigs) {
    const k = resolver.resolve(contig)
    if (k < 0) continue
    const chrom = ix.refNames[k]
    const regions: Region[] = []
    let lastBlock = -Infinity // compressed offset of the last block the current region reads
    for (const [start, end] of targets.intervals(contig)) {
      const chunks = await ix.index.blocksForRange(chrom, start - 1, end)
      if (chunks.length === 0) continue
      let first = Infinity, last = -Infinity
      for (const c of chunks) { first = Math.min(first, c.minv.blockPosition); last = Math.max(last, c.maxv.blockPosition) }
      const cur = regions[regions.length - 1]
      if (cur && first <= lastBlock + mergeBytes) { cur.end = end; lastBlock = Math.max(lastBlock, last) }
      else { regions.push({ chrom, start, end }); lastBlock = last }
    }
    perContig.push({ k, regions })
  }
  return perContig.sort((a, b) => a.k - b.k).flatMap((c) => c.regions)
}
