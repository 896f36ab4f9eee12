// Host side of the WASM merge-join (assembly/annotate/join.ts): loads a table's keys into a
// reader's core once, then joins each batch with one call. Results are copied out at once:
// no view over WASM memory is kept across a call that can allocate.
import type { WasmCore } from '../wasm/core.js'
import { RecordBatch } from '../batch/batch.js'
import { ContigResolver } from './contigs.js'
import type { AnnotationTable, TextColumn } from './table.js'

interface JoinExports {
  memory: WebAssembly.Memory
  annoPtr(b: number): number
  annoTableAlloc(rows: number, alts: number, contigs: number): void
  annoReset(): void
  annoMapAlloc(n: number): number
  annoBytes(n: number): number
  annoHashAlleles(count: number, textLen: number, target: number, at: number): void
  annoHashAlts(count: number, textLen: number): void
  annoRewind(): void
  annoJoin(n: number, mode: number): number
}

const enum Buf { OUT_OFF = 3, OUT = 4, MAP = 5, T_CHROM = 6, T_POS = 7, T_REF = 8, T_ALT_OFF = 9, T_CSTART = 12, EXACT = 13, T_ALT = 10 }

/** bcftools pairs each query record with at most one source record; vcfanno takes every match. */
export const enum JoinMode { PAIR = 0, ALL = 1 }

export interface JoinResult {
  /** Matches of record i are rows[off[i] .. off[i+1]). */
  off: Int32Array
  rows: Int32Array
  /** 1 when record i's first match has the same ALT list (values copy without allele mapping). */
  exact: Uint8Array
}


export class WasmJoin {
  private readonly x: JoinExports
  private readonly resolver: ContigResolver
  private mapped = 0
  private map: number[] = []

  constructor(readonly core: WasmCore, readonly table: AnnotationTable, onRename?: (from: string, to: string) => void) {
    this.x = core.x as unknown as JoinExports
    this.resolver = new ContigResolver(table.contigs, onRename)
    this.load()
  }

  get renamed(): Map<string, string> { return this.resolver.renamed }

  private u8(p: number, n: number) { return new Uint8Array(this.x.memory.buffer, p, n) }
  private i32(p: number, n: number) { return new Int32Array(this.x.memory.buffer, p, n) }

  /** Copies positions, contig starts and allele hashes of the table into the core. */
  private load(): void {
    const t = this.table, n = t.pos.length
    this.x.annoTableAlloc(n, 0, t.contigs.length)
    this.i32(this.x.annoPtr(Buf.T_CHROM), n).set(t.chrom)
    this.i32(this.x.annoPtr(Buf.T_POS), n).set(t.pos)
    const starts = new Int32Array(t.contigs.length + 1)
    for (let c = 0, r = 0; c <= t.contigs.length; c++) {
      while (r < n && t.chrom[r] < c) r++
      starts[c] = r
    }
    this.i32(this.x.annoPtr(Buf.T_CSTART), starts.length).set(starts)
    this.put(t.ref)
    this.x.annoHashAlleles(n, t.ref.data.length, Buf.T_REF, 0)
    this.put(t.alt)
    this.x.annoHashAlts(n, t.alt.data.length)
  }

  /** Writes a text column (bytes, then end offsets) to the core's byte area. */
  private put(c: TextColumn): void {
    const len = c.data.length + 4 * c.length
    const p = this.x.annoBytes(len)
    const mem = this.u8(p, len)
    mem.set(c.data, 0)
    mem.set(new Uint8Array(c.ends.buffer, c.ends.byteOffset, c.ends.byteLength), c.data.length)
  }

  /** Starts a new query stream: the merge cursor and pairing state go back to the start. */
  rewind(): void { this.x.annoRewind(); this.x.annoReset() }

  /**
   * Joins one batch (all its records, selected or not). When the call grew WASM memory the
   * batch's views are stale: `batch` is then a fresh batch over the same records.
   */
  join(b: RecordBatch, mode: JoinMode): JoinResult & { batch: RecordBatch } {
    const before = this.x.memory.buffer
    const names = this.core.contigs()
    if (names.length > this.mapped || this.map.length === 0) {
      for (let c = this.mapped; c < names.length; c++) this.map[c] = this.resolver.resolve(names[c])
      this.mapped = names.length
    }
    const p = this.x.annoMapAlloc(this.map.length)
    this.i32(p, this.map.length).set(this.map)
    const total = this.x.annoJoin(b.n, mode)
    // copy out now: the next call may move these buffers
    const off = this.i32(this.x.annoPtr(Buf.OUT_OFF), b.n + 1).slice()
    const rows = this.i32(this.x.annoPtr(Buf.OUT), total).slice()
    const exact = this.u8(this.x.annoPtr(Buf.EXACT), b.n).slice()
    let batch = b
    if (this.x.memory.buffer !== before) {
      batch = new RecordBatch(this.core, b.schema, b.n, b.firstRecord, b.parser, b.baseOffset)
      batch.selected = b.selected
      batch.samplePass = b.samplePass
    }
    return { off, rows, exact, batch }
  }
}
