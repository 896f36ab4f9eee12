// Annotation tables loaded once and shared: a run's sources are read on the calling thread,
// and the tables travel to worker threads in shared memory (SharedArrayBuffer where the
// platform has it, a structured-clone copy elsewhere), so a worker never parses a source
// again. Tables are keyed by what was loaded (file, fields, ID).
import { TextColumn, type AnnotationTable, type TableField } from './table.js'

export type TableKind = 'vcf' | 'store'

/** A table as it crosses a thread boundary (plain data: TextColumn instances become objects). */
export type PortableTable = Omit<AnnotationTable, 'ref' | 'alt' | 'id' | 'fields'> & {
  ref: PortableColumn; alt: PortableColumn; id?: PortableColumn
  fields: [string, Omit<TableField, 'values'> & { values: PortableColumn }][]
}
interface PortableColumn { data: Uint8Array; ends: Int32Array; absent?: Uint8Array }

const shareable = typeof SharedArrayBuffer !== 'undefined'

function share<T extends Uint8Array | Int32Array>(a: T): T {
  if (!shareable || a.buffer instanceof SharedArrayBuffer) return a
  const Ctor = a.constructor as { new(b: SharedArrayBuffer): T }
  const out = new Ctor(new SharedArrayBuffer(a.byteLength))
  out.set(a as never)
  return out
}

const col = (c: TextColumn): PortableColumn => ({ data: share(c.data), ends: share(c.ends), absent: c.absent && share(c.absent) })
const revive = (c: PortableColumn): TextColumn => new TextColumn(c.data, c.ends, c.absent)

export class TableCache {
  private readonly tables = new Map<string, AnnotationTable>()

  static key(kind: TableKind, path: string, fields: string[], id: boolean): string {
    return JSON.stringify([kind, path, [...fields].sort(), id])
  }

  async get(kind: TableKind, path: string, fields: string[], id: boolean, load: () => Promise<AnnotationTable>): Promise<AnnotationTable> {
    const key = TableCache.key(kind, path, fields, id)
    let t = this.tables.get(key)
    if (!t) { t = await load(); this.tables.set(key, t) }
    return t
  }

  /**
   * Every table, in shared memory where possible, to send to workers. The cache keeps the
   * shared copies from then on, so the unshared originals can be collected.
   */
  export(): [string, PortableTable][] {
    const out: [string, PortableTable][] = [...this.tables].map(([k, t]) => [k, {
      label: t.label, contigs: t.contigs, chrom: share(t.chrom), pos: share(t.pos),
      ref: col(t.ref), alt: col(t.alt), id: t.id && col(t.id),
      fields: [...t.fields].map(([name, f]) => [name, { ...f, values: col(f.values) }]),
    }])
    for (const [k, t] of out) this.tables.set(k, reviveTable(t))
    return out
  }

  static import(list: [string, PortableTable][]): TableCache {
    const c = new TableCache()
    for (const [k, t] of list) c.tables.set(k, reviveTable(t))
    return c
  }
}

function reviveTable(t: PortableTable): AnnotationTable {
  return {
    label: t.label, contigs: t.contigs, chrom: t.chrom, pos: t.pos, ref: revive(t.ref), alt: revive(t.alt), id: t.id && revive(t.id),
    fields: new Map(t.fields.map(([name, f]) => [name, { ...f, values: revive(f.values) }])),
  }
}
