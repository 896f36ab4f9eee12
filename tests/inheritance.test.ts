// The inheritance scanner against bcftools: each mode's rule written as a bcftools -i
// expression over GT, GQ, DP and AD (slivar's quality defaults) selects the same sites as the
// scanner, on a generated two-family genome (an X-linked family with a hemizygous son, and a
// compound-het family). Multi-allelic records give the same per-allele answers as their
// `bcftools norm -m-` split. Then frequency cut-offs (with properties) and compound-het phase.
import { beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { VcfReader } from '../src/reader/reader.js'
import { buildCase, type BuiltCase } from '../src/case/index.js'
import { InheritanceScanner, applyFrequencyCutoffs, pairCompoundHets, scanVcf, MODE_BIT } from '../src/inheritance/index.js'
import { generateTrio, type TrioResult } from '../src/world/trio.js'
import { DEFAULT_FREQUENCY, INHERITANCE_MODES, type Candidate, type Case, type InheritanceMode, type MemberGenotype } from '../src/prioritise/model.js'
import { miniBundle } from './helpers/trio-world.js'
import { requireTools } from './helpers/oracle.js'
import { sh } from './helpers/exec.js'

const tools = requireTools('bcftools')
let dir: string
let trio: TrioResult
let kase: BuiltCase

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vt-inherit-'))
  await miniBundle(join(dir, 'world'))
  trio = await generateTrio({ resources: join(dir, 'world'), out: join(dir, 'trio'), seed: 11, families: 2, modes: ['x_linked_recessive', 'compound_het'], variants: 12000 })
  kase = await buildCase({ ped: trio.ped, vcf: trio.vcf, sexCheck: 'none', mendelian: false })
}, 60_000)

/** Rows of a scan as `chrom:pos:alt@family` per mode, over biallelic or all records. */
async function scanned(vcf: string, c: Case, opts: { biallelic?: boolean } = {}): Promise<Map<InheritanceMode, Set<string>>> {
  const reader = await VcfReader.open(vcf)
  const scanner = new InheritanceScanner(c, reader.header)
  const out = new Map<InheritanceMode, Set<string>>(INHERITANCE_MODES.map((m) => [m, new Set()]))
  for await (const b of reader.batches({ format: scanner.formatTags() })) {
    const r = scanner.scan(b)
    for (let k = 0; k < r.n; k++) {
      const i = r.record[k]
      if (opts.biallelic && b.nAllele[i] !== 2) continue
      const key = `${b.chrom(i)}:${b.pos[i]}:${b.alt(i).split(',')[r.alt[k] - 1]}@${c.families[r.family[k]].id}`
      for (const m of INHERITANCE_MODES) if (r.modes[k] & MODE_BIT[m]) out.get(m)!.add(key)
    }
  }
  return out
}

// slivar's default quality, per sample column, as bcftools expressions (hom-ref also passes
// with a single stray ALT read: docs/inheritance.md)
const q = (i: number) => `FMT/GQ[${i}:0]>=20 && FMT/DP[${i}:0]>=6`
const ab = (i: number) => `FMT/AD[${i}:1]/(FMT/AD[${i}:0]+FMT/AD[${i}:1])`
const het = (i: number) => `(GT[${i}]="het" && ${q(i)} && ${ab(i)}>=0.2 && ${ab(i)}<=0.8)`
const hom = (i: number) => `(GT[${i}]="AA" && ${q(i)} && (${ab(i)}>=0.98 || FMT/AD[${i}:0]<2))`
const ref = (i: number) => `(GT[${i}]="RR" && ${q(i)} && (${ab(i)}<=0.02 || FMT/AD[${i}:1]<2))`
const hemiAlt = (i: number) => `(GT[${i}]="A" && ${q(i)} && (${ab(i)}>=0.98 || FMT/AD[${i}:0]<2))`
const hemiRef = (i: number) => `(GT[${i}]="R" && ${q(i)} && (${ab(i)}<=0.02 || FMT/AD[${i}:1]<2))`

async function selected(expr: string, region: string[], family: string): Promise<Set<string>> {
  const out = await sh('bcftools', ['query', '-i', `N_ALT=1 && (${expr})`, ...region, '-f', '%CHROM:%POS:%ALT\n', trio.vcf])
  return new Set(out.split('\n').filter((l) => l !== '').map((l) => `${l}@${family}`))
}

