// A columnar batch of records: typed-array views over WASM memory, valid until the reader
// parses the next batch. Accessors decode one field on demand; nothing is allocated per
// record unless a caller asks for strings or objects.
import VCFParser, { type Variant } from '@gmod/vcf'
import { Col, Res, TagKind, WType, type WasmCore } from '../wasm/core.js'
import type { Schema, TagInfo } from './schema.js'

const F32_MISSING = 0x7f800001
const HI_SPECIAL = 0x7ff00000 // high word of both missing (…01) and vector-end (…02) f64 markers
export const GT_VECTOR_END = -2147483647

/** A batch used after its reader parsed the next one, or a view used across a memory grow. */
export class StaleBatchError extends Error {
  constructor(message: string) { super(`internal error: ${message}`); this.name = 'StaleBatchError' }
}

/** Typed-array views over the core's memory, all of one memory generation. */
interface Views {
  generation: number
  bytes: Uint8Array
  cols: Int32Array[]
  pos: Float64Array
  qualF: Float32Array
  qualBits: Uint32Array
  f64: Float64Array
  f64Bits: Uint32Array
  i32: Int32Array
  tags: Map<string, InfoColumn | FormatColumn>
}

/**
 * The views are not fields: each getter re-derives them from the core's current buffer
 * when its memory generation has moved (a grow detaches every older view), and throws
 * StaleBatchError once the reader has parsed the next batch over these bytes. Local copies
 * (`const pos = batch.pos`) are fine within a loop that makes no call into the core; see
 * docs/adr/0005-wasm-memory.md.
 */
export class RecordBatch {
  readonly n: number
  private readonly parse: number
  private readonly inPtr: number
  private readonly inLen: number
  private readonly f64Len: number
  private readonly i32Len: number
  private views: Views
  private readonly decoder = new TextDecoder()
  /** Set by filters: 1 keep, 0 drop; undefined means all kept. */
  selected?: Uint8Array
  /** Set by sample-aware filters (query): n x samples bytes, 1 = print this sample. */
  samplePass?: Uint8Array

  /**
   * @param baseOffset uncompressed offset of bytes[0] in the file's text (whole-file reads),
   *   so record positions can be mapped to BGZF virtual offsets.
   */
  constructor(readonly core: WasmCore, readonly schema: Schema, n: number, readonly firstRecord: number,
    readonly parser?: () => VCFParser, readonly baseOffset = 0) {
    this.n = n
    this.parse = core.parses
    this.inPtr = core.result(Res.IN_PTR)
    this.inLen = n > 0 ? core.col(Col.LINE_END, n)[n - 1] + 1 : 0
    this.f64Len = core.result(Res.F64_LEN)
    this.i32Len = core.result(Res.I32_LEN)
    this.views = this.build()
  }

  private build(): Views {
    const { core, n } = this
    const cols: Int32Array[] = []
    for (let c = 0; c <= Col.LINE_NO; c++) cols.push(core.col(c, n))
    const qualF = core.colF32(Col.QUAL, n)
    const f64 = core.f64(core.result(Res.F64_POOL), this.f64Len)
    return {
      generation: core.generation,
      bytes: core.u8(this.inPtr, this.inLen),
      cols,
      pos: core.colF64(Col.POS, n),
      qualF,
      qualBits: core.u32(qualF.byteOffset, n),
      f64,
      f64Bits: core.u32(f64.byteOffset, this.f64Len * 2),
      i32: core.i32(core.result(Res.I32_POOL), this.i32Len),
      tags: new Map(),
    }
  }

  /** The current views: re-derived after a memory grow; an error after the next parse. */
  private get v(): Views {
    const core = this.core
    if (core.parses !== this.parse) throw new StaleBatchError('a RecordBatch was used after its reader parsed the next batch')
    if (this.views.generation !== core.generation) this.views = this.build()
    return this.views
  }

