// The trio generator: a quad per spike-in mode on a (mini) world bundle, read back with
// bcftools and tabix: the index equals tabix's, the truth's genotypes are the file's, causal
// alleles match the world's sequence and are truly stop-gains or frameshifts absent from the
// population file, transmission is Mendelian where no error was injected, call quality looks
// like a WGS callset's, HPO terms come from the gene's annotations plus noise, and the same
// seeds give the same bytes (a fixed background seed changes only the spiked-in records).
import { beforeAll, describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { generateTrio, loadWorldBundle, type TrioResult } from '../src/world/trio.js'
import { readGenesToPhenotype } from '../src/world/trio-causal.js'
import { buildWorld } from '../src/world/world.js'
import { baseAt, canonical, codingMap } from '../src/world/coding.js'
import { CODE, complement } from '../src/world/code.js'
import { parsePed, parsePhenopacket } from '../src/case/index.js'
import { SPIKE_MODES } from '../src/world/trio-model.js'
import { miniBundle } from './helpers/trio-world.js'
import { requireTools } from './helpers/oracle.js'
import { sh } from './helpers/exec.js'

const tools = requireTools('bcftools', 'tabix')
let dir: string
let world: string
let quad: TrioResult

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vt-trio-'))
  world = await miniBundle(join(dir, 'world'))
  quad = await generateTrio({ resources: world, out: join(dir, 'quad'), seed: 21, families: SPIKE_MODES.length, modes: [...SPIKE_MODES], quad: true, variants: 10000 })
}, 60_000)

const lines = async (args: string[]) => (await sh('bcftools', args)).split('\n').filter((l) => l !== '')

