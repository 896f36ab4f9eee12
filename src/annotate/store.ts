// The precompiled annotation store: a Parquet file (readable by DuckDB, Spark, pandas …)
// with one row per source record, sorted by contig and position:
//   chrom STRING, pos INT32, ref STRING, alt STRING, [id STRING], one STRING column per field
//   (the value as VCF text; a present flag is ''; null when absent)
// Key-value metadata `vartriage.store` (JSON) keeps the fields' VCF declarations and the
// contig order. Row groups of 65,536 rows with min/max statistics are the blocks a remote
// reader fetches by byte range (the Parquet footer is the index). See docs/adr/0006.
import { UsageError } from '../errors.js'
import type { InfoDeclaration } from '../sink/info-append.js'
import { sortTable, type AnnotationTable, type TableField } from './table.js'

export const STORE_META_KEY = 'vartriage.store'
export const STORE_ROW_GROUP = 65536

export interface StoreMeta {
  version: 1
  contigs: string[]
  fields: { name: string; number: string; type: InfoDeclaration['type']; description: string }[]
  sources: string[]
  id: boolean
}

type AsyncBuffer = { byteLength: number; slice(start: number, end?: number): ArrayBuffer | Promise<ArrayBuffer> }

/** Merges tables on (chrom, pos, ref, alt): one row per distinct record, fields side by side. */
export function mergeTables(tables: AnnotationTable[]): AnnotationTable {
  if (tables.length === 1) return tables[0]
  const contigs: string[] = []
  const cIndex = new Map<string, number>()
  const rowOf = new Map<string, number>()
  const chrom: number[] = [], pos: number[] = [], ref: string[] = [], alt: string[] = [], id: string[] = []
  const fields = new Map<string, TableField>()
  const anyId = tables.some((t) => t.id)
  for (const t of tables) {
    for (const [name, f] of t.fields) {
      if (fields.has(name)) throw new UsageError(`field ${name} is in both ${fields.get(name)!.description ? 'an earlier source' : 'another source'} and ${t.label}`)
      fields.set(name, { ...f, values: [] })
    }
  }
  for (const t of tables) {
    const n = t.pos.length
    for (let r = 0; r < n; r++) {
      const cname = t.contigs[t.chrom[r]]
      let c = cIndex.get(cname)
      if (c === undefined) { c = contigs.length; contigs.push(cname); cIndex.set(cname, c) }
      const key = `${cname}\t${t.pos[r]}\t${t.ref[r]}\t${t.alt[r]}`
      let row = rowOf.get(key)
      if (row === undefined) {
        row = pos.length
        rowOf.set(key, row)
        chrom.push(c); pos.push(t.pos[r]); ref.push(t.ref[r]); alt.push(t.alt[r]); id.push(t.id?.[r] ?? '.')
      } else if (id[row] === '.' && t.id) id[row] = t.id[r]
      for (const [name, f] of t.fields) fields.get(name)!.values[row] = f.values[r]
    }
  }
  for (const f of fields.values()) f.values.length = pos.length
  return sortTable({
    contigs, chrom: Int32Array.from(chrom), pos: Int32Array.from(pos), ref, alt, id: anyId ? id : undefined,
    fields, label: tables.map((t) => t.label).join('+'),
  })
}

/** The store as Parquet bytes. */
export async function writeStore(t: AnnotationTable): Promise<Uint8Array> {
  const { parquetWriteBuffer } = await import('hyparquet-writer')
  const meta: StoreMeta = {
    version: 1,
    contigs: t.contigs,
    fields: [...t.fields.values()].map((f) => ({ name: f.name, number: f.number, type: f.type, description: f.description })),
    sources: t.label.split('+'),
    id: t.id !== undefined,
  }
  const nullable = (xs: (string | undefined)[]) => Array.from(xs, (x) => (x === undefined ? null : x))
  const columnData = [
    { name: 'chrom', data: Array.from(t.chrom, (c) => t.contigs[c]), type: 'STRING' as const, nullable: false },
    { name: 'pos', data: t.pos, type: 'INT32' as const, nullable: false },
    { name: 'ref', data: t.ref, type: 'STRING' as const, nullable: false },
    { name: 'alt', data: t.alt, type: 'STRING' as const, nullable: false },
    ...(t.id ? [{ name: 'id', data: t.id, type: 'STRING' as const, nullable: false }] : []),
    ...[...t.fields.values()].map((f) => ({ name: f.name, data: nullable(f.values), type: 'STRING' as const })),
  ]
  const buf = parquetWriteBuffer({
    columnData,
    rowGroupSize: STORE_ROW_GROUP,
    kvMetadata: [{ key: STORE_META_KEY, value: JSON.stringify(meta) }],
    createdBy: 'vartriage store build',
  })
  return new Uint8Array(buf)
}