  /** The memory generation the views belong to now (for checkGeneration). */
  get generation(): number { return this.v.generation }

  /**
   * Throws if the core's memory moved since `generation` was read: a consumer that keeps
   * local views for a whole batch calls this when done, so a core call made in between
   * (which could have detached them) is an internal error, never wrong output.
   */
  checkGeneration(generation: number): void {
    if (this.core.generation !== generation) throw new StaleBatchError('WASM memory grew while a batch was being written')
  }

  /** The raw input bytes the offsets point into. */
  get bytes(): Uint8Array { return this.v.bytes }
  get chromId(): Int32Array { return this.v.cols[Col.CHROM] }
  /** 1-based POS (f64: htslib positions are 64-bit). */
  get pos(): Float64Array { return this.v.pos }
  get rlen(): Int32Array { return this.v.cols[Col.RLEN] }
  get lineStart(): Int32Array { return this.v.cols[Col.LINE_START] }
  get lineEnd(): Int32Array { return this.v.cols[Col.LINE_END] }
  get nAllele(): Int32Array { return this.v.cols[Col.N_ALLELE] }
  get vtype(): Int32Array { return this.v.cols[Col.VTYPE] }
  /** f64 value pool and its u32 view (to tell missing / vector-end markers apart). */
  get f64(): Float64Array { return this.v.f64 }
  get f64Bits(): Uint32Array { return this.v.f64Bits }
  get i32(): Int32Array { return this.v.i32 }

  col(c: Col): Int32Array { return this.v.cols[c] }
  get samples(): string[] { return this.schema.header.samples }

  /** Field text: short ASCII fields (the usual case) skip TextDecoder's per-call overhead. */
  private text(start: number, end: number): string {
    const b = this.v.bytes
    if (end - start <= 32) {
      let s = ''
      for (let k = start; k < end; k++) {
        const c = b[k]
        if (c >= 128) return this.decoder.decode(b.subarray(start, end))
        s += String.fromCharCode(c)
      }
      return s
    }
    return this.decoder.decode(b.subarray(start, end))
  }

  chrom(i: number): string { return this.core.contigs()[this.chromId[i]] }
  private span(start: Col, i: number): string { const c = this.v.cols; return this.text(c[start][i], c[start + 1][i]) }
  id(i: number): string { return this.span(Col.ID_START, i) }
  ref(i: number): string { return this.span(Col.REF_START, i) }
  alt(i: number): string { return this.span(Col.ALT_START, i) }
  filter(i: number): string { return this.span(Col.FILTER_START, i) }
  infoText(i: number): string { return this.span(Col.INFO_START, i) }
  formatText(i: number): string { return this.span(Col.FMT_START, i) }
  /** QUAL as stored by htslib (f32), or undefined when missing. */
  qual(i: number): number | undefined { const v = this.v; return v.qualBits[i] === F32_MISSING ? undefined : v.qualF[i] }
  /** The record's line bytes, without the newline (zero-copy, so valid as long as the batch). */
  line(i: number): Uint8Array { const v = this.v; return v.bytes.subarray(v.cols[Col.LINE_START][i], v.cols[Col.LINE_END][i]) }
  lineText(i: number): string { return this.span(Col.LINE_START, i) }
  /** 1-based record number within the file (header excluded). */
  recordNumber(i: number): number { return this.firstRecord + i }

  isMissing(k: number): boolean { const b = this.v.f64Bits; return b[2 * k + 1] === HI_SPECIAL && b[2 * k] === 1 }
  isVectorEnd(k: number): boolean { const b = this.v.f64Bits; return b[2 * k + 1] === HI_SPECIAL && b[2 * k] === 2 }

