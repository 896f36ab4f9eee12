// `exportParquet`: a VCF as Parquet for cohort engines (DuckDB, Spark/Glow, pandas), one row per
// ALT allele with typed INFO columns, and optionally the calls as a long genotype table (one row
// per variant row and sample). Batches are read columnar and values go straight from the
// batch's pools into per-row-group column buffers; nothing is built per record. The schema is
// documented in docs/parquet.md.
import { ParquetWriter } from 'hyparquet-writer'
import { UsageError } from '../errors.js'
import { VcfReader, type ReaderOptions } from '../reader/reader.js'
import { select, type SelectOptions } from '../pipeline/select.js'
import { WType } from '../wasm/core.js'
import type { RecordBatch, FormatColumn } from '../batch/batch.js'
import type { TagInfo } from '../batch/schema.js'
import type { VcfInput } from '../source/source.js'
import { openSink, parquetSchema, RowGroupBuffer, type ColumnSpec, type ParquetSink } from './columns.js'

export const EXPORT_META_KEY = 'vartriage.export'
/** Variant rows per row group: a few MB per column chunk, the unit a range reader fetches. */
export const VARIANT_ROW_GROUP = 65536
/** Genotype rows per row group (a cohort has many calls per variant row). */
export const GENOTYPE_ROW_GROUP = 1 << 18

export interface ExportOptions extends SelectOptions, ReaderOptions {
  /** The variant table: a path (Node) or a ByteWriter. */
  out: string | ParquetSink
  /** The long genotype table (a path or a ByteWriter); none when absent. */
  genotypes?: string | ParquetSink
  /** INFO fields to export (default: every field the header declares). */
  info?: string[]
  rowGroupSize?: number
  genotypeRowGroupSize?: number
  /** Called with the number of records of each batch read. */
  onBatch?: (records: number) => void
}

export interface ExportSummary {
  /** Records read that passed -i/-e and regions. */
  records: number
  /** Rows of the variant table (ALT alleles of those records). */
  variants: number
  /** Rows of the genotype table (0 without one). */
  genotypes: number
  samples: string[]
}

/** How one INFO field becomes a column. */
interface InfoPlan {
  tag: string
  tagInfo: TagInfo
  spec: ColumnSpec
  /** 'a': this ALT's value; 'r': [REF's, this ALT's]; 'one': the first value; 'all': every value; 'flag'; 'text': VCF text. */
  shape: 'a' | 'r' | 'one' | 'all' | 'flag' | 'text'
}

function infoPlan(tag: string, t: TagInfo): InfoPlan {
  const name = `INFO_${tag}`
  const n = t.def.number
  if (t.wtype === WType.FLAG) return { tag, tagInfo: t, spec: { name, type: 'BOOLEAN', nullable: false }, shape: 'flag' }
  if (t.wtype === WType.STRING) {
    const shape = n === 'A' ? 'a' : n === '1' ? 'one' : 'text'
    return { tag, tagInfo: t, spec: { name, type: 'STRING', nullable: true }, shape }
  }
  const type = t.wtype === WType.INT ? 'INT32' : 'FLOAT'
  if (n === 'A' || n === '1' || n === '0') return { tag, tagInfo: t, spec: { name, type, nullable: true }, shape: n === 'A' ? 'a' : 'one' }
  return { tag, tagInfo: t, spec: { name, type, nullable: true, list: true }, shape: n === 'R' ? 'r' : 'all' }
}

const VARIANT_COLUMNS: ColumnSpec[] = [
  { name: 'variant', type: 'INT64', nullable: false },
  { name: 'chrom', type: 'STRING', nullable: false },
  { name: 'pos', type: 'INT64', nullable: false },
  { name: 'ref', type: 'STRING', nullable: false },
  { name: 'alt', type: 'STRING', nullable: true },
  { name: 'alt_index', type: 'INT32', nullable: false },
  { name: 'id', type: 'STRING', nullable: true },
  { name: 'qual', type: 'FLOAT', nullable: true },
  { name: 'filter', type: 'STRING', nullable: true },
]

function formatSpec(name: string, t: TagInfo | undefined): ColumnSpec {
  return { name, type: t && t.wtype === WType.FLOAT ? 'FLOAT' : 'INT32', nullable: true }
}

/**
 * Writes a VCF (a path, URL, bytes … or an open VcfReader) as a Parquet variant table and,
 * with `genotypes`, a long genotype table. Deterministic: rows follow the VCF's order.
 */
