// The prioritisation run: case → candidates (select.ts) → per-mode frequency cut-offs →
// consequences and scores for the survivors (survivors.ts) → compound-het pairs → ACMG/AMP
// evidence → phenotype → gene ranking per family (rank.ts) → consent masking. The stages
// other modules own (case building, inheritance, evidence, panels, consent) come in through
// `PipelineStages`, so this file only orders them and measures each.
import { VcfReader } from '../reader/reader.js'
import { inputLabel, type VcfInput } from '../source/source.js'
import { sha256Of, sizeOf } from '../source/read.js'
import type { TextInput } from '../case/build.js'
import { VERSION } from '../version.js'
import type { VcfHeader } from '../header/header.js'
import type { Bundle } from '../resources/bundle.js'
import {
  DEFAULT_FREQUENCY, DEFAULT_QUALITY, type Candidate, type Case, type Classification, type CompoundHetPair, type Family, type FrequencyCutoffs, type InheritanceMode,
  type GeneResult, type InputFile, type PrioritisationResult, type QualityThresholds, type SexCheck,
} from './model.js'
import { loadResources, type PrioritisationResources } from './resources.js'
import { selectCandidates, type CandidateScanner } from './select.js'
import { annotateSurvivors } from './survivors.js'
import { rankFamily, type PanelMode } from './rank.js'

/** An SF gene among the patient's K best phenotype matches (over every annotated gene) is related to the indication. */
export const RELATED_TOP_K = 10

export interface PrioritiseOptions {
  /** The family's VCF: a path (Node), a URL, or a Blob/File (browsers). */
  vcf: VcfInput
  ped?: TextInput
  phenopacket?: TextInput
  /** HPO terms for the proband(s), added to a phenopacket's. */
  hpo?: string[] | string
  /** A panel name from the bundle's panels.tsv, or a file. */
  panel?: string
  panelMode?: PanelMode
  consent?: 'related' | 'related+secondary'
  /** A bundle directory, or one already opened. */
  resources: string | Bundle
  /** Files replacing the bundle's (role → path). */
  files?: Record<string, string>
  /** Recompute every resource's sha256 against the manifest. */
  verifyResources?: boolean
  threads?: number
  /** .bai/.csi per individual id, for sex from coverage. */
  bai?: Record<string, VcfInput>
  frequency?: Partial<FrequencyCutoffs>
  quality?: Partial<QualityThresholds>
  /** Bases kept beyond exons ± splice region (default 0). */
  flank?: number
  /** Resources loaded earlier with loadResources (runs over many VCFs share them); else loaded here. */
  loaded?: PrioritisationResources
  /** Directory for caches keyed by the resources' content (the ClinVar residue index of the evidence stage). */
  cacheDir?: string
  /** Output directory: written (after consent masking) when given. */
  out?: string
  /** Also write the ranked variants as variants.parquet (docs/parquet.md) in the output directory. */
  parquet?: boolean
  onProgress?: (stage: string, done?: number) => void
  /** Bytes of the VCF read so far (and its size when known), while candidates are selected. */
  onReadProgress?: (done: number, total: number | undefined) => void
  onWarning?: (message: string) => void
}

/** ACMG/AMP classification of a candidate under a mode; within its pair for compound het (PM3). */
export type Classifier = (c: Candidate, mode: InheritanceMode, pair?: CompoundHetPair, partner?: Classification) => Classification

/** The case as the case stage builds it. */
export interface BuiltCaseLike extends Case { sexChecks: SexCheck[] }

/** What the run asks of the stages owned by other modules. */
export interface PipelineStages {
  buildCase(o: { vcf: VcfInput; ped?: TextInput; phenopacket?: TextInput; hpo?: string[] | string; bai?: Record<string, VcfInput>; quality?: Partial<QualityThresholds> }): Promise<BuiltCaseLike>
  scanner(kase: Case, header: VcfHeader, quality: QualityThresholds): CandidateScanner & { formatTags?(): string[] }
  applyFrequencyCutoffs(candidates: Candidate[], cutoffs: FrequencyCutoffs): Candidate[]
  pairCompoundHets(candidates: Candidate[], family: Family): CompoundHetPair[]
  /** Builds the classifier once the candidates are known (its data may be loaded for them). */
  classifier(resources: PrioritisationResources, candidates: Candidate[], cacheDir?: string): Promise<Classifier>
  /** Panel genes (by name from the bundle, or a file). */
  panel?(spec: string, bundle: Bundle): Promise<Set<string>>
  /** Secondary-findings genes unrelated to the indication (given the panel, if any). */
  secondary?(bundle: Bundle, panel: Set<string> | undefined): Promise<(gene: string) => boolean>
  /**
   * Consent masking of the ranked genes: what may be shown, the secondary findings consented
   * to, the number masked, and every string that would name a masked finding (the writer
   * checks no output contains one).
   */
  mask?(genes: GeneResult[], o: { consent: 'related' | 'related+secondary'; bundle: Bundle; panel?: Set<string>; candidates: Candidate[]; phenotypeBest?: ReadonlyMap<string, number> }):
    Promise<{ genes: GeneResult[]; secondary: GeneResult[]; masked: { count: number }; forbidden: string[]; redact(text: string): string }>
  write?(dir: string, result: PrioritisationResult, o: { header: VcfHeader; forbidden: string[]; parquet?: boolean }): Promise<void>
}

