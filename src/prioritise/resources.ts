// What a prioritisation run reads from the resource bundle, loaded once per run (and shared by
// every family of the VCF): gene models and reference (consequences, targets), population +
// ClinVar (one join table; population rows in the targets only), the score table (indexed
// lookups), the phenotype scorer.
import type { Bundle } from '../resources/bundle.js'
import { GeneModel } from '../csq/gene-model.js'
import { Reference } from '../reference/fasta.js'
import { ConsequenceCaller } from '../csq/caller.js'
import { Ontology } from '../phenotype/ontology.js'
import { Annotations } from '../phenotype/annotations.js'
import { PhenotypeScorer } from '../phenotype/scorer.js'
import { clinvarPathogenicSites, loadClinVarTable, PopulationAnnotator, POPULATION_FIELDS } from './population.js'
import { loadPopulationTable } from './population-targets.js'
import { TargetRegions, type TargetOptions } from './targets.js'
import { ScoreTable } from './scores.js'

export interface PrioritisationResources {
  bundle: Bundle
  model: GeneModel
  caller: ConsequenceCaller
  population: PopulationAnnotator
  targets: TargetRegions
  scores?: ScoreTable
  /** Built on first use (only runs with HPO terms pay for the ontology). */
  phenotype(): Promise<PhenotypeScorer | undefined>
  /** Seconds per loading step. */
  timings: Record<string, number>
  /** Where warnings of the shared parts (gene models, consequences) go now (each run points it at its own buffer). */
  warnings: { sink?: (message: string) => void }
}

const since = (t: number): number => (performance.now() - t) / 1000

export async function loadResources(bundle: Bundle, opts: TargetOptions & { onWarning?: (m: string) => void } = {}): Promise<PrioritisationResources> {
  const timings: Record<string, number> = {}
  const warnings: PrioritisationResources['warnings'] = { sink: opts.onWarning }
  const warn = (m: string) => warnings.sink?.(m)
  let t = performance.now()
  const model = await GeneModel.load(await bundle.bytes('genes'), { force: true, onWarning: warn })
  const ref = bundle.require('reference')
  const reference = await Reference.open(ref.input, { fai: ref.indexInput('fai'), gzi: ref.indexInput('gzi') })
  const caller = new ConsequenceCaller(model, reference, { force: true, onWarning: warn })
  timings['load.genes'] = since(t)
  // ClinVar first (small, read whole): its P/LP sites are targets, and only the population
  // records overlapping the targets are loaded (src/prioritise/population-targets.ts)
  t = performance.now()
  const clinvarFile = bundle.get('clinvar'), populationFile = bundle.get('population')
  const clinvar = clinvarFile ? await loadClinVarTable(clinvarFile) : undefined
  timings['load.clinvar'] = since(t)
  t = performance.now()
  const targets = TargetRegions.build(model, clinvar ? clinvarPathogenicSites(clinvar) : [], opts)
  timings['load.targets'] = since(t)
  t = performance.now()
  const populationTable = populationFile ? await loadPopulationTable(populationFile, POPULATION_FIELDS, targets, { onWarning: warn }) : undefined
  const population = PopulationAnnotator.fromTables(populationTable, clinvar, [populationFile?.path, clinvarFile?.path].filter(Boolean).join(' + '))
  timings['load.population'] = since(t)
  const scoreFile = bundle.get('scores')
  const scores = scoreFile ? new ScoreTable(scoreFile) : undefined
  let scorer: Promise<PhenotypeScorer | undefined> | undefined
  const phenotype = (): Promise<PhenotypeScorer | undefined> => {
    scorer ??= (async () => {
      if (!bundle.has('phenotypes')) return undefined
      const t0 = performance.now()
      const text = async (role: string) => (bundle.has(role) ? await bundle.text(role) : undefined)
      const ontology = Ontology.fromObo((await text('phenotypes'))!)
      const parts: Annotations[] = []
      const g2p = await text('genes-to-phenotype')
      if (g2p) parts.push(Annotations.fromGenesToPhenotype(g2p))
      const hpoa = await text('phenotype-annotations')
      if (hpoa) parts.push(Annotations.fromHpoa(hpoa))
      const g2d = await text('genes-to-disease')
      if (g2d) parts.push(Annotations.fromGenesToDisease(g2d))
      const s = new PhenotypeScorer(ontology, Annotations.merge(...parts))
      timings['load.phenotype'] = since(t0)
      return s
    })()
    return scorer
  }
  return { bundle, model, caller, population, targets, scores, phenotype, timings, warnings }
}
