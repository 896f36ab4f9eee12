// The population VCF loaded only where the targets are (src/prioritise/population-targets.ts):
// the table holds exactly the population records overlapping the targets (as `bcftools view
// -R` selects them, and as a whole-file load filtered by the targets), each once, whatever the
// contig naming; prioritisation gives the same results as with the whole file loaded; without
// an index the whole file is loaded, with a warning.
import { describe, it, expect, beforeAll } from 'vitest'
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sharedWorld } from './helpers/prioritise-world.js'
import { sh } from './helpers/exec.js'
import { generateTrio, loadWorldBundle, type TrioResult } from '../src/world/trio.js'
import type { SpikeMode } from '../src/world/trio-model.js'
import { openBundle } from '../src/resources/bundle.js'
import { prioritise, loadResources, type PrioritisationResources } from '../src/prioritise/api.js'
import { PopulationAnnotator, POPULATION_FIELDS, loadClinVarTable } from '../src/prioritise/population.js'
import { loadPopulationTable, type PopulationFile } from '../src/prioritise/population-targets.js'
import { TargetRegions } from '../src/prioritise/targets.js'
import type { GeneModel } from '../src/csq/gene-model.js'
import type { AnnotationTable } from '../src/annotate/table.js'
import { VcfReader } from '../src/reader/reader.js'
import type { PrioritisationResult } from '../src/prioritise/model.js'
import { resultsJson } from '../src/report/pure.js'

let world: string, dir: string, loaded: PrioritisationResources, populationFile: PopulationFile

/** One line per row: contig (bare), POS, REF, ALT and the population fields, in table order. */
function rows(t: AnnotationTable): string[] {
  const out: string[] = []
  for (let r = 0; r < t.pos.length; r++) {
    const f = POPULATION_FIELDS.map((k) => t.fields.get(k)?.values.get(r) ?? '.')
    out.push([t.contigs[t.chrom[r]].replace(/^chr/, ''), t.pos[r], t.ref.get(r), t.alt.get(r), ...f].join(':'))
  }
  return out
}

const refLength = (t: AnnotationTable, r: number) => Math.max(1, t.ref.ends[r] - t.ref.start(r))

/** BED of the targets under the file's contig names. */
function targetsBed(targets: TargetRegions, prefix: string): string {
  return targets.contigs.flatMap((c) => targets.intervals(c).map(([s, e]) => `${prefix}${c}\t${s - 1}\t${e}\n`)).join('')
}

