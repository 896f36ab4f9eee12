// ACMG evidence end to end on a synthetic world: the evidence tables and the ClinVar residue
// index are loaded from a bundle, the residue index is checked against bcftools csq on the
// same ClinVar P/LP records, and every designed ClinVar P/LP variant is re-queried: missense
// ones get PS1 (same change) and PM5 (another change at the residue), truncating ones in
// LoF-mechanism genes get PVS1 at the strength an independent NMD computation on the world's
// transcripts predicts, and hotspot residues get PM1.
import { beforeAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildWorld, type World, type Gene } from '../src/world/world.js'
import { writeFasta } from '../src/world/fasta.js'
import { gff3Text } from '../src/world/gff3.js'
import { clinvarHeader, clinvarLine, designClinvar, type ClinvarVariant } from '../src/world/clinvar.js'
import { constraintTsv, haploinsufficiencyTsv, lofMechanism } from '../src/world/constraint.js'
import { designHotspots, hotspotsTsv, type HotspotRow } from '../src/world/hotspots.js'
import { canonical, codingMap, type CodingMap } from '../src/world/coding.js'
import { CODE, complement } from '../src/world/code.js'
import { Rng } from '../src/world/rng.js'
import { Output } from '../src/sink/output.js'
import { openBundle, writeManifest } from '../src/resources/bundle.js'
import { EvidenceContext, ResidueIndex, criterionLabel, evaluate } from '../src/acmg/index.js'
import type { Candidate, Variant } from '../src/prioritise/model.js'
import { requireTools } from './helpers/oracle.js'

requireTools('bcftools')
const SEED = 5
let dir = '', cache = ''
let world: World
let clinvar: ClinvarVariant[]
let hotspots: HotspotRow[]
let ctx: EvidenceContext
let loadMs = 0

const PLP = new Set(['Pathogenic', 'Likely_pathogenic', 'Pathogenic/Likely_pathogenic'])
const maps = new Map<Gene, CodingMap>()
const mapOf = (g: Gene) => { let m = maps.get(g); if (!m) { m = codingMap(world, g, canonical(g))!; maps.set(g, m) } return m }

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const c = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = '', err = ''
    c.stdout.on('data', (d) => { out += String(d) })
    c.stderr.on('data', (d) => { err += String(d) })
    c.on('close', (s) => (s === 0 ? done(out) : fail(new Error(`${cmd} ${args.join(' ')}: ${err}`))))
  })
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vt-acmg-world-'))
  cache = join(dir, 'cache')
  world = buildWorld(SEED, 'small')
  const fa = await writeFasta(world, join(dir, 'ref.fa.gz'))
  writeFileSync(join(dir, 'ref.fa.gz.fai'), fa.fai)
  writeFileSync(join(dir, 'ref.fa.gz.gzi'), fa.gzi)
  writeFileSync(join(dir, 'genes.gff3'), gff3Text(world))
  clinvar = designClinvar(new Rng(SEED).fork('variants').fork('clinvar'), world)
  const cv = new Output({ path: join(dir, 'clinvar.vcf.gz'), type: 'z', index: 'tbi', maxRefLength: 1 << 29 })
  cv.write(clinvarHeader(world, '2024-01-01'))
  for (const v of clinvar) cv.writeRecord(new TextEncoder().encode(clinvarLine(world, v)), v.chrom, v.pos - 1, v.pos - 1 + v.ref.length)
  cv.close()
  hotspots = designHotspots(world, clinvar)
  writeFileSync(join(dir, 'constraint.tsv'), constraintTsv(world))
  writeFileSync(join(dir, 'dosage.tsv'), haploinsufficiencyTsv(world, '2024-01-01'))
  writeFileSync(join(dir, 'hotspots.tsv'), hotspotsTsv(hotspots))
  const t = { version: '1', build: 'GRCh38', compression: 'none' as const }
  await writeManifest(dir, { name: 'acmg-test', build: 'GRCh38', version: '1', files: [
    { role: 'reference', path: 'ref.fa.gz', format: 'fasta', ...t, compression: 'bgzf', name: 'ref', indexes: [{ kind: 'fai', path: 'ref.fa.gz.fai' }, { kind: 'gzi', path: 'ref.fa.gz.gzi' }] },
    { role: 'genes', path: 'genes.gff3', format: 'gff3', ...t, name: 'genes' },
    { role: 'clinvar', path: 'clinvar.vcf.gz', format: 'vcf', ...t, compression: 'bgzf', name: 'ClinVar', indexes: [{ kind: 'tbi', path: 'clinvar.vcf.gz.tbi' }] },
    { role: 'constraint', path: 'constraint.tsv', format: 'tsv', ...t, name: 'constraint' },
    { role: 'haploinsufficiency', path: 'dosage.tsv', format: 'tsv', ...t, name: 'ClinGen' },
    { role: 'hotspots', path: 'hotspots.tsv', format: 'tsv', ...t, name: 'hotspots' },
  ] })
  const t0 = performance.now()
  ctx = await EvidenceContext.load(await openBundle(dir), { cacheDir: cache })
  loadMs = performance.now() - t0
}, 120_000)