export async function exportParquet(input: VcfReader | VcfInput, options: ExportOptions): Promise<ExportSummary> {
  const reader = input instanceof VcfReader ? input : await VcfReader.open(input, options)
  const header = reader.header
  const tags = options.info ?? [...reader.schema.info.keys()]
  const plans: InfoPlan[] = []
  for (const tag of tags) {
    const t = reader.schema.info.get(tag)
    if (!t) throw new UsageError(`INFO/${tag} is not declared in the header of ${reader.file}`)
    plans.push(infoPlan(tag, t))
  }
  const vCols = [...VARIANT_COLUMNS, ...plans.map((p) => p.spec)]
  const seen = new Map<string, string>()
  for (const c of vCols) {
    // DuckDB and Spark match column names case-insensitively
    const k = c.name.toLowerCase()
    if (seen.has(k)) throw new UsageError(`${reader.file}: INFO fields ${seen.get(k)} and ${c.name} differ only in case; export one with --info`)
    seen.set(k, c.name)
  }
  const meta = (table: string) => [{
    key: EXPORT_META_KEY,
    value: JSON.stringify({
      version: 1, table, source: reader.file, samples: header.samples,
      contigs: header.contigs.map((c) => c.id),
      info: plans.map((p) => ({ name: p.tag, column: p.spec.name, number: p.tagInfo.def.number, type: p.tagInfo.def.type, description: p.tagInfo.def.description ?? '' })),
    }),
  }]
  const vWriter = new ParquetWriter({ writer: await openSink(options.out), schema: parquetSchema(vCols), kvMetadata: meta('variants'), createdBy: 'vartriage export' })
  const vBuf = new RowGroupBuffer(vCols)
  const vGroup = options.rowGroupSize ?? VARIANT_ROW_GROUP

  const withGenotypes = options.genotypes !== undefined
  const fmt = reader.schema.format
  const gCols: ColumnSpec[] = [
    { name: 'variant', type: 'INT64', nullable: false },
    { name: 'sample', type: 'STRING', nullable: false },
    { name: 'sample_index', type: 'INT32', nullable: false },
    { name: 'gt', type: 'STRING', nullable: true },
    { name: 'allele1', type: 'INT32', nullable: true },
    { name: 'allele2', type: 'INT32', nullable: true },
    { name: 'phased', type: 'BOOLEAN', nullable: false },
    { name: 'alt_copies', type: 'INT32', nullable: true },
    formatSpec('gq', fmt.get('GQ')), formatSpec('dp', fmt.get('DP')),
    formatSpec('ad_ref', fmt.get('AD')), formatSpec('ad_alt', fmt.get('AD')),
  ]
  const gWriter = withGenotypes
    ? new ParquetWriter({ writer: await openSink(options.genotypes!), schema: parquetSchema(gCols), kvMetadata: meta('genotypes'), createdBy: 'vartriage export' })
    : undefined
  const gBuf = new RowGroupBuffer(gCols)
  const gGroup = options.genotypeRowGroupSize ?? GENOTYPE_ROW_GROUP

  const sel = select(reader, options, {
    info: plans.map((p) => p.tag),
    format: withGenotypes ? ['GT', 'GQ', 'DP', 'AD'].filter((f) => fmt.has(f)) : undefined,
  })
  const samples = sel.samples ?? header.samples.map((_, s) => s)
  const sampleNames = samples.map((s) => header.samples[s])
  let records = 0, variants = 0, genotypes = 0
  for await (const b of sel.batches) {
    options.onBatch?.(b.n)
    const cols = plans.map((p) => b.infoColumn(p.tag))
    const g = withGenotypes ? { gt: b.formatColumn('GT'), gq: b.formatColumn('GQ'), dp: b.formatColumn('DP'), ad: b.formatColumn('AD') } : undefined
    for (const i of b.indices()) {
      records++
      const altText = b.alt(i)
      const alts = altText === '.' ? [null] : altText.split(',')
      const id = b.id(i), filter = b.filter(i), qual = b.qual(i) ?? null
      const chrom = b.chrom(i), ref = b.ref(i), pos = BigInt(b.pos[i])
      let split: (string[] | undefined)[] | undefined
      for (let a = 0; a < alts.length; a++) {
        const altIndex = alts[a] === null ? 0 : a + 1
        const d = vBuf.data
        d[0].push(BigInt(variants)); d[1].push(chrom); d[2].push(pos); d[3].push(ref); d[4].push(alts[a])
        d[5].push(altIndex); d[6].push(id === '.' ? null : id); d[7].push(qual); d[8].push(filter === '.' ? null : filter)
        for (let k = 0; k < plans.length; k++) {
          const p = plans[k], c = cols[k]
          let v: ReturnType<typeof infoValue>
          if (p.shape === 'a' && p.spec.type === 'STRING') {
            split ??= []
            split[k] ??= stringValue(b, c, i)?.split(',')
            const s = split[k]?.[altIndex - 1]
            v = s === undefined || s === '' || s === '.' ? null : s
          } else v = infoValue(b, p, c, i, altIndex)
          d[VARIANT_COLUMNS.length + k].push(v)
        }
        vBuf.rows++
        if (g) genotypes += genotypeRows(b, i, variants, altIndex, samples, sampleNames, g, gBuf)
        variants++
        if (vBuf.rows >= vGroup) await vBuf.flush(vWriter)
        if (gWriter && gBuf.rows >= gGroup) await gBuf.flush(gWriter)
      }
    }
  }
  await vBuf.flush(vWriter)
  await vWriter.finish()
  if (gWriter) { await gBuf.flush(gWriter); await gWriter.finish() }
  return { records, variants, genotypes, samples: sampleNames }
}

