// An annotation table: source records (sorted by contig, position) with their alleles and
// the values of the fields to transfer, as VCF text. VCF sources, tab files with REF/ALT
// and the precompiled store all become one; the WASM merge-join reads its keys.
// Text is kept as bytes (one buffer per column), so a large source costs a few buffers
// rather than millions of strings; strings are made only for values that are used.
import type { InfoDeclaration } from '../sink/info-append.js'

const enc = new TextEncoder()
const dec = new TextDecoder()

/** A column of byte strings (VCF text), some absent. */
export class TextColumn {
  constructor(
    /** All values, back to back. */
    readonly data: Uint8Array,
    /** End offset of value r in data (its start is the previous end, or 0). */
    readonly ends: Int32Array,
    /** 1 where a value is absent. */
    readonly absent?: Uint8Array,
  ) {}

  get length(): number { return this.ends.length }
  start(r: number): number { return r === 0 ? 0 : this.ends[r - 1] }
  has(r: number): boolean { return !this.absent || this.absent[r] === 0 }

  /** Value r as a string, undefined when absent. */
  get(r: number): string | undefined {
    if (this.absent && this.absent[r]) return undefined
    const s = r === 0 ? 0 : this.ends[r - 1], e = this.ends[r]
    if (e - s <= 24) {
      let out = ''
      const d = this.data
      for (let k = s; k < e; k++) {
        const c = d[k]
        if (c >= 128) return dec.decode(d.subarray(s, e))
        out += String.fromCharCode(c)
      }
      return out
    }
    return dec.decode(this.data.subarray(s, e))
  }

  /** Value r's bytes (empty when absent). */
  bytes(r: number): Uint8Array { return this.data.subarray(r === 0 ? 0 : this.ends[r - 1], this.ends[r]) }

  toStrings(): (string | undefined)[] { return Array.from({ length: this.length }, (_, r) => this.get(r)) }

  static fromStrings(xs: ArrayLike<string | null | undefined>): TextColumn {
    const b = new TextColumnBuilder(xs.length * 8)
    for (let r = 0; r < xs.length; r++) {
      const x = xs[r]
      if (x === undefined || x === null) b.pushAbsent()
      else b.pushString(x)
    }
    return b.finish()
  }

  /** The values in the given row order. */
  permute(order: ArrayLike<number>): TextColumn {
    const b = new TextColumnBuilder(this.data.length)
    for (let k = 0; k < order.length; k++) {
      const r = order[k]
      if (!this.has(r)) b.pushAbsent()
      else b.push(this.data, this.start(r), this.ends[r])
    }
    return b.finish()
  }
}

export class TextColumnBuilder {
  private data: Uint8Array
  private len = 0
  private ends: Int32Array
  private absent?: Uint8Array
  private n = 0

  constructor(bytes = 1 << 16, rows = 1024) {
    this.data = new Uint8Array(Math.max(bytes, 16))
    this.ends = new Int32Array(Math.max(rows, 16))
  }
  private room(bytes: number): void {
    if (this.len + bytes > this.data.length) {
      let c = this.data.length * 2
      while (c < this.len + bytes) c *= 2
      const d = new Uint8Array(c); d.set(this.data.subarray(0, this.len)); this.data = d
    }
    if (this.n === this.ends.length) {
      const e = new Int32Array(this.ends.length * 2); e.set(this.ends); this.ends = e
      if (this.absent) { const a = new Uint8Array(this.ends.length); a.set(this.absent); this.absent = a }
    }
  }
  push(src: Uint8Array, s: number, e: number): void {
    this.room(e - s)
    if (e - s < 16) { for (let k = s; k < e; k++) this.data[this.len++] = src[k] } else { this.data.set(src.subarray(s, e), this.len); this.len += e - s }
    this.ends[this.n++] = this.len
  }
  pushString(x: string): void {
    this.room(x.length * 3)
    this.len += enc.encodeInto(x, this.data.subarray(this.len)).written
    this.ends[this.n++] = this.len
  }
  pushAbsent(): void {
    this.room(0)
    if (!this.absent) this.absent = new Uint8Array(this.ends.length)
    this.absent[this.n] = 1
    this.ends[this.n++] = this.len
  }
  get rows(): number { return this.n }
  finish(): TextColumn {
    return new TextColumn(this.data.slice(0, this.len), this.ends.slice(0, this.n), this.absent?.slice(0, this.n))
  }
}

export interface TableField {
  /** Field name in the source (INFO tag or column name). */
  name: string
  /** The source's declaration: Number, Type and Description. */
  number: string
  type: InfoDeclaration['type']
  description: string
  /** One value per row as VCF text ('1', '0.5,0.2', 'foo'; '' for a present flag), absent when the record lacks it. */
  values: TextColumn
}

export interface AnnotationTable {
  /** Contig names; `chrom` holds indices into this list, rows grouped by contig. */
  contigs: string[]
  chrom: Int32Array
  /** 1-based positions, ascending within a contig. */
  pos: Int32Array
  ref: TextColumn
  /** ALT column text ("G", "G,T", "." for none). */
  alt: TextColumn
  /** The source's ID column, when kept. */
  id?: TextColumn
  fields: Map<string, TableField>
  /** Where the rows came from (file name or URL), for messages and headers. */
  label: string
}

export const rows = (t: AnnotationTable): number => t.pos.length

/** Sorts a table by contig index and position (stably) unless it already is. */
export function sortTable(t: AnnotationTable): AnnotationTable {
  const n = t.pos.length
  let sorted = true
  for (let r = 1; r < n && sorted; r++) {
    if (t.chrom[r] < t.chrom[r - 1] || (t.chrom[r] === t.chrom[r - 1] && t.pos[r] < t.pos[r - 1])) sorted = false
  }
  if (sorted) return t
  const order = Array.from({ length: n }, (_, r) => r)
  order.sort((a, b) => t.chrom[a] - t.chrom[b] || t.pos[a] - t.pos[b] || a - b)
  const fields = new Map<string, TableField>()
  for (const [k, f] of t.fields) fields.set(k, { ...f, values: f.values.permute(order) })
  return {
    ...t,
    chrom: Int32Array.from(order, (r) => t.chrom[r]),
    pos: Int32Array.from(order, (r) => t.pos[r]),
    ref: t.ref.permute(order), alt: t.alt.permute(order), id: t.id?.permute(order), fields,
  }
}

/** Splits an ALT column into alleles ('.' has none). */
export function alleles(alt: string): string[] {
  return alt === '.' || alt === '' ? [] : alt.split(',')
}