/** A population VCF with bare contig names ('1'), bgzipped and indexed. */
async function bareCopy(src: string, out: string): Promise<string> {
  const text = (await sh('bgzip', ['-dc', src])).replace(/^chr/gm, '').replace(/##contig=<ID=chr/g, '##contig=<ID=')
  writeFileSync(out.replace(/\.gz$/, ''), text)
  await sh('bgzip', ['-f', out.replace(/\.gz$/, '')])
  await sh('tabix', ['-p', 'vcf', out])
  return out
}

beforeAll(async () => {
  world = await sharedWorld()
  dir = mkdtempSync(join(tmpdir(), 'vt-pop-targets-'))
  loaded = await loadResources(await openBundle(world))
  populationFile = (await openBundle(world)).get('population')!
}, 120_000)

describe('population restricted to the targets', () => {
  it('holds exactly the records overlapping the targets: those bcftools view -R selects, and a whole load filtered by the targets', async () => {
    const { targets } = loaded
    const whole = await loadPopulationTable(populationFile, POPULATION_FIELDS)
    const restricted = await loadPopulationTable(populationFile, POPULATION_FIELDS, targets)
    const wanted: string[] = []
    const all = rows(whole)
    let deletions = 0
    for (let r = 0; r < whole.pos.length; r++) {
      const chrom = whole.contigs[whole.chrom[r]], end = whole.pos[r] + refLength(whole, r) - 1
      if (!targets.overlaps(chrom, whole.pos[r], end)) continue
      wanted.push(all[r])
      if (end > whole.pos[r]) deletions++
    }
    // (this world has no deletion starting before a target; the next test has)
    expect(deletions).toBeGreaterThan(0)
    expect(restricted.pos.length).toBeLessThan(whole.pos.length)
    expect(rows(restricted)).toEqual(wanted)
    // the same records as bcftools' region query (overlap semantics, each record once)
    const bed = join(dir, 'targets.bed')
    writeFileSync(bed, targetsBed(targets, 'chr'))
    const oracle = (await sh('bcftools', ['query', '-R', bed, '-f', '%CHROM:%POS:%REF:%ALT\\n', populationFile.path])).trimEnd().split('\n')
    expect(oracle.length).toBe(restricted.pos.length)
    // (bcftools visits the BED's contigs in its order, sorted as text here: compare as sets)
    expect(rows(restricted).map((l) => l.split(':').slice(0, 4).join(':')).sort()).toEqual(oracle.map((l) => l.replace(/^chr/, '')).sort())
    // merging neighbouring targets into one query (or not) reads the same rows
    expect(rows(await loadPopulationTable(populationFile, POPULATION_FIELDS, targets, { mergeBytes: 0 }))).toEqual(wanted)
  }, 120_000)

  it('keeps a record overlapping two targets once, reads either contig naming, skips contigs the file lacks', async () => {
    // targets chr1:100, chr1:105-106 and chr3:10 (ClinVar-like sites; no transcripts)
    const targets = TargetRegions.build({ transcripts: [] } as unknown as GeneModel,
      [{ chrom: '1', pos: 100, len: 1 }, { chrom: '1', pos: 105, len: 2 }, { chrom: '3', pos: 10, len: 1 }])
    expect(targets.intervals('1')).toEqual([[100, 100], [105, 106]])
    const records: Array<[string, number, string, string]> = [
      ['1', 90, 'AC', 'A'], ['1', 95, 'ACGTACGTACGT', 'A'], ['1', 99, 'C', 'T'], ['1', 99, 'CA', 'C'], ['1', 100, 'G', 'A'],
      ['1', 102, 'T', 'G'], ['1', 104, 'A', 'AT'], ['1', 106, 'C', 'A'], ['1', 107, 'G', 'T'], ['2', 100, 'G', 'A'],
    ]
    // overlapping: the deletion at 95 (both targets: once), 99 CA>C, 100, 104 (REF ends at 104: no), 106
    const expected = ['1:95:ACGTACGTACGT:A', '1:99:CA:C', '1:100:G:A', '1:106:C:A']
    for (const prefix of ['', 'chr']) {
      const path = join(dir, `tiny-${prefix || 'bare'}.vcf`)
      writeFileSync(path, ['##fileformat=VCFv4.2', '##INFO=<ID=AF,Number=A,Type=Float,Description="AF">',
        ...['1', '2', '3'].map((c) => `##contig=<ID=${prefix}${c},length=1000>`), '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
        ...records.map(([c, p, r, a]) => `${prefix}${c}\t${p}\t.\t${r}\t${a}\t.\tPASS\tAF=0.01`)].join('\n') + '\n')
      await sh('bgzip', ['-f', path])
      await sh('tabix', ['-p', 'vcf', `${path}.gz`])
      for (const mergeBytes of [0, undefined]) {
        const t = await loadPopulationTable({ input: `${path}.gz`, path }, POPULATION_FIELDS, targets, { mergeBytes })
        expect(rows(t).map((l) => l.split(':').slice(0, 4).join(':'))).toEqual(expected)
      }
    }
  })

  it('masks the batches of two readers that met the contigs in different orders (ids are per reader)', async () => {
    const targets = TargetRegions.build({ transcripts: [] } as unknown as GeneModel, [{ chrom: '1', pos: 100, len: 1 }, { chrom: '2', pos: 200, len: 1 }])
    const vcf = (name: string, recs: string[]) => {
      const path = join(dir, name)
      writeFileSync(path, ['##fileformat=VCFv4.2', '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO', ...recs.map((r) => `${r}\tA\tC\t.\t.\t.`)].join('\n') + '\n')
      return path
    }
    const masks = async (path: string) => {
      const out: number[] = []
      for await (const b of (await VcfReader.open(path)).batches()) out.push(...targets.mask(b))
      return out
    }
    expect(await masks(vcf('a.vcf', ['chr1\t100\t.', 'chr2\t200\t.']))).toEqual([1, 1])
    expect(await masks(vcf('b.vcf', ['chr2\t100\t.', 'chr2\t200\t.']))).toEqual([0, 1])
  })

  it('loads the whole file, with a warning, when the population file has no index', async () => {
    const path = join(dir, 'no-index.vcf.gz')
    copyFileSync(populationFile.path, path)
    const warnings: string[] = []
    const t = await loadPopulationTable({ input: path, path }, POPULATION_FIELDS, loaded.targets, { onWarning: (m) => warnings.push(m) })
    expect(t.pos.length).toBe((await loadPopulationTable(populationFile, POPULATION_FIELDS)).pos.length)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/no-index\.vcf\.gz: the population file has no \.csi\/\.tbi index, so all of it is loaded/)
  }, 120_000)
})

