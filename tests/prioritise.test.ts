// End to end on generated families with a known diagnosis (src/world/trio.ts spikes a causal
// genotype into a background genome and writes the truth): for each mode, the causal gene is
// ranked first with the proband's phenotypes; two families in one VCF are ranked apart;
// results are deterministic (byte-identical outputs apart from timings, whatever --threads).
import { describe, it, expect, beforeAll } from 'vitest'
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sharedWorld } from './helpers/prioritise-world.js'
import { generateTrio, loadWorldBundle, type TrioResult } from '../src/world/trio.js'
import type { SpikeMode } from '../src/world/trio-model.js'
import { openBundle } from '../src/resources/bundle.js'
import { prioritise, loadResources, type PrioritisationResources } from '../src/prioritise/api.js'
import type { PrioritisationResult } from '../src/prioritise/model.js'

// the evidence stage's ClinVar residue index, keyed by the resources' content: shared between runs
const CACHE = join(tmpdir(), 'vartriage-prio-test-cache')
const MODES: SpikeMode[] = ['de_novo', 'autosomal_recessive_hom', 'compound_het', 'x_linked_recessive']
let dir: string, world: string, loaded: PrioritisationResources
const trios = new Map<string, TrioResult>()

beforeAll(async () => {
  world = await sharedWorld()
  dir = mkdtempSync(join(tmpdir(), 'vt-prio-e2e-'))
  const pre = await loadWorldBundle(world)
  // a small background (10,000 records) keeps the suite fast; the spike-in is the same
  for (const [k, mode] of MODES.entries()) {
    trios.set(mode, await generateTrio({ resources: world, out: join(dir, mode), seed: 11 + k, mode, variants: 10_000 }, pre))
  }
  trios.set('two', await generateTrio({ resources: world, out: join(dir, 'two'), seed: 5, families: 2, variants: 10_000 }, pre))
  // a de novo truncating variant in an ACMG secondary-findings gene, for the consent tests
  trios.set('sf', await generateTrio({ resources: world, out: join(dir, 'sf'), seed: 34, mode: 'de_novo', gene: 'BRCA1', variants: 10_000 }, pre))
  loaded = await loadResources(await openBundle(world))
}, 120_000)

const run = (t: TrioResult, extra: Partial<Parameters<typeof prioritise>[0]> = {}): Promise<PrioritisationResult> =>
  prioritise({ vcf: t.vcf, ped: t.ped, phenopacket: t.phenopackets[0], resources: world, loaded, cacheDir: CACHE, ...extra })

