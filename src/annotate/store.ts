// The precompiled annotation store: a Parquet file (readable by DuckDB, Spark, pandas …)
// with one row per source record, sorted by contig and position:
//   chrom STRING, pos INT32, ref STRING, alt STRING, [id STRING], one STRING column per field
//   (the value as VCF text; a present flag is ''; null when absent)
// Key-value metadata `vartriage.store` (JSON) keeps the fields' VCF declarations and the
// contig order. Row groups of 65,536 rows with min/max statistics are the blocks a remote
// reader fetches by byte range (the Parquet footer is the index). See docs/adr/0006.
import { UsageError } from '../errors.js'
import type { InfoDeclaration } from '../sink/info-append.js'
import { sortTable, TextColumn, type AnnotationTable, type TableField } from './table.js'

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
  const values = new Map<string, (string | undefined)[]>()
  const anyId = tables.some((t) => t.id)
  const seenIn = new Map<string, string>()
  for (const t of tables) {
    for (const name of t.fields.keys()) {
      if (seenIn.has(name)) throw new UsageError(`field ${name} is in both ${seenIn.get(name)} and ${t.label}; keep it from one source (-f SRC:FIELD)`)
      seenIn.set(name, t.label)
      values.set(name, [])
    }
  }
  for (const t of tables) {
    const n = t.pos.length
    for (let r = 0; r < n; r++) {
      const cname = t.contigs[t.chrom[r]]
      let c = cIndex.get(cname)
      if (c === undefined) { c = contigs.length; contigs.push(cname); cIndex.set(cname, c) }
      const rr = t.ref.get(r)!, aa = t.alt.get(r)!
      const key = `${cname}\t${t.pos[r]}\t${rr}\t${aa}`
      let row = rowOf.get(key)
      if (row === undefined) {
        row = pos.length
        rowOf.set(key, row)
        chrom.push(c); pos.push(t.pos[r]); ref.push(rr); alt.push(aa); id.push(t.id?.get(r) ?? '.')
      } else if (id[row] === '.' && t.id) id[row] = t.id.get(r)!
      for (const [name, f] of t.fields) values.get(name)![row] = f.values.get(r)
    }
  }
  const fields = new Map<string, TableField>()
  for (const t of tables) {
    for (const [name, f] of t.fields) {
      const v = values.get(name)!
      v.length = pos.length
      fields.set(name, { ...f, values: TextColumn.fromStrings(v) })
    }
  }
  return sortTable({
    contigs, chrom: Int32Array.from(chrom), pos: Int32Array.from(pos), ref: TextColumn.fromStrings(ref), alt: TextColumn.fromStrings(alt),
    id: anyId ? TextColumn.fromStrings(id) : undefined, fields, label: tables.map((t) => t.label).join('+'),
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
  const nullable = (c: TextColumn) => Array.from({ length: c.length }, (_, r) => c.get(r) ?? null)
  const strings = (c: TextColumn) => Array.from({ length: c.length }, (_, r) => c.get(r) ?? '.')
  const columnData = [
    { name: 'chrom', data: Array.from(t.chrom, (c) => t.contigs[c]), type: 'STRING' as const, nullable: false },
    { name: 'pos', data: t.pos, type: 'INT32' as const, nullable: false },
    { name: 'ref', data: strings(t.ref), type: 'STRING' as const, nullable: false },
    { name: 'alt', data: strings(t.alt), type: 'STRING' as const, nullable: false },
    ...(t.id ? [{ name: 'id', data: strings(t.id), type: 'STRING' as const, nullable: false }] : []),
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
    fields.set(name, { ...m, values: TextColumn.fromStrings(read(name) as (string | null | undefined)[]) })
  }
  return {
    contigs: meta.contigs, chrom, pos, ref: TextColumn.fromStrings(ref), alt: TextColumn.fromStrings(alt),
    id: opts.id ? TextColumn.fromStrings(read('id') as string[]) : undefined, fields, label,
  }
}
