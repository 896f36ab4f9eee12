// The parallel engine: plan shards, run them on a pool with a bounded number in flight,
// and hand results back strictly in file order, so output is byte-identical for any
// number of workers. With one thread the same task code runs inline.
import { BgzfError, UsageError, VartriageError, VcfParseError } from '../errors.js'
import { openSource, type VcfInput } from '../source/source.js'
import { planShards, type ShardPlan } from './plan.js'
import { runShard, type ShardOp, type ShardResult, type ShardTask } from './task.js'
import type { ShardPool } from './pool.js'
import type { SelectOptions } from '../pipeline/select.js'

/** A shard failed: names the shard and its byte range; the pool stays usable. */
export class ShardError extends VartriageError {
  constructor(readonly shard: number, start: number, end: number, file: string, cause: unknown) {
    super(`shard ${shard} (bytes ${start}-${end}) failed: ${cause instanceof Error ? cause.message : String(cause)}`, { file }, { cause })
  }
}

const MAX_SHARD_BYTES = 2 << 20

export interface ParallelOptions {
  threads: number
  /** Shards per thread (default 4): more shards balance better, fewer cost less. */
  shardsPerThread?: number
  /**
   * Plan shards from the file size alone (jobShards), whatever the thread count: for jobs
   * whose per-shard state could show at shard starts, so output cannot depend on threads.
   */
  fixedPlan?: boolean
  signal?: AbortSignal
  /** A pool to reuse (the caller destroys it); by default one is made and destroyed. */
  pool?: ShardPool
  makePool?: (threads: number) => Promise<ShardPool>
  strict?: boolean
  lenient?: boolean
  onPlan?: (plan: ShardPlan) => void
  /** Test hooks, see ShardTask.failAt. */
  failAt?: number
  failMode?: 'throw' | 'exit'
}

export async function* runParallel(input: VcfInput, header: string, op: ShardOp, select: Omit<SelectOptions, 'regions'>,
  opts: ParallelOptions): AsyncGenerator<ShardResult> {
  const src = await openSource(input)
  const threads = Math.max(1, opts.threads)
  // a shard's output is held until it is written: cap shards at ~4 MiB compressed so memory
  // stays flat whatever the file size (2 x threads shards in flight)
  const size = src.handle ? (await src.handle.stat()).size : 0
  const n = opts.fixedPlan ? jobShards(size) : Math.max(threads * (opts.shardsPerThread ?? 4), Math.ceil(size / MAX_SHARD_BYTES))
  const plan = await planShards(src, n)
  opts.onPlan?.(plan)
  // tasks are structured-cloned into workers: a URL travels as its href; a filehandle object
  // cannot travel at all (it would arrive as a plain object)
  const portable: VcfInput = input instanceof URL ? input.href : input
  if (threads > 1 && typeof portable === 'object' && !(typeof Blob !== 'undefined' && portable instanceof Blob)) {
    throw new UsageError('parallel reads need a path, URL or Blob input (a filehandle object cannot be sent to workers)')
  }
  const task = (i: number): ShardTask => ({
    input: portable, header, shard: plan.shards[i], fileSize: plan.fileSize, op, select,
    strict: opts.strict, lenient: opts.lenient, failAt: opts.failAt, failMode: opts.failMode,
  })
  const wrap = (i: number, e: unknown): Error => {
    if (e instanceof Error && e.name === 'AbortError') return e
    const s = plan.shards[i]
    return new ShardError(i, s.start, s.end, src.label, e)
  }
  // where shard i's text starts: records and lines before it (the header's included)
  const done = { records: 0, lines: header.split('\n').length - 1 }
  const passed = (r: ShardResult) => { done.records += r.records + r.skipped; done.lines += r.lines; return r }
  /**
   * A failed shard, as the one-thread reader would have reported it: the shard is read again
   * here (no fault hooks) and a damaged-data error gets absolute line and record numbers.
   * Anything else (a crashed worker, a fault) stays a ShardError.
   */
  const locate = async (i: number, e: unknown): Promise<Error> => {
    if (e instanceof Error && e.name === 'AbortError') return e
    try {
      await runShard({ ...task(i), failAt: undefined, failMode: undefined, fresh: true })
    } catch (x) {
      if (x instanceof VcfParseError) {
        return new VcfParseError(x.reason, {
          file: x.file, line: x.line === undefined ? undefined : done.lines + x.line,
          record: x.record === undefined ? undefined : done.records + x.record,
        }, { cause: e })
      }
      if (x instanceof BgzfError) return x // offsets are absolute already
    }
    return wrap(i, e)
  }
  if (threads === 1 && !opts.pool) {
    for (let i = 0; i < plan.shards.length; i++) {
      opts.signal?.throwIfAborted()
      let r: ShardResult
      try { r = await runShard(task(i)) } catch (e) { throw await locate(i, e) }
      yield passed(r)
    }
    return
  }
  const pool = opts.pool ?? await (opts.makePool ?? defaultPool)(threads)
  const inFlight = new Map<number, Promise<ShardResult>>()
  const limit = threads + 1
  let next = 0
  const submit = () => {
    while (next < plan.shards.length && inFlight.size < limit) {
      const i = next++
      const p = pool.run(task(i), opts.signal)
      p.catch(() => {}) // surfaced in order below; avoid unhandled-rejection noise meanwhile
      inFlight.set(i, p)
    }
  }
  try {
    for (let i = 0; i < plan.shards.length; i++) {
      submit()
      let r: ShardResult
      try { r = await inFlight.get(i)! } catch (e) { inFlight.delete(i); throw await locate(i, e) }
      inFlight.delete(i)
      yield passed(r)
    }
  } finally {
    if (inFlight.size > 0) await Promise.allSettled([...inFlight.values()])
    if (!opts.pool) await pool.destroy()
  }
}

/**
 * The shard count of jobs (annotate, csq, norm): from the file size alone, so the plan and
 * with it every shard's output is the same for any number of threads; enough shards for 16
 * threads to balance.
 */
export function jobShards(compressedSize: number): number {
  return Math.max(16, Math.ceil(compressedSize / MAX_SHARD_BYTES))
}

async function defaultPool(threads: number): Promise<ShardPool> {
  const { NodeShardPool } = await import('./pool.js')
  return new NodeShardPool(threads)
}

/**
 * Threads to use for a file: the caller's choice, or (auto) the available cores but no more
 * than one per 2 MiB of compressed data, since a worker costs tens of milliseconds to start.
 * 1 when the input cannot be sharded (stdin, plain text, plain gzip).
 */
export async function threadsFor(input: VcfInput, requested: number | undefined, cores: number): Promise<number> {
  if (input === '-') return 1
  const src = await openSource(input)
  if (!src.handle) return 1
  const head = await src.handle.read(18, 0).catch(() => new Uint8Array(0))
  const { isBgzf, BGZF_EOF } = await import('../bgzf/blocks.js')
  if (!isBgzf(head)) return 1
  const size = (await src.handle.stat()).size
  // no EOF marker: possibly truncated; the streaming reader warns, or fails on a cut line
  const tail = size >= 28 ? await src.handle.read(28, size - 28).catch(() => new Uint8Array(0)) : new Uint8Array(0)
  if (tail.length !== 28 || tail.some((b, i) => b !== BGZF_EOF[i])) return 1
  if (requested !== undefined && requested > 0) return requested
  return Math.max(1, Math.min(cores, Math.floor(size / (2 << 20))))
}