describe('prioritisation with the population restricted to the targets', () => {
  const cases: Array<{ mode: SpikeMode; kind: 'snv' | 'indel'; seed: number }> = [
    { mode: 'de_novo', kind: 'snv', seed: 11 }, { mode: 'compound_het', kind: 'indel', seed: 13 },
    { mode: 'autosomal_recessive_hom', kind: 'indel', seed: 12 }, { mode: 'x_linked_recessive', kind: 'snv', seed: 14 },
  ]
  const trios: TrioResult[] = []
  let wholeLoaded: PrioritisationResources, bareLoaded: PrioritisationResources

  /** results.json without the clock and timings. */
  const comparable = (r: PrioritisationResult) => {
    const j = JSON.parse(resultsJson(r)) as Record<string, unknown>
    delete j.timings; delete j.started
    return j
  }

  beforeAll(async () => {
    const pre = await loadWorldBundle(world)
    for (const c of cases) trios.push(await generateTrio({ resources: world, out: join(dir, `${c.mode}-${c.kind}`), ...c, variants: 10_000 }, pre))
    trios.push(await generateTrio({ resources: world, out: join(dir, 'two'), seed: 5, families: 2, variants: 10_000 }, pre))
    // as before: the whole population file, and targets from the merged table's ClinVar sites
    const bundle = await openBundle(world)
    const population = await PopulationAnnotator.load(bundle.get('population'), bundle.get('clinvar'))
    wholeLoaded = { ...loaded, population, targets: TargetRegions.build(loaded.model, population.pathogenicSites()) }
    // a population file named '1', '2' … while the VCFs and the rest of the bundle say 'chr1' / '1'
    const bare = await bareCopy(populationFile.path, join(dir, 'population-bare.vcf.gz'))
    const clinvar = await loadClinVarTable(bundle.get('clinvar')!)
    const table = await loadPopulationTable({ input: bare, path: bare }, POPULATION_FIELDS, loaded.targets)
    expect(table.contigs.every((c) => !c.startsWith('chr'))).toBe(true)
    bareLoaded = { ...loaded, population: PopulationAnnotator.fromTables(table, clinvar, 'bare') }
  }, 240_000)

  it('restricts the table: fewer rows than the whole file, the same ClinVar rows and targets', () => {
    expect(loaded.population.table.pos.length).toBeLessThan(wholeLoaded.population.table.pos.length)
    expect(loaded.population.pathogenicSites().length).toBe(wholeLoaded.population.pathogenicSites().length)
    expect(loaded.targets.bases).toBe(wholeLoaded.targets.bases)
    expect(bareLoaded.population.table.pos.length).toBe(loaded.population.table.pos.length)
  })

  for (const [k, c] of [...cases, { mode: 'two families', kind: 'snv', seed: 5 }].entries()) {
    it(`gives the same results as the whole file: ${c.mode} (${c.kind})`, async () => {
      const t = trios[k]
      const run = (l: PrioritisationResources) => prioritise({ vcf: t.vcf, ped: t.ped, hpo: [...new Set(t.cases.flatMap((x) => x.hpo))], resources: world, loaded: l })
      const want = await run(wholeLoaded)
      expect(want.counts.rare).toBeGreaterThan(0)
      expect(want.genes.length).toBeGreaterThan(0)
      const got = await run(loaded)
      expect(comparable(got)).toEqual(comparable(want))
      if (k % 2 === 0) expect(comparable(await run(bareLoaded))).toEqual(comparable(want))
    }, 120_000)
  }
})
