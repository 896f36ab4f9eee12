// `vartriage index`: one pass over a bgzipped VCF, mapping every record to its BGZF virtual
// offsets and feeding them to the index builder.
import { existsSync, writeFileSync } from 'node:fs'
import { IndexError, UsageError } from '../errors.js'
import { IndexBuilder } from '../index/writer.js'
import { VcfReader } from '../reader/reader.js'
import type { Block } from '../bgzf/blocks.js'
import { Col } from '../wasm/core.js'

export interface IndexOptions {
  /** Where to write the index (default: the file's path + .csi/.tbi; required for '-'). */
  output?: string
  format: 'tbi' | 'csi'
  force?: boolean
  onWarning?: (m: string) => void
  onProgress?: (done: number, total: number | undefined) => void
}

/** Maps uncompressed stream offsets to virtual offsets; offsets must be queried in order. */
class VirtualOffsets {
  private coff: number[] = []
  private ustart: number[] = []
  private usize: number[] = []
  private total = 0
  private k = 0

  add(blocks: Block[]): void {
    for (const b of blocks) {
      this.coff.push(b.coff)
      this.ustart.push(this.total)
      this.usize.push(b.usize)
      this.total += b.usize
    }
  }

  /** Where the EOF block starts, when the file has one: htslib ends the last chunk there. */
  eofOffset(): bigint | undefined {
    const k = this.coff.length - 1
    return k >= 0 && this.usize[k] === 0 ? BigInt(this.coff[k]) << 16n : undefined
  }

  at(u: number): bigint {
    while (this.k + 1 < this.coff.length && u >= this.ustart[this.k] + this.usize[this.k]) this.k++
    const within = u - this.ustart[this.k]
    // htslib reports the end of a block as the start of the next one
    if (within === this.usize[this.k] && this.k + 1 < this.coff.length) return BigInt(this.coff[this.k + 1]) << 16n
    return (BigInt(this.coff[this.k]) << 16n) | BigInt(within)
  }
}

export async function indexVcf(path: string, opts: IndexOptions): Promise<string> {
  // like bcftools: standard input has no name to put the index beside, so it needs -o
  if (path === '-' && !opts.output) throw new UsageError('index: reading standard input, the index needs a name: -o FILE.csi (or .tbi)')
  const out = opts.output ?? `${path}.${opts.format}`
  if (existsSync(out) && !opts.force) throw new UsageError(`${out} already exists (use -f to overwrite)`)
  const voffs = new VirtualOffsets()
  let bgzf = false
  const reader = await VcfReader.open(path, {
    onWarning: opts.onWarning,
    onProgress: opts.onProgress,
    onBlocks: (b) => { bgzf = true; voffs.add(b) },
  })
  const maxRefLength = Math.max(0, ...reader.header.contigs.map((c) => c.length ?? 0))
  const builder = new IndexBuilder({ format: opts.format, file: path, maxRefLength })
  const headerLines = reader.header.text.split('\n').length - 1
  let linesBefore = headerLines // text lines before the current batch
  for await (const b of reader.batches()) {
    if (!bgzf) throw new IndexError('only BGZF-compressed files can be indexed (compress with bgzip or vartriage view -Oz)', { file: path })
    for (let i = 0; i < b.n; i++) {
      const start = b.baseOffset + b.lineStart[i]
      const le = b.lineEnd[i]
      const nl = b.bytes[le] === 13 ? le + 2 : le + 1
      const end = b.baseOffset + Math.min(nl, b.bytes.length)
      try {
        builder.add(b.chrom(i), b.pos[i] - 1, b.pos[i] - 1 + Math.max(1, b.rlen[i]), voffs.at(start), voffs.at(end))
      } catch (e) {
        // name the line too (the builder only counts records)
        if (e instanceof IndexError && e.record !== undefined) {
          throw new IndexError(e.reason, { file: e.file, line: linesBefore + b.core.col(Col.LINE_NO, b.n)[i] + 1, record: e.record }, { cause: e })
        }
        throw e
      }
    }
    linesBefore = headerLines + reader.stats.lines
  }
  if (!bgzf) throw new IndexError('only BGZF-compressed files can be indexed (compress with bgzip or vartriage view -Oz)', { file: path })
  writeFileSync(out, builder.finish(voffs.eofOffset()))
  return out
}