describe.runIf(tools)('the generated family genome', () => {
  it('is a valid VCF whose .tbi is the one tabix writes', async () => {
    expect(await lines(['view', '-H', quad.vcf])).toHaveLength(quad.records)
    const copy = join(dir, 'copy.vcf.gz')
    copyFileSync(quad.vcf, copy)
    await sh('tabix', ['-p', 'vcf', copy])
    expect(Buffer.compare(gunzipSync(readFileSync(`${quad.vcf}.tbi`)), gunzipSync(readFileSync(`${copy}.tbi`)))).toBe(0)
    expect(quad.samples).toHaveLength(SPIKE_MODES.length * 4)
    expect(quad.records).toBeGreaterThan(8500)
    expect(quad.records).toBeLessThan(11500)
  })

  it('holds every spiked-in variant with the truth genotypes; causal alleles are loss-of-function in the gene', async () => {
    const w = buildWorld(1, 'small')
    const pop = new Set(await lines(['query', '-f', '%CHROM:%POS:%REF:%ALT\n', join(world, 'pop.vcf.gz')]))
    expect(quad.cases.map((c) => c.mode)).toEqual([...SPIKE_MODES])
    for (const c of quad.cases) {
      expect(c.variants).toHaveLength(c.mode === 'compound_het' ? 2 : 1)
      if (c.mode === 'x_linked_recessive') expect(c.sex).toBe('male')
      const fam = quad.samples.filter((s) => s.startsWith(`${c.family}_`))
      for (const v of c.variants) {
        const [row] = await lines(['query', '-r', `chr${v.chrom}:${v.pos}`, '-s', fam.join(','), '-f', '%REF\t%ALT[\t%GT]\n', quad.vcf])
        expect(row, v.key).toBe([v.ref, v.alt, ...fam.map((s) => v.genotypes[s])].join('\t'))
        expect(pop.has(v.key)).toBe(false)
        // the REF is the world's sequence; the change is a stop or a frameshift in the canonical CDS
        for (let k = 0; k < v.ref.length; k++) expect(v.ref[k]).toBe(baseAt(w, v.chrom, v.pos + k))
        const gene = w.genes.find((g) => g.symbol === c.gene)!
        const cm = codingMap(w, gene, canonical(gene))!
        if (v.consequence === 'stop_gained') {
          const k = cm.positions.indexOf(v.pos)
          const b = gene.strand === 1 ? v.alt : complement(v.alt)
          const codon = cm.seq.slice(k - (k % 3), k - (k % 3) + 3)
          expect(CODE.get(codon)).not.toBe('*')
          expect(CODE.get(codon.slice(0, k % 3) + b + codon.slice(k % 3 + 1))).toBe('*')
        } else {
          expect(Math.abs(v.ref.length - v.alt.length)).toBe(1)
          expect(cm.positions.includes(v.pos) && cm.positions.includes(v.pos + 1)).toBe(true)
        }
      }
    }
  })

  it('transmits Mendelian: the unaffected siblings show no Mendelian error (bcftools +mendelian)', async () => {
    for (const c of quad.cases) {
      const out = await sh('bcftools', ['+mendelian', '-m', 'c', '-t', `${c.family}_mother,${c.family}_father,${c.family}_sibling`, quad.vcf])
      const [ok, bad] = out.split('\n').find((l) => l !== '' && !l.startsWith('#'))!.split('\t').map(Number)
      expect(bad, c.family).toBe(0)
      expect(ok).toBeGreaterThan(5000)
      // probands carry the injected errors (~0.2% of sites)
      const p = await sh('bcftools', ['+mendelian', '-m', 'c', '-t', `${c.family}_mother,${c.family}_father,${c.family}_proband`, quad.vcf])
      const [pok, pbad] = p.split('\n').find((l) => l !== '' && !l.startsWith('#'))!.split('\t').map(Number)
      expect(pbad / (pok + pbad)).toBeGreaterThan(0.0005)
      expect(pbad / (pok + pbad)).toBeLessThan(0.01)
    }
  })

  it('looks like a WGS callset: het/hom-alt ratio, low-quality and missing calls, hemizygous males', async () => {
    const rows = await lines(['query', '-t', '^chrX,chrY,chrM', '-s', 'FAM1_father', '-f', '[%GT\t%GQ\t%DP]\n', quad.vcf])
    const het = rows.filter((r) => r.startsWith('0/1')).length, hom = rows.filter((r) => r.startsWith('1/1')).length
    expect(het / hom).toBeGreaterThan(1.3)
    expect(het / hom).toBeLessThan(2.5)
    const low = rows.filter((r) => { const [, gq, dp] = r.split('\t'); return Number(gq) < 20 || Number(dp) < 6 }).length
    expect(low / rows.length).toBeGreaterThan(0.015)
    expect(low / rows.length).toBeLessThan(0.04)
    expect(rows.filter((r) => r.startsWith('./.')).length).toBeGreaterThan(0)
    const x = await lines(['query', '-t', 'chrX:2781480-155701382', '-f', '[%GT\t]\n', quad.vcf])
    const sexes = quad.samples.map((s) => s.endsWith('father'))
    for (const r of x.slice(0, 200)) r.split('\t').slice(0, -1).forEach((gt, k) => { if (sexes[k]) expect(gt).toMatch(/^[.0-9]$/) })
  })

  it('writes a PED and phenopackets consistent with the truth; HPO terms are the gene\'s plus noise', () => {
    const ped = parsePed(readFileSync(quad.ped, 'utf8'), quad.ped)
    expect(ped).toHaveLength(quad.samples.length)
    const g2p = readGenesToPhenotype(readFileSync(join(world, 'g2p.txt'), 'utf8'))
    quad.cases.forEach((c, f) => {
      const p = parsePhenopacket(readFileSync(quad.phenopackets[f], 'utf8'), quad.phenopackets[f])
      expect(p.proband).toBe(c.proband)
      expect(p.hpo).toEqual(c.hpo)
      expect(p.individuals.map((i) => i.id)).toEqual(['father', 'mother', 'proband', 'sibling'].map((r) => `${c.family}_${r}`))
      const own = new Set(g2p.get(c.gene)!.map((t) => t.id))
      expect(c.hpoFromGene.length).toBeGreaterThanOrEqual(1)
      expect(c.hpoFromGene.length).toBeLessThan(Math.max(2, own.size))
      for (const t of c.hpoFromGene) expect(own.has(t)).toBe(true)
      for (const t of c.hpoNoise) expect(own.has(t)).toBe(false)
      expect([...c.hpo].sort()).toEqual([...c.hpoFromGene, ...c.hpoNoise].sort())
      const kid = ped.find((i) => i.id === c.proband)!
      expect(kid.affected).toBe(true)
      expect(kid.sex).toBe(c.sex)
      expect(ped.find((i) => i.id === `${c.family}_father`)!.affected).toBe(c.mode === 'autosomal_dominant')
    })
  })
})

