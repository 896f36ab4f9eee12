// `vartriage csq`: consequence calling. VEP-style CSQ (default) or bcftools' BCSQ string
// (--format bcsq), written into INFO of the input VCF.
import { UsageError } from '../errors.js'
import { select } from '../pipeline/select.js'
import { headerText } from '../sink/vcf.js'
import { declareInfo } from '../sink/info-append.js'
import { Output, type OutputType } from '../sink/output.js'
import { csqDeclarations, csqLines, openCaller, type CsqSpec } from '../csq/vcf-out.js'
import { openResources } from '../resources/bundle.js'
import { Progress } from './progress.js'
import { inputOf, openReader, parse, regionsOf, reportEnd } from './options.js'
import { jobThreads, runJob, threadsOption } from './job-runner.js'

export const CSQ_USAGE = `csq: vartriage csq (-f REF.fa -g GENES.gff3 | --resources DIR) [-l] [--format vep|bcsq] [-o OUT] [-O v|z] [--threads N] FILE
       -f, --fasta-ref FILE     reference FASTA (plain or bgzip; a missing .fai is built in memory)
       -g, --gff-annot FILE     GFF3 gene models (Ensembl; GENCODE/RefSeq mapped, see docs/csq.md)
           --resources DIR      a resource bundle: its "reference" and "genes" files (-f/-g override them)
       -l, --local-csq          per-record consequences, as bcftools csq -l (the only mode: accepted for compatibility)
           --format vep|bcsq    INFO/CSQ with VEP's fields and INFO/MOST_SEVERE (default), or bcftools' INFO/BCSQ
       -c, --custom-tag TAG     INFO tag name (default CSQ, or BCSQ with --format bcsq)
       -O, --output-type v|z    plain or BGZF-compressed VCF
           --genetic-code N     genetic code table (bcftools numbering; default 0)
           --force              skip records whose REF disagrees with the FASTA, and transcripts with broken phases
       -i/-e EXPR, -r/-R REG    annotate only records that pass / lie in the regions (others are written unchanged)
           --threads N          shards on N threads (BGZF input without -r/-R); output identical for any N
`

const OPTS = {
  'fasta-ref': { type: 'string', short: 'f' },
  'gff-annot': { type: 'string', short: 'g' },
  resources: { type: 'string' },
  'local-csq': { type: 'boolean', short: 'l' },
  format: { type: 'string' },
  'custom-tag': { type: 'string', short: 'c' },
  'output-type': { type: 'string', short: 'O' },
  'genetic-code': { type: 'string' },
  force: { type: 'boolean' },
  'no-version': { type: 'boolean' },
} as const

/** -f/-g, or the bundle's reference and genes files. */
export async function referenceAndGenes(v: { 'fasta-ref'?: string; 'gff-annot'?: string; resources?: string }, cmd: string,
  needGenes: boolean): Promise<{ fasta?: string; gff?: string }> {
  let fasta = v['fasta-ref'], gff = v['gff-annot']
  if (v.resources && (!fasta || (needGenes && !gff))) {
    const bundle = await openResources({ dir: v.resources })
    fasta ??= bundle.path('reference')
    if (needGenes) gff ??= bundle.path('genes')
  }
  if (!fasta && needGenes) throw new UsageError(`${cmd}: -f/--fasta-ref (or --resources DIR) is required`)
  if (!gff && needGenes) throw new UsageError(`${cmd}: -g/--gff-annot (or --resources DIR) is required`)
  return { fasta, gff }
}

export const csq = async (argv: string[]): Promise<number> => {
  const { values: v, positionals } = parse(argv, OPTS)
  if (v.help) { process.stdout.write(CSQ_USAGE); return 0 }
  const format = v.format ?? 'vep'
  if (format !== 'vep' && format !== 'bcsq') throw new UsageError(`csq: --format expects vep or bcsq, got "${format}"`)
  const otype = v['output-type'] ?? (v.output?.endsWith('.gz') ? 'z' : 'v')
  if (otype !== 'v' && otype !== 'z') throw new UsageError(`csq: -O expects v or z, got "${otype}"`)
  const gc = v['genetic-code'] === undefined ? 0 : Number(v['genetic-code'])
  if (!Number.isInteger(gc)) throw new UsageError(`csq: --genetic-code expects a table number, got "${v['genetic-code']}"`)
  const { fasta, gff } = await referenceAndGenes(v, 'csq', true)
  const tag = v['custom-tag'] ?? (format === 'bcsq' ? 'BCSQ' : 'CSQ')
  const progress = new Progress(v.quiet ?? false)
  const file = inputOf(positionals, 'csq')
  const regions = regionsOf(v)
  const threads = await jobThreads(file, threadsOption(v), !regions)

  const reader = await openReader(file, v, progress)
  const decls = csqDeclarations(format, tag)
  const spec: CsqSpec = {
    fasta: fasta!, gff: gff!, format, tag, geneticCode: gc, force: v.force,
    keepUnselected: (v.include !== undefined || v.exclude !== undefined) && !regions,
    drop: decls.map((d) => d.id).filter((id) => reader.header.info.has(id)), // re-annotation replaces
  }
  const command = v['no-version'] ? [] : [`##vartriage_csqCommand=csq ${argv.join(' ')}`]
  const header = declareInfo(reader.header, decls, command)
  const out = new Output({ path: v.output, type: otype as OutputType })
  out.write(headerText(header))
  if (threads > 1) {
    const op = { kind: 'job' as const, name: 'csq' as const, key: JSON.stringify(spec), spec }
    for await (const r of runJob({ file, header: reader.header.text, op, threads, progress, select: { include: v.include, exclude: v.exclude },
      strict: v.strict, lenient: v.lenient })) out.write(r.bytes)
    out.close()
    return 0
  }
  const caller = await openCaller(spec, (m) => progress.warn(m))
  const drop = new Set(spec.drop)
  const sel = select(reader, { include: v.include, exclude: v.exclude, regions })
  for await (const b of sel.batches) {
    progress.records += b.n
    out.write(await csqLines(caller, b, spec, drop))
  }
  out.close()
  reportEnd(reader, progress)
  return 0
}
