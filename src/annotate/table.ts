// An annotation table: source records (sorted by contig, position) with their alleles and
// the values of the fields to transfer, as VCF text. VCF sources, tab files with REF/ALT
// and the precompiled store all become one; the WASM merge-join reads its keys.
import type { InfoDeclaration } from '../sink/info-append.js'

export interface TableField {
  /** Field name in the source (INFO tag or column name). */
  name: string
  /** The source's declaration: Number, Type and Description. */
  number: string
  type: InfoDeclaration['type']
  description: string
  /** One value per row as VCF text ('1', '0.5,0.2', 'foo'; '' for a present flag), undefined when absent. */
  values: (string | undefined)[]
}

export interface AnnotationTable {
  /** Contig names; `chrom` holds indices into this list, rows grouped by contig. */
  contigs: string[]
  chrom: Int32Array
  /** 1-based positions, ascending within a contig. */
  pos: Int32Array
  ref: string[]
  /** ALT column text ("G", "G,T", "." for none). */
  alt: string[]
  /** The source's ID column, when kept. */
  id?: string[]
  fields: Map<string, TableField>
  /** Where the rows came from (file name or URL), for messages and headers. */
  label: string
}

export const rows = (t: AnnotationTable): number => t.pos.length

/** Makes a table from rows in any order: sorts by contig (first appearance) and position, stably. */
export function sortTable(t: AnnotationTable): AnnotationTable {
  const n = t.pos.length
  let sorted = true
  for (let r = 1; r < n && sorted; r++) {
    if (t.chrom[r] < t.chrom[r - 1] || (t.chrom[r] === t.chrom[r - 1] && t.pos[r] < t.pos[r - 1])) sorted = false
  }
  // contigs must also be contiguous and in index order for the join's contig starts
  if (sorted) return t
  const order = Array.from({ length: n }, (_, r) => r)
  order.sort((a, b) => t.chrom[a] - t.chrom[b] || t.pos[a] - t.pos[b] || a - b)
  const pick = <T>(xs: T[]): T[] => order.map((r) => xs[r])
  const fields = new Map<string, TableField>()
  for (const [k, f] of t.fields) fields.set(k, { ...f, values: pick(f.values) })
  return {
    ...t,
    chrom: Int32Array.from(order, (r) => t.chrom[r]),
    pos: Int32Array.from(order, (r) => t.pos[r]),
    ref: pick(t.ref), alt: pick(t.alt), id: t.id ? pick(t.id) : undefined, fields,
  }
}

/** Splits an ALT column into alleles ('.' has none). */
export function alleles(alt: string): string[] {
  return alt === '.' || alt === '' ? [] : alt.split(',')
}
