// Shard jobs: work other than view/query that runs on the parallel engine (annotate, csq,
// norm). A job is built once per worker thread and reader (its sources, gene model or
// reference load once and serve every shard the thread reads) and then run per shard.
// Each kind lives with its module and is imported only when used, so view/query workers
// do not load them.
import type { VcfReader, BatchOptions } from '../reader/reader.js'
import type { RecordBatch } from '../batch/batch.js'
import type { SelectOptions } from '../pipeline/select.js'
import type { Filter } from '../expr/filter.js'

/** A job as it travels to workers: plain data, structured-cloneable. */
export interface JobOp {
  kind: 'job'
  name: 'annotate' | 'csq' | 'norm'
  /** Identifies the job's options for the per-thread cache (the spec itself may be large). */
  key: string
  spec: unknown
}

export interface ShardInput {
  /** The shard's batches (the reader's shardBatches with these options). */
  from: (opts: BatchOptions) => AsyncGenerator<RecordBatch>
  select: Omit<SelectOptions, 'regions'>
  filter?: Filter
}

export interface JobOutput {
  /** Output in order, in pieces (the task joins them once, rather than each job growing a buffer). */
  parts: Uint8Array[]
  /** Records written (or annotated). */
  kept: number
  extra?: unknown
}

export interface ShardJob {
  run(input: ShardInput): Promise<JobOutput>
}

export async function makeJob(op: JobOp, reader: VcfReader, warn: (m: string) => void): Promise<ShardJob> {
  switch (op.name) {
    case 'annotate': return (await import('../annotate/shard-job.js')).annotateJob(op.spec, reader, warn)
    case 'csq': return (await import('../csq/shard-job.js')).csqJob(op.spec, reader, warn)
    case 'norm': return (await import('../norm/shard-job.js')).normJob(op.spec, reader)
  }
}