/** A candidate for an SNV in the coding map at CDS index i changed to `base` (transcript strand). */
function missense(g: Gene, i: number, base: string): Candidate | undefined {
  const m = mapOf(g)
  const codon = Math.floor(i / 3), k = i % 3
  const c = m.seq.slice(codon * 3, codon * 3 + 3)
  const refAa = CODE.get(c)!, altAa = CODE.get(c.slice(0, k) + base + c.slice(k + 1))!
  if (base === c[k] || refAa === altAa || altAa === '*') return undefined
  const plus = (b: string) => (g.strand === 1 ? b : complement(b))
  const pos = m.positions[i], ref = plus(c[k]), alt = plus(base)
  const variant: Variant = { key: `${g.chrom}:${pos}:${ref}:${alt}`, chrom: g.chrom, pos, ref, alt, gene: g.symbol, transcript: canonical(g).id,
    consequence: ['missense_variant'], impact: 'MODERATE', proteinPosition: codon + 1, aminoAcids: `${refAa}/${altAa}`, popmax: 0.001 }
  return { variant, family: 'F', genotypes: [], modes: ['autosomal_dominant'] }
}
const cdsIndex = (v: ClinvarVariant) => mapOf(v.gene).positions.indexOf(v.pos)

describe('ClinVar residue index', () => {
  it('equals bcftools csq\'s missense calls on the P/LP records, canonical transcripts', async () => {
    const out = await run('sh', ['-c', `bcftools csq -l -f ${join(dir, 'ref.fa.gz')} -g ${join(dir, 'genes.gff3')} ${join(dir, 'clinvar.vcf.gz')} 2>/dev/null | bcftools query -f '%CLNSIG\\t%BCSQ\\n'`])
    const canon = new Set(world.genes.filter((g) => g.biotype === 'protein_coding').map((g) => canonical(g).id))
    const want = new Set<string>()
    for (const line of out.trim().split('\n')) {
      const [sig, bcsq] = line.split('\t')
      if (!PLP.has(sig)) continue
      for (const e of bcsq.split(',')) {
        const f = e.split('|')
        const m = /^(\d+)([A-Z])>\d+([A-Z])$/.exec(f[5] ?? '')
        if (f[0] === 'missense' && canon.has(f[2]) && m) want.add(`${f[1]}:${m[1]}:${m[2]}>${m[3]}`)
      }
    }
    const got = new Set(ctx.residues!.entries.map((e) => `${e.gene}:${e.position}:${e.refAa}>${e.altAa}`))
    expect(want.size).toBeGreaterThan(50)
    expect([...got].sort()).toEqual([...want].sort())
  })

  it('is cached under the fingerprint of its inputs and read back unchanged', () => {
    const files = readdirSync(cache).filter((f) => /^clinvar-residues\.[0-9a-f]{32}\.tsv$/.test(f))
    expect(files).toHaveLength(1)
    const back = ResidueIndex.fromTsv(readFileSync(join(cache, files[0]), 'utf8'), files[0])
    expect(back.entries).toEqual(ctx.residues!.entries)
    console.log(`evidence context loaded in ${loadMs.toFixed(0)} ms: ${ctx.residues!.size} ClinVar P/LP missense residues, ${hotspots.length} hotspot regions`)
  })
})

