// Indexed reference FASTA (plain + .fai, or bgzip + .fai + .gzi) read through
// @gmod/indexedfasta, with a window cache: normalisation and consequence calling ask for
// many short, mostly increasing stretches, so whole windows are read once and sliced.
import { BgzipIndexedFasta, IndexedFasta } from '@gmod/indexedfasta'
import { BlobFile, type GenericFilehandle } from 'generic-filehandle2'
import { openSibling, openSource, type VcfInput } from '../source/source.js'
import { paged } from '../source/paged.js'
import { VcfParseError } from '../errors.js'

export interface ReferenceOptions {
  /** The .fai (default: FASTA path + '.fai'). */
  fai?: VcfInput
  /** The .gzi of a bgzipped FASTA (default: FASTA path + '.gzi'). */
  gzi?: VcfInput
  /** Bases per cached window (default 1 Mb); a few windows are kept. */
  window?: number
  /** Keep the FASTA's case (soft-masking) instead of upper-casing (norm pads alleles with it). */
  keepCase?: boolean
}

const KEEP_WINDOWS = 8

export class Reference {
  private readonly lengths = new Map<string, number>()
  private readonly cache = new Map<string, string>() // `${name}:${windowIndex}` -> bases, insertion-ordered (LRU)
  private readonly windowSize: number
  private readonly keepCase: boolean

  private constructor(readonly label: string, private readonly fasta: IndexedFasta, sizes: Record<string, number>, opts: ReferenceOptions) {
    for (const [k, v] of Object.entries(sizes)) this.lengths.set(k, v)
    this.windowSize = opts.window ?? 1 << 20
    this.keepCase = opts.keepCase ?? false
  }

  /** Opens a FASTA from a path, URL, Blob or handle; bgzip is detected from the magic bytes. */
  static async open(input: VcfInput, opts: ReferenceOptions = {}): Promise<Reference> {
    const src = await openSource(input)
    if (!src.handle) throw new VcfParseError('a reference FASTA must be a file, URL or Blob (not standard input)', { file: src.label })
    const side = async (given: VcfInput | undefined, suffix: string): Promise<GenericFilehandle | undefined> => {
      if (given !== undefined) { const s = await openSource(given); return s.handle && paged(s.handle, s.location) }
      const h = src.location ? await openSibling(src.location, suffix) : undefined
      return h && paged(h, src.location)
    }
    src.handle = paged(src.handle, src.location)
    const magic = await src.handle.read(4, 0)
    const bgzip = magic[0] === 0x1f && magic[1] === 0x8b
    let fai = await side(opts.fai, '.fai')
    if (!fai && !bgzip) fai = await buildFai(src.handle, src.label) // like samtools, but in memory: the folder may be read-only
    if (!fai) throw new VcfParseError('the bgzipped reference FASTA has no .fai index (samtools faidx makes one)', { file: src.label })
    let fasta: IndexedFasta
    if (bgzip) {
      const gzi = await side(opts.gzi, '.gzi')
      if (!gzi) throw new VcfParseError('a bgzipped FASTA needs its .gzi index (samtools faidx makes one)', { file: src.label })
      fasta = new BgzipIndexedFasta({ fasta: src.handle, fai, gzi })
    } else {
      fasta = new IndexedFasta({ fasta: src.handle, fai })
    }
    let sizes: Record<string, number>
    try {
      sizes = await fasta.getSequenceSizes()
    } catch (e) {
      throw new VcfParseError(`unreadable .fai index: ${(e as Error).message}`, { file: src.label })
    }
    return new Reference(src.label, fasta, sizes, opts)
  }

  /** Sequence names in .fai order. */
  names(): string[] { return [...this.lengths.keys()] }

  /**
   * The reference's name for a VCF/GFF contig name, reconciling a `chr` prefix (chr1 / 1,
   * chrM / MT), or undefined when the reference lacks it.
   */
  resolve(name: string): string | undefined {
    if (this.lengths.has(name)) return name
    for (const alt of alternateNames(name)) if (this.lengths.has(alt)) return alt
    return undefined
  }

