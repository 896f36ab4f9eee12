// Running annotate, csq and norm on the parallel engine from the CLI: decides the thread
// count as view/query do, starts the pool (this thread runs shards too), and streams shard
// results in file order with progress and de-duplicated warnings.
import { availableParallelism } from 'node:os'
import { UsageError } from '../errors.js'
import { runParallel, threadsFor } from '../parallel/engine.js'
import type { JobOp } from '../parallel/jobs.js'
import type { ShardResult } from '../parallel/task.js'
import type { ShardPool } from '../parallel/pool.js'
import type { SelectOptions } from '../pipeline/select.js'
import type { Progress } from './progress.js'
import { reportCounts } from './options.js'

/** --threads: undefined = automatic (0 means the same). */
export function threadsOption(v: { threads?: string }): number | undefined {
  if (v.threads === undefined) return undefined
  const n = Number(v.threads)
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--threads expects a non-negative integer, got "${v.threads}"`)
  return n === 0 ? undefined : n
}

/** Threads for a job on this input: 1 (stream) unless it is a seekable BGZF file and more are wanted. */
export async function jobThreads(file: string, requested: number | undefined, eligible: boolean): Promise<number> {
  if (!eligible || file === '-') return 1
  return threadsFor(file, requested, availableParallelism())
}

export interface JobRun {
  file: string
  header: string
  op: JobOp
  threads: number
  select?: Omit<SelectOptions, 'regions'>
  strict?: boolean
  lenient?: boolean
  progress: Progress
}

/** Shard results of a job in file order; the pool is made and destroyed here. */
export async function* runJob(r: JobRun): AsyncGenerator<ShardResult> {
  const { InlineShardPool } = await import('../parallel/pool.js')
  const { runShard } = await import('../parallel/task.js')
  const pool: ShardPool = new InlineShardPool(r.threads, runShard)
  const warned = new Set<string>()
  let skipped = 0, empty = 0, shards = 0
  try {
    for await (const res of runParallel(r.file, r.header, r.op, r.select ?? {}, {
      threads: r.threads, pool, strict: r.strict, lenient: r.lenient,
      fixedPlan: true, onPlan: (p) => { shards = p.shards.length },
    })) {
      r.progress.records += res.records
      r.progress.update(res.index + 1, shards)
      skipped += res.skipped
      empty += res.emptySamples
      for (const w of res.warnings) if (!warned.has(w)) { warned.add(w); r.progress.warn(w) }
      yield res
    }
  } finally {
    await pool.destroy()
  }
  r.progress.done()
  reportCounts(r.file, skipped, empty, r.progress)
}
