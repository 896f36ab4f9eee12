// VcfReader: the public entry for reading. Header first, then columnar batches for the whole
// file (streaming) or for regions (through the .csi/.tbi index).
import VCFParser from '@gmod/vcf'
import { VcfParseError } from '../errors.js'
import { parseHeader, type VcfHeader } from '../header/header.js'
import { Schema } from '../batch/schema.js'
import { RecordBatch } from '../batch/batch.js'
import { Col, Res, TagKind, WType, WasmCore, PARSE_ERRORS } from '../wasm/core.js'
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
  /**
   * Longest data line, and longest header, accepted (default 64 MiB each): memory stays
   * bounded whatever the input (a gzip bomb inflating to one endless line is an error).
   */
  maxLineBytes?: number
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
  /** Records kept with an empty sample column (its values read as missing); see docs/malformed-input.md. */
  emptySamples: number
  /** Text lines parsed after the header (data, blank and stray comment lines). */
  lines: number
}

export const MAX_LINE_BYTES = 64 << 20

const MIN_LINE = 16 // shortest possible data line, bounds records per batch

export class VcfReader {
  readonly core: WasmCore
  readonly schema: Schema
  readonly stats: ReadStats = { records: 0, skipped: 0, undeclared: [], emptySamples: 0, lines: 0 }
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
    // an empty sample column: an error under --strict, skipped under --lenient, else counted
    core.setEmptySampleError((opts.strict ?? false) || (opts.lenient ?? false))
  }

  get file(): string { return this.source.label }

  static async open(input: VcfInput, opts: ReaderOptions = {}): Promise<VcfReader> {
    const source = await openSource(input)
    const chunkOpts: ChunkOptions = {
      signal: opts.signal, onWarning: opts.onWarning, onProgress: opts.onProgress, onBlocks: opts.onBlocks,
      overlapInflate: opts.overlapInflate ?? true,
    }
    const it = textChunks(source, chunkOpts)[Symbol.asyncIterator]()
    // collect header lines up to and including #CHROM (in a buffer that doubles, scanning
    // each line once: a header that never ends must cost linear time and bounded memory)
    const maxHeader = opts.maxLineBytes ?? MAX_LINE_BYTES
    let headerEnd = -1
    let buf: Uint8Array = new Uint8Array(0)
    let len = 0
    let scan = 0 // start of the first line not yet known to be a complete header line
    let lines = 0
    while (headerEnd < 0) {
      const r = await it.next()
      if (r.done) break
      for (const part of r.value.parts) {
        if (len + part.length > buf.length) {
          const grown = new Uint8Array(Math.max(len + part.length, buf.length * 2, 1 << 16))
          grown.set(buf.subarray(0, len))
          buf = grown
        }
        buf.set(part, len)
        len += part.length
      }
      const found = findHeaderEnd(buf.subarray(0, len), scan)
      headerEnd = found.end
      scan = found.scan
      lines += found.lines
      if (headerEnd < 0 && len > maxHeader) {
        throw new VcfParseError(`header longer than ${maxHeader} bytes without a #CHROM line`, { file: source.label, line: lines + 1 })
      }
    }
    buf = buf.subarray(0, len)
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
    // lines (and records) are counted from the shard's start: the engine makes them absolute.
    // The first shard's text starts with the header: skip its lines.
    const text = rangeText(this.source.handle, shard, fileSize, this.file)
    // (a header cut inside its #CHROM line, with no newline, is the whole text)
    const lines = this.header.text.endsWith('\n') ? this.headerLines : this.headerLines + 1
    yield* this.parseStream(shard.prev < 0 ? skipLines(text, lines) : text, { line: 0, offset: 0, relative: true })
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

  /** The index region queries go through (opened once; callers may plan their regions with it). */
  async regionIndex(): Promise<RegionIndex> {
    this.index ??= await openIndex(this.source, this.opts.index)
    return this.index
  }

  /**
   * Batches of records. Each batch's views are valid only until the next iteration step.
   * Whole-file reads stream once; region reads need an index and may be repeated.
   */
  async *batches(opts: BatchOptions = {}): AsyncGenerator<RecordBatch> {
    this.want(opts)
    if (opts.regions && opts.regions.length > 0) {
      yield* this.regionBatches(await this.regionIndex(), opts.regions)
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
  private async *parseStream(texts: AsyncIterable<Uint8Array[]>, pos: { line: number | undefined; offset: number; relative?: boolean }): AsyncGenerator<RecordBatch> {
    const target = this.opts.batchBytes ?? 1 << 20
    const maxLine = this.opts.maxLineBytes ?? MAX_LINE_BYTES
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
        const lines = pos.line === undefined ? undefined : lineBase
        const info = this.checkUndeclared(TagKind.INFO, Res.UNDECL_INFO_START, Res.UNDECL_INFO_LEN, n, firstRecord, lines)
        const format = this.checkUndeclared(TagKind.FORMAT, Res.UNDECL_FMT_START, Res.UNDECL_FMT_LEN, n, firstRecord, lines)
        if (!info && !format) break
        n = core.parseBatch(fill, max, final)
      }
      const consumed = core.result(Res.CONSUMED)
      this.checkBatch(n, pos.line === undefined ? undefined : lineBase, firstRecord, pos.relative ?? false)
      lineBase += core.result(Res.LINES)
      this.stats.lines += core.result(Res.LINES)
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
    // the buffer holds one incomplete line longer than a batch: parse again only once a
    // newline arrives (re-scanning the line for every part would take quadratic time)
    let longLine = false
    const tooLong = () => new VcfParseError(`line longer than ${maxLine} bytes (a damaged file or a gzip bomb?)`,
      { file: this.file, line: pos.line === undefined ? undefined : lineBase + 1, record: this.stats.records + this.stats.skipped + 1 })
    for await (const parts of texts) {
      this.opts.signal?.throwIfAborted()
      for (let part of parts) {
        while (part.length > 0) {
          if (longLine) {
            const nl = part.indexOf(10)
            const take = nl < 0 ? part.length : nl + 1
            if (fill + take > maxLine + 1) throw tooLong()
            append(part.subarray(0, take))
            part = part.subarray(take)
            if (nl < 0) continue
            longLine = false
            const b = parse(false)
            if (b) yield b
            shift()
            continue
          }
          const room = Math.max(target - fill, 0)
          if (room === 0) {
            const b = parse(false)
            if (b) yield b
            shift()
            if (fill >= target) { // one line longer than a batch: let the buffer grow
              if (fill > maxLine) throw tooLong()
              longLine = true
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

  private checkBatch(n: number, lineBase: number | undefined, firstRecord: number, relative: boolean): void {
    const core = this.core
    const code = core.result(Res.ERR_CODE)
    const skipped = core.result(Res.SKIPPED)
    const empty = core.result(Res.EMPTY_SAMPLES)
    if (empty > 0) {
      this.stats.emptySamples += empty
      const line = lineBase === undefined || relative ? undefined : lineBase + core.result(Res.EMPTY_SAMPLE_FIRST_LINE) + 1
      const record = relative ? undefined : firstRecord + core.result(Res.EMPTY_SAMPLE_FIRST_RECORD)
      this.warnOnce('empty-sample', `${this.file}${line ? `, line ${line}` : ''}${record ? `, record ${record}` : ''}: empty sample column read as missing ` +
        '(bcftools warns or fails on these; --strict makes it an error, --lenient skips such records); further ones are counted')
    }
    if (skipped > 0) {
      this.stats.skipped += skipped
      const line = lineBase === undefined || relative ? undefined : lineBase + core.result(Res.SKIPPED_FIRST_LINE) + 1
      this.warnOnce(`skip:${core.result(Res.SKIPPED_FIRST_CODE)}`,
        `${this.file}${line ? `, line ${line}` : ''}: skipping malformed record (${PARSE_ERRORS[core.result(Res.SKIPPED_FIRST_CODE)]}); further skips are counted`)
    }
    if (code !== 0) {
      const line = lineBase === undefined ? undefined : lineBase + core.result(Res.ERR_LINE) + 1
      throw new VcfParseError(PARSE_ERRORS[code] ?? `parse error ${code}`, { file: this.file, line, record: firstRecord + n })
    }
  }

  /** Warns about (or, strict, throws for) the batch's first undeclared tag and declares it; false if none. */
  private checkUndeclared(kind: TagKind, startRes: Res, lenRes: Res, n: number, firstRecord: number, lineBase?: number): boolean {
    const start = this.core.result(startRes)
    if (start < 0) return false
    const bytes = this.core.u8(this.core.result(Res.IN_PTR) + start, this.core.result(lenRes))
    const what = kind === TagKind.INFO ? 'INFO' : 'FORMAT'
    const where = () => {
      // the key's line within the batch, and the records parsed before that line
      const input = this.core.u8(this.core.result(Res.IN_PTR), start)
      let lineIdx = 0
      for (let p = input.indexOf(10); p >= 0; p = input.indexOf(10, p + 1)) lineIdx++
      const lineNo = this.core.col(Col.LINE_NO, Math.max(n, 0))
      let rec = 0
      while (rec < n && lineNo[rec] < lineIdx) rec++
      return { file: this.file, line: lineBase === undefined ? undefined : lineBase + lineIdx + 1, record: firstRecord + rec }
    }
    let name: string
    try {
      name = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      // declared under its decoded name, the key would never match its bytes (and be reported forever)
      throw new VcfParseError(`${what} key ${JSON.stringify(new TextDecoder().decode(bytes))} is not valid UTF-8`, where())
    }
    if (this.opts.strict) throw new VcfParseError(`${what} tag '${name}' is not defined in the header`, where())
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

/** The text without its first `count` lines. */
async function* skipLines(texts: AsyncIterable<Uint8Array[]>, count: number): AsyncGenerator<Uint8Array[]> {
  let left = count
  for await (const parts of texts) {
    if (left === 0) { yield parts; continue }
    const out: Uint8Array[] = []
    for (let p of parts) {
      while (left > 0 && p.length > 0) {
        const nl = p.indexOf(10)
        if (nl < 0) { p = p.subarray(p.length); break }
        p = p.subarray(nl + 1)
        left--
      }
      if (left === 0 && p.length > 0) out.push(p)
    }
    if (out.length) yield out
  }
}

/**
 * Offset just past the #CHROM line's newline (end: -1 if not yet seen), scanning from `from`
 * (a line start); `scan` is where to resume, `lines` the complete header lines passed.
 */
function findHeaderEnd(buf: Uint8Array, from = 0): { end: number; scan: number; lines: number } {
  let p = from
  let lines = 0
  while (p < buf.length) {
    if (buf[p] !== 35 /* # */) return { end: p, scan: p, lines } // header without #CHROM: let parseHeader complain
    const nl = buf.indexOf(10, p)
    if (nl < 0) return { end: -1, scan: p, lines }
    if (buf[p + 1] === 67 /* C */ && buf[p + 2] === 72 && buf[p + 3] === 82) return { end: nl + 1, scan: nl + 1, lines } // #CHR
    p = nl + 1
    lines++
  }
  return { end: -1, scan: p, lines }
}
