// bcftools-style `query -f` formatting over columnar batches. Values are printed the way
// htslib prints them (floats through kputd, missing as '.', vector ends dropped) so the
// output can be diffed against `bcftools query`.
import { ExpressionError } from '../errors.js'
import { Col, TagKind, WType } from '../wasm/core.js'
import { kputd } from '../format/numbers.js'
import type { Schema } from '../batch/schema.js'
import type { RecordBatch, FormatColumn, InfoColumn } from '../batch/batch.js'
import { GT_VECTOR_END } from '../batch/batch.js'

type Item = ItemKind & {
  /** Opcode for the byte formatter (set after parsing, see OPS). */
  op?: number
}
type ItemKind =
  | { k: 'text'; s: string; b?: Uint8Array }
  | { k: 'chrom' } | { k: 'pos' } | { k: 'pos0' } | { k: 'end' } | { k: 'end0' } | { k: 'id' } | { k: 'ref' }
  | { k: 'alt' } | { k: 'firstAlt' } | { k: 'qual' } | { k: 'filter' } | { k: 'infoAll' } | { k: 'line' }
  | { k: 'info'; tag: string; sub?: number }
  | { k: 'sample' } | { k: 'gt' } | { k: 'tgt' } | { k: 'fmt'; tag: string; sub?: number }
  | { k: 'block'; items: Item[] }
  // a tag bcftools fails on when it is first printed; `name` is its -H column name and `rest`
  // the text bcftools reads after it
  | { k: 'fail'; err: Error; name: string; rest: string }

// Opcodes of the byte formatter's fast cases; everything else formats through `value`.
const OP_OTHER = 0, OP_TEXT = 1, OP_BLOCK = 2, OP_CHROM = 3, OP_POS = 4, OP_POS0 = 5, OP_END = 6, OP_END0 = 7,
  OP_ID = 8, OP_REF = 9, OP_ALT = 10, OP_SAMPLE = 11, OP_GT = 12
const OPS: Partial<Record<Item['k'], number>> = {
  text: OP_TEXT, block: OP_BLOCK, chrom: OP_CHROM, pos: OP_POS, pos0: OP_POS0, end: OP_END, end0: OP_END0,
  id: OP_ID, ref: OP_REF, alt: OP_ALT, sample: OP_SAMPLE, gt: OP_GT,
}
function setOps(items: Item[]): void {
  for (const it of items) {
    it.op = OPS[it.k] ?? OP_OTHER
    if (it.k === 'text') it.b = new TextEncoder().encode(it.s)
    if (it.k === 'block') setOps(it.items)
  }
}

const utf8 = new TextEncoder()
const utf8Decoder = new TextDecoder()
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * A string field's bytes as text, losslessly: bytes that are not UTF-8 (Latin-1 files exist)
 * become lone surrogates U+DC80+byte (Python's "surrogateescape"), which putString writes back
 * as the byte, so query prints the input's bytes as bcftools does instead of U+FFFD.
 */
export function decodeField(b: Uint8Array): string {
  try { return strictUtf8.decode(b) } catch { /* not UTF-8: escape the bad bytes */ }
  let out = ''
  for (let k = 0; k < b.length;) {
    const c = b[k]
    const n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : (c & 0xf0) === 0xe0 ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0
    if (n === 1) { out += String.fromCharCode(c); k++; continue }
    if (n > 1 && k + n <= b.length) {
      try { out += strictUtf8.decode(b.subarray(k, k + n)); k += n; continue } catch { /* an invalid sequence */ }
    }
    out += String.fromCharCode(0xdc00 + c)
    k++
  }
  return out
}

const isEscapedByte = (s: string, j: number): boolean => {
  const c = s.charCodeAt(j)
  if (c < 0xdc80 || c > 0xdcff) return false
  const p = j > 0 ? s.charCodeAt(j - 1) : 0
  return !(p >= 0xd800 && p <= 0xdbff) // the low half of a real pair is a character, not a byte
}

const unescape = (s: string) => s.replace(/\\(.)/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c))