const AUTOSOMES = ['-t', '^chrX,chrY,chrM']
const NON_PAR_X = ['-t', 'chrX:2781480-155701382']

describe.runIf(tools)('modes against bcftools expressions', () => {
  it('autosomal modes in both families (father, mother, child columns)', async () => {
    const got = await scanned(trio.vcf, kase, { biallelic: true })
    const only = (m: InheritanceMode) => new Set([...got.get(m)!].filter((k) => !k.startsWith('chrX:') && !k.startsWith('chrM:')))
    for (const [fam, [f, m, c]] of [['FAM1', [0, 1, 2]], ['FAM2', [3, 4, 5]]] as const) {
      const mine = (mode: InheritanceMode) => new Set([...only(mode)].filter((k) => k.endsWith(`@${fam}`)))
      const rules: [InheritanceMode, string][] = [
        ['de_novo', `${het(c)} && ${ref(f)} && ${ref(m)} && FMT/AD[${f}:1]<2 && FMT/AD[${m}:1]<2`],
        ['autosomal_dominant', `${het(c)} && ${ref(f)} && ${ref(m)}`],
        ['autosomal_recessive_hom', `${hom(c)} && ${het(f)} && ${het(m)}`],
        ['compound_het', `${het(c)} && ((${het(f)} && ${ref(m)}) || (${ref(f)} && ${het(m)}) || (${ref(f)} && ${ref(m)}))`],
      ]
      for (const [mode, expr] of rules) {
        const want = await selected(expr, AUTOSOMES, fam)
        expect([...mine(mode)].sort(), `${fam} ${mode}`).toEqual([...want].sort())
        expect(want.size, `${fam} ${mode} is exercised`).toBeGreaterThan(mode === 'de_novo' || mode === 'autosomal_dominant' ? 2 : 20)
      }
    }
  })

  it('X-linked modes for a hemizygous son (haploid calls outside the PARs)', async () => {
    const got = await scanned(trio.vcf, kase, { biallelic: true })
    const mine = (mode: InheritanceMode) => new Set([...got.get(mode)!].filter((k) => k.startsWith('chrX:') && k.endsWith('@FAM1') && !inPar(k)))
    const rules: [InheritanceMode, string][] = [
      ['x_linked_recessive', `${hemiAlt(2)} && ${hemiRef(0)} && (${het(1)} || ${ref(1)})`],
      ['x_linked_dominant', `${hemiAlt(2)} && ${hemiRef(0)} && ${ref(1)}`],
      ['de_novo', `${hemiAlt(2)} && ${hemiRef(0)} && ${ref(1)} && FMT/AD[0:1]<2 && FMT/AD[1:1]<2`],
    ]
    for (const [mode, expr] of rules) {
      const want = await selected(expr, NON_PAR_X, 'FAM1')
      expect([...mine(mode)].sort(), mode).toEqual([...want].sort())
    }
    expect(mine('x_linked_recessive').size).toBeGreaterThan(20)
    // the mitochondrion: the proband carries it (heteroplasmy: no allele-balance check)
    const mt = (fam: string) => new Set([...got.get('mitochondrial')!].filter((k) => k.endsWith(`@${fam}`)))
    const c2 = `GT[2]="A" && ${q(2)}`, c5 = `GT[5]="A" && ${q(5)}`
    expect([...mt('FAM1')].sort()).toEqual([...await selected(c2, ['-t', 'chrM'], 'FAM1')].sort())
    expect([...mt('FAM2')].sort()).toEqual([...await selected(c5, ['-t', 'chrM'], 'FAM2')].sort())
    expect(mt('FAM1').size + mt('FAM2').size).toBeGreaterThan(0)
    expect(mine('autosomal_recessive_hom').size + mine('compound_het').size).toBe(0)
  })

  it('finds the spiked-in variants under their modes, with the parent of origin', async () => {
    const all: Candidate[] = []
    for await (const cs of scanVcf(await VcfReader.open(trio.vcf), kase)) all.push(...cs)
    for (const t of trio.cases) {
      for (const v of t.variants) {
        const c = all.find((x) => x.variant.key === v.key && x.family === t.family)
        expect(c, v.key).toBeDefined()
        expect(c!.modes).toContain(t.mode)
        expect(c!.genotypes.map((g) => g.gt)).toEqual(Object.values(v.genotypes))
        expect(c!.genotypes.every((g) => g.pass)).toBe(true)
        expect(c!.variant).toMatchObject({ chrom: `chr${v.chrom}`, pos: v.pos, ref: v.ref, alt: v.alt, consequence: [], impact: 'MODIFIER' })
      }
      if (t.mode === 'compound_het') {
        const pair = all.filter((x) => t.variants.some((v) => v.key === x.variant.key))
        expect(pair.map((x) => x.from).sort()).toEqual(['father', 'mother'])
        const withGene = pair.map((x) => ({ ...x, variant: { ...x.variant, gene: t.gene } }))
        const pairs = pairCompoundHets(withGene, kase.families.find((f) => f.id === t.family)!)
        expect(pairs).toHaveLength(1)
        expect(pairs[0].phase).toBe('parents')
      }
    }
  })

  it('multi-allelic records answer per ALT as their bcftools norm -m- split does', async () => {
    const split = join(dir, 'split.vcf.gz')
    await sh('bcftools', ['norm', '-m-', '-Oz', '-o', split, trio.vcf])
    const a = await scanned(trio.vcf, kase), b = await scanned(split, kase)
    let multi = 0
    for (const m of INHERITANCE_MODES) {
      // a parent's 0/2 reads as 0/0 at allele 1 once split: not hom-ref in the unsplit record,
      // so de novo alone may differ; every other mode counts copies of the one allele
      if (m === 'de_novo') continue
      expect([...a.get(m)!].sort(), m).toEqual([...b.get(m)!].sort())
    }
    const lines = await sh('bcftools', ['view', '-H', '-i', 'N_ALT>1', trio.vcf])
    multi = lines.split('\n').filter((l) => l !== '').length
    expect(multi).toBeGreaterThan(10)
  })

  it('a singleton: no de novo, recessive and dominant from the proband alone', async () => {
    const single = await buildCase({ individuals: [{ family: 'S', id: 'FAM2_proband', sex: 'unknown', affected: true, sample: -1 }], vcf: trio.vcf, sexCheck: 'none', mendelian: false })
    const got = await scanned(trio.vcf, single, { biallelic: true })
    expect(got.get('de_novo')!.size).toBe(0)
    const auto = (m: InheritanceMode) => new Set([...got.get(m)!].filter((k) => !k.startsWith('chrX:') && !k.startsWith('chrM:')))
    expect([...auto('autosomal_recessive_hom')].sort()).toEqual([...await selected(hom(5), AUTOSOMES, 'S')].sort())
    expect([...auto('autosomal_dominant')].sort()).toEqual([...await selected(het(5), AUTOSOMES, 'S')].sort())
    expect([...auto('compound_het')].sort()).toEqual([...auto('autosomal_dominant')].sort())
  })
})

