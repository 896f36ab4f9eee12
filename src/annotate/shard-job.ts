// annotate on the parallel engine: each worker thread builds the run's sources from its
// spec once (tables arrive ready in shared memory: nothing is parsed again) and binds them to
// its reader's core; every shard then starts a fresh merge-join stream and writes its lines.
import type { VcfReader } from '../reader/reader.js'
import type { ShardJob } from '../parallel/jobs.js'
import { annotatedHeader, annotateStream, bindSources, tagsRead } from './engine.js'
import { LineBuffer, writeEdited } from './edits.js'
import { buildAnnotation, type AnnotateSpec } from './spec.js'
import { TableCache, type PortableTable } from './table-cache.js'

/** What an annotate job carries to workers. */
export interface AnnotateJobSpec {
  spec: AnnotateSpec
  /** The run's tables (TableCache.export on the calling thread). */
  tables: [string, PortableTable][]
}

export const renameWarning = (from: string, to: string, label: string): string =>
  `contig ${from} is named ${to} in ${label}; matched as the same contig`

export async function annotateJob(raw: unknown, reader: VcfReader, warn: (m: string) => void): Promise<ShardJob> {
  const { spec, tables } = raw as AnnotateJobSpec
  const built = await buildAnnotation(spec, reader.header, { tables: TableCache.import(tables), onWarning: warn })
  const { sources, options } = built
  bindSources(reader, sources, (from, to, label) => warn(renameWarning(from, to, label)))
  const header = annotatedHeader(reader.header, sources, options)
  for (const p of options.post ?? []) p.setHeader?.(header)
  const info = tagsRead(sources, options)
  return {
    async run({ from }) {
      for (const s of sources) s.rewind?.()
      const out = new LineBuffer()
      const parts: Uint8Array[] = []
      let kept = 0
      for await (const { batch, edits } of annotateStream(from({ info }), sources, options)) {
        writeEdited(batch, edits, out)
        parts.push(out.take()) // a batch at a time: the buffer stays at its size
        kept += batch.n
      }
      return { parts, kept }
    },
  }
}
