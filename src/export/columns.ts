// Column buffers for streamed Parquet writing: values accumulate for one row group, are handed
// to hyparquet-writer's ParquetWriter, then the buffers start again. Plain arrays hold nullable
// values (hyparquet-writer reads null as a missing value); non-null numeric columns could be
// typed arrays, but one shape keeps the flush code simple and the row groups are bounded.
import type { ParquetWriter } from 'hyparquet-writer'

/** hyparquet-writer's output sink (a file writer in Node, a ByteWriter anywhere). */
export type ParquetSink = ConstructorParameters<typeof ParquetWriter>[0]['writer']
export type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]['schema'][number]

export type Physical = 'STRING' | 'INT32' | 'INT64' | 'DOUBLE' | 'FLOAT' | 'BOOLEAN'

export interface ColumnSpec {
  name: string
  type: Physical
  /** list<type> (3-level LIST, elements nullable) instead of a scalar. */
  list?: boolean
  nullable: boolean
}

const LEAF: Record<Physical, Partial<SchemaElement>> = {
  STRING: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  INT32: { type: 'INT32' },
  INT64: { type: 'INT64' },
  DOUBLE: { type: 'DOUBLE' },
  FLOAT: { type: 'FLOAT' },
  BOOLEAN: { type: 'BOOLEAN' },
}

/** The Parquet schema (root first, depth-first) of flat and list columns. */
export function parquetSchema(cols: ColumnSpec[]): SchemaElement[] {
  const out: SchemaElement[] = [{ name: 'root', num_children: cols.length }]
  for (const c of cols) {
    const repetition_type = c.nullable ? 'OPTIONAL' : 'REQUIRED'
    if (!c.list) { out.push({ name: c.name, repetition_type, ...LEAF[c.type] } as SchemaElement); continue }
    // the standard 3-level list that DuckDB, Spark and Arrow all read as list<element>
    out.push({ name: c.name, repetition_type, converted_type: 'LIST', num_children: 1 } as SchemaElement)
    out.push({ name: 'list', repetition_type: 'REPEATED', num_children: 1 } as SchemaElement)
    out.push({ name: 'element', repetition_type: 'OPTIONAL', ...LEAF[c.type] } as SchemaElement)
  }
  return out
}

type Value = string | number | bigint | boolean | null | Array<number | string | null>

/** One row group's worth of values per column. */
export class RowGroupBuffer {
  readonly data: Value[][]
  rows = 0

  constructor(readonly cols: ColumnSpec[]) {
    this.data = cols.map(() => [])
  }

  /** Writes the buffered rows as one row group (nothing when empty) and starts again. */
  async flush(writer: ParquetWriter): Promise<void> {
    if (this.rows === 0) return
    const columnData = this.cols.map((c, k) => ({ name: c.name, data: this.data[k] as unknown[] }))
    await writer.write({ columnData: columnData as Parameters<ParquetWriter['write']>[0]['columnData'], rowGroupSize: this.rows })
    for (const d of this.data) d.length = 0
    this.rows = 0
  }
}

/** Opens a Parquet sink: a path (Node: a buffered file writer) or a caller's ByteWriter. */
export async function openSink(out: string | ParquetSink): Promise<ParquetSink> {
  if (typeof out !== 'string') return out
  const { fileWriter } = await import('hyparquet-writer') as unknown as { fileWriter(p: string): ParquetSink }
  if (typeof fileWriter !== 'function') throw new Error('writing Parquet to a path needs Node; pass a ByteWriter in a browser')
  return fileWriter(out)
}
