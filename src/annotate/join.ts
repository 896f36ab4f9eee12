// Host side of the WASM merge-join (assembly/annotate/join.ts): loads a table's keys into a
// reader's core once, then joins each batch with one call. Every call goes through the
// reader's WasmCore (the one owner of the memory, ADR 0005); results are copied out at once,
// so no view over WASM memory is kept across a call that can allocate.
import type { WasmCore } from '../wasm/core.js'
import type { RecordBatch } from '../batch/batch.js'
import { UsageError } from '../errors.js'
import { ContigResolver } from './contigs.js'
import type { AnnotationTable, TextColumn } from './table.js'

const enum Buf { OUT_OFF = 3, OUT = 4, T_CHROM = 6, T_POS = 7, T_REF = 8, T_CSTART = 12, EXACT = 13 }

/** bcftools pairs each query record with at most one source record; vcfanno takes every match. */
export const enum JoinMode { PAIR = 0, ALL = 1 }

export interface JoinResult {
  /** Matches of record i are rows[off[i] .. off[i+1]). */
  off: Int32Array
  rows: Int32Array
  /** 1 when record i's first match has the same ALT list (values copy without allele mapping). */
  exact: Uint8Array
}

/** Writes a text column (its bytes, then its i32 end offsets) to the core's annotation byte area. */
export function putTextColumn(core: WasmCore, c: TextColumn): void {
  const bytes = new Uint8Array(c.data.length + 4 * c.length)
  bytes.set(c.data, 0)
  bytes.set(new Uint8Array(c.ends.buffer, c.ends.byteOffset, c.ends.byteLength), c.data.length)
  core.annoPutBytes(bytes)
}

/** Table slots in use per core: each source joined on a core has a slot of its own. */
const slotsOf = new WeakMap<WasmCore, number>()
const SLOTS = 8

export class WasmJoin {
  private readonly resolver: ContigResolver
  private map: number[] = []
  private readonly slot: number

  constructor(readonly core: WasmCore, readonly table: AnnotationTable, onRename?: (from: string, to: string) => void) {
    this.resolver = new ContigResolver(table.contigs, onRename)
    const slot = slotsOf.get(core) ?? 0
    if (slot >= SLOTS) throw new UsageError(`at most ${SLOTS} VCF, store or tab-with-alleles annotation sources can be joined in one run`)
    slotsOf.set(core, slot + 1)
    this.slot = slot
    core.annoSelect(slot)
    this.load()
  }

  get renamed(): Map<string, string> { return this.resolver.renamed }

  /** Copies positions, contig starts and allele hashes of the table into the core. */
  private load(): void {
    const t = this.table, n = t.pos.length, core = this.core
    core.annoTableAlloc(n, t.contigs.length)
    core.i32(core.annoPtr(Buf.T_CHROM), n).set(t.chrom)
    core.i32(core.annoPtr(Buf.T_POS), n).set(t.pos)
    const starts = new Int32Array(t.contigs.length + 1)
    for (let c = 0, r = 0; c <= t.contigs.length; c++) {
      while (r < n && t.chrom[r] < c) r++
      starts[c] = r
    }
    core.i32(core.annoPtr(Buf.T_CSTART), starts.length).set(starts)
    putTextColumn(core, t.ref)
    core.annoHashAlleles(n, t.ref.data.length, Buf.T_REF, 0)
    putTextColumn(core, t.alt)
    core.annoHashAlts(n, t.alt.data.length)
  }

  /** Starts a new query stream: the merge cursor and pairing state go back to the start. */
  rewind(): void { this.core.annoSelect(this.slot); this.core.annoRewind(); this.core.annoReset() }

  /** Joins one batch (all its records, selected or not); the batch's getters stay valid. */
  join(b: RecordBatch, mode: JoinMode): JoinResult & { batch: RecordBatch } {
    const core = this.core
    core.annoSelect(this.slot)
    const names = core.contigs()
    for (let c = this.map.length; c < names.length; c++) this.map[c] = this.resolver.resolve(names[c])
    core.annoSetMap(this.map.length ? this.map : [-1])
    const total = core.annoJoin(b.n, mode)
    // copy out now: the next call may move these buffers
    const off = core.i32(core.annoPtr(Buf.OUT_OFF), b.n + 1).slice()
    const rows = core.i32(core.annoPtr(Buf.OUT), total).slice()
    const exact = core.u8(core.annoPtr(Buf.EXACT), b.n).slice()
    return { off, rows, exact, batch: b }
  }
}