/** Opens a store: a path (Node), an http(s) URL (range requests), a Blob, or any AsyncBuffer. */
async function storeBuffer(input: string | Blob | AsyncBuffer): Promise<AsyncBuffer> {
  const hp = await import('hyparquet')
  if (typeof input === 'string') {
    if (/^https?:\/\//.test(input)) return hp.asyncBufferFromUrl({ url: input })
    const { asyncBufferFromFile } = hp as unknown as { asyncBufferFromFile(p: string): Promise<AsyncBuffer> }
    return asyncBufferFromFile(input)
  }
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    return { byteLength: input.size, slice: (s, e) => input.slice(s, e).arrayBuffer() }
  }
  return input as AsyncBuffer
}

export interface ReadStoreOptions {
  /** Fields to read (default: all). */
  fields?: string[]
  id?: boolean
}

/** Reads a store (only the columns needed) into a table. */
export async function readStore(input: string | Blob | AsyncBuffer, opts: ReadStoreOptions = {}): Promise<AnnotationTable> {
  const hp = await import('hyparquet')
  const file = await storeBuffer(input)
  const label = typeof input === 'string' ? input : 'store'
  const metadata = await hp.parquetMetadataAsync(file)
  const kv = metadata.key_value_metadata?.find((k) => k.key === STORE_META_KEY)
  if (!kv?.value) throw new UsageError(`${label}: not a vartriage store (no ${STORE_META_KEY} metadata)`)
  const meta = JSON.parse(kv.value) as StoreMeta
  const wanted = opts.fields ?? meta.fields.map((f) => f.name)
  for (const f of wanted) if (!meta.fields.some((m) => m.name === f)) throw new UsageError(`${label}: the store has no field ${f}`)
  if (opts.id && !meta.id) throw new UsageError(`${label}: the store has no ID column`)
  const n = Number(metadata.num_rows)
  // every column chunk lands at its rows; one pass over the row groups for all columns
  const names = ['chrom', 'pos', 'ref', 'alt', ...wanted, ...(opts.id ? ['id'] : [])]
  const cols = new Map<string, unknown[] | Int32Array>(names.map((c) => [c, c === 'pos' ? new Int32Array(n) : new Array(n)]))
  await hp.parquetRead({
    file, metadata, columns: names,
    onChunk: (ch) => {
      const dst = cols.get(ch.columnName)
      if (!dst) return
      const src = ch.columnData as ArrayLike<unknown>
      if (dst instanceof Int32Array) dst.set(src as ArrayLike<number>, ch.rowStart)
      else for (let k = 0; k < src.length; k++) dst[ch.rowStart + k] = src[k]
    },
  })
  const read = (name: string) => cols.get(name)!
  const chromNames = read('chrom') as string[], pos = read('pos') as Int32Array, ref = read('ref') as string[], alt = read('alt') as string[]
  const cIndex = new Map(meta.contigs.map((c, k) => [c, k]))
  const chrom = new Int32Array(n)
  let last = '', lastK = -1
  for (let r = 0; r < n; r++) {
    const c = chromNames[r] as string
    if (c !== last) { last = c; lastK = cIndex.get(c) ?? -1 }
    chrom[r] = lastK
  }
  const fields = new Map<string, TableField>()
  for (const name of wanted) {
    const m = meta.fields.find((f) => f.name === name)!
    const col = read(name) as (string | null | undefined)[]
    const values: (string | undefined)[] = new Array(n)
    for (let r = 0; r < n; r++) { const v = col[r]; values[r] = v === null || v === undefined ? undefined : (v as string) }
    fields.set(name, { ...m, values })
  }
  return {
    contigs: meta.contigs, chrom, pos, ref, alt, id: opts.id ? read('id') as string[] : undefined, fields, label,
  }
}
