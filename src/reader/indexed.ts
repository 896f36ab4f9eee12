// Region access through a .csi or .tbi index. @gmod/tabix parses the index and turns a
// region into chunks (virtual-offset ranges); we read and inflate those bytes ourselves so
// the records go through the same WASM batch parser as a whole-file scan.
import { CSI, TBI } from '@gmod/tabix'
import type { GenericFilehandle } from 'generic-filehandle2'
import { IndexError } from '../errors.js'
import { bgzfBlockSize, scanBlocks, type Block } from '../bgzf/blocks.js'
import { inflateMembers } from '../bgzf/inflate.js'
import { openSibling, openSource, type ByteSource, type VcfInput } from '../source/source.js'
import { normalizeRegions, type Region } from '../region/region.js'

export interface RegionIndex {
  kind: 'csi' | 'tbi'
  label: string
  index: TBI | CSI
  refNames: string[]
  fileSize: number
}

/** Opens the index given, or FILE.csi, or FILE.tbi (.csi first: it also covers contigs > 2^29). */
export async function openIndex(src: ByteSource, given?: VcfInput): Promise<RegionIndex> {
  if (!src.handle) throw new IndexError('region queries need a seekable file, not a stream', { file: src.label })
  let handle: GenericFilehandle | undefined
  let label: string
  let kind: 'csi' | 'tbi'
  if (given !== undefined) {
    const s = await openSource(given)
    handle = s.handle
    label = s.label
    const head = handle ? await handle.read(4, 0).catch(() => undefined) : undefined
    // Blobs and handles have no telling name: then look inside the first BGZF block
    kind = sniffKind(head) ?? (/\.csi$/i.test(label) ? 'csi' : /\.tbi$/i.test(label) ? 'tbi' : undefined) ??
      (handle ? await sniffCompressed(handle, label) : undefined) ?? 'tbi'
  } else {
    const loc = src.location
    if (!loc) throw new IndexError('no index given for a Blob/filehandle source (pass options.index)', { file: src.label })
    handle = await openSibling(loc, '.csi')
    kind = 'csi'
    label = loc + '.csi'
    if (!handle) { handle = await openSibling(loc, '.tbi'); kind = 'tbi'; label = loc + '.tbi' }
    if (!handle) throw new IndexError('no index found (looked for .csi and .tbi); create one with `vartriage index`', { file: src.label })
  }
  if (!handle) throw new IndexError('cannot open the index', { file: label })
  const index = kind === 'csi' ? new CSI({ filehandle: handle }) : new TBI({ filehandle: handle })
  let refNames: string[]
  try {
    const meta = await index.getMetadata()
    refNames = meta.refIdToName
  } catch (e) {
    throw new IndexError(`corrupt ${kind} index: ${(e as Error).message}`, { file: label }, { cause: e })
  }
  const fileSize = (await src.handle.stat()).size
  return { kind, label, index, refNames, fileSize }
}

function sniffKind(head: Uint8Array | undefined): 'csi' | 'tbi' | undefined {
  // indexes are BGZF-compressed, so the magic is inside; decide by name unless plain
  if (!head) return undefined
  const s = String.fromCharCode(...head)
  if (s === 'CSI\x01') return 'csi'
  if (s === 'TBI\x01') return 'tbi'
  return undefined
}

/** The magic inside a BGZF-compressed index (its first block, at most 64 KiB). */
async function sniffCompressed(handle: GenericFilehandle, label: string): Promise<'csi' | 'tbi' | undefined> {
  try {
    const buf = await handle.read(65536, 0)
    const size = bgzfBlockSize(buf, 0)
    if (size <= 0 || size > buf.length) return undefined
    return sniffKind((await inflateMembers(buf.subarray(0, size), label, 0)).subarray(0, 4))
  } catch {
    return undefined // unreadable or not BGZF: the index parser reports it
  }
}

export interface RegionPiece {
  chrom: string
  start: number
  end: number
  /** Inflated bytes from the chunk start to its end (whole lines). */
  data: Uint8Array
  /** A key that increases with the file position of data[offset] (for de-duplication). */
  keyOf(offset: number): number
}

/** Inflated chunks covering each (merged, sorted) region. */
export async function* regionChunks(src: ByteSource, ix: RegionIndex, regions: Region[], signal?: AbortSignal): AsyncGenerator<RegionPiece> {
  const h = src.handle!
  for (const r of normalizeRegions(regions)) {
    signal?.throwIfAborted()
    if (!ix.refNames.includes(r.chrom)) continue // contig not in the index: nothing there
    let chunks
    try {
      chunks = await ix.index.blocksForRange(r.chrom, r.start - 1, r.end, {})
    } catch (e) {
      throw new IndexError(`cannot query ${r.chrom}:${r.start}-${r.end}: ${(e as Error).message}`, { file: ix.label }, { cause: e })
    }
    for (const c of chunks) {
      const startC = c.minv.blockPosition, endC = c.maxv.blockPosition
      if (endC > ix.fileSize || startC > endC) {
        throw new IndexError(`index points at byte ${endC} beyond the end of the data file (${ix.fileSize} bytes): stale or corrupt index`, { file: ix.label })
      }
      // read through the end of the block holding maxv (a BGZF block is at most 64 KiB)
      const len = Math.min(endC - startC + 65536, ix.fileSize - startC)
      const raw = await h.read(len, startC)
      const { blocks, used } = scanBlocks(raw, startC, src.label)
      const keep: Block[] = []
      for (const b of blocks) { if (b.coff > endC) break; keep.push(b) }
      const lastUsed = keep.length ? keep[keep.length - 1].coff + keep[keep.length - 1].csize - startC : 0
      if (keep.length === 0 || lastUsed > used) throw new IndexError(`chunk at byte ${startC} does not start a BGZF block: stale or corrupt index`, { file: ix.label })
      const inflated = await inflateMembers(raw.subarray(0, lastUsed), src.label, startC)
      // cumulative inflated starts per block
      const ustart: number[] = []
      let acc = 0
      for (const b of keep) { ustart.push(acc); acc += b.usize }
      const lastStart = ustart[ustart.length - 1]
      const from = c.minv.dataPosition
      const to = keep[keep.length - 1].coff === endC ? lastStart + c.maxv.dataPosition : acc
      const data = inflated.subarray(from, Math.max(from, to))
      // chunks start and end at record boundaries; anything else is an index of another file
      // (parsing it would fail on, or silently cut, the records at the ends)
      const atEof = to === acc && startC + lastUsed + 28 >= ix.fileSize // last record may lack '\n'
      if (from > inflated.length || (from > 0 && inflated[from - 1] !== 10) || (data.length > 0 && data[data.length - 1] !== 10 && !atEof)) {
        throw new IndexError(`chunk ${startC}:${from}-${endC}:${c.maxv.dataPosition} does not fall on record boundaries in ${src.label}: stale index (of another or a since-changed file)`, { file: ix.label })
      }
      yield {
        chrom: r.chrom, start: r.start, end: r.end, data,
        keyOf(offset: number): number {
          const u = offset + from
          let lo = 0, hi = ustart.length - 1
          while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (ustart[mid] <= u) lo = mid; else hi = mid - 1 }
          return keep[lo].coff * 65536 + (u - ustart[lo])
        },
      }
    }
  }
}
