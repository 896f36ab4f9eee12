// A columnar batch of records: typed-array views over WASM memory, valid until the reader
// parses the next batch. Accessors decode one field on demand; nothing is allocated per
// record unless a caller asks for strings or objects.
import VCFParser, { type Variant } from '@gmod/vcf'
import { Col, Res, TagKind, WType, type WasmCore } from '../wasm/core.js'
import type { Schema, TagInfo } from './schema.js'

const F32_MISSING = 0x7f800001
const HI_SPECIAL = 0x7ff00000 // high word of both missing (…01) and vector-end (…02) f64 markers
export const GT_VECTOR_END = -2147483647

export class RecordBatch {
  readonly n: number
  /** The raw input bytes the offsets point into. */
  readonly bytes: Uint8Array
  readonly chromId: Int32Array
  /** 1-based POS (f64: htslib positions are 64-bit). */
  readonly pos: Float64Array
  readonly rlen: Int32Array
  readonly lineStart: Int32Array
  readonly lineEnd: Int32Array
  readonly nAllele: Int32Array
  readonly vtype: Int32Array
  private readonly cols: Int32Array[] = []
  private readonly qualF: Float32Array
  private readonly qualBits: Uint32Array
  /** f64 value pool and its u32 view (to tell missing / vector-end markers apart). */
  readonly f64: Float64Array
  readonly f64Bits: Uint32Array
  readonly i32: Int32Array
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
    const mem = core.memory
    const inPtr = core.result(Res.IN_PTR)
    const end = n > 0 ? core.col(Col.LINE_END, n)[n - 1] : 0
    this.bytes = new Uint8Array(mem, inPtr, end + 1)
    for (let c = 0; c <= Col.LINE_NO; c++) this.cols.push(core.col(c, n))
    this.chromId = this.cols[Col.CHROM]
    this.pos = new Float64Array(mem, core.x.colPtr(Col.POS), n)
    this.rlen = this.cols[Col.RLEN]
    this.lineStart = this.cols[Col.LINE_START]
    this.lineEnd = this.cols[Col.LINE_END]
    this.nAllele = this.cols[Col.N_ALLELE]
    this.vtype = this.cols[Col.VTYPE]
    this.qualF = core.colF32(Col.QUAL, n)
    this.qualBits = new Uint32Array(mem, this.qualF.byteOffset, n)
    const f64Len = core.result(Res.F64_LEN), i32Len = core.result(Res.I32_LEN)
    this.f64 = new Float64Array(mem, core.result(Res.F64_POOL), f64Len)
    this.f64Bits = new Uint32Array(mem, this.f64.byteOffset, f64Len * 2)
    this.i32 = new Int32Array(mem, core.result(Res.I32_POOL), i32Len)
  }

  col(c: Col): Int32Array { return this.cols[c] }
  get samples(): string[] { return this.schema.header.samples }

  /** Field text: short ASCII fields (the usual case) skip TextDecoder's per-call overhead. */
  private text(start: number, end: number): string {
    if (end - start <= 32) {
      let s = ''
      const b = this.bytes
      for (let k = start; k < end; k++) {
        const c = b[k]
        if (c >= 128) return this.decoder.decode(b.subarray(start, end))
        s += String.fromCharCode(c)
      }
      return s
    }
    return this.decoder.decode(this.bytes.subarray(start, end))
  }

  chrom(i: number): string { return this.core.contigs()[this.chromId[i]] }
  id(i: number): string { return this.text(this.cols[Col.ID_START][i], this.cols[Col.ID_END][i]) }
  ref(i: number): string { return this.text(this.cols[Col.REF_START][i], this.cols[Col.REF_END][i]) }
  alt(i: number): string { return this.text(this.cols[Col.ALT_START][i], this.cols[Col.ALT_END][i]) }
  filter(i: number): string { return this.text(this.cols[Col.FILTER_START][i], this.cols[Col.FILTER_END][i]) }
  infoText(i: number): string { return this.text(this.cols[Col.INFO_START][i], this.cols[Col.INFO_END][i]) }
  formatText(i: number): string { return this.text(this.cols[Col.FMT_START][i], this.cols[Col.FMT_END][i]) }
  /** QUAL as stored by htslib (f32), or undefined when missing. */
  qual(i: number): number | undefined { return this.qualBits[i] === F32_MISSING ? undefined : this.qualF[i] }
  /** The record's line bytes, without the newline (zero-copy). */
  line(i: number): Uint8Array { return this.bytes.subarray(this.lineStart[i], this.lineEnd[i]) }
  lineText(i: number): string { return this.text(this.lineStart[i], this.lineEnd[i]) }
  /** 1-based record number within the file (header excluded). */
  recordNumber(i: number): number { return this.firstRecord + i }

  isMissing(k: number): boolean { return this.f64Bits[2 * k + 1] === HI_SPECIAL && this.f64Bits[2 * k] === 1 }
  isVectorEnd(k: number): boolean { return this.f64Bits[2 * k + 1] === HI_SPECIAL && this.f64Bits[2 * k] === 2 }

  private tagA(kind: TagKind, t: TagInfo): Int32Array {
    return new Int32Array(this.core.memory, this.core.x.tagColA(kind, t.index), this.n)
  }
  private tagB(kind: TagKind, t: TagInfo): Int32Array {
    return new Int32Array(this.core.memory, this.core.x.tagColB(kind, t.index), this.n)
  }

  /** Column accessors for one decoded tag; cache them per batch when formatting many records. */
  infoColumn(name: string): InfoColumn | undefined {
    const t = this.schema.info.get(name)
    if (!t || !t.wanted) return undefined
    return { tag: t, a: this.tagA(TagKind.INFO, t), b: this.tagB(TagKind.INFO, t) }
  }
  formatColumn(name: string): FormatColumn | undefined {
    const t = this.schema.format.get(name)
    if (!t || !t.wanted) return undefined
    return { tag: t, stride: this.tagA(TagKind.FORMAT, t), at: this.tagB(TagKind.FORMAT, t) }
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
    for (let k = c.b[i]; k < c.b[i] + a; k++) out.push(this.isMissing(k) ? null : this.f64[k])
    return out
  }

  /** Genotype of sample s as VCF text ("0/1", "1|0", "./.", "."), undefined if GT is absent. */
  genotype(i: number, s: number, c = this.formatColumn('GT')): string | undefined {
    if (!c) return undefined
    const stride = c.stride[i]
    if (stride === 0) return undefined
    const base = c.at[i] + s * stride
    if (stride === 2) return diploid(this.i32[base], this.i32[base + 1])
    let out = ''
    for (let k = 0; k < stride; k++) {
      const g = this.i32[base + k]
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
