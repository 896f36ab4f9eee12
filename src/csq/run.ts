// csq over a whole input as VCF bytes (header first), on one thread or sharded on the
// parallel engine with the same output for any thread count.
import { VcfReader } from '../reader/reader.js'
import { select } from '../pipeline/select.js'
import { headerText } from '../sink/vcf.js'
import { declareInfo } from '../sink/info-append.js'
import type { VcfInput } from '../source/source.js'
import { jobThreadsFor, runJobShards, type JobRunOptions } from '../parallel/job-run.js'
import { csqDeclarations, csqLines, openCaller, type CsqSpec } from './vcf-out.js'

export interface CsqRunOptions extends JobRunOptions {
  fasta: VcfInput
  gff: string | Blob
  /** VEP-style CSQ + MOST_SEVERE (default) or bcftools' BCSQ. */
  format?: 'vep' | 'bcsq'
  tag?: string
  geneticCode?: number
  force?: boolean
  /** Records that fail are written unchanged. */
  include?: string
  exclude?: string
  /** Extra header lines (e.g. ##vartriage_csqCommand=…). */
  headerLines?: string[]
}

/**
 *   for await (const chunk of csqFile('calls.vcf.gz', { fasta: 'ref.fa', gff: 'genes.gff3.gz', threads: 4 })) out.write(chunk)
 */
export async function* csqFile(input: VcfInput, opts: CsqRunOptions): AsyncGenerator<Uint8Array> {
  const warn = opts.onWarning ?? (() => {})
  const threads = await jobThreadsFor(input, opts)
  const reader = await VcfReader.open(input, { onWarning: warn, strict: opts.strict, lenient: opts.lenient })
  const format = opts.format ?? 'vep'
  const tag = opts.tag ?? (format === 'bcsq' ? 'BCSQ' : 'CSQ')
  const decls = csqDeclarations(format, tag)
  const spec: CsqSpec = {
    fasta: opts.fasta, gff: opts.gff, format, tag, geneticCode: opts.geneticCode ?? 0, force: opts.force,
    keepUnselected: opts.include !== undefined || opts.exclude !== undefined,
    drop: decls.map((d) => d.id).filter((id) => reader.header.info.has(id)),
  }
  yield new TextEncoder().encode(headerText(declareInfo(reader.header, decls, opts.headerLines ?? [])))
  const filter = { include: opts.include, exclude: opts.exclude }
  if (threads > 1) {
    const key = JSON.stringify({ ...spec, fasta: String(spec.fasta), gff: String(spec.gff) })
    for await (const r of runJobShards(input, reader.header.text, { kind: 'job', name: 'csq', key, spec }, threads, opts, filter)) yield r.bytes
    return
  }
  const caller = await openCaller(spec, warn)
  const drop = new Set(spec.drop)
  let records = 0
  for await (const b of select(reader, filter).batches) {
    yield await csqLines(caller, b, spec, drop)
    records += b.n
    opts.onProgress?.(records)
  }
}
