// VcfReader: the public entry for reading. Header first, then columnar batches for the whole
// file (streaming) or for regions (through the .csi/.tbi index).
import VCFParser from '@gmod/vcf'
import { VcfParseError } from '../errors.js'
import { parseHeader, type VcfHeader } from '../header/header.js'
import { Schema } from '../batch/schema.js'
import { RecordBatch } from '../batch/batch.js'
import { Res, TagKind, WType, WasmCore, PARSE_ERRORS } from '../wasm/core.js'
import { openSource, type ByteSource, type VcfInput } from '../source/source.js'
import { textChunks, type ChunkOptions, type TextChunk } from './chunks.js'
import { openIndex, regionChunks, type RegionIndex } from './indexed.js'
import type { Region } from '../region/region.js'
import { rangeText, type BlockRange } from '../bgzf/range-text.js'

export interface ReaderOptions {
  /** Index to use for region queries; by default FILE.csi, then FILE.tbi. */
  index?: VcfInput
  /** Undeclared INFO/FORMAT tags are errors (default: warn once per tag, like bcftools). */
  strict?: boolean
  /** Skip malformed records, count them and report at the end, instead of failing. */
  lenient?: boolean
  onWarning?: (message: string) => void
  onProgress?: (done: number, total: number | undefined) => void
  /** BGZF only: block geometry as it is read (used to compute virtual offsets). */
  onBlocks?: ChunkOptions['onBlocks']
  signal?: AbortSignal
  /** Target uncompressed bytes per batch (default 1 MiB). */
  batchBytes?: number
  /**
   * Whole-file BGZF reads on Node: inflate the next ~1 MiB of blocks on libuv's thread pool
   * while this thread parses (default true for VcfReader.open; the CLI, whose parallelism
   * is its worker threads, and shard readers keep everything on their own thread).
   */
  overlapInflate?: boolean
}

export interface BatchOptions {
  /**
   * Region queries (need an index): records overlapping any region, each once, contig by
   * contig in the order the list first names them (as bcftools), in file order within one.
   */
  regions?: Region[]
  /** INFO tags to decode into columns. */
  info?: string[]
  /** FORMAT tags to decode into columns (GT, AD, DP, GQ …). */
  format?: string[]
}

export interface ReadStats {
  records: number
  skipped: number
  undeclared: string[]
}

const MIN_LINE = 16 // shortest possible data line, bounds records per batch

export class VcfReader {
  readonly core: WasmCore
  readonly schema: Schema
  readonly stats: ReadStats = { records: 0, skipped: 0, undeclared: [] }
  private pending?: AsyncIterator<TextChunk>
  private leftover: Uint8Array
  private headerLines: number
  private headerBytes: number
  private parserCache?: VCFParser
  private warned = new Set<string>()
  private index?: RegionIndex | null
  private carryFrom = 0

  private constructor(readonly source: ByteSource, readonly header: VcfHeader, readonly opts: ReaderOptions,
    it: AsyncIterator<TextChunk>, leftover: Uint8Array, core: WasmCore) {
    this.core = core
    this.schema = new Schema(core, header)
    this.pending = it
    this.leftover = leftover
    this.headerLines = header.text.split('\n').length - 1
    this.headerBytes = new TextEncoder().encode(header.text).length
    core.setLenient(opts.lenient ?? false)
  }

  get file(): string { return this.source.label }

  static async open(input: VcfInput, opts: ReaderOptions = {}): Promise<VcfReader> {
    const source = await openSource(input)
    const chunkOpts: ChunkOptions = {
      signal: opts.signal, onWarning: opts.onWarning, onProgress: opts.onProgress, onBlocks: opts.onBlocks,
      overlapInflate: opts.overlapInflate ?? true,
    }
    const it = textChunks(source, chunkOpts)[Symbol.asyncIterator]()
    // collect header lines up to and including #CHROM
    const parts: Uint8Array[] = []
    let total = 0
    let headerEnd = -1
    let buf: Uint8Array = new Uint8Array(0)
    while (headerEnd < 0) {
      const r = await it.next()
      if (r.done) break
      for (const part of r.value.parts) { parts.push(part); total += part.length }
      buf = joinParts(parts, total)
      parts.length = 0
      parts.push(buf)
      headerEnd = findHeaderEnd(buf)
    }
    if (headerEnd < 0) {
      if (buf.length === 0) throw new VcfParseError('empty input: no VCF header', { file: source.label })
      headerEnd = buf.length
    }
    const text = new TextDecoder().decode(buf.subarray(0, headerEnd))
    if (!text.startsWith('##fileformat=VCF') && !text.startsWith('#CHROM')) {
      throw new VcfParseError('not a VCF file: the first line should be ##fileformat=VCFv4.x', { file: source.label, line: 1 })
    }
    const header = parseHeader(text, source.label)
    return new VcfReader(source, header, opts, it, buf.slice(headerEnd), new WasmCore())
  }

