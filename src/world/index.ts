// `vartriage world`: writes a coherent synthetic resource bundle, a pure function of seed and
// scale: reference FASTA (bgzip + .fai + .gzi), Ensembl-style GFF3, gnomAD-like and
// ClinVar-like VCFs (bgzip + .tbi), a REVEL/CADD-like missense score table (bgzip + .tbi),
// panels and the ACMG SF list, and the resources.json manifest.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Output } from '../sink/output.js'
import { writeManifest, type Manifest, type ManifestFile } from '../resources/bundle.js'
import { Rng } from './rng.js'
import { buildWorld, type World } from './world.js'
import { writeFasta } from './fasta.js'
import { gff3Text } from './gff3.js'
import { clinvarHeader, clinvarLine, designClinvar, type ClinvarVariant } from './clinvar.js'
import { designPopulation, populationHeader, siteInfo } from './population.js'
import { missenseSnvs } from './scores.js'
import { canonical, codingMap } from './coding.js'
import { ucscName } from './genome.js'
import { acmgSfTsv, ACMG_SF_VERSION } from './genes/acmg-sf.js'
import { panelsTsv } from './genes/panels.js'
import { civicTsv } from './civic.js'
import { generateSyntheticHpo, type HpoGene, type SyntheticHpo } from './hpo.js'
import type { Scale } from './models.js'
import { constraintTsv, haploinsufficiencyTsv, panelAppMoi } from './constraint.js'
import { designHotspots, hotspotsTsv } from './hotspots.js'

export { buildWorld, type World, type Gene, type Transcript } from './world.js'
export type { Scale } from './models.js'

export const WORLD_VERSION = '1'
/** ClinVar's fileDate and the like: fixed, so a world is byte-for-byte reproducible. */
const WORLD_DATE = '2024-01-01'

export const FILES = {
  reference: 'GRCh38.world.fa.gz',
  genes: 'genes.gff3.gz',
  population: 'gnomad-like.sites.vcf.gz',
  clinvar: 'clinvar-like.vcf.gz',
  scores: 'missense-scores.tsv.gz',
  panels: 'panels.tsv',
  secondaryFindings: `acmg-sf-${ACMG_SF_VERSION}.tsv`,
  phenotypes: 'hp.obo',
  phenotypeAnnotations: 'phenotype.hpoa',
  genesToPhenotype: 'genes_to_phenotype.txt',
  genesToDisease: 'genes_to_disease.txt',
  constraint: 'gnomad-like.constraint.tsv',
  haploinsufficiency: 'clingen-like.dosage.tsv',
  hotspots: 'hotspots.tsv',
  somaticEvidence: 'civic-like.evidence.tsv',
} as const

/** HPO disease categories (src/world/hpo.ts) of the genes of each panel and ACMG SF category. */
const PANEL_CATEGORIES: Record<string, string[]> = {
  'intellectual-disability': ['neurodevelopmental', 'craniofacial'], epilepsy: ['epilepsy'], cardiomyopathy: ['cardiomyopathy'],
  arrhythmia: ['cardiac'], rasopathy: ['cardiac', 'craniofacial', 'growth'], 'retinal-dystrophy': ['retinal'], 'hearing-loss': ['hearing'],
  neuromuscular: ['neuromuscular'], 'cancer-predisposition': ['cancer'], 'metabolic-endocrine': ['metabolic', 'endocrine'],
  'kidney-ciliopathy': ['renal'], 'skeletal-connective': ['skeletal'], 'haematology-common': ['haematological'], neurodegeneration: ['neurological'],
}
const SF_CATEGORIES: Record<string, string[]> = { cancer: ['cancer'], cardiovascular: ['cardiac'], metabolism: ['metabolic'], miscellaneous: ['metabolic'] }

function hpoGenes(world: World): HpoGene[] {
  return world.genes.filter((g) => g.symbol && g.biotype === 'protein_coding').map((g) => {
    const cats = new Set<string>()
    for (const p of g.panels) for (const c of PANEL_CATEGORIES[p] ?? []) cats.add(c)
    if (cats.size === 0 && g.acmg) for (const c of SF_CATEGORIES[g.acmg.category]) cats.add(c)
    return { symbol: g.symbol!, ncbiGeneId: g.ncbiId, categories: [...cats] }
  })
}

export interface WorldOptions { out: string; seed: number; scale: Scale; onStep?: (step: string, ms: number) => void }
export interface WorldResult { world: World; manifest: Manifest; clinvar: ClinvarVariant[]; hpo: SyntheticHpo; counts: Record<string, number> }