describe('re-querying the world\'s ClinVar P/LP variants', () => {
  it('every P/LP missense gets PS1 for its own change and for a synonymous-codon twin; another change gets PM5 or PS1', () => {
    const plp = clinvar.filter((v) => PLP.has(v.clnsig) && v.mc[1] === 'missense_variant')
    expect(plp.length).toBeGreaterThan(50)
    let twins = 0, others = 0
    const plpChanges = new Set(plp.map((w) => `${w.gene.symbol}:${missense(w.gene, cdsIndex(w), w.gene.strand === 1 ? w.alt : complement(w.alt))!.variant.aminoAcids}@${Math.floor(cdsIndex(w) / 3)}`))
    for (const v of plp) {
      const i = cdsIndex(v)
      const m = mapOf(v.gene)
      const base = v.gene.strand === 1 ? v.alt : complement(v.alt)
      const self = missense(v.gene, i, base)!
      expect(self.variant.key).toBe(`${v.chrom}:${v.pos}:${v.ref}:${v.alt}`)
      const ps1 = evaluate(self, ctx).find((c) => c.code === 'PS1')
      expect(ps1, `${v.gene.symbol} ${self.variant.aminoAcids} at ${self.variant.proteinPosition}`).toBeDefined()
      expect(ps1!.data).toMatchObject({ sameVariant: true, clinvar: expect.stringContaining(String(v.variationId)) })
      const codon = Math.floor(i / 3)
      const [refAa, altAa] = self.variant.aminoAcids!.split('/')
      for (let j = codon * 3; j < codon * 3 + 3; j++) {
        for (const b of 'ACGT') {
          const c = missense(v.gene, j, b)
          if (!c || c.variant.key === self.variant.key) continue
          const got = evaluate(c, ctx).filter((x) => x.code === 'PS1' || x.code === 'PM5')
          const [, a] = c.variant.aminoAcids!.split('/')
          const plpSame = plpChanges.has(`${v.gene.symbol}:${c.variant.aminoAcids}@${codon}`)
          if (a === altAa) { twins++; expect(got.map(criterionLabel)).toEqual(['PS1']); expect(got[0].data.sameVariant).toBe(false) }
          else { others++; expect(got.map(criterionLabel)).toEqual([plpSame ? 'PS1' : 'PM5']) }
        }
      }
      expect(refAa).toBe(CODE.get(m.seq.slice(codon * 3, codon * 3 + 3)))
    }
    expect(twins).toBeGreaterThan(5)
    expect(others).toBeGreaterThan(100)
  })

  it('truncating P/LP variants get PVS1 exactly in LoF-mechanism genes, at the strength the NMD rule predicts', () => {
    const trunc = clinvar.filter((v) => PLP.has(v.clnsig) && (v.mc[1] === 'stop_gained'))
    let vs = 0, weaker = 0, none = 0
    for (const v of trunc) {
      const g = v.gene, m = mapOf(g), i = cdsIndex(v)
      const variant: Variant = { key: `${v.chrom}:${v.pos}:${v.ref}:${v.alt}`, chrom: v.chrom, pos: v.pos, ref: v.ref, alt: v.alt, gene: g.symbol,
        transcript: canonical(g).id, consequence: ['stop_gained'], impact: 'HIGH', proteinPosition: Math.floor(i / 3) + 1, popmax: undefined }
      const got = evaluate({ variant, family: 'F', genotypes: [], modes: ['autosomal_dominant'] }, ctx).find((c) => c.code === 'PVS1')
      const mech = lofMechanism(g)
      if (mech !== 'haploinsufficient' && mech !== 'recessive') { expect(got, g.symbol).toBeUndefined(); none++; continue }
      // independent NMD call: exons of the world's canonical transcript (transcript order), cDNA position of the stop
      const tx = canonical(g)
      const lens = tx.exons.map((x) => x.end - x.start + 1)
      const k = tx.exons.findIndex((x) => v.pos >= x.start && v.pos <= x.end)
      const cdna = lens.slice(0, k).reduce((a, b) => a + b, 0) + (g.strand === 1 ? v.pos - tx.exons[k].start : tx.exons[k].end - v.pos) + 1
      const lastJunction = lens.slice(0, -1).reduce((a, b) => a + b, 0)
      const escapes = k === tx.exons.length - 1 || (k === tx.exons.length - 2 && lastJunction - cdna < 50)
      expect(m.exon[i]).toBe(k)
      expect(got, `${g.symbol} ${variant.key}`).toBeDefined()
      const label = criterionLabel(got!), where = `${g.symbol} ${variant.key} exon ${k + 1}/${lens.length}`
      if (escapes) expect(label, where).toMatch(/^PVS1_(Strong|Moderate)$/)
      else expect(label, where).toBe('PVS1')
      if (escapes) weaker++; else vs++
    }
    expect(vs).toBeGreaterThan(20)
    expect(none).toBeGreaterThan(0)
    console.log(`stop-gained P/LP: ${vs} PVS1, ${weaker} PVS1 downgraded (NMD escape), ${none} without PVS1 (no LoF mechanism)`)
  })

  it('every residue of a hotspot region with a P/LP missense gets PM1', () => {
    let n = 0
    for (const h of hotspots) {
      const g = world.genes.find((x) => x.symbol === h.gene)!
      for (const v of clinvar.filter((w) => w.gene === g && PLP.has(w.clnsig) && w.mc[1] === 'missense_variant')) {
        const i = cdsIndex(v), p = Math.floor(i / 3) + 1
        if (p < h.start || p > h.end) continue
        const c = missense(g, i, g.strand === 1 ? v.alt : complement(v.alt))!
        expect(evaluate(c, ctx).map((x) => x.code)).toContain('PM1')
        n++
      }
      const outside = h.end + 1 <= mapOf(g).seq.length / 3 - 2 && !hotspots.some((o) => o.gene === h.gene && o.start <= h.end + 1 && h.end + 1 <= o.end)
      if (outside) {
        const i = h.end * 3 // first base of residue end + 1
        for (const b of 'ACGT') { const c = missense(g, i, b); if (c) expect(evaluate(c, ctx).map((x) => x.code)).not.toContain('PM1') }
      }
    }
    expect(n).toBeGreaterThanOrEqual(hotspots.length)
  })

  it('a designed P/LP missense absent from the population gets PS1 and PM2_Supporting', () => {
    const plp = clinvar.filter((v) => PLP.has(v.clnsig) && v.mc[1] === 'missense_variant')
    for (const v of plp.slice(0, 40)) {
      const c = missense(v.gene, cdsIndex(v), v.gene.strand === 1 ? v.alt : complement(v.alt))!
      c.variant.popmax = undefined
      const codes = evaluate(c, ctx).map(criterionLabel)
      expect(codes).toEqual(expect.arrayContaining(['PS1', 'PM2_Supporting']))
    }
    expect(existsSync(join(dir, 'resources.json'))).toBe(true)
  })
})
