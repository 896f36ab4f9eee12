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
import { buildAnnotation, type AnnotateSpec } from './spec.js'
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
  /** Records done so far. */
  onProgress?: (records: number) => void
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
  const { sources, options } = await buildAnnotation(spec, reader.header, { tables, onWarning: warn })
  const header = annotatedHeader(reader.header, sources, options)
  yield new TextEncoder().encode(headerText(header))
  // more than one thread only for a seekable BGZF file (threadsFor says 1 otherwise)
  const threads = (opts.threads ?? 1) > 1 && !opts.regions ? await threadsFor(input, opts.threads, opts.threads!) : 1
  if (threads === 1) {
    const out = new LineBuffer()
    for await (const { batch, edits } of annotateBatches(reader, sources, {
      ...options, regions: opts.regions, onProgress: opts.onProgress,
      onRename: (from, to, label) => warn(renameWarning(from, to, label)),
    })) {
      writeEdited(batch, edits, out)
      yield out.take()
    }
    return
  }
  const job: AnnotateJobSpec = { spec, tables: tables.export() }
  const op = { kind: 'job' as const, name: 'annotate' as const, key: JSON.stringify(spec), spec: job }
  const warned = new Set<string>()
  let records = 0
  for await (const r of runParallel(input, reader.header.text, op, {}, {
    threads, pool: opts.pool, makePool: opts.makePool, fixedPlan: true, signal: opts.signal,
    strict: opts.reader?.strict, lenient: opts.reader?.lenient,
  })) {
    for (const w of r.warnings) if (!warned.has(w)) { warned.add(w); warn(w) }
    records += r.records
    opts.onProgress?.(records)
    yield r.bytes
  }
}
