// `somatic(options)`: tumour/normal somatic selection, consequences for the survivors, TMB and
// AMP/ASCO/CAP tier suggestions; the library call behind `vartriage somatic`. The selection
// runs over columnar batches (src/somatic/select.ts); only the selected alleles become
// objects, and only they are given to the consequence caller.
import { statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { VcfReader } from '../reader/reader.js'
import { select } from '../pipeline/select.js'
import type { Region } from '../region/region.js'
import { GeneModel } from '../csq/gene-model.js'
import { ConsequenceCaller, type TranscriptConsequence } from '../csq/caller.js'
import { Reference } from '../reference/fasta.js'
import { TERM_RANK, impactOf } from '../csq/terms.js'
import { openResources, sha256File, type Bundle } from '../resources/bundle.js'
import type { InputFile, Variant } from '../prioritise/model.js'
import { DEFAULT_SOMATIC, SOMATIC_FORMAT_TAGS, fieldPlan, selectSomatic, type SomaticThresholds } from './select.js'
import { SomaticInputError } from './errors.js'
import { EvidenceTable } from './evidence.js'
import { shortProtein } from './protein.js'
import { NONSYNONYMOUS_TERMS, suggestTier, type AmpTier, type EvidenceMatch } from './tiers.js'
import { populationFrequencies } from './population.js'
import { inTarget, targetFromBed, targetFromMb, targetFromModel, type Target } from './target.js'

export const EVIDENCE_ROLE = 'somatic-evidence'

export interface SomaticOptions {
  vcf: string
  /** Sample names; by default the header's ##tumor_sample= / ##normal_sample= lines (Mutect2). */
  tumour?: string
  normal?: string
  thresholds?: Partial<SomaticThresholds>
  /** TMB target: a BED file, or a size in Mb; default the canonical coding bases of the gene model. */
  targetBed?: string
  targetMb?: number
  /** A resource bundle (reference, genes, somatic-evidence roles); the files below replace its files. */
  resources?: string
  reference?: string
  genes?: string
  evidence?: string
  /** A gnomAD-like sites VCF (the bundle's `population` role by default): alleles at popmax >= benignAf without evidence are Tier IV. */
  population?: string
  /** Population frequency (AF_grpmax, else AF) from which an allele counts as benign (default 0.01). */
  benignAf?: number
  /** Tumour type (disease name or DOID) for on-/off-label tiering. */
  tumourType?: string
  /** bcftools expressions applied before the selection (-i/-e), and regions (-r/-R; need an index). */
  include?: string
  exclude?: string
  regions?: Region[]
  strict?: boolean
  lenient?: boolean
  /**
   * 1 keeps the run on one thread; more (the default) lets BGZF inflation run on Node's thread
   * pool while this thread parses. The selection itself is not sharded across workers.
   */
  threads?: number
  onWarning?: (message: string) => void
  onProgress?: (done: number, total: number | undefined) => void
}

export interface SampleCall { af: number; dp: number; altReads?: number; afFrom: 'AF' | 'AD' }

export interface SomaticCall {
  variant: Variant
  /** One-letter protein change (V600E) on the reported transcript. */
  protein?: string
  tumour: SampleCall
  normal: SampleCall
  /** Coding non-synonymous (see NONSYNONYMOUS_TERMS) on any transcript. */
  nonSynonymous: boolean
  inTarget: boolean
  /** Counted in the TMB: non-synonymous and in the target. */
  tmb: boolean
  tier?: AmpTier
  reason?: string
  evidence: EvidenceMatch[]
}

export interface TmbResult {
  count: number
  mb: number
  bases: number
  tmb: number
  target: { source: Target['source']; description: string; file?: string }
  definition: string
}

export interface SomaticResult {
  tool: { name: string; version: string }
  started: string
  samples: { tumour: string; normal: string; tumourIndex: number; normalIndex: number }
  parameters: Record<string, unknown>
  variants: SomaticCall[]
  tmb: TmbResult
  inputs: InputFile[]
  timings: Record<string, number>
  counts: Record<string, number>
}

export const TMB_DEFINITION = 'Somatic ALT alleles passing the selection whose consequence on at least one transcript is coding non-synonymous ' +
  '(missense_variant, stop_gained, stop_lost, start_lost, frameshift_variant, inframe_insertion, inframe_deletion, protein_altering_variant) ' +
  'and whose REF span overlaps the target, divided by the target size in megabases. Synonymous, splice-site, UTR, intronic and non-coding ' +
  'changes are not counted.'

/** The package's version (package.json is two levels up from src/, three from dist/src/). */
export function toolVersion(): { name: string; version: string } {
  const req = createRequire(import.meta.url)
  for (const p of ['../../package.json', '../../../package.json']) {
    try { const pkg = req(p) as { name?: string; version: string }; if (pkg.name === 'vartriage') return { name: 'vartriage', version: pkg.version } } catch { /* next */ }
  }
  return { name: 'vartriage', version: 'unknown' }
}

/** Resolves tumour and normal sample columns; unknown names list the VCF's samples. */
export function resolvePair(header: { samples: string[]; meta: string[] }, file: string, tumour?: string, normal?: string): { tumour: string; normal: string; t: number; n: number } {
  const meta = (key: string) => header.meta.find((m) => m.startsWith(`${key}=`))?.slice(key.length + 1)
  const t = tumour ?? meta('tumor_sample'), n = normal ?? meta('normal_sample')
  const list = header.samples.length ? header.samples.map((s) => JSON.stringify(s)).join(', ') : 'none'
  if (!t || !n) throw new SomaticInputError(`name the tumour and normal samples (--tumour, --normal; the header has no ##${!t ? 'tumor' : 'normal'}_sample line); the VCF's samples are ${list}`, { file })
  const ti = header.samples.indexOf(t), ni = header.samples.indexOf(n)
  if (ti < 0) throw new SomaticInputError(`no tumour sample ${JSON.stringify(t)} in the VCF; its samples are ${list}`, { file })
  if (ni < 0) throw new SomaticInputError(`no normal sample ${JSON.stringify(n)} in the VCF; its samples are ${list}`, { file })
  if (ti === ni) throw new SomaticInputError(`the tumour and the normal are the same sample (${JSON.stringify(t)})`, { file })
  return { tumour: t, normal: n, t: ti, n: ni }
}

/** The transcript to report for one ALT: most severe first, canonical then MANE on ties. */
function pick(tcs: TranscriptConsequence[], altIndex: number): TranscriptConsequence | undefined {
  let best: TranscriptConsequence | undefined, bestKey: number[] = []
  for (const tc of tcs) {
    if (tc.altIndex !== altIndex || tc.terms.length === 0) continue
    const key = [TERM_RANK.get(tc.terms[0]) ?? 99, tc.canonical ? 0 : 1, tc.mane ? 0 : 1, tc.biotype === 'protein_coding' ? 0 : 1]
    let better = !best
    for (let j = 0; !better && j < key.length; j++) { if (key[j] !== bestKey[j]) { better = key[j] < bestKey[j]; break } }
    if (!better && best && key.every((x, j) => x === bestKey[j]) && tc.transcript < best.transcript) better = true
    if (better) { best = tc; bestKey = key }
  }
  return best
}

async function inputFile(role: string, path: string): Promise<InputFile> {
  return { role, path, bytes: statSync(path).size, sha256: await sha256File(path) }
}

export async function somatic(opts: SomaticOptions): Promise<SomaticResult> {
  const started = new Date().toISOString()
  const timings: Record<string, number> = {}
  let t0 = performance.now()
  const lap = (name: string) => { const now = performance.now(); timings[name] = Math.round(now - t0) / 1000; t0 = now }
  const thresholds: SomaticThresholds = { ...DEFAULT_SOMATIC, ...opts.thresholds }
  for (const k of ['minTumourAf', 'minTumourDp', 'maxNormalAf', 'minNormalDp'] as const) {
    if (!Number.isFinite(thresholds[k]) || thresholds[k] < 0) throw new RangeError(`somatic: ${k} must be a non-negative number, got ${thresholds[k]}`)
  }
  const files: Record<string, string> = {}
  if (opts.reference) files.reference = opts.reference
  if (opts.genes) files.genes = opts.genes
  if (opts.evidence) files[EVIDENCE_ROLE] = opts.evidence
  if (opts.population) files.population = opts.population
  const bundle: Bundle = await openResources({ dir: opts.resources, files })
  const refPath = bundle.path('reference'), genesPath = bundle.path('genes')
  const evidencePath = bundle.get(EVIDENCE_ROLE)?.path
  const populationPath = bundle.get('population')?.path
  const benignAf = opts.benignAf ?? 0.01

  const reader = await VcfReader.open(opts.vcf, { strict: opts.strict, lenient: opts.lenient, onWarning: opts.onWarning, onProgress: opts.onProgress,
    overlapInflate: opts.threads !== 1 })
  const pair = resolvePair(reader.header, opts.vcf, opts.tumour, opts.normal)
  fieldPlan(reader.header, opts.vcf)
  // the small inputs first, so that their errors come before the gene model is read
  const evidence = evidencePath ? EvidenceTable.load(evidencePath) : undefined
  const given = opts.targetBed ? targetFromBed(opts.targetBed) : opts.targetMb !== undefined ? targetFromMb(opts.targetMb) : undefined
  const model = await GeneModel.load(genesPath, { onWarning: opts.onWarning })
  const reference = await Reference.open(refPath)
  const caller = new ConsequenceCaller(model, reference, { onWarning: opts.onWarning })
  const target = given ?? targetFromModel(model)
  lap('load')

  const variants: SomaticCall[] = []
  const termsOf: string[][] = []
  let records = 0, alleles = 0
  const sel = select(reader, { include: opts.include, exclude: opts.exclude, regions: opts.regions }, { format: SOMATIC_FORMAT_TAGS })
  for await (const b of sel.batches) {
    records += b.n
    const na = b.nAllele
    for (let i = 0; i < b.n; i++) alleles += na[i] - 1
    const s = selectSomatic(b, pair.t, pair.n, thresholds)
    if (s.n === 0) continue
    const mask = new Uint8Array(b.n)
    for (let j = 0; j < s.n; j++) mask[s.record[j]] = 1
    b.selected = mask
    const called = new Map((await caller.callBatch(b)).map((r) => [r.index, r]))
    for (let j = 0; j < s.n; j++) {
      const i = s.record[j], k = s.alt[j], rc = called.get(i)!
      const alt = rc.alts[k], tc = pick(rc.transcripts, k + 1)
      const terms = tc?.terms ?? [rc.mostSevere[k] || 'intergenic_variant']
      const all = rc.transcripts.filter((x) => x.altIndex === k + 1)
      const nonSynonymous = all.some((x) => x.terms.some((t) => NONSYNONYMOUS_TERMS.has(t)))
      const pp = tc?.proteinPosition ? Number(tc.proteinPosition.split('-')[0]) : undefined
      const variant: Variant = {
        key: `${rc.chrom}:${rc.pos}:${rc.ref}:${alt}`, chrom: rc.chrom, pos: rc.pos, ref: rc.ref, alt,
        ...(b.id(i) !== '.' ? { id: b.id(i) } : {}), filter: b.filter(i), ...(b.qual(i) !== undefined ? { qual: b.qual(i) } : {}),
        ...(tc?.symbol ? { gene: tc.symbol } : {}), ...(tc ? { geneId: tc.geneId, transcript: tc.transcript } : {}),
        consequence: terms, impact: impactOf(terms),
        ...(tc?.hgvsc ? { hgvsc: tc.hgvsc } : {}), ...(tc?.hgvsp ? { hgvsp: tc.hgvsp } : {}), ...(tc?.exon ? { exon: tc.exon } : {}),
        ...(pp !== undefined && Number.isFinite(pp) ? { proteinPosition: pp } : {}), ...(tc?.aminoAcids ? { aminoAcids: tc.aminoAcids } : {}),
      }
      const protein = shortProtein(tc?.hgvsp)
      const inT = inTarget(target, rc.chrom, rc.pos, rc.pos + rc.ref.length - 1)
      const call: SomaticCall = {
        variant, ...(protein ? { protein } : {}),
        tumour: { af: s.tAf[j], dp: s.tDp[j], ...(Number.isNaN(s.tAlt[j]) ? {} : { altReads: s.tAlt[j] }), afFrom: s.tFromAf[j] ? 'AF' : 'AD' },
        normal: { af: s.nAf[j], dp: s.nDp[j], ...(Number.isNaN(s.nAlt[j]) ? {} : { altReads: s.nAlt[j] }), afFrom: s.nFromAf[j] ? 'AF' : 'AD' },
        nonSynonymous, inTarget: inT, tmb: nonSynonymous && inT, evidence: [],
      }
      variants.push(call)
      termsOf.push(terms)
    }
  }
  if (reader.stats.skipped > 0) opts.onWarning?.(`${opts.vcf}: skipped ${reader.stats.skipped} malformed record(s) (--lenient)`)
  lap('select+annotate')

  if (populationPath) {
    const freq = await populationFrequencies(populationPath, variants.map((c) => c.variant), opts.onWarning)
    for (const c of variants) {
      const f = freq.get(c.variant.key)
      if (f?.af !== undefined) c.variant.af = f.af
      if (f?.popmax !== undefined || f?.af !== undefined) c.variant.popmax = f.popmax ?? f.af
    }
    lap('population')
  }
  if (evidence) {
    variants.forEach((c, j) => {
      const tier = suggestTier({ gene: c.variant.gene, protein: c.protein, terms: termsOf[j], popmax: c.variant.popmax, benignAf }, evidence, opts.tumourType)
      c.tier = tier.tier; c.reason = tier.reason; c.evidence = tier.evidence
    })
    lap('tiers')
  }

  const count = variants.filter((v) => v.tmb).length
  const tmb: TmbResult = {
    count, mb: target.mb, bases: target.bases, tmb: target.mb > 0 ? count / target.mb : 0,
    target: { source: target.source, description: target.description, ...(target.file ? { file: target.file } : {}) },
    definition: TMB_DEFINITION,
  }
  const inputs = [await inputFile('vcf', opts.vcf), await inputFile('reference', refPath), await inputFile('genes', genesPath)]
  if (evidencePath) inputs.push(await inputFile(EVIDENCE_ROLE, evidencePath))
  if (populationPath) inputs.push(await inputFile('population', populationPath))
  if (opts.targetBed) inputs.push(await inputFile('target', opts.targetBed))
  lap('tmb+inputs')
  const tiers: Record<string, number> = {}
  for (const v of variants) if (v.tier) tiers[`tier${v.tier}`] = (tiers[`tier${v.tier}`] ?? 0) + 1
  return {
    tool: toolVersion(), started,
    samples: { tumour: pair.tumour, normal: pair.normal, tumourIndex: pair.t, normalIndex: pair.n },
    parameters: {
      thresholds, target: { source: target.source, ...(opts.targetBed ? { bed: opts.targetBed } : {}), ...(opts.targetMb !== undefined ? { mb: opts.targetMb } : {}) },
      ...(opts.include ? { include: opts.include } : {}), ...(opts.exclude ? { exclude: opts.exclude } : {}), ...(opts.regions ? { regions: opts.regions } : {}),
      ...(opts.tumourType ? { tumourType: opts.tumourType } : {}), ...(opts.threads ? { threads: opts.threads } : {}), ...(opts.resources ? { resources: opts.resources } : {}),
      ...(populationPath ? { population: { benignAf, field: 'AF_grpmax (AF_popmax), else AF' } } : {}),
      evidence: evidencePath ? { items: evidence!.items.length, skipped: evidence!.skipped, unmatchable: evidence!.unmatchable.size } : null,
      afSource: 'FORMAT/AF when the record has it for the ALT, else AD[alt] / sum(AD); depth FORMAT/DP, else sum(AD)',
    },
    variants, tmb, inputs, timings,
    counts: { records, alleles, somatic: variants.length, tmbVariants: count, ...tiers },
  }
}