function inPar(key: string): boolean {
  const pos = Number(key.split(':')[1])
  return pos <= 2781479 || pos >= 155701383
}

// ----------------------------------------------------------------------------- frequency

const variant = (key: string, popmax: number | undefined, pathogenic = false): Candidate['variant'] => ({
  key, chrom: '1', pos: 1, ref: 'A', alt: 'C', consequence: [], impact: 'MODIFIER', popmax,
  ...(pathogenic ? { clinvar: { significance: 'Pathogenic', pathogenic: true } } : {}),
})
const cand = (v: Candidate['variant'], modes: InheritanceMode[], extra: Partial<Candidate> = {}): Candidate => ({ variant: v, family: 'F', genotypes: [], modes, ...extra })

describe('frequency cut-offs', () => {
  it('keeps each mode up to its popmax cut-off, and ClinVar P/LP whatever the frequency', () => {
    const cs = [
      cand(variant('a', 0.005), ['de_novo', 'autosomal_recessive_hom', 'compound_het']),
      cand(variant('b', 0.015), ['autosomal_recessive_hom', 'compound_het']),
      cand(variant('c', 0.3), ['compound_het']),
      cand(variant('d', 0.3, true), ['autosomal_recessive_hom']),
      cand(variant('e', undefined), ['de_novo']),
      cand(variant('f', 0.0015), ['mitochondrial', 'x_linked_recessive']),
    ]
    const out = applyFrequencyCutoffs(cs)
    expect(out.map((c) => [c.variant.key, c.modes])).toEqual([
      ['a', ['autosomal_recessive_hom', 'compound_het']], ['b', ['compound_het']], ['d', ['autosomal_recessive_hom']], ['e', ['de_novo']], ['f', ['mitochondrial']],
    ])
    expect(cs[0].modes).toHaveLength(3) // inputs untouched
  })

  it('properties: modes only shrink, a lower popmax keeps at least as much, P/LP is never cut', () => {
    const modes = fc.subarray([...INHERITANCE_MODES], { minLength: 1 })
    fc.assert(fc.property(modes, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), (ms, p1, p2, plp) => {
      const [lo, hi] = p1 < p2 ? [p1, p2] : [p2, p1]
      const a = applyFrequencyCutoffs([cand(variant('x', lo, plp), ms)])
      const b = applyFrequencyCutoffs([cand(variant('x', hi, plp), ms)])
      const am = a[0]?.modes ?? [], bm = b[0]?.modes ?? []
      expect(am.every((m) => ms.includes(m))).toBe(true)
      expect(bm.every((m) => am.includes(m))).toBe(true)
      for (const m of am) expect(lo).toBeLessThanOrEqual(plp ? 1 : DEFAULT_FREQUENCY[m])
      if (plp) expect(am).toEqual(ms)
    }))
  })
})