export class QueryFormatter {
  private readonly items: Item[]
  readonly info: string[] = []
  readonly formatTags: string[] = []
  /** A [ ] block prints a FORMAT field (a tag bcftools fails on counts: it is one to bcftools). */
  private failing = false
  /** Whether the format prints FORMAT fields, which decides bcftools' per-sample -e output. */
  get printsFormat(): boolean { return this.formatTags.length > 0 || this.failing }
  private samples: number[]

  constructor(readonly fmt: string, private readonly schema: Schema, sampleIdx?: number[]) {
    this.samples = sampleIdx ?? schema.header.samples.map((_, i) => i)
    this.items = this.parse(fmt)
    setOps(this.items)
    for (const t of this.info) schema.want(TagKind.INFO, t)
    for (const t of this.formatTags) schema.want(TagKind.FORMAT, t)
  }

  private parse(fmt: string): Item[] {
    const top: Item[] = []
    let cur = top
    let block: Item[] | null = null
    let text = ''
    const flush = () => { if (text) { cur.push({ k: 'text', s: unescape(text) }); text = '' } }
    let i = 0
    while (i < fmt.length) {
      const c = fmt[i]
      if (c === '\\' && i + 1 < fmt.length) { text += fmt.slice(i, i + 2); i += 2; continue }
      if (c === '[') {
        if (block) throw new ExpressionError('nested [ ] blocks', fmt, i + 1)
        flush(); block = []; cur = block; i++; continue
      }
      if (c === ']') {
        if (!block) throw new ExpressionError("']' without '['", fmt, i + 1)
        flush(); top.push({ k: 'block', items: block }); block = null; cur = top; i++; continue
      }
      if (c === '%') {
        const m = /^%(INFO\/|FORMAT\/|FMT\/)?([A-Za-z0-9_.]+)(\{(\d+)\})?/.exec(fmt.slice(i))
        if (!m) throw new ExpressionError('expected a field name after %', fmt, i + 1)
        flush()
        const item = this.field(m[1], m[2], m[4] === undefined ? undefined : Number(m[4]), block !== null, fmt, i + 1)
        cur.push(item)
        if (item.k === 'fail') cur.push({ k: 'text', s: item.rest })
        i += m[0].length
        continue
      }
      text += c
      i++
    }
    if (block) throw new ExpressionError("missing ']'", fmt, fmt.length)
    flush()
    return top
  }

  private needGT(): void { if (!this.formatTags.includes('GT')) this.formatTags.push('GT') }

  private field(scope: string | undefined, name: string, sub: number | undefined, inBlock: boolean, fmt: string, col: number): Item {
    const h = this.schema.header
    if (!scope) {
      switch (name) {
        case 'CHROM': return { k: 'chrom' }
        case 'POS': return { k: 'pos' }
        case 'POS0': return { k: 'pos0' }
        case 'END': return h.info.has('END') && !inBlock ? { k: 'end' } : { k: 'end' }
        case 'END0': return { k: 'end0' }
        case 'ID': return { k: 'id' }
        case 'REF': return { k: 'ref' }
        case 'ALT': return { k: 'alt' }
        case 'FIRST_ALT': return { k: 'firstAlt' }
        case 'QUAL': return { k: 'qual' }
        case 'FILTER': return { k: 'filter' }
        case 'INFO': return { k: 'infoAll' }
        case 'LINE': return { k: 'line' }
        case 'SAMPLE': if (inBlock) return { k: 'sample' }; break
        case 'GT': if (inBlock) { this.needGT(); return { k: 'gt' } } break
        case 'TGT': if (inBlock) { this.needGT(); return { k: 'tgt' } } break
      }
    }
    const asFormat = scope === 'FORMAT/' || scope === 'FMT/' || (!scope && inBlock)
    if (asFormat) {
      // bcftools 1.16 (convert.c parse_tag) has no FORMAT/ prefix inside [ ]: it reads a tag
      // named "FORMAT" (or "FMT") and fails when the header has none, lazily: only once a
      // sample column is printed
      if (scope && inBlock && !h.format.has(scope.slice(0, -1))) {
        const tag = scope.slice(0, -1)
        this.failing = true
        return {
          k: 'fail', name: tag, rest: fmt.slice(col - 1 + 1 + scope.length - 1).replace(/^(\/[A-Za-z0-9_.]+(\{\d+\})?).*$/s, '$1'),
          err: new ExpressionError(`no such FORMAT tag in the header: ${tag} (inside [ ] write %${name}, not %${scope}${name})`, fmt, col),
        }
      }
      if (!inBlock) throw new ExpressionError(`FORMAT field %${name} must be inside [ ]`, fmt, col)
      // a sites-only file prints nothing for a block, so bcftools does not check its tags
      if (h.samples.length === 0) return { k: 'text', s: '' }
      if (!h.format.has(name)) throw new ExpressionError(`no such FORMAT tag in the header: ${name}`, fmt, col)
      if (name === 'GT') { this.needGT(); return { k: 'gt' } }
      if (!this.formatTags.includes(name)) this.formatTags.push(name)
      return { k: 'fmt', tag: name, sub }
    }
    if (!h.info.has(name)) throw new ExpressionError(`no such INFO tag in the header: ${name}`, fmt, col)
    if (!this.info.includes(name)) this.info.push(name)
    return { k: 'info', tag: name, sub }
  }

