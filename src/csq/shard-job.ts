// csq on the parallel engine: each worker thread loads the gene model and opens the
// reference once, then annotates the shards it is given (consequences are per record, so a
// shard's output does not depend on any other shard).
import type { VcfReader } from '../reader/reader.js'
import { select } from '../pipeline/select.js'
import type { ShardJob } from '../parallel/jobs.js'
import { csqLines, openCaller, type CsqSpec } from './vcf-out.js'

export async function csqJob(raw: unknown, reader: VcfReader, warn: (m: string) => void): Promise<ShardJob> {
  const spec = raw as CsqSpec
  const caller = await openCaller(spec, warn)
  const drop = new Set(spec.drop)
  return {
    async run({ from, select: opts, filter }) {
      const sel = select(reader, opts, { from, filter })
      const parts: Uint8Array[] = []
      let kept = 0
      for await (const b of sel.batches) {
        kept += b.n
        parts.push(await csqLines(caller, b, spec, drop))
      }
      return { parts, kept }
    },
  }
}