// ----------------------------------------------------------------------------- compound het

const g = (individual: string, gt: string, phaseSet?: number): MemberGenotype => ({ individual, gt, altCopies: 1, pass: true, phased: gt.includes('|'), ...(phaseSet !== undefined ? { phaseSet } : {}) })
const family = { id: 'F', members: [], proband: 'kid', hpo: [], excludedHpo: [] }
const ch = (key: string, pos: number, kid: MemberGenotype, extra: Partial<Candidate> = {}): Candidate =>
  cand({ ...variant(key, 0), pos, gene: 'GENE1' }, ['compound_het', ...(extra.modes ?? [])], { ...extra, modes: ['compound_het', ...(extra.modes ?? [])], genotypes: [kid] })

describe('compound-het pairs', () => {
  it('by parents: one allele from each; two from one parent are in cis', () => {
    const a = ch('a', 10, g('kid', '0/1'), { from: 'father' }), b = ch('b', 20, g('kid', '0/1'), { from: 'mother' }), c = ch('c', 30, g('kid', '0/1'), { from: 'father' })
    const pairs = pairCompoundHets([c, b, a], family)
    expect(pairs.map((p) => [p.first.variant.key, p.second.variant.key, p.phase])).toEqual([['a', 'b', 'parents'], ['b', 'c', 'parents']])
  })
  it('a de novo with an inherited allele; never two de novo', () => {
    const dn = ch('dn', 10, g('kid', '0/1'), { modes: ['de_novo'] }), dn2 = ch('dn2', 15, g('kid', '0/1'), { modes: ['de_novo'] }), inh = ch('inh', 20, g('kid', '0/1'), { from: 'mother' })
    expect(pairCompoundHets([dn, dn2, inh], family).map((p) => [p.first.variant.key, p.second.variant.key, p.phase]))
      .toEqual([['dn', 'inh', 'de-novo+inherited'], ['dn2', 'inh', 'de-novo+inherited']])
  })
  it('by phase set or phased GT: trans pairs only; unphased singletons are possible pairs', () => {
    const x = ch('x', 10, g('kid', '0|1', 5)), y = ch('y', 20, g('kid', '1|0', 5)), z = ch('z', 30, g('kid', '0|1', 5)), w = ch('w', 40, g('kid', '1|0', 9))
    const pairs = pairCompoundHets([x, y, z, w], family).map((p) => `${p.first.variant.key}${p.second.variant.key}:${p.phase}`)
    expect(pairs).toEqual(['xy:phase-set', 'xw:unphased', 'yz:phase-set', 'yw:unphased', 'zw:unphased'])
    const u = ch('u', 10, g('kid', '1|0')), v = ch('v', 20, g('kid', '0|1')), s = ch('s', 30, g('kid', '0/1'))
    expect(pairCompoundHets([u, v, s], family).map((p) => p.phase)).toEqual(['phased-gt', 'unphased', 'unphased'])
    // other genes and families never pair
    const other = ch('o', 50, g('kid', '0/1'))
    other.variant.gene = 'GENE2'
    expect(pairCompoundHets([s, other], family)).toEqual([])
  })
})