describe('prioritise end to end', () => {
  for (const mode of MODES) {
    it(`ranks the causal gene first: ${mode}`, async () => {
      const t = trios.get(mode)!
      const truth = t.cases[0]
      const r = await run(t)
      const genes = r.genes.filter((g) => g.family === truth.family)
      expect(genes.length).toBeGreaterThan(0)
      expect(genes[0].gene).toBe(truth.gene)
      expect(genes[0].rank).toBe(1)
      expect(genes[0].phenotypeScore).toBeGreaterThan(0)
      // the reported variants are the spiked-in ones, under a mode that explains them
      const keys = genes[0].variants.map((v) => v.candidate.variant.key).sort()
      expect(keys).toEqual(truth.variants.map((v) => v.key).sort())
      if (mode === 'compound_het') expect(genes[0].mode).toBe('compound_het')
      if (mode === 'autosomal_recessive_hom') expect(genes[0].mode).toBe('autosomal_recessive_hom')
      if (mode === 'de_novo') expect(genes[0].mode).toBe('de_novo')
      if (mode === 'x_linked_recessive') expect(genes[0].mode).toMatch(/^x_linked/)
      for (const v of genes[0].variants) {
        expect(v.candidate.variant.gene).toBe(truth.gene)
        expect(v.candidate.variant.transcript).toBeTruthy()
        expect(['HIGH', 'MODERATE', 'LOW']).toContain(v.candidate.variant.impact)
      }
      expect(r.counts.records).toBe(t.records)
      expect(r.counts.targeted).toBeLessThan(r.counts.records)
      for (const k of ['select', 'annotate', 'evidence', 'rank']) expect(r.timings[k]).toBeGreaterThanOrEqual(0)
    })
  }

  it('ranks two families of one VCF apart, each with its own diagnosis first', async () => {
    const t = trios.get('two')!
    expect(t.cases.length).toBe(2)
    // the PED gives both families; --hpo terms go to every proband (here both probands' terms)
    const hpo = [...new Set(t.cases.flatMap((c) => c.hpo))]
    const r = await run(t, { phenopacket: undefined, hpo })
    expect(r.case.families.map((f) => f.id).sort()).toEqual(t.cases.map((c) => c.family).sort())
    for (const truth of t.cases) {
      const genes = r.genes.filter((g) => g.family === truth.family)
      expect(genes.map((g) => g.rank)).toEqual(genes.map((_, k) => k + 1))
      expect(genes[0].gene).toBe(truth.gene)
    }
  })

  it('is deterministic: same outputs for the same input, with 1 or 2 threads', async () => {
    const t = trios.get('compound_het')!
    const a = await run(t, { out: join(dir, 'out1'), threads: 1 })
    const b = await run(t, { out: join(dir, 'out2'), threads: 2 })
    expect(a.genes.length).toBeGreaterThan(0)
    const strip = (s: string) => {
      const j = JSON.parse(s) as Record<string, unknown>
      delete j.timings; delete j.started
      if (j.parameters) delete (j.parameters as Record<string, unknown>).threads
      return JSON.stringify(j)
    }
    const read = (d: string, f: string) => readFileSync(join(dir, d, f), 'utf8')
    expect(strip(read('out1', 'results.json'))).toBe(strip(read('out2', 'results.json')))
    for (const f of ['genes.tsv', 'variants.tsv']) expect(read('out1', f)).toBe(read('out2', f))
    expect(readFileSync(join(dir, 'out1', 'candidates.vcf.gz')).equals(readFileSync(join(dir, 'out2', 'candidates.vcf.gz')))).toBe(true)
  })

  it('masks a secondary finding unrelated to the indication from every output, and reports it apart with consent', async () => {
    const t = trios.get('sf')!
    const truth = t.cases[0]
    const v = truth.variants[0]
    // the patient's phenotype is another case's (neurodevelopmental), so BRCA1 is unrelated to it
    const hpo = trios.get('de_novo')!.cases[0].hpo
    const out = join(dir, 'masked')
    const masked = await run(t, { phenopacket: undefined, hpo, out })
    expect(masked.masked.count).toBeGreaterThanOrEqual(1)
    expect(masked.genes.some((g) => g.gene === 'BRCA1')).toBe(false)
    expect(masked.secondary).toEqual([])
    // no byte of any output (gzip members inflated) names the gene or the variant
    const bare = v.chrom.replace(/^chr/, '')
    for (const f of readdirSync(out)) {
      let bytes = readFileSync(join(out, f))
      if (f.endsWith('.gz')) bytes = gunzipSync(bytes)
      const text = bytes.toString('latin1')
      expect(text.includes('BRCA1'), f).toBe(false)
      expect(text.includes(`${bare}\t${v.pos}\t`) || text.includes(`:${v.pos}:`) || text.includes(`${bare}:${v.pos}`), f).toBe(false)
    }
    const shown = await run(t, { phenopacket: undefined, hpo, consent: 'related+secondary' })
    const sf = shown.secondary.find((g) => g.gene === 'BRCA1')
    expect(sf).toBeDefined()
    expect(sf!.secondary).toBe(true)
    expect(['pathogenic', 'likely_pathogenic']).toContain(sf!.acmgClass)
    expect(shown.genes.some((g) => g.gene === 'BRCA1')).toBe(false)
  })

  it('restricts to a panel of the bundle, or ranks its genes first', async () => {
    const t = trios.get('autosomal_recessive_hom')!
    const truth = t.cases[0]
    const panels = readFileSync(join(world, 'panels.tsv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'))
    const name = panels.find(([, g]) => g === truth.gene)![0]
    const members = new Set(panels.filter(([p]) => p === name).map(([, g]) => g))
    const restricted = await run(t, { panel: name, panelMode: 'restrict' })
    expect(restricted.genes[0].gene).toBe(truth.gene)
    expect(restricted.genes.every((g) => g.panel && members.has(g.gene))).toBe(true)
    const first = await run(t, { panel: name, panelMode: 'first', phenopacket: undefined })
    const flags = first.genes.map((g) => g.panel)
    expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)))
    expect(first.genes.find((g) => g.gene === truth.gene)!.panel).toBe(true)
  })
})
