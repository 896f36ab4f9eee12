// `vartriage norm`: split multi-allelic records and left-align/trim indels against a FASTA,
// with records equal to `bcftools norm -m- -f REF.fa` (see docs/norm.md).
import { UsageError } from '../errors.js'
import { Output } from '../sink/output.js'
import { headerText } from '../sink/vcf.js'
import { Reference } from '../reference/fasta.js'
import { Normaliser, checkRefFlags, normSummary, type SplitMode } from '../norm/normalise.js'
import { NormMerger, type NormSpec } from '../norm/shard-job.js'
import { referenceAndGenes } from './csq-command.js'
import { jobThreads, runJob, threadsOption } from './job-runner.js'
import { Progress } from './progress.js'
import { inputOf, openReader, parse, reportEnd } from './options.js'

export const NORM_USAGE = `norm:  vartriage norm [-f REF.fa | --resources DIR] [-m-|-m-snps|-m-indels|-m-both] [-c e|w|x|s] [-w N] [-O v|z] [-o OUT] [--threads N] FILE
       left-align and trim indels against REF.fa (plain or bgzip; .fai built in memory when
       missing; --resources DIR: the bundle's reference), split multi-allelic records (-m-),
       check REF (-c: e error [default], w warn, x exclude, s set from the reference); records
       as bcftools norm writes them; the summary line (Lines total/split/realigned/skipped)
       goes to stderr. --threads N: shards on N threads (BGZF input), output identical for any N
`

const NORM_OPTS = {
  'fasta-ref': { type: 'string', short: 'f' },
  resources: { type: 'string' },
  multiallelics: { type: 'string', short: 'm' },
  'check-ref': { type: 'string', short: 'c' },
  'site-win': { type: 'string', short: 'w' },
  'output-type': { type: 'string', short: 'O' },
  'no-version': { type: 'boolean' },
} as const

export function splitMode(m: string | undefined): SplitMode {
  if (m === undefined) return 'none'
  if (m === '-' || m === '-both') return 'both'
  if (m === '-any') return 'any'
  if (m === '-snps') return 'snps'
  if (m === '-indels') return 'indels'
  throw new UsageError(`norm: -m expects -, -snps, -indels, -both or -any (joining with -m+ is not supported), got "${m}"`)
}

export const norm = async (argv: string[]): Promise<number> => {
  const { values: v, positionals } = parse(argv, NORM_OPTS)
  if (v.help) { process.stdout.write(NORM_USAGE); return 0 }
  const split = splitMode(v.multiallelics)
  const fastaRef = (await referenceAndGenes(v, 'norm', false)).fasta
  if (!fastaRef && split === 'none') throw new UsageError('norm: expected -f REF.fa (realign) and/or -m- (split)')
  if (!fastaRef && v['check-ref']) throw new UsageError('norm: --check-ref needs -f/--fasta-ref')
  const checkRef = v['check-ref'] ?? 'e'
  try { checkRefFlags(checkRef) } catch (e) { throw new UsageError(`norm: ${(e as Error).message}`) }
  const siteWindow = v['site-win'] === undefined ? 1000 : Number(v['site-win'])
  if (!Number.isInteger(siteWindow) || siteWindow < 0) throw new UsageError(`norm: -w expects a non-negative integer, got "${v['site-win']}"`)
  const otype = v['output-type'] ?? (v.output?.endsWith('.gz') ? 'z' : 'v')
  if (otype !== 'v' && otype !== 'z') throw new UsageError(`norm: -O expects v or z, got "${otype}"`)
  if (v.include || v.exclude || v.regions || v['regions-file'] || v.samples || v['samples-file']) {
    throw new UsageError('norm: -i/-e/-r/-R/-s/-S are not supported (filter with vartriage view first)')
  }
  const progress = new Progress(v.quiet ?? false)
  const file = inputOf(positionals, 'norm')
  const threads = await jobThreads(file, threadsOption(v), true)
  const reader = await openReader(file, v, progress)
  const out = new Output({ path: v.output, type: otype })
  const command = v['no-version'] ? undefined : `vartriage norm ${argv.join(' ')}`
  out.write(headerText(reader.header, { command }).replace('##vartriage_viewCommand=', '##vartriage_normCommand='))
  if (threads > 1) {
    const spec: NormSpec = { fasta: fastaRef, split, checkRef, siteWindow }
    const merger = new NormMerger(siteWindow, checkRef.includes('s') && !checkRef.includes('e'))
    try {
      for await (const r of runJob({ file, header: reader.header.text, op: { kind: 'job', name: 'norm', key: JSON.stringify(spec), spec }, threads, progress,
        strict: v.strict, lenient: v.lenient })) {
        const { bytes, warnings } = merger.push(r)
        for (const w of warnings) { progress.done(); process.stderr.write(w + '\n') }
        out.write(bytes)
      }
      out.write(merger.finish())
    } finally {
      out.close()
    }
    process.stderr.write(normSummary(merger.counts))
    return 0
  }
  const ref = fastaRef ? await Reference.open(fastaRef, { keepCase: true }) : undefined
  const normaliser = new Normaliser(ref, reader.header, {
    split, checkRef, siteWindow, onWarning: (line) => { progress.done(); process.stderr.write(line + '\n') },
  })
  try {
    for await (const b of reader.batches()) {
      progress.records += b.n
      out.write(await normaliser.push(b))
    }
    out.write(normaliser.finish())
  } finally {
    out.close()
    reportEnd(reader, progress)
  }
  process.stderr.write(normaliser.summary())
  return 0
}