  /**
   * A reader for one shard of a BGZF file whose header was already read (by the planner):
   * workers use it to parse their byte range with their own WASM instance.
   */
  static async forShard(input: VcfInput, headerText: string, opts: ReaderOptions = {}): Promise<VcfReader> {
    const source = await openSource(input)
    const header = parseHeader(headerText, source.label)
    const none: AsyncIterator<TextChunk> = { next: async () => ({ done: true, value: undefined }) }
    const r = new VcfReader(source, header, opts, none, new Uint8Array(0), new WasmCore())
    r.pending = undefined
    return r
  }

  /** Batches of the records whose lines start in the shard's blocks. */
  async *shardBatches(shard: BlockRange, fileSize: number, opts: BatchOptions = {}): AsyncGenerator<RecordBatch> {
    this.want(opts)
    if (!this.source.handle) throw new Error('shards need a seekable source')
    yield* this.parseStream(rangeText(this.source.handle, shard, fileSize, this.file), { line: undefined, offset: 0 })
  }

  /** A VCFParser (from @gmod/vcf) for lazy per-record objects. */
  private parser = (): VCFParser => {
    this.parserCache ??= new VCFParser({ header: this.header.text })
    return this.parserCache
  }

  /** Asks the core to decode these tags; unknown tags are reported by the caller. */
  want(opts: BatchOptions): void {
    for (const t of opts.info ?? []) this.schema.want(TagKind.INFO, t)
    for (const t of opts.format ?? []) this.schema.want(TagKind.FORMAT, t)
  }

  /**
   * Batches of records. Each batch's views are valid only until the next iteration step.
   * Whole-file reads stream once; region reads need an index and may be repeated.
   */
  async *batches(opts: BatchOptions = {}): AsyncGenerator<RecordBatch> {
    this.want(opts)
    if (opts.regions && opts.regions.length > 0) {
      this.index ??= await openIndex(this.source, this.opts.index)
      yield* this.regionBatches(this.index, opts.regions)
      return
    }
    if (!this.pending) throw new Error('a whole-file read can run once per VcfReader; open another reader')
    const it = this.pending
    this.pending = undefined
    const leftover = this.leftover
    this.leftover = new Uint8Array(0)
    async function* texts(): AsyncGenerator<Uint8Array[]> {
      if (leftover.length) yield [leftover]
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value.parts
    }
    yield* this.parseStream(texts(), { line: this.headerLines, offset: this.headerBytes })
  }

  private async *regionBatches(index: RegionIndex, regions: Region[]): AsyncGenerator<RecordBatch> {
    let lastKey = -1
    let lastChrom = ''
    for await (const piece of regionChunks(this.source, index, regions, this.opts.signal)) {
      // keys only increase within a contig: regions come contig by contig in list order
      if (piece.chrom !== lastChrom) { lastKey = -1; lastChrom = piece.chrom }
      for await (const batch of this.parseStream(oneChunk(piece.data), { line: undefined, offset: 0 })) {
        const sel = new Uint8Array(batch.n)
        const cid = this.core.contigs()
        let any = false
        for (let i = 0; i < batch.n; i++) {
          const key = piece.keyOf(batch.baseOffset + batch.lineStart[i]) // lineStart is relative to this batch
          if (key <= lastKey) continue // already emitted for an earlier, overlapping chunk
          if (cid[batch.chromId[i]] !== piece.chrom) continue
          const beg = batch.pos[i], end = beg + Math.max(batch.rlen[i], 1) - 1
          if (end < piece.start || beg > piece.end) continue
          sel[i] = 1
          lastKey = key
          any = true
        }
        if (!any) continue
        batch.selected = sel
        yield batch
      }
    }
  }