type InfoCol = ReturnType<RecordBatch['infoColumn']>

function stringValue(b: RecordBatch, c: InfoCol, i: number): string | null {
  if (!c || c.a[i] < 0) return null
  return new TextDecoder().decode(b.bytes.subarray(c.a[i], c.b[i]))
}

/** One INFO value for the row of ALT `altIndex` (1-based; 0 for a record without ALT). */
function infoValue(b: RecordBatch, p: InfoPlan, c: InfoCol, i: number, altIndex: number): string | number | boolean | null | Array<number | null> {
  if (p.shape === 'flag') return c !== undefined && c.a[i] > 0
  if (!c) return null
  const count = c.a[i]
  if (count < 0) return null
  if (p.spec.type === 'STRING') {
    const s = stringValue(b, c, i)
    return s === '' || s === '.' ? null : s
  }
  // a numeric tag written as a bare key has no values: missing, as bcftools query prints it
  if (count === 0) return null
  const from = c.b[i]
  const num = (k: number): number | null => (k >= count || b.isMissing(from + k) || b.isVectorEnd(from + k) ? null : b.f64[from + k])
  switch (p.shape) {
    case 'one': return num(0)
    case 'a': return altIndex === 0 ? null : num(altIndex - 1)
    case 'r': return [num(0), altIndex === 0 ? null : num(altIndex)]
    default: {
      const out: Array<number | null> = []
      for (let k = 0; k < count && !b.isVectorEnd(from + k); k++) out.push(num(k))
      return out
    }
  }
}

interface GenotypeColumns { gt?: FormatColumn; gq?: FormatColumn; dp?: FormatColumn; ad?: FormatColumn }

/** The calls of record i for the variant row of ALT `altIndex`: one row per kept sample. */
function genotypeRows(b: RecordBatch, i: number, variant: number, altIndex: number, samples: number[], names: string[],
  g: GenotypeColumns, buf: RowGroupBuffer): number {
  const i32 = b.i32, f64 = b.f64
  const num = (c: FormatColumn | undefined, s: number, k: number): number | null => {
    if (!c) return null
    const stride = c.stride[i]
    if (k >= stride) return null
    const x = c.at[i] + s * stride + k
    return b.isMissing(x) || b.isVectorEnd(x) ? null : f64[x]
  }
  const d = buf.data
  const v = BigInt(variant)
  const gtStride = g.gt ? g.gt.stride[i] : 0
  for (let j = 0; j < samples.length; j++) {
    const s = samples[j]
    let a1: number | null = null, a2: number | null = null, phased = false, copies: number | null = null, text: string | null = null
    if (gtStride > 0) {
      text = b.genotype(i, s, g.gt) ?? null
      const base = g.gt!.at[i] + s * gtStride
      for (let k = 0; k < gtStride; k++) {
        const e = i32[base + k]
        if (e === -2147483647) break // vector end: a shorter (haploid) call
        const allele = (e >> 1) - 1
        if (k > 0 && (e & 1)) phased = true
        if (allele >= 0) copies = (copies ?? 0) + (allele === altIndex && altIndex > 0 ? 1 : 0)
        if (k === 0) a1 = allele >= 0 ? allele : null
        else if (k === 1) a2 = allele >= 0 ? allele : null
      }
    }
    d[0].push(v); d[1].push(names[j]); d[2].push(s); d[3].push(text); d[4].push(a1); d[5].push(a2); d[6].push(phased)
    d[7].push(copies); d[8].push(num(g.gq, s, 0)); d[9].push(num(g.dp, s, 0))
    d[10].push(num(g.ad, s, 0)); d[11].push(altIndex === 0 ? null : num(g.ad, s, altIndex))
    buf.rows++
  }
  return samples.length
}