const enc = new TextEncoder()
/** Lets the event loop run between chunks of work (timers, RPC heartbeats of a host process). */
const tick = () => new Promise<void>((r) => setImmediate(r))

export async function generateWorld(opts: WorldOptions): Promise<WorldResult> {
  if (!Number.isSafeInteger(opts.seed) || opts.seed < 0 || opts.seed > 0xffffffff) throw new RangeError(`seed must be an integer 0..4294967295, got ${opts.seed}`)
  mkdirSync(opts.out, { recursive: true })
  const path = (f: string) => join(opts.out, f)
  let t = Date.now()
  const step = async (s: string) => { const now = Date.now(); opts.onStep?.(s, now - t); t = now; await tick() }
  const world = buildWorld(opts.seed, opts.scale)
  const rng = new Rng(opts.seed).fork('variants')
  await step('gene models')

  const fa = await writeFasta(world, path(FILES.reference))
  writeFileSync(path(`${FILES.reference}.fai`), fa.fai)
  writeFileSync(path(`${FILES.reference}.gzi`), fa.gzi)
  await step('reference FASTA')

  const gff = new Output({ path: path(FILES.genes), type: 'z' })
  gff.write(gff3Text(world))
  gff.close()
  await step('GFF3')

  const clinvar = designClinvar(rng.fork('clinvar'), world)
  const maxRefLength = Math.max(...world.contigs.map((c) => c.length))
  const cv = new Output({ path: path(FILES.clinvar), type: 'z', index: 'tbi', maxRefLength })
  cv.write(clinvarHeader(world, WORLD_DATE))
  for (const v of clinvar) cv.writeRecord(enc.encode(clinvarLine(world, v)), v.chrom, v.pos - 1, v.pos - 1 + v.ref.length)
  cv.close()
  await step('ClinVar VCF')

  const pop = designPopulation(rng.fork('population'), world, clinvar)
  const pr = rng.fork('population-info')
  const gn = new Output({ path: path(FILES.population), type: 'z', index: 'tbi', maxRefLength })
  gn.write(populationHeader(world))
  for (let i = 0; i < pop.length; i++) {
    const v = pop[i]
    let nAlt = 1
    for (let j = i - 1; j >= 0 && pop[j].chrom === v.chrom && pop[j].pos === v.pos; j--) nAlt++
    for (let j = i + 1; j < pop.length && pop[j].chrom === v.chrom && pop[j].pos === v.pos; j++) nAlt++
    if (i % 20000 === 19999) await tick()
    const { info, filter } = siteInfo(pr, v, nAlt)
    const chrom = ucscName(v.chrom)
    gn.writeRecord(enc.encode(`${chrom}\t${v.pos}\t.\t${v.ref}\t${v.alt}\t.\t${filter}\t${info}\n`), chrom, v.pos - 1, v.pos - 1 + v.ref.length)
  }
  gn.close()
  await step('gnomAD-like VCF')

  const sc = new Output({ path: path(FILES.scores), type: 'z', index: 'tbi', tabix: { preset: 0, seq: 1, beg: 2, end: 2, meta: '#', skip: 0 } })
  sc.write('#chrom\tpos\tref\talt\tREVEL\tCADD_PHRED\n')
  let nScores = 0
  for (const c of world.contigs) {
    for (const g of world.genes) {
      if (g.chrom !== c.name || g.biotype !== 'protein_coding') continue
      const rows = [...missenseSnvs(codingMap(world, g, canonical(g))!, world.seed)].sort((a, b) => a.pos - b.pos || (a.alt < b.alt ? -1 : 1))
      for (const r of rows) sc.writeRecord(enc.encode(`${c.name}\t${r.pos}\t${r.ref}\t${r.alt}\t${r.score.revel.toFixed(3)}\t${r.score.cadd.toFixed(3)}\n`), c.name, r.pos - 1, r.pos)
      nScores += rows.length
      await tick()
    }
  }
  sc.close()
  await step('score table')

  const symbols = new Set(world.genes.map((g) => g.symbol).filter((s): s is string => !!s))
  const bySymbol = new Map(world.genes.map((g) => [g.symbol, g]))
  writeFileSync(path(FILES.panels), panelsTsv(symbols, (s) => panelAppMoi(bySymbol.get(s)!)))
  writeFileSync(path(FILES.secondaryFindings), acmgSfTsv())
  writeFileSync(path(FILES.constraint), constraintTsv(world))
  writeFileSync(path(FILES.haploinsufficiency), haploinsufficiencyTsv(world, WORLD_DATE))
  writeFileSync(path(FILES.hotspots), hotspotsTsv(designHotspots(world, clinvar)))
  writeFileSync(path(FILES.somaticEvidence), civicTsv(world))
  const hpo = generateSyntheticHpo({ seed: opts.seed, genes: hpoGenes(world), terms: opts.scale === 'small' ? 3000 : 8000, version: `hp/releases/vartriage-world-${opts.seed}` })
  writeFileSync(path(FILES.phenotypes), hpo.obo)
  writeFileSync(path(FILES.phenotypeAnnotations), hpo.hpoa)
  writeFileSync(path(FILES.genesToPhenotype), hpo.genesToPhenotype)
  writeFileSync(path(FILES.genesToDisease), hpo.genesToDisease)
  await step('phenotypes (HPO)')

  const version = `${WORLD_VERSION}+seed.${opts.seed}.${opts.scale}`
  const build = 'GRCh38'
  const synth = (name: string) => `${name} (synthetic, vartriage world)`
  const files: ManifestFile[] = [
    { role: 'reference', path: FILES.reference, format: 'fasta', compression: 'bgzf', name: synth('GRCh38 primary assembly'), version, build, contigs: 'ensembl',
      indexes: [{ kind: 'fai', path: `${FILES.reference}.fai` }, { kind: 'gzi', path: `${FILES.reference}.gzi` }] },
    { role: 'genes', path: FILES.genes, format: 'gff3', compression: 'bgzf', name: synth('Ensembl gene models'), version, build, contigs: 'ensembl' },
    { role: 'population', path: FILES.population, format: 'vcf', compression: 'bgzf', name: synth('gnomAD genomes sites'), version, build, contigs: 'ucsc',
      indexes: [{ kind: 'tbi', path: `${FILES.population}.tbi` }] },
    { role: 'clinvar', path: FILES.clinvar, format: 'vcf', compression: 'bgzf', name: synth('ClinVar'), version, build, contigs: 'ensembl',
      indexes: [{ kind: 'tbi', path: `${FILES.clinvar}.tbi` }] },
    { role: 'scores', path: FILES.scores, format: 'tsv', compression: 'bgzf', name: synth('REVEL/CADD-like missense scores'), version, build, contigs: 'ensembl',
      columns: ['chrom', 'pos', 'ref', 'alt', 'REVEL', 'CADD_PHRED'], indexes: [{ kind: 'tbi', path: `${FILES.scores}.tbi` }] },
    { role: 'panels', path: FILES.panels, format: 'tsv', compression: 'none', name: synth('rare-disease gene panels'), version, build },
    { role: 'secondary-findings', path: FILES.secondaryFindings, format: 'tsv', compression: 'none', name: 'ACMG SF', version: ACMG_SF_VERSION, build },
    { role: 'constraint', path: FILES.constraint, format: 'tsv', compression: 'none', name: synth('gnomAD gene constraint'), version, build },
    { role: 'haploinsufficiency', path: FILES.haploinsufficiency, format: 'tsv', compression: 'none', name: synth('ClinGen gene curation (dosage sensitivity)'), version, build },
    { role: 'hotspots', path: FILES.hotspots, format: 'tsv', compression: 'none', name: synth('PM1 hotspots and domains'), version, build },
    { role: 'phenotypes', path: FILES.phenotypes, format: 'obo', compression: 'none', name: synth('Human Phenotype Ontology'), version: hpo.version, build },
    { role: 'phenotype-annotations', path: FILES.phenotypeAnnotations, format: 'tsv', compression: 'none', name: synth('HPO annotations (phenotype.hpoa)'), version: hpo.version, build },
    { role: 'genes-to-phenotype', path: FILES.genesToPhenotype, format: 'tsv', compression: 'none', name: synth('HPO genes_to_phenotype'), version: hpo.version, build },
    { role: 'genes-to-disease', path: FILES.genesToDisease, format: 'tsv', compression: 'none', name: synth('HPO genes_to_disease'), version: hpo.version, build },
    { role: 'somatic-evidence', path: FILES.somaticEvidence, format: 'tsv', compression: 'none', name: synth('CIViC-style clinical evidence summaries'), version, build },
  ]
  const manifest = await writeManifest(opts.out, {
    name: 'vartriage-world', build, version,
    description: `Synthetic reference world (seed ${opts.seed}, scale ${opts.scale}): every file is generated; none of it is real data.`,
    generator: { tool: 'vartriage world', worldVersion: WORLD_VERSION, seed: opts.seed, scale: opts.scale }, files,
  })
  await step('manifest')
  return { world, manifest, clinvar, hpo, counts: { genes: world.genes.length, transcripts: world.genes.reduce((a, g) => a + g.transcripts.length, 0), clinvar: clinvar.length, population: pop.length, scores: nScores } }
}

