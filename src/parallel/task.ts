// One unit of parallel work: parse, filter and format one shard. The same function runs in
// Node worker threads (worker.ts), in browser Web Workers, and inline for --threads 1, so
// the output cannot depend on where it ran.
import { VcfReader } from '../reader/reader.js'
import { VcfParseError } from '../errors.js'
import { resolveSamples, select, type SelectOptions } from '../pipeline/select.js'
import { QueryFormatter } from '../sink/query.js'
import { Filter } from '../expr/filter.js'
import { vcfLines } from '../sink/vcf.js'
import { jsonLines } from '../sink/jsonl.js'
import type { VcfInput } from '../source/source.js'
import type { Shard } from './plan.js'
import { makeJob, type JobOp, type ShardJob } from './jobs.js'

export type ShardOp =
  | { kind: 'view'; json?: boolean }
  | { kind: 'query'; format: string }
  | { kind: 'count' }
  | JobOp

export interface ShardTask {
  input: VcfInput
  header: string
  shard: Shard
  fileSize: number
  op: ShardOp
  select: Omit<SelectOptions, 'regions'>
  strict?: boolean
  lenient?: boolean
  /** Test hook: fail inside the worker at this shard (fault-injection tests). */
  failAt?: number
  /** A reader of its own, not the thread's cached one (the engine re-reading a failed shard). */
  fresh?: boolean
  /** How to fail: throw an error, or end the worker thread abruptly. */
  failMode?: 'throw' | 'exit'
}

export interface ShardResult {
  index: number
  /** Output bytes (VCF lines, query text or JSON lines), in record order. */
  bytes: Uint8Array
  records: number
  kept: number
  skipped: number
  /** Records kept with an empty sample column (read as missing). */
  emptySamples: number
  /** Text lines after the header that started in this shard (to number lines of later shards). */
  lines: number
  warnings: string[]
  /** A job's own result data besides the bytes (e.g. norm's records to re-sort at the merge). */
  extra?: unknown
}

const enc = new TextEncoder()

function join(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total)
  let o = 0
  for (const p of parts) { out.set(p, o); o += p.length }
  return out
}

/**
 * Per-thread cache: consecutive shards of one file share a reader (its WASM instance, header
 * schema, compiled filter and formatter), which saves ~10 ms of set-up per shard.
 */
let cache: { key: string; reader: VcfReader; warnings: string[]; filter?: Filter; fmt?: QueryFormatter; job?: ShardJob } | undefined

async function context(task: ShardTask) {
  // a job's options can be large (annotation tables travel with it): it names itself by key
  const op = task.op.kind === 'job' ? task.op.key : task.op
  const key = typeof task.input === 'string'
    ? JSON.stringify([task.input, task.header, op, task.select, task.strict, task.lenient])
    : undefined
  if (key && !task.fresh && cache?.key === key) return cache
  const warnings: string[] = []
  const reader = await VcfReader.forShard(task.input, task.header, {
    strict: task.strict, lenient: task.lenient, onWarning: (m) => warnings.push(m),
  })
  const samples = resolveSamples(reader.header.samples, task.select.samples)
  const fmt = task.op.kind === 'query' ? new QueryFormatter(task.op.format, reader.schema, samples) : undefined
  const expr = task.select.include ?? task.select.exclude
  // bcftools query (and stats) filter over the subset header; view filters before subsetting
  const filter = expr ? new Filter(expr, reader.schema, task.select.exclude !== undefined, task.op.kind === 'query' ? samples : undefined) : undefined
  const job = task.op.kind === 'job' ? await makeJob(task.op, reader, (m) => warnings.push(m)) : undefined
  const ctx = { key: key ?? '', reader, warnings, filter, fmt, job }
  if (key && !task.fresh) cache = ctx
  return ctx
}

export async function runShard(task: ShardTask): Promise<ShardResult> {
  if (task.failAt === task.shard.index) {
    if (task.failMode === 'exit' && typeof process !== 'undefined') process.exit(3)
    throw new Error(`injected fault in shard ${task.shard.index}`)
  }
  const ctx = await context(task)
  const { reader, filter, fmt } = ctx
  ctx.warnings.length = 0
  const before = { records: reader.stats.records, skipped: reader.stats.skipped, empty: reader.stats.emptySamples, lines: reader.stats.lines }
  const from = (b: Parameters<VcfReader['shardBatches']>[2]) => reader.shardBatches(task.shard, task.fileSize, b)
  const parts: Uint8Array[] = []
  let total = 0
  let kept = 0
  const push = (b: Uint8Array) => { if (b.length) { parts.push(b); total += b.length } }
  const op = task.op
  let extra: unknown
  try {
    if (op.kind === 'job') {
      const r = await ctx.job!.run({ from, select: task.select, filter })
      for (const p of r.parts) push(p)
      kept += r.kept
      extra = r.extra
    } else if (op.kind === 'query') {
      const sel = select(reader, task.select, { from, filter, query: { formatFields: fmt!.printsFormat } })
      for await (const b of sel.batches) { kept += countKept(b.selected, b.n); push(fmt!.formatBytes(b)) }
    } else {
      const sel = select(reader, task.select, { from, filter })
      for await (const b of sel.batches) {
        kept += countKept(b.selected, b.n)
        if (op.kind === 'view') push(op.json ? enc.encode(jsonLines(b, sel.samples)) : vcfLines(b, sel.samples))
      }
    }
  } catch (e) {
    if (cache === ctx) cache = undefined // a failed read may leave the reader mid-batch
    // a cached reader numbers records across the shards it has read: make them shard-relative
    // (lines already are), for the engine to make both absolute
    if (e instanceof VcfParseError && e.record !== undefined) {
      throw new VcfParseError(e.reason, { file: e.file, line: e.line, record: e.record - before.records - before.skipped }, { cause: e })
    }
    throw e
  }
  return {
    index: task.shard.index, bytes: join(parts, total), records: reader.stats.records - before.records, kept,
    skipped: reader.stats.skipped - before.skipped, emptySamples: reader.stats.emptySamples - before.empty,
    lines: reader.stats.lines - before.lines, warnings: [...ctx.warnings], extra,
  }
}

function countKept(sel: Uint8Array | undefined, n: number): number {
  if (!sel) return n
  let k = 0
  for (let i = 0; i < n; i++) k += sel[i]
  return k
}
