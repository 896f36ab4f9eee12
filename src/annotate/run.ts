// A whole annotation run over one input: header, then VCF lines, streamed on one thread or
// sharded on the parallel engine (src/parallel) with output identical for any thread count.
import { VcfReader, type ReaderOptions } from '../reader/reader.js'
import { headerText } from '../sink/vcf.js'
import { runParallel, threadsFor } from '../parallel/engine.js'
import type { ShardPool } from '../parallel/pool.js'
import type { VcfInput } from '../source/source.js'
import type { Region } from '../region/region.js'
import { annotatedHeader, annotateBatches } from './engine.js'
import { LineBuffer, writeEdited } from './edits.js'
import { buildAnnotation, type AnnotateSpec, type BuiltAnnotation } from './spec.js'
import { TableCache } from './table-cache.js'
import { renameWarning, type AnnotateJobSpec } from './shard-job.js'

export interface AnnotateRunOptions {
  /** Threads (default 1). More need a seekable BGZF input and no regions; otherwise one streams. */
  threads?: number
  /** A pool to use (the caller destroys it), or a way to make one (Node default: worker threads). */
  pool?: ShardPool
  makePool?: (threads: number) => Promise<ShardPool>
  regions?: Region[]
  reader?: ReaderOptions
  /** Warnings: contig renames (chr1 <-> 1), source loading, reader warnings from shards. */
  onWarning?: (message: string) => void
  /** Records done so far (on threads, also shards done and the shard count). */
  onProgress?: (records: number, shardsDone?: number, shards?: number) => void
  /** At the end: malformed records skipped (--lenient) and records with empty sample columns. */
  onDone?: (counts: { skipped: number; emptySamples: number }) => void
  signal?: AbortSignal
}

/**
 * Annotated VCF of `input` as byte chunks (the header first).
 *
 *   for await (const chunk of annotateFile('calls.vcf.gz', { sources: [{ kind: 'bcftools', path: 'gnomad.vcf.gz', columns: 'INFO/AF' }] }, { threads: 4 }))
 *     out.write(chunk)
 */
export async function* annotateFile(input: VcfInput, spec: AnnotateSpec, opts: AnnotateRunOptions = {}): AsyncGenerator<Uint8Array> {
  const warn = opts.onWarning ?? (() => {})
  const reader = await VcfReader.open(input, { onWarning: warn, ...opts.reader })
  const tables = new TableCache()
  let built: BuiltAnnotation | undefined = await buildAnnotation(spec, reader.header, { tables, onWarning: warn })
  yield new TextEncoder().encode(headerText(annotatedHeader(reader.header, built.sources, built.options)))
  // more than one thread only for a seekable BGZF file (threadsFor says 1 otherwise)
  const threads = (opts.threads ?? 1) > 1 && !opts.regions ? await threadsFor(input, opts.threads, opts.threads!) : 1
  if (threads === 1) {
    const { sources, options } = built
    const out = new LineBuffer()
    for await (const { batch, edits } of annotateBatches(reader, sources, {
      ...options, regions: opts.regions, onProgress: opts.onProgress,
      onRename: (from, to, label) => warn(renameWarning(from, to, label)),
    })) {
      writeEdited(batch, edits, out)
      yield out.take()
    }
    opts.onDone?.({ skipped: reader.stats.skipped, emptySamples: reader.stats.emptySamples })
    return
  }
  built = undefined // the workers (this thread's included) build their own; its tables can go
  const job: AnnotateJobSpec = { spec, tables: tables.export() }
  const op = { kind: 'job' as const, name: 'annotate' as const, key: JSON.stringify(spec), spec: job }
  const warned = new Set<string>()
  let records = 0, shards = 0
  const counts = { skipped: 0, emptySamples: 0 }
  for await (const r of runParallel(input, reader.header.text, op, {}, {
    threads, pool: opts.pool, makePool: opts.makePool, fixedPlan: true, signal: opts.signal,
    strict: opts.reader?.strict, lenient: opts.reader?.lenient, onPlan: (p) => { shards = p.shards.length },
  })) {
    for (const w of r.warnings) if (!warned.has(w)) { warned.add(w); warn(w) }
    records += r.records
    counts.skipped += r.skipped
    counts.emptySamples += r.emptySamples
    opts.onProgress?.(records, r.index + 1, shards)
    yield r.bytes
  }
  opts.onDone?.(counts)
}
