// A VCF annotation source read into a table: the fields asked for, as VCF text per record.
// The file is read with our own reader (WASM parse); values are formatted as htslib prints
// them as written (raw text); bcftools-style output formats Float values as htslib prints
// them (canonicalFloat), vcfanno-style output as vcfgo does.
import { VcfReader, type ReaderOptions } from '../reader/reader.js'
import { infoValue } from './edits.js'
import { kputd } from '../format/numbers.js'
import type { VcfInput } from '../source/source.js'
import { UsageError } from '../errors.js'
import { sortTable, type AnnotationTable, type TableField } from './table.js'

export interface VcfSourceOptions extends ReaderOptions {
  /** Keep the ID column (for -c ID). */
  id?: boolean
  onProgress?: (done: number, total: number | undefined) => void
}

/**
 * A Float value as htslib prints it (f32, kputd), from the source's text. Short plain
 * decimals are already in that form and are returned as they are.
 */
export function canonicalFloat(text: string): string {
  if (PLAIN.test(text)) return text
  return text.split(',').map((x) => {
    if (x === '.' || PLAIN.test(x)) return x
    const d = Number(x)
    return Number.isNaN(d) ? x : kputd(Math.fround(d))
  }).join(',')
}
// up to 6 significant digits, no exponent, no trailing fraction zeros, within kputd's plain range
const PLAIN = /^-?(?:[1-9]\d{0,5}|0\.0{0,3}[1-9](?:\d{0,4}[1-9])?|(?=[\d.]{1,7}$)[1-9]\d{0,4}\.\d*[1-9])$/

/** Reads `fields` (INFO tags) of a VCF source into a table (sorted by contig, position). */
export async function loadVcfSource(input: VcfInput, fields: string[], opts: VcfSourceOptions = {}): Promise<AnnotationTable> {
  const reader = await VcfReader.open(input, { ...opts, onProgress: opts.onProgress })
  const label = reader.file
  for (const f of fields) {
    if (!reader.header.info.has(f)) throw new UsageError(`${label}: the annotation source has no INFO/${f} declared in its header`)
  }
  const contigs: string[] = []
  const contigIndex = new Map<string, number>()
  const chrom: number[] = [], pos: number[] = [], ref: string[] = [], alt: string[] = [], id: string[] = []
  const values = fields.map(() => [] as (string | undefined)[])
  for await (const b of reader.batches()) {
    const names = b.core.contigs()
    for (let i = 0; i < b.n; i++) {
      const name = names[b.chromId[i]]
      let c = contigIndex.get(name)
      if (c === undefined) { c = contigs.length; contigs.push(name); contigIndex.set(name, c) }
      chrom.push(c)
      pos.push(b.pos[i])
      ref.push(b.ref(i))
      alt.push(b.alt(i))
      if (opts.id) id.push(b.id(i))
      if (fields.length > 0) {
        const info = b.infoText(i)
        for (let k = 0; k < fields.length; k++) {
          const v = infoValue(info, fields[k])
          values[k].push(v === null ? '' : v)
        }
      }
    }
  }
  const fieldMap = new Map<string, TableField>()
  fields.forEach((f, k) => {
    const def = reader.header.info.get(f)!
    fieldMap.set(f, {
      name: f, number: def.number, type: (def.type ?? 'String') as TableField['type'],
      description: def.description ?? '', values: values[k],
    })
  })
  return sortTable({
    contigs, chrom: Int32Array.from(chrom), pos: Int32Array.from(pos), ref, alt,
    id: opts.id ? id : undefined, fields: fieldMap, label,
  })
}