/** Filler records lie where the world has no sequence: outside every gene region. */
let regions: Map<string, [number, number][]> | undefined
function isFiller(line: string): boolean {
  if (!regions) {
    regions = new Map()
    for (const [c, segs] of buildWorld(1, 'small').segments) regions.set(c === 'MT' ? 'chrM' : `chr${c}`, segs.map((s) => [s.start, s.start + s.seq.length - 1]))
  }
  const [chrom, p] = line.split('\t')
  const pos = Number(p)
  return chrom !== 'chrM' && !(regions.get(chrom) ?? []).some(([a, b]) => pos >= a && pos <= b)
}

describe('seeds', () => {
  it('the same seeds give the same bytes; a fixed background seed changes only the spiked-in records', async () => {
    const w = await loadWorldBundle(world)
    const a = await generateTrio({ resources: world, out: join(dir, 'a'), seed: 5, mode: 'de_novo', variants: 3000 }, w)
    const a2 = await generateTrio({ resources: world, out: join(dir, 'a2'), seed: 5, mode: 'de_novo', variants: 3000 })
    const b = await generateTrio({ resources: world, out: join(dir, 'b'), seed: 6, backgroundSeed: 5, mode: 'compound_het', variants: 3000 }, w)
    expect(Buffer.compare(readFileSync(a.vcf), readFileSync(a2.vcf))).toBe(0)
    expect(readFileSync(a.truth, 'utf8')).toBe(readFileSync(a2.truth, 'utf8'))
    const text = (p: string) => gunzipSync(readFileSync(p)).toString('utf8').split('\n')
    const la = new Set(text(a.vcf)), lb = new Set(text(b.vcf))
    const keyOf = (l: string) => { const c = l.split('\t'); return `${c[0]}:${c[1]}:${c[3]}:${c[4]}` }
    const onlyA = [...la].filter((l) => !lb.has(l)).map(keyOf), onlyB = [...lb].filter((l) => !la.has(l)).map(keyOf)
    expect(onlyA.sort()).toEqual(a.cases[0].variants.map((v) => v.key).sort())
    expect(onlyB.sort()).toEqual(b.cases[0].variants.map((v) => v.key).sort())
    // more filler (intergenic) records leave every designed record as it was
    const c = await generateTrio({ resources: world, out: join(dir, 'c'), seed: 5, mode: 'de_novo', variants: 6000 }, w)
    const lc = new Set(text(c.vcf))
    const designed = [...la].filter((l) => l !== '' && !l.startsWith('#') && !isFiller(l))
    expect(designed.length).toBeGreaterThan(500)
    for (const l of designed) expect(lc.has(l), l.slice(0, 40)).toBe(true)
    expect(c.records).toBeGreaterThan(a.records + 2500)
  }, 60_000)
})

describe('CLI', () => {
  const bin = resolve('dist/src/cli/bin.js')
  const run = promisify(execFile)
  it('vartriage world trio writes the files and reports the case; usage errors exit 2', async () => {
    const out = join(dir, 'cli')
    const r = await run(process.execPath, [bin, 'world', 'trio', '--resources', world, '--out', out, '--seed', '3', '--mode', 'de_novo', '--variants', '1000', '--name', 'case3'])
    expect(r.stderr).toMatch(/case3\.vcf\.gz: \d+ records, 3 samples .* FAM1: \S+ de_novo \(chr/)
    const truth = JSON.parse(readFileSync(join(out, 'case3.truth.json'), 'utf8'))
    expect(truth.cases[0].mode).toBe('de_novo')
    const bad = await run(process.execPath, [bin, 'world', 'trio', '--resources', world, '--out', out, '--mode', 'dominant']).catch((e) => e)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--mode expects one of de_novo/)
    const noGene = await run(process.execPath, [bin, 'world', 'trio', '--resources', world, '--out', out, '--gene', 'NOTAGENE']).catch((e) => e)
    expect(noGene.stderr).toMatch(/gene "NOTAGENE" is not in the world/)
  }, 60_000)
})