  /** bcftools query -H style column header: "# [1]CHROM\t[2]POS\t[3]S1:GT…". */
  headerLine(): string {
    let n = 0
    const h = this.schema.header
    const name = (it: Item, sample?: number): string | undefined => {
      const pre = sample === undefined ? '' : `${h.samples[sample]}:`
      switch (it.k) {
        case 'text': case 'block': return undefined
        case 'fail': return pre + it.name
        case 'info': return `${it.tag}`
        case 'fmt': return pre + it.tag
        case 'gt': return pre + 'GT'
        case 'tgt': return pre + 'GT' // bcftools 1.16 names %TGT columns like %GT
        case 'sample': return 'SAMPLE'
        case 'infoAll': return 'INFO'
        case 'firstAlt': return 'FIRST_ALT'
        case 'line': return 'LINE'
        default: return it.k.toUpperCase()
      }
    }
    const walk = (items: Item[], sample?: number): string => items.map((it) => {
      if (it.k === 'block') return this.samples.map((s) => walk(it.items, s)).join('')
      if (it.k === 'text') return it.s
      return `[${++n}]${name(it, sample)}`
    }).join('')
    return '# ' + walk(this.items).replace(/\n$/, '') + '\n'
  }

  /** Formats the selected records of a batch as text. */
  format(batch: RecordBatch): string {
    return utf8Decoder.decode(this.formatBytes(batch))
  }

  // Output buffer, reused from batch to batch (formatBytes returns a copy of its used part).
  private buf = new Uint8Array(1 << 16)
  private o = 0
  // Encoded contig and sample names, by id.
  private contigBytes: Uint8Array[] = []
  private sampleBytes: Uint8Array[] = []

  /**
   * Formats the selected records of a batch as UTF-8 bytes. The fixed columns, numbers and
   * genotypes are written as bytes (copied from the input or printed digit by digit); the
   * other fields go through the string formatting of `value`, so both give the same text.
   */
  formatBytes(batch: RecordBatch): Uint8Array {
    const contigs = batch.core.contigs()
    for (let c = this.contigBytes.length; c < contigs.length; c++) this.contigBytes.push(utf8.encode(contigs[c]))
    const generation = batch.generation // the columns below are views: no core call may follow
    const gtCol = batch.formatColumn('GT')
    const infoCols = new Map<string, InfoColumn | undefined>()
    const fmtCols = new Map<string, FormatColumn | undefined>()
    for (const t of this.info) infoCols.set(t, batch.infoColumn(t))
    for (const t of this.formatTags) fmtCols.set(t, batch.formatColumn(t))
    const ctx: Ctx = { batch, gtCol, infoCols, fmtCols, i: 0, s: 0, alleles: undefined }
    // local copies of the views for the byte writers (no core call until checkGeneration)
    ctx.v = {
      bytes: batch.bytes, pos: batch.pos, rlen: batch.rlen, chromId: batch.chromId, i32: batch.i32,
      idS: batch.col(Col.ID_START), idE: batch.col(Col.ID_END), refS: batch.col(Col.REF_START),
      refE: batch.col(Col.REF_END), altS: batch.col(Col.ALT_START), altE: batch.col(Col.ALT_END),
    }
    if (this.sampleBytes.length === 0) this.sampleBytes = batch.samples.map((n) => utf8.encode(n))
    this.o = 0
    const sel = batch.selected
    for (let i = 0; i < batch.n; i++) {
      if (sel && !sel[i]) continue
      ctx.i = i
      ctx.alleles = undefined
      this.renderBytes(this.items, ctx)
    }
    batch.checkGeneration(generation)
    return this.buf.slice(0, this.o)
  }