  /** Column accessors for one decoded tag (of this memory generation; cached per batch). */
  infoColumn(name: string): InfoColumn | undefined {
    const t = this.schema.info.get(name)
    if (!t || !t.wanted) return undefined
    const v = this.v
    let c = v.tags.get(`I${name}`) as InfoColumn | undefined
    if (!c) {
      c = { tag: t, a: this.core.tagColA(TagKind.INFO, t.index, this.n), b: this.core.tagColB(TagKind.INFO, t.index, this.n) }
      v.tags.set(`I${name}`, c)
    }
    return c
  }
  formatColumn(name: string): FormatColumn | undefined {
    const t = this.schema.format.get(name)
    if (!t || !t.wanted) return undefined
    const v = this.v
    let c = v.tags.get(`F${name}`) as FormatColumn | undefined
    if (!c) {
      c = { tag: t, stride: this.core.tagColA(TagKind.FORMAT, t.index, this.n), at: this.core.tagColB(TagKind.FORMAT, t.index, this.n) }
      v.tags.set(`F${name}`, c)
    }
    return c
  }

  /** Decoded INFO value: numbers (null = missing), a string, true for a present flag, undefined if absent. */
  info(i: number, name: string): Array<number | null> | string | boolean | undefined {
    const c = this.infoColumn(name)
    if (!c) return undefined
    const a = c.a[i]
    if (c.tag.wtype === WType.FLAG) return a > 0 ? true : undefined
    if (a < 0) return undefined
    if (c.tag.wtype === WType.STRING) return this.text(a, c.b[i])
    const out: Array<number | null> = []
    const f64 = this.v.f64
    for (let k = c.b[i]; k < c.b[i] + a; k++) out.push(this.isMissing(k) ? null : f64[k])
    return out
  }

  /** Genotype of sample s as VCF text ("0/1", "1|0", "./.", "."), undefined if GT is absent. */
  genotype(i: number, s: number, c = this.formatColumn('GT')): string | undefined {
    if (!c) return undefined
    const stride = c.stride[i]
    if (stride === 0) return undefined
    const base = c.at[i] + s * stride
    const i32 = this.v.i32
    if (stride === 2) return diploid(i32[base], i32[base + 1])
    let out = ''
    for (let k = 0; k < stride; k++) {
      const g = i32[base + k]
      if (g === GT_VECTOR_END) break
      if (k > 0) out += (g & 1) ? '|' : '/'
      out += (g >> 1) === 0 ? '.' : String((g >> 1) - 1)
    }
    return out
  }

  /** Lazy @gmod/vcf Variant for callers who want objects (parses the line on demand). */
  record(i: number): Variant {
    if (!this.parser) throw new Error('this batch was created without a record parser')
    return this.parser().parseLine(this.lineText(i))
  }

  /** Indices of the selected records. */
  *indices(): Generator<number> {
    const sel = this.selected
    for (let i = 0; i < this.n; i++) if (!sel || sel[i]) yield i
  }
}

export interface InfoColumn { tag: TagInfo; a: Int32Array; b: Int32Array }
export interface FormatColumn { tag: TagInfo; stride: Int32Array; at: Int32Array }

// Diploid genotype strings by their two BCF-encoded alleles: a cohort file prints the same
// few dozen genotypes millions of times.
const diploidCache = new Map<number, string>()
function diploid(g0: number, g1: number): string {
  if (g0 < 0 || g0 > 0xffff || (g1 < 0 && g1 !== GT_VECTOR_END) || g1 > 0xffff) return formatGt(g0, g1)
  const key = g0 * 0x20000 + (g1 === GT_VECTOR_END ? 0x1ffff : g1)
  let s = diploidCache.get(key)
  if (s === undefined) { s = formatGt(g0, g1); if (diploidCache.size < 4096) diploidCache.set(key, s) }
  return s
}
function formatGt(g0: number, g1: number): string {
  let out = (g0 >> 1) === 0 ? '.' : String((g0 >> 1) - 1)
  if (g1 !== GT_VECTOR_END) out += ((g1 & 1) ? '|' : '/') + ((g1 >> 1) === 0 ? '.' : String((g1 >> 1) - 1))
  return out
}
