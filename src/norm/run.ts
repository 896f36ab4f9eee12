// norm over a whole input as VCF bytes (header first), on one thread or sharded on the
// parallel engine (re-sorted at the merge, src/norm/shard-job.ts): the same output for any
// thread count. Returns the counts (bcftools' summary: normSummary).
import { VcfReader } from '../reader/reader.js'
import { headerText } from '../sink/vcf.js'
import { Reference } from '../reference/fasta.js'
import type { VcfInput } from '../source/source.js'
import { jobThreadsFor, runJobShards, type JobRunOptions } from '../parallel/job-run.js'
import { Normaliser, type NormCounts, type SplitMode } from './normalise.js'
import { NormMerger, type NormSpec } from './shard-job.js'

export interface NormRunOptions extends JobRunOptions {
  /** Reference FASTA (left-align and trim); without it records are only split. */
  fasta?: VcfInput
  split?: SplitMode
  checkRef?: string
  siteWindow?: number
  /** REF_MISMATCH / ALT_DUP … lines, in order. */
  onNormWarning?: (line: string) => void
  /** The header's ##vartriage_normCommand line (without ##…=), if any. */
  command?: string
}

/**
 *   const it = normaliseFile('calls.vcf.gz', { fasta: 'ref.fa', split: 'both', threads: 4 })
 *   for (let r = await it.next(); !r.done; r = await it.next()) out.write(r.value)   // r.value at the end: the counts
 */
export async function* normaliseFile(input: VcfInput, opts: NormRunOptions = {}): AsyncGenerator<Uint8Array, NormCounts> {
  const threads = await jobThreadsFor(input, opts)
  const reader = await VcfReader.open(input, { onWarning: opts.onWarning, strict: opts.strict, lenient: opts.lenient })
  const spec: NormSpec = { fasta: opts.fasta, split: opts.split ?? 'both', checkRef: opts.checkRef ?? 'e', siteWindow: opts.siteWindow ?? 1000 }
  yield new TextEncoder().encode(headerText(reader.header, { command: opts.command }).replace('##vartriage_viewCommand=', '##vartriage_normCommand='))
  if (threads > 1) {
    const merger = new NormMerger(spec.siteWindow, spec.checkRef.includes('s') && !spec.checkRef.includes('e'))
    const key = JSON.stringify({ ...spec, fasta: String(spec.fasta) })
    for await (const r of runJobShards(input, reader.header.text, { kind: 'job', name: 'norm', key, spec }, threads, opts)) {
      const { bytes, warnings } = merger.push(r)
      for (const w of warnings) opts.onNormWarning?.(w)
      if (bytes.length) yield bytes
    }
    const last = merger.finish()
    if (last.length) yield last
    return merger.counts
  }
  const ref = spec.fasta !== undefined ? await Reference.open(spec.fasta, { keepCase: true }) : undefined
  const n = new Normaliser(ref, reader.header, { split: spec.split, checkRef: spec.checkRef, siteWindow: spec.siteWindow, onWarning: opts.onNormWarning })
  let records = 0
  for await (const b of reader.batches()) {
    const out = await n.push(b)
    if (out.length) yield out
    records += b.n
    opts.onProgress?.(records)
  }
  const last = n.finish()
  if (last.length) yield last
  return n.counts
}
