// Library side of a job on the parallel engine: one input, its shard results in file order,
// contig-agnostic warnings de-duplicated. Thread count: more than one only for a seekable
// BGZF file (threadsFor); the callers stream on one thread otherwise.
import { runParallel, threadsFor } from './engine.js'
import type { JobOp } from './jobs.js'
import type { ShardResult } from './task.js'
import type { ShardPool } from './pool.js'
import type { VcfInput } from '../source/source.js'
import type { SelectOptions } from '../pipeline/select.js'

export interface JobRunOptions {
  /** Threads (default 1). */
  threads?: number
  /** A pool to use (the caller destroys it), or a way to make one (Node default: worker threads). */
  pool?: ShardPool
  makePool?: (threads: number) => Promise<ShardPool>
  signal?: AbortSignal
  strict?: boolean
  lenient?: boolean
  onWarning?: (message: string) => void
  /** Records done so far. */
  onProgress?: (records: number) => void
}

/** The threads a job will use on this input (1: stream on the calling thread). */
export async function jobThreadsFor(input: VcfInput, opts: JobRunOptions): Promise<number> {
  const want = opts.threads ?? 1
  return want > 1 ? threadsFor(input, want, want) : 1
}

export async function* runJobShards(input: VcfInput, header: string, op: JobOp, threads: number, opts: JobRunOptions,
  select: Omit<SelectOptions, 'regions'> = {}): AsyncGenerator<ShardResult> {
  const warned = new Set<string>()
  let records = 0
  for await (const r of runParallel(input, header, op, select, {
    threads, pool: opts.pool, makePool: opts.makePool, fixedPlan: true, signal: opts.signal, strict: opts.strict, lenient: opts.lenient,
  })) {
    for (const w of r.warnings) if (!warned.has(w)) { warned.add(w); opts.onWarning?.(w) }
    records += r.records
    opts.onProgress?.(records)
    yield r
  }
}
