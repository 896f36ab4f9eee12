// `vartriage somatic`: tumour/normal somatic selection, TMB and AMP/ASCO/CAP tiers into an
// output directory (somatic.tsv, tmb.json, results.json, manifest.json). See docs/somatic.md.
import { UsageError } from '../errors.js'
import { Progress } from './progress.js'
import { parse, regionsOf } from './options.js'
import { RESOURCE_OPTIONS } from '../resources/options.js'
import { spoolStdin } from './stdin-spool.js'

export const SOMATIC_USAGE = `somatic: vartriage somatic --vcf V [--tumour T --normal N] [--target BED | --target-mb X]
                         [--resources DIR] [-f REF.fa -g GENES.gff3 --evidence TSV] [--tumour-type NAME] --out DIR
       --vcf FILE             tumour/normal VCF (Mutect2-like: FORMAT AF or AD, and DP)
       --tumour, --normal S   sample names (default: the header's ##tumor_sample / ##normal_sample)
       --min-tumour-af X      tumour allele fraction at least X (default 0.05)
       --min-tumour-dp N      tumour depth at least N (default 20)
       --max-normal-af X      normal allele fraction at most X (default 0.01)
       --min-normal-dp N      normal depth at least N (default 10)
       --pass-only            only records with FILTER PASS (or .)
       --target BED           TMB target region (merged); --target-mb X a size in Mb instead;
                              default: the coding bases of the GFF3's canonical transcripts
       --resources DIR        bundle with the reference, genes and somatic-evidence roles
       -f, --reference FA     reference FASTA; -g, --genes GFF3 gene models; --evidence TSV a
                              CIViC-style evidence table (tiers are suggested only with one)
       --population VCF       gnomAD-like sites VCF (bundle role population): alleles without evidence at
                              AF_grpmax (else AF) >= --benign-af X (default 0.01) are Tier IV
       --tumour-type NAME     disease name or DOID: A/B evidence for other tumour types counts as level C
       --threads N            1: one thread; more (default): inflate on Node's thread pool while parsing
       -i/-e EXPR, -r/-R REG  bcftools expression and regions applied before the selection
       --out DIR              output directory (required)
`

const OPTS = {
  vcf: { type: 'string' },
  tumour: { type: 'string' },
  normal: { type: 'string' },
  'min-tumour-af': { type: 'string' },
  'min-tumour-dp': { type: 'string' },
  'max-normal-af': { type: 'string' },
  'min-normal-dp': { type: 'string' },
  'pass-only': { type: 'boolean' },
  target: { type: 'string' },
  'target-mb': { type: 'string' },
  'tumour-type': { type: 'string' },
  evidence: { type: 'string' },
  'fasta-ref': { type: 'string', short: 'f' },
  'gff-annot': { type: 'string', short: 'g' },
  out: { type: 'string' },
  resources: RESOURCE_OPTIONS.resources,
  reference: RESOURCE_OPTIONS.reference,
  genes: RESOURCE_OPTIONS.genes,
  population: RESOURCE_OPTIONS.population,
  'benign-af': { type: 'string' },
} as const

function number(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined
  const x = Number(v)
  if (v.trim() === '' || !Number.isFinite(x) || x < 0) throw new UsageError(`somatic: --${name} expects a non-negative number, got "${v}"`)
  return x
}

export const somaticCommand = async (argv: string[]): Promise<number> => {
  const { values: v, positionals } = parse(argv, OPTS)
  if (v.help) { process.stdout.write(SOMATIC_USAGE); return 0 }
  const vcf = v.vcf ?? (positionals.length === 1 ? positionals[0] : undefined)
  if (positionals.length > (v.vcf ? 0 : 1)) throw new UsageError(`somatic: unexpected argument "${positionals[v.vcf ? 0 : 1]}"`)
  if (!vcf) throw new UsageError('somatic: --vcf FILE is required')
  if (v.samples || v['samples-file']) throw new UsageError('somatic: -s/-S do not apply here; name the pair with --tumour and --normal')
  const out = v.out ?? v.output
  if (!out) throw new UsageError('somatic: --out DIR is required')
  if (v.target && v['target-mb']) throw new UsageError('somatic: use either --target BED or --target-mb X')
  const targetMb = number(v['target-mb'], 'target-mb')
  if (targetMb === 0) throw new UsageError('somatic: --target-mb must be positive')
  const thresholds = Object.fromEntries(([['minTumourAf', 'min-tumour-af'], ['minTumourDp', 'min-tumour-dp'], ['maxNormalAf', 'max-normal-af'],
    ['minNormalDp', 'min-normal-dp']] as const).flatMap(([k, o]) => { const x = number(v[o], o); return x === undefined ? [] : [[k, x]] }))
  const reference = v.reference ?? v['fasta-ref'], genes = v.genes ?? v['gff-annot']
  if (!v.resources && (!reference || !genes)) throw new UsageError('somatic: give --resources DIR, or -f REF.fa and -g GENES.gff3')
  const threads = v.threads === undefined ? undefined : Number(v.threads)
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) throw new UsageError(`somatic: --threads expects a positive integer, got "${v.threads}"`)
  const progress = new Progress(v.quiet ?? false)
  const { somatic, writeSomatic } = await import('../somatic/index.js')
  const r = await somatic({
    vcf: vcf === '-' ? await spoolStdin('somatic') : vcf, tumour: v.tumour, normal: v.normal, thresholds: { ...thresholds, passOnly: v['pass-only'] ?? false },
    targetBed: v.target, targetMb, population: v.population, benignAf: number(v['benign-af'], 'benign-af'), resources: v.resources, reference, genes, evidence: v.evidence, tumourType: v['tumour-type'],
    include: v.include, exclude: v.exclude, regions: regionsOf(v), strict: v.strict, lenient: v.lenient, threads, onWarning: (m) => progress.warn(m),
    onProgress: (d, t) => { progress.update(d, t) },
  })
  progress.done()
  await writeSomatic(r, out, ['vartriage', 'somatic', ...argv])
  if (!v.quiet) {
    const tiers = ['IA', 'IB', 'IIC', 'IID', 'III', 'IV'].map((t) => `${t} ${r.counts[`tier${t}`] ?? 0}`).join(', ')
    process.stderr.write(`vartriage somatic: ${r.counts.records} records, ${r.counts.somatic} somatic allele(s) (${r.samples.tumour} vs ${r.samples.normal}); ` +
      `TMB ${r.tmb.tmb.toFixed(2)}/Mb (${r.tmb.count} over ${r.tmb.mb.toFixed(3)} Mb)` + (r.parameters.evidence ? `; tiers: ${tiers}` : '') + `; wrote ${out}\n`)
  }
  return 0
}
