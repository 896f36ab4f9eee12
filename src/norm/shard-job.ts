// norm on the parallel engine. Realignment moves records left, possibly past records of the
// previous shard, and bcftools' re-sort buffer (src/norm/resort.ts) decides the order across
// that boundary. So a shard worker normalises its records but does not re-sort them: it
// returns them in input order as a compact log (kind, contig, position, line bytes), and the
// calling thread replays every shard's log, in file order, through one re-sort buffer. The
// output is then exactly the one-thread output, whatever the shard boundaries.
import type { VcfReader } from '../reader/reader.js'
import type { ShardJob } from '../parallel/jobs.js'
import type { ShardResult } from '../parallel/task.js'
import { Reference } from '../reference/fasta.js'
import type { VcfInput } from '../source/source.js'
import { Normaliser, type NormCounts, type SplitMode } from './normalise.js'
import { Resorter, type NormSink, type Pending } from './resort.js'

export interface NormSpec {
  fasta?: VcfInput
  split: SplitMode
  checkRef: string
  siteWindow: number
}

const PLACE = 0, CONTIG = 1, WINDOW = 2

/** A shard's records in input order, as the re-sort buffer would have received them. */
export interface NormLog {
  kinds: Uint8Array
  /** Index into `names` (PLACE and CONTIG events). */
  chroms: Int32Array
  pos0: Int32Array
  /** End of each PLACE event's line in the shard's bytes (it starts where the previous one ended). */
  ends: Int32Array
  names: string[]
  counts: NormCounts
  /** Warning lines in order (bcftools prints them as it goes). */
  warnings: string[]
}

const enc = new TextEncoder()

class LogSink implements NormSink {
  kinds = new Uint8Array(1 << 16)
  chroms = new Int32Array(1 << 16)
  pos0 = new Int32Array(1 << 16)
  ends = new Int32Array(1 << 16)
  // a shard is ~2 MiB compressed, ~8-10 MiB of text: start near that rather than doubling up to it
  bytes = new Uint8Array(8 << 20)
  n = 0
  o = 0
  names: string[] = []
  private last = ''
  private lastId = -1

  private grow(): void {
    const c = this.kinds.length * 2
    const g = <T extends Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => { const b = make(c); b.set(a as never); return b }
    this.kinds = g(this.kinds, (k) => new Uint8Array(k))
    this.chroms = g(this.chroms, (k) => new Int32Array(k))
    this.pos0 = g(this.pos0, (k) => new Int32Array(k))
    this.ends = g(this.ends, (k) => new Int32Array(k))
  }

  private event(kind: number, chrom: string, pos0: number): void {
    if (this.n === this.kinds.length) this.grow()
    if (chrom !== this.last) { this.last = chrom; this.lastId = this.names.length; this.names.push(chrom) }
    this.kinds[this.n] = kind
    this.chroms[this.n] = this.lastId
    this.pos0[this.n] = pos0
    this.ends[this.n] = this.o
    this.n++
  }

  place(chrom: string, p: Pending | undefined): void {
    if (p) {
      // copy now: the normaliser reuses its line arena for the next batch
      const b = typeof p.out === 'string' ? enc.encode(p.out) : p.out
      if (this.o + b.length > this.bytes.length) {
        const nb = new Uint8Array(Math.max(this.bytes.length * 2, this.o + b.length))
        nb.set(this.bytes.subarray(0, this.o)); this.bytes = nb
      }
      this.bytes.set(b, this.o)
      this.o += b.length
    }
    this.event(p ? PLACE : CONTIG, chrom, p ? p.pos0 : 0)
  }

  window(): void { this.event(WINDOW, this.last, 0) }

  reset(): void { this.n = 0; this.o = 0; this.names = []; this.last = ''; this.lastId = -1 }
}

export async function normJob(raw: unknown, reader: VcfReader): Promise<ShardJob> {
  const spec = raw as NormSpec
  const ref = spec.fasta !== undefined ? await Reference.open(spec.fasta, { keepCase: true }) : undefined
  return {
    async run({ from }) {
      const sink = new LogSink()
      const warnings: string[] = []
      // a normaliser per shard (its counts are the shard's); the reference stays open
      const norm = new Normaliser(ref, reader.header, {
        split: spec.split, checkRef: spec.checkRef, siteWindow: spec.siteWindow, sink, onWarning: (w) => warnings.push(w),
      })
      let kept = 0
      for await (const b of from({})) { kept += b.n; await norm.push(b) }
      const log: NormLog = {
        kinds: sink.kinds.slice(0, sink.n), chroms: sink.chroms.slice(0, sink.n), pos0: sink.pos0.slice(0, sink.n),
        ends: sink.ends.slice(0, sink.n), names: sink.names, counts: norm.counts, warnings,
      }
      return { parts: [sink.bytes.subarray(0, sink.o)], kept, extra: log }
    },
  }
}

/** The calling thread's side: replays shard logs in file order through one re-sort buffer. */
export class NormMerger {
  private readonly resorter: Resorter
  readonly counts: NormCounts

  constructor(siteWindow: number, fixRef: boolean) {
    this.resorter = new Resorter(siteWindow)
    this.counts = { total: 0, split: 0, realigned: 0, skipped: 0, ...(fixRef ? { ref: { total: 0, swapped: 0, set: 0 } } : {}) }
  }

  /** The lines final after this shard (valid until the next call), and the shard's warnings. */
  push(r: ShardResult): { bytes: Uint8Array; warnings: string[] } {
    const log = r.extra as NormLog
    const c = this.counts, d = log.counts
    c.total += d.total; c.split += d.split; c.realigned += d.realigned; c.skipped += d.skipped
    if (c.ref && d.ref) { c.ref.total += d.ref.total; c.ref.swapped += d.ref.swapped; c.ref.set += d.ref.set }
    const rs = this.resorter
    let start = 0
    for (let k = 0; k < log.kinds.length; k++) {
      const kind = log.kinds[k]
      if (kind === WINDOW) { rs.window(); continue }
      const chrom = log.names[log.chroms[k]]
      if (kind === CONTIG) { rs.place(chrom, undefined); continue }
      const end = log.ends[k]
      rs.place(chrom, { pos0: log.pos0[k], out: r.bytes.subarray(start, end) })
      start = end
    }
    return { bytes: rs.take(), warnings: log.warnings }
  }

  finish(): Uint8Array { this.resorter.finish(); return this.resorter.take() }
}