  /**
   * Text -> WASM -> batches. Parts are copied straight into the core's input buffer until
   * about `batchBytes` are there; the partial last line moves to the front for the next call.
   */
  private async *parseStream(texts: AsyncIterable<Uint8Array[]>, pos: { line: number | undefined; offset: number }): AsyncGenerator<RecordBatch> {
    const target = this.opts.batchBytes ?? 1 << 20
    const core = this.core
    let fill = 0 // bytes in the input buffer (the carried partial line first)
    let lineBase = pos.line ?? 0
    let streamPos = pos.offset // uncompressed offset of input[0] in the text stream
    const append = (part: Uint8Array) => {
      const p = core.input(fill + part.length) // may grow, keeping the contents
      core.u8(p + fill, part.length).set(part)
      fill += part.length
    }
    // one parse call over the input; the batch views stay valid until the next call
    const parse = (final: boolean): RecordBatch | undefined => {
      const max = Math.floor(fill / MIN_LINE) + 2
      const firstRecord = this.stats.records + this.stats.skipped + 1
      let n = core.parseBatch(fill, max, final)
      // the core reports only the first undeclared INFO and FORMAT key of a batch: declare
      // it and parse the batch again until none is left, so every tag is warned about once
      for (;;) {
        const info = this.checkUndeclared(TagKind.INFO, Res.UNDECL_INFO_START, Res.UNDECL_INFO_LEN, n, firstRecord)
        const format = this.checkUndeclared(TagKind.FORMAT, Res.UNDECL_FMT_START, Res.UNDECL_FMT_LEN, n, firstRecord)
        if (!info && !format) break
        n = core.parseBatch(fill, max, final)
      }
      const consumed = core.result(Res.CONSUMED)
      this.checkBatch(n, pos.line === undefined ? undefined : lineBase, firstRecord)
      lineBase += core.result(Res.LINES)
      this.stats.records += n
      const batch = n > 0 ? new RecordBatch(core, this.schema, n, firstRecord, this.parser, streamPos) : undefined
      streamPos += consumed
      this.carryFrom = consumed
      return batch
    }
    // after a batch is consumed: move the unparsed tail to the front of the input
    const shift = () => {
      const from = this.carryFrom
      if (from > 0) {
        const p = core.input(fill)
        core.u8(p, fill).copyWithin(0, from, fill)
        fill -= from
      }
      this.carryFrom = 0
    }
    for await (const parts of texts) {
      this.opts.signal?.throwIfAborted()
      for (let part of parts) {
        while (part.length > 0) {
          const room = Math.max(target - fill, 0)
          if (room === 0) {
            const b = parse(false)
            if (b) yield b
            shift()
            if (fill >= target) { // one line longer than a batch: let the buffer grow
              append(part); part = part.subarray(part.length)
            }
            continue
          }
          const take = Math.min(room, part.length)
          append(part.subarray(0, take))
          part = part.subarray(take)
        }
      }
    }
    const b = parse(true)
    if (b) yield b
    shift()
    if (fill > 0) throw new VcfParseError('incomplete last line', { file: this.file })
  }

  private checkBatch(n: number, lineBase: number | undefined, firstRecord: number): void {
    const core = this.core
    const code = core.result(Res.ERR_CODE)
    const skipped = core.result(Res.SKIPPED)
    if (skipped > 0) {
      this.stats.skipped += skipped
      const line = lineBase === undefined ? undefined : lineBase + core.result(Res.SKIPPED_FIRST_LINE) + 1
      this.warnOnce(`skip:${core.result(Res.SKIPPED_FIRST_CODE)}`,
        `${this.file}${line ? `, line ${line}` : ''}: skipping malformed record (${PARSE_ERRORS[core.result(Res.SKIPPED_FIRST_CODE)]}); further skips are counted`)
    }
    if (code !== 0) {
      const line = lineBase === undefined ? undefined : lineBase + core.result(Res.ERR_LINE) + 1
      throw new VcfParseError(PARSE_ERRORS[code] ?? `parse error ${code}`, { file: this.file, line, record: firstRecord + n })
    }
  }

  /** Warns about (or, strict, throws for) the batch's first undeclared tag and declares it; false if none. */
  private checkUndeclared(kind: TagKind, startRes: Res, lenRes: Res, n: number, firstRecord: number): boolean {
    const start = this.core.result(startRes)
    if (start < 0) return false
    const name = new TextDecoder().decode(this.core.u8(this.core.result(Res.IN_PTR) + start, this.core.result(lenRes)))
    const what = kind === TagKind.INFO ? 'INFO' : 'FORMAT'
    if (this.opts.strict) {
      const starts = this.core.col(3 /* LINE_START */, Math.max(n, 0))
      let rec = 0
      while (rec + 1 < n && starts[rec + 1] <= start) rec++
      throw new VcfParseError(`${what} tag '${name}' is not defined in the header`, { file: this.file, record: firstRecord + rec })
    }
    this.stats.undeclared.push(`${what}/${name}`)
    this.warnOnce(`${what}/${name}`, `${this.file}: ${what} '${name}' is not defined in the header, assuming Type=String`)
    // declare it so the core stops reporting it (bcftools assumes Type=String, Number=.)
    const def = { id: name, number: '.', type: 'String' as const }
    ;(kind === TagKind.INFO ? this.header.info : this.header.format).set(name, def)
    ;(kind === TagKind.INFO ? this.schema.info : this.schema.format).set(name, {
      index: this.core.declareTag(kind, name, WType.STRING, -4, false), def, wtype: WType.STRING, wanted: false,
    })
    return true
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return
    this.warned.add(key)
    this.opts.onWarning?.(message)
  }
}

async function* oneChunk(data: Uint8Array): AsyncGenerator<Uint8Array[]> { yield [data] }

function joinParts(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0]
  const out = new Uint8Array(total)
  let o = 0
  for (const p of parts) { out.set(p, o); o += p.length }
  return out
}

/** Offset just past the #CHROM line's newline, or -1 if not yet seen. */
function findHeaderEnd(buf: Uint8Array): number {
  let p = 0
  while (p < buf.length) {
    if (buf[p] !== 35 /* # */) return p // header without #CHROM: let parseHeader complain
    const nl = buf.indexOf(10, p)
    if (nl < 0) return -1
    if (buf[p + 1] === 67 /* C */ && buf[p + 2] === 72 && buf[p + 3] === 82) return nl + 1 // #CHR
    p = nl + 1
  }
  return -1
}