  private need(n: number): void {
    if (this.o + n <= this.buf.length) return
    let size = this.buf.length * 2
    while (size < this.o + n) size *= 2
    const nb = new Uint8Array(size)
    nb.set(this.buf.subarray(0, this.o))
    this.buf = nb
  }

  private putBytes(src: Uint8Array): void {
    const n = src.length
    this.need(n)
    if (n <= 16) { // TypedArray#set costs more than a short loop
      const out = this.buf
      let o = this.o
      for (let k = 0; k < n; k++) out[o++] = src[k]
      this.o = o
      return
    }
    this.buf.set(src, this.o)
    this.o += n
  }

  /** Copies input bytes [start, end) (a field of the record's line). */
  private putRange(bytes: Uint8Array, start: number, end: number): void {
    const n = end - start
    this.need(n)
    const out = this.buf
    let o = this.o
    if (n <= 16) for (let k = start; k < end; k++) out[o++] = bytes[k]
    else { out.set(bytes.subarray(start, end), o); o += n }
    this.o = o
  }

  private putString(s: string): void {
    this.need(s.length)
    const out = this.buf
    let o = this.o
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k)
      if (c >= 128) { // not ASCII: encode the rest properly, escaped bytes as themselves
        this.o = o
        const rest = s.slice(k)
        if (!/[\uDC80-\uDCFF]/.test(rest)) { this.putBytes(utf8.encode(rest)); return }
        let from = 0
        for (let j = 0; j < rest.length; j++) {
          if (!isEscapedByte(rest, j)) continue
          if (j > from) this.putBytes(utf8.encode(rest.slice(from, j)))
          this.putBytes(Uint8Array.of(rest.charCodeAt(j) - 0xdc00))
          from = j + 1
        }
        if (from < rest.length) this.putBytes(utf8.encode(rest.slice(from)))
        return
      }
      out[o++] = c
    }
    this.o = o
  }

  /** An integer as String(x) prints it. */
  private putInt(x: number): void {
    if (!(x >= 0 && x < 4294967296 && x === Math.floor(x))) { this.putString(String(x)); return }
    this.need(10)
    const out = this.buf
    let len = 1
    for (let t = x; t >= 10; t = Math.floor(t / 10)) len++
    let o = this.o + len
    this.o = o
    while (x >= 10) { const q = Math.floor(x / 10); out[--o] = 48 + x - q * 10; x = q }
    out[--o] = 48 + x
  }

  private renderBytes(items: Item[], ctx: Ctx): void {
    const b = ctx.batch
    const v = ctx.v!
    const i = ctx.i
    for (let k = 0; k < items.length; k++) {
      const it = items[k]
      switch (it.op) {
        case OP_TEXT: this.putBytes((it as { b: Uint8Array }).b); break
        case OP_BLOCK: {
          const sp = b.samplePass
          const base = i * b.samples.length
          const inner = (it as { items: Item[] }).items
          const samples = this.samples
          for (let j = 0; j < samples.length; j++) {
            const s = samples[j]
            if (sp && !sp[base + s]) continue
            ctx.s = s
            this.renderBytes(inner, ctx)
          }
          break
        }
        case OP_CHROM: this.putBytes(this.contigBytes[v.chromId[i]] ?? utf8.encode(b.chrom(i))); break
        case OP_POS: this.putInt(v.pos[i]); break
        case OP_POS0: this.putInt(v.pos[i] - 1); break
        case OP_END: this.putInt(v.pos[i] + v.rlen[i] - 1); break
        case OP_END0: this.putInt(v.pos[i] + v.rlen[i] - 2); break
        case OP_ID: this.putRange(v.bytes, v.idS[i], v.idE[i]); break
        case OP_REF: this.putRange(v.bytes, v.refS[i], v.refE[i]); break
        case OP_ALT: this.putRange(v.bytes, v.altS[i], v.altE[i]); break
        case OP_SAMPLE: this.putBytes(this.sampleBytes[ctx.s]); break
        case OP_GT: if (!this.putDiploid(ctx)) this.putString(this.value(it, ctx)); break
        default: this.putString(this.value(it, ctx))
      }
    }
  }

  /** The common genotype, two alleles 0-9 or '.', or one ('0'): written as bytes; false otherwise. */
  private putDiploid(ctx: Ctx): boolean {
    const c = ctx.gtCol
    if (!c || c.stride[ctx.i] !== 2) return false
    const i32 = ctx.v!.i32
    const base = c.at[ctx.i] + ctx.s * 2
    const g0 = i32[base], g1 = i32[base + 1]
    if (!(g0 >= 0 && g0 < 22)) return false
    const haploid = g1 === GT_VECTOR_END
    if (!haploid && !(g1 >= 0 && g1 < 22)) return false
    this.need(3)
    const out = this.buf
    out[this.o++] = g0 < 2 ? 46 : 47 + (g0 >> 1)
    if (!haploid) {
      out[this.o++] = g1 & 1 ? 124 : 47
      out[this.o++] = g1 < 2 ? 46 : 47 + (g1 >> 1)
    }
    return true
  }

  private value(it: Item, ctx: Ctx): string {
    const { batch: b, i } = ctx
    switch (it.k) {
      case 'text': return it.s
      case 'chrom': return b.chrom(i)
      case 'pos': return String(b.pos[i])
      case 'pos0': return String(b.pos[i] - 1)
      case 'end': return String(b.pos[i] + b.rlen[i] - 1)
      case 'end0': return String(b.pos[i] + b.rlen[i] - 2)
      case 'id': return b.id(i)
      case 'ref': return b.ref(i)
      case 'alt': return b.alt(i)
      case 'firstAlt': { const a = b.alt(i); const c = a.indexOf(','); return c < 0 ? a : a.slice(0, c) }
      case 'qual': { const q = b.qual(i); return q === undefined ? '.' : kputd(q) }
      case 'filter': { const f = b.filter(i); return f === '' ? '.' : f }
      case 'line': return this.line(ctx)
      case 'infoAll': return this.infoAll(ctx)
      case 'info': return this.infoValue(ctx.infoCols.get(it.tag), ctx, it.sub)
      case 'sample': return b.samples[ctx.s]
      case 'gt': return ctx.gtCol ? (b.genotype(i, ctx.s, ctx.gtCol) ?? '.') || '.' : '.'
      case 'tgt': return this.tgt(ctx)
      case 'fmt': return this.fmtValue(ctx.fmtCols.get(it.tag), ctx, it.sub)
      case 'block': return ''
      case 'fail': throw it.err
    }
  }

  private numbers(b: RecordBatch, from: number, count: number, sub: number | undefined, float: boolean, info = true): string {
    const put = float ? kputd : String
    if (sub !== undefined) {
      // bcftools prints a one-value INFO tag whatever the subscript (convert.c process_info);
      // FORMAT{n} past the values is '.' (process_format)
      if (count === 1 && info) sub = 0
      if (sub >= count || b.isVectorEnd(from + sub)) return '.'
      return b.isMissing(from + sub) ? '.' : put(b.f64[from + sub])
    }
    let s = ''
    for (let k = 0; k < count; k++) {
      const x = from + k
      if (b.isVectorEnd(x)) break
      if (k) s += ','
      s += b.isMissing(x) ? '.' : put(b.f64[x])
    }
    return s
  }

  private infoValue(c: InfoColumn | undefined, ctx: Ctx, sub: number | undefined): string {
    if (!c) return '.'
    const { batch: b, i } = ctx
    const a = c.a[i]
    if (c.tag.wtype === WType.FLAG) return a > 0 ? '1' : '.'
    if (a < 0) return '.'
    if (c.tag.wtype === WType.STRING) {
      const s = decodeField(b.bytes.subarray(a, c.b[i]))
      // process_info: a one-character value prints whole, else the sub-th comma field ('.' if empty)
      if (sub === undefined || s.length === 1) return s
      return s.split(',')[sub] || '.'
    }
    if (a === 0) return '1' // declared numeric but written as a bare key: htslib treats it as a flag
    return this.numbers(b, c.b[i], a, sub, c.tag.wtype === WType.FLOAT)
  }

  private fmtValue(c: FormatColumn | undefined, ctx: Ctx, sub: number | undefined): string {
    if (!c) return '.'
    const { batch: b, i, s } = ctx
    const stride = c.stride[i]
    if (stride === 0) return '.'
    if (c.tag.wtype === WType.STRING) {
      const o = c.at[i] + s * 2
      const v = decodeField(b.bytes.subarray(b.i32[o], b.i32[o + 1]))
      // process_format: %TAG{n} of a string is its n-th comma field (_copy_field), '.' if empty
      if (sub !== undefined) return v.split(',')[sub] || '.'
      return v === '' ? '.' : v
    }
    return this.numbers(b, c.at[i] + s * stride, stride, sub, c.tag.wtype === WType.FLOAT, false)
  }

  private tgt(ctx: Ctx): string {
    const { batch: b, i, s, gtCol } = ctx
    if (!gtCol) return '.'
    const stride = gtCol.stride[i]
    if (stride === 0) return '.'
    ctx.alleles ??= [b.ref(i), ...(b.alt(i) === '.' ? [] : b.alt(i).split(','))]
    const base = gtCol.at[i] + s * stride
    let out = ''
    for (let k = 0; k < stride; k++) {
      const g = b.i32[base + k]
      if (g === GT_VECTOR_END) break
      if (k > 0) out += (g & 1) ? '|' : '/'
      out += (g >> 1) === 0 ? '.' : (ctx.alleles[(g >> 1) - 1] ?? '.')
    }
    return out || '.'
  }

  /**
   * %LINE: bcftools prints the record with vcf_format1, newline included, and with -s only the
   * kept samples (in header order: query reads through a subset header). Numbers are printed
   * as they were read here; bcftools re-prints non-canonical ones (e.g. "3.14159265" as
   * "3.14159"): a known divergence, see docs/fuzzing.md.
   */
  private line(ctx: Ctx): string {
    const raw = ctx.batch.lineText(ctx.i)
    const all = ctx.batch.samples.length
    if (this.samples.length === all && this.samples.every((s, k) => s === k)) return raw + '\n'
    const cols = raw.split('\t')
    const keep = [...this.samples].sort((x, y) => x - y)
    return [...cols.slice(0, 8), ...(keep.length ? [cols[8], ...keep.map((s) => cols[9 + s])] : [])].join('\t') + '\n'
  }

  /** The whole INFO column re-printed with typed values, as bcftools does. */
  private infoAll(ctx: Ctx): string {
    const raw = ctx.batch.infoText(ctx.i)
    if (raw === '.' || raw === '') return '.'
    const h = this.schema.header
    return raw.split(';').filter((kv) => kv !== '').map((kv) => {
      const eq = kv.indexOf('=')
      if (eq < 0) return kv
      const key = kv.slice(0, eq)
      const def = h.info.get(key)
      if (!def || (def.type !== 'Float' && def.type !== 'Integer')) return kv
      const vals = kv.slice(eq + 1).split(',').map((v) => {
        if (v === '.' || v === '') return '.'
        const x = Number(v)
        if (Number.isNaN(x)) return '.'
        return def.type === 'Float' ? kputd(Math.fround(x)) : String(Math.trunc(x))
      })
      return `${key}=${vals.join(',')}`
    }).join(';')
  }
}

interface Ctx {
  batch: RecordBatch
  gtCol: FormatColumn | undefined
  infoCols: Map<string, InfoColumn | undefined>
  fmtCols: Map<string, FormatColumn | undefined>
  i: number
  s: number
  alleles: string[] | undefined
  /** The batch's views, for the byte writers (formatBytes). */
  v?: {
    bytes: Uint8Array; pos: Float64Array; rlen: Int32Array; chromId: Int32Array; i32: Int32Array
    idS: Int32Array; idE: Int32Array; refS: Int32Array; refE: Int32Array; altS: Int32Array; altE: Int32Array
  }
}