  length(name: string): number | undefined {
    const r = this.resolve(name)
    return r === undefined ? undefined : this.lengths.get(r)
  }

  /**
   * Bases [start, end) (0-based, half-open), upper-cased (unless keepCase), clipped to the contig; undefined
   * for an unknown contig.
   */
  async fetch(name: string, start: number, end: number): Promise<string | undefined> {
    const r = this.resolve(name)
    if (r === undefined) return undefined
    const len = this.lengths.get(r)!
    start = Math.max(0, start)
    end = Math.min(len, end)
    if (end <= start) return ''
    const w = this.windowSize
    const first = Math.floor(start / w), last = Math.floor((end - 1) / w)
    let out = ''
    for (let k = first; k <= last; k++) {
      const win = await this.window(r, k, len)
      const from = Math.max(start - k * w, 0), to = Math.min(end - k * w, win.length)
      out += win.slice(from, to)
    }
    return out
  }

  private async window(name: string, k: number, len: number): Promise<string> {
    const key = `${name}:${k}`
    const hit = this.cache.get(key)
    if (hit !== undefined) {
      this.cache.delete(key)
      this.cache.set(key, hit)
      return hit
    }
    const w = this.windowSize
    const seq = (await this.fasta.getSequence(name, k * w, Math.min((k + 1) * w, len))) ?? ''
    const up = this.keepCase ? seq : seq.toUpperCase()
    this.cache.set(key, up)
    if (this.cache.size > KEEP_WINDOWS) this.cache.delete(this.cache.keys().next().value!)
    return up
  }
}

const MAX_UNINDEXED = 256 << 20

/** A .fai for a plain FASTA without one, built by one pass over the file (bounded size). */
async function buildFai(handle: GenericFilehandle, label: string): Promise<GenericFilehandle> {
  const { size } = await handle.stat()
  if (size > MAX_UNINDEXED) throw new VcfParseError(`the reference FASTA has no .fai index and is too large to index in memory (${size} bytes); run samtools faidx`, { file: label })
  const buf = await handle.read(size, 0)
  const rows: string[] = []
  let p = 0
  let name = '', len = 0, offset = 0, lineBases = 0, lineBytes = 0, lineNo = 0
  const flush = () => { if (name) rows.push(`${name}\t${len}\t${offset}\t${lineBases}\t${lineBytes}`) }
  while (p < buf.length) {
    let nl = buf.indexOf(10, p)
    if (nl < 0) nl = buf.length
    lineNo++
    const cr = nl > p && buf[nl - 1] === 13 ? 1 : 0
    if (buf[p] === 62 /* > */) {
      flush()
      let e = p + 1
      while (e < nl - cr && buf[e] !== 32 && buf[e] !== 9) e++
      name = new TextDecoder().decode(buf.subarray(p + 1, e))
      len = 0; offset = nl + 1; lineBases = 0; lineBytes = 0
    } else if (nl - cr > p) {
      if (!name) throw new VcfParseError('FASTA sequence before the first ">" header line', { file: label, line: lineNo })
      if (lineBases === 0) { lineBases = nl - cr - p; lineBytes = nl + 1 - p }
      len += nl - cr - p
    }
    p = nl + 1
  }
  flush()
  return new BlobFile(new Blob([rows.join('\n') + '\n']))
}

/** Other spellings of a contig name: with/without `chr`, and the mitochondrion's M/MT. */
export function alternateNames(name: string): string[] {
  const bare = name.startsWith('chr') ? name.slice(3) : name
  const out = [bare, `chr${bare}`]
  if (bare === 'M' || bare === 'MT') out.push('MT', 'M', 'chrM', 'chrMT')
  return out.filter((n) => n !== name)
}