const now = (): number => performance.now()

/** What messages and the result call an input: its path or URL, a File's name. */
export function labelOf(x: VcfInput | TextInput): string {
  if (typeof x === 'object' && 'text' in x && typeof x.text === 'string') return (x as { file: string }).file
  return inputLabel(x as VcfInput)
}

async function inputFile(role: string, x: VcfInput | TextInput): Promise<InputFile> {
  const path = labelOf(x)
  if (typeof x === 'object' && 'text' in x && typeof x.text === 'string') {
    const bytes = new TextEncoder().encode(x.text)
    return { role, path, bytes: bytes.length, sha256: await sha256Of(new Blob([bytes as BlobPart]), path) }
  }
  return { role, path, bytes: (await sizeOf(x as VcfInput)) ?? 0, sha256: await sha256Of(x as VcfInput, path) }
}

export async function runPrioritisation(opts: PrioritiseOptions, stages: PipelineStages, bundle: Bundle): Promise<PrioritisationResult> {
  const started = new Date().toISOString()
  const timings: Record<string, number> = {}
  const step = async <T>(name: string, f: () => Promise<T> | T): Promise<T> => {
    opts.onProgress?.(name)
    const t = now()
    const r = await f()
    timings[name] = (timings[name] ?? 0) + (now() - t) / 1000
    return r
  }
  const cutoffs: FrequencyCutoffs = { ...DEFAULT_FREQUENCY, ...opts.frequency }
  const quality: QualityThresholds = { ...DEFAULT_QUALITY, ...opts.quality }

  // resources and the case (sex checks and Mendelian-error rates read the VCF) do not depend on
  // each other: loading one while the other waits on I/O or inflates on libuv's threads
  // warnings can name a variant (a REF that disagrees with the FASTA …): they are held until
  // consent masking is done and then passed on with masked findings redacted
  const held: string[] = []
  const hold = (m: string) => { held.push(m) }
  const [resources, kase] = await Promise.all([
    opts.loaded ?? step('resources', () => loadResources(bundle, { flank: opts.flank, onWarning: hold })),
    step('case', () => stages.buildCase({ vcf: opts.vcf, ped: opts.ped, phenopacket: opts.phenopacket, hpo: opts.hpo, bai: opts.bai, quality: opts.quality })),
  ])
  if (!opts.loaded) Object.assign(timings, resources.timings)
  resources.warnings.sink = hold

  const reader = await VcfReader.open(opts.vcf, { onWarning: hold, onProgress: opts.onReadProgress })
  const scanner = stages.scanner(kase, reader.header, quality)
  const selected = await step('select', () => selectCandidates(reader, resources.targets, resources.population, scanner, cutoffs,
    { format: scanner.formatTags?.(), onBatch: (n) => opts.onProgress?.('select', n) }))
  for (const [k, v] of Object.entries(selected.timings)) timings[`select.${k}`] = v
  // the stage names of the result's contract: reading the VCF is the read part of the select loop
  timings.read = selected.timings.read
  const frequent = await step('frequency', () => stages.applyFrequencyCutoffs(selected.candidates, cutoffs))
  const survivors = await step('annotate', () => annotateSurvivors(frequent, resources.caller, resources.scores))
  timings['annotate.consequences'] = survivors.timings.consequences
  timings['annotate.scores'] = survivors.timings.scores
  const candidates = survivors.candidates

  const pairs = await step('pairs', () => kase.families.flatMap((f) => stages.pairCompoundHets(candidates, f)))
  const classification = await step('evidence', async () => {
    const f = await stages.classifier(resources, candidates, opts.cacheDir)
    const single = new Map<Candidate, Map<InheritanceMode, Classification>>()
    const inPair = new Map<CompoundHetPair, [Classification, Classification]>()
    const one = (c: Candidate, mode: InheritanceMode): Classification => {
      let m = single.get(c)
      if (!m) { m = new Map(); single.set(c, m) }
      let r = m.get(mode)
      if (!r) { r = f(c, mode); m.set(mode, r) }
      return r
    }
    // classify everything now, so that 'evidence' is measured here and not inside 'rank';
    // a pair's members first on their own, then each with the other's class (PM3)
    for (const c of candidates) for (const mode of c.modes) if (mode !== 'compound_het') one(c, mode)
    for (const p of pairs) {
      const a0 = one(p.first, 'compound_het'), b0 = one(p.second, 'compound_het')
      inPair.set(p, [f(p.first, 'compound_het', p, b0), f(p.second, 'compound_het', p, a0)])
    }
    return (c: Candidate, mode: InheritanceMode, pair?: CompoundHetPair): Classification => {
      if (pair) { const r = inPair.get(pair); if (r) return c === pair.first ? r[0] : r[1] }
      return one(c, mode)
    }
  })

  const panel = opts.panel && stages.panel ? await step('panel', () => stages.panel!(opts.panel!, bundle)) : undefined
  const secondary = stages.secondary ? await stages.secondary(bundle, panel) : undefined
  const scorer = kase.families.some((f) => f.hpo.length > 0) ? await step('phenotype', () => resources.phenotype()) : undefined
  // per family, the score of the K-th best phenotype match over every annotated gene: consent
  // relates an SF gene to the indication when it is among those matches (docs/consent.md)
  const phenotypeBest = new Map<string, number>()
  const genes: GeneResult[] = await step('rank', () => {
    const all: GeneResult[] = []
    for (const fam of kase.families) {
      let phenotype: ((g: string) => number) | undefined
      if (scorer && fam.hpo.length > 0) {
        const bySymbol = new Map<string, number>()
        const scores: number[] = []
        for (const m of scorer.scoreGenes(fam.hpo).matches) {
          if (m.label) bySymbol.set(m.label, m.score)
          scores.push(m.score)
        }
        scores.sort((a, b) => b - a)
        if (scores.length > 0) phenotypeBest.set(fam.id, scores[Math.min(RELATED_TOP_K, scores.length) - 1])
        phenotype = (g) => bySymbol.get(g) ?? 0
      }
      all.push(...rankFamily({
        family: fam.id, candidates: candidates.filter((c) => c.family === fam.id), pairs: pairs.filter((p) => p.family === fam.id),
        classification, phenotype, panel, panelMode: opts.panelMode ?? 'first', secondary,
      }))
    }
    return all
  })

  const inputs: InputFile[] = await step('inputs', async () => {
    const list: InputFile[] = [await inputFile('vcf', opts.vcf)]
    if (opts.ped) list.push(await inputFile('ped', opts.ped))
    if (opts.phenopacket) list.push(await inputFile('phenopacket', opts.phenopacket))
    for (const role of bundle.roles().sort()) {
      const f = bundle.get(role)!
      list.push({ role, path: f.path, bytes: f.bytes ?? (await sizeOf(f.input)) ?? 0, sha256: f.sha256 ?? await sha256Of(f.input, f.path) })
    }
    return list
  })

  const counts: Record<string, number> = {
    records: selected.counts.records, targeted: selected.counts.targeted, rare: selected.counts.rare,
    inheritance: selected.counts.candidates, frequency: frequent.length, alleles: survivors.counts.alleles,
    severe: survivors.counts.severe, candidates: candidates.length, pairs: pairs.length, genes: genes.length,
    targetBases: resources.targets.bases,
  }
  const consent = opts.consent ?? 'related'
  let result: PrioritisationResult = {
    tool: { name: 'vartriage', version: VERSION },
    started,
    case: { families: kase.families, warnings: kase.warnings },
    sexChecks: kase.sexChecks,
    parameters: {
      vcf: labelOf(opts.vcf), ped: opts.ped && labelOf(opts.ped), phenopacket: opts.phenopacket && labelOf(opts.phenopacket), hpo: kase.families.map((f) => ({ family: f.id, hpo: f.hpo })),
      panel: opts.panel, panelMode: opts.panel ? opts.panelMode ?? 'first' : undefined, consent, frequency: cutoffs, quality,
      flank: opts.flank ?? 0, threads: opts.threads ?? 1, resources: typeof opts.resources === 'string' ? opts.resources : bundle.dir,
    },
    genes, secondary: [], masked: { count: 0 }, inputs, timings, counts,
  }
  let forbidden: string[] = []
  let redact = (s: string) => s
  if (stages.mask) {
    const m = await step('consent', () => stages.mask!(genes, { consent, bundle, panel, candidates, phenotypeBest }))
    result = { ...result, genes: m.genes, secondary: m.secondary, masked: m.masked }
    forbidden = m.forbidden
    redact = (s) => m.redact(s)
  }
  resources.warnings.sink = undefined
  for (const w of held) opts.onWarning?.(redact(w))
  if (opts.out && stages.write) await step('write', () => stages.write!(opts.out!, result, { header: reader.header, forbidden, parquet: opts.parquet }))
  return result
}
