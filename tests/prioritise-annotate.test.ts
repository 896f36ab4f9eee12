// The columnar front of prioritisation against bcftools on a generated VCF over the synthetic
// world: the target cut (exons ± 8 bp of protein-coding transcripts, plus ClinVar P/LP sites)
// equals `bcftools view -R` with a BED made independently from the GFF3 text; population and
// ClinVar values from the WASM join equal `bcftools query` lookups by allele; score lookups
// equal the score table's rows.
import { describe, it, expect, beforeAll } from 'vitest'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sharedWorld } from './helpers/prioritise-world.js'
import { GeneModel } from '../src/csq/gene-model.js'
import { VcfReader } from '../src/reader/reader.js'
import { TargetRegions } from '../src/prioritise/targets.js'
import { PopulationAnnotator, clinvarPathogenic } from '../src/prioritise/population.js'
import { ScoreTable } from '../src/prioritise/scores.js'
import { prng as rng } from '../bench/generate-vcf.mjs' // mulberry32, the generator's PRNG

const run = promisify(execFile)
const sh = async (cmd: string, args: string[]): Promise<string> => (await run(cmd, args, { maxBuffer: 1 << 28 })).stdout

let world: string, dir: string, vcf: string, bed: string

const ORDER = [...Array.from({ length: 22 }, (_, k) => String(k + 1)), 'X', 'Y', 'MT']

beforeAll(async () => {
  world = await sharedWorld()
  dir = mkdtempSync(join(tmpdir(), 'vt-prio-annot-'))
  const rnd = rng(7)
  // population and ClinVar alleles (a sample of each), shifted copies near them (in and out of
  // exons, across exon edges), and indels spanning splice regions
  const q = async (file: string) => (await sh('bcftools', ['query', '-f', '%CHROM\t%POS\t%REF\t%ALT\n', join(world, file)])).trim().split('\n')
  const rows: [string, number, string, string][] = []
  for (const l of [...await q('gnomad-like.sites.vcf.gz'), ...await q('clinvar-like.vcf.gz')]) {
    const [c, p, r, a] = l.split('\t')
    const chrom = c.replace(/^chr/, '')
    const roll = rnd()
    if (roll < 0.15) rows.push([chrom, Number(p), r, a])
    else if (roll < 0.2) rows.push([chrom, Number(p) + 1 + Math.floor(rnd() * 40), 'N', 'A'])
    else if (roll < 0.23) rows.push([chrom, Number(p) - 1 - Math.floor(rnd() * 40), 'NNNNNNNNNNNN', 'N'])
  }
  const seen = new Set<string>()
  const body = rows.filter((r) => { const k = r.join(':'); if (seen.has(k)) return false; seen.add(k); return true })
    .sort((a, b) => ORDER.indexOf(a[0]) - ORDER.indexOf(b[0]) || a[1] - b[1])
  // REF 'N…' placeholders: the target cut reads positions and REF lengths only
  const lines = body.map(([c, p, r, a]) => `chr${c}\t${p}\t.\t${r}\t${a}\t50\tPASS\t.\tGT:DP\t0/1:20\t0/0:20\t0/1:20`)
  const header = ['##fileformat=VCFv4.2', ...ORDER.map((c) => `##contig=<ID=chr${c}>`),
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">', '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">',
    '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tkid\tdad\tmum']
  writeFileSync(join(dir, 'q.vcf'), [...header, ...lines].join('\n') + '\n')
  await sh('bgzip', ['-f', join(dir, 'q.vcf')])
  await sh('bcftools', ['index', '-f', join(dir, 'q.vcf.gz')])
  vcf = join(dir, 'q.vcf.gz')

  // the BED, from the GFF3 text: exons of protein_coding transcripts, ± 8, 0-based starts
  const gff = gunzipSync(readFileSync(join(world, 'genes.gff3.gz'))).toString()
  const coding = new Set<string>()
  const exons: string[][] = []
  for (const line of gff.split('\n')) {
    if (line.startsWith('#') || line === '') continue
    const f = line.split('\t')
    const id = /ID=([^;]+)/.exec(f[8])?.[1]
    if (id && /biotype=protein_coding/.test(f[8]) && f[2] !== 'gene') coding.add(id)
    if (f[2] === 'exon') exons.push(f)
  }
  const bedLines: string[] = []
  for (const f of exons) {
    const parent = /Parent=([^;]+)/.exec(f[8])![1]
    if (!coding.has(parent)) continue
    bedLines.push(`chr${f[0]}\t${Math.max(0, Number(f[3]) - 1 - 8)}\t${Number(f[4]) + 8}`)
  }
  const clin = (await sh('bcftools', ['query', '-f', '%CHROM\t%POS\t%REF\t%INFO/CLNSIG\n', join(world, 'clinvar-like.vcf.gz')])).trim().split('\n')
  for (const l of clin) {
    const [c, p, r, sig] = l.split('\t')
    if (['Pathogenic', 'Likely_pathogenic', 'Pathogenic/Likely_pathogenic'].includes(sig)) bedLines.push(`chr${c}\t${Number(p) - 1}\t${Number(p) - 1 + r.length}`)
  }
  bed = join(dir, 'targets.bed')
  writeFileSync(bed, bedLines.join('\n') + '\n')
}, 120_000)

async function loadAll() {
  const model = await GeneModel.load(join(world, 'genes.gff3.gz'))
  const pop = await PopulationAnnotator.load(join(world, 'gnomad-like.sites.vcf.gz'), join(world, 'clinvar-like.vcf.gz'))
  return { model, pop, targets: TargetRegions.build(model, pop.pathogenicSites()) }
}

describe('prioritisation front (targets, population, ClinVar, scores)', () => {
  it('keeps exactly the records bcftools view -R keeps, and joins the values bcftools query finds', async () => {
    const { pop, targets } = await loadAll()
    const expected = (await sh('bcftools', ['view', '-H', '-R', bed, '--regions-overlap', '1', vcf])).trim().split('\n')
      .map((l) => l.split('\t').slice(0, 5).join(':'))
    const expectedSet = new Set(expected)

    // population/ClinVar truth by allele key (bare contig names)
    const popRows = (await sh('bcftools', ['query', '-f', '%CHROM\t%POS\t%REF\t%ALT\t%INFO/AF_grpmax\t%INFO/AF\t%INFO/nhomalt\n', join(world, 'gnomad-like.sites.vcf.gz')])).trim().split('\n')
    const popTruth = new Map(popRows.map((l) => { const f = l.split('\t'); return [`${f[0].replace('chr', '')}:${f[1]}:${f[2]}:${f[3]}`, f.slice(4)] }))
    const clinRows = (await sh('bcftools', ['query', '-f', '%CHROM\t%POS\t%REF\t%ALT\t%ID\t%INFO/CLNSIG\n', join(world, 'clinvar-like.vcf.gz')])).trim().split('\n')
    const clinTruth = new Map(clinRows.map((l) => { const f = l.split('\t'); return [`${f[0]}:${f[1]}:${f[2]}:${f[3]}`, f.slice(4)] }))

    const got: string[] = []
    let checkedPop = 0, checkedClin = 0
    const reader = await VcfReader.open(vcf)
    for await (const b of reader.batches()) {
      const mask = targets.mask(b)
      const ann = pop.annotate(b, mask)
      for (let i = 0; i < b.n; i++) {
        const key = `${b.chrom(i)}:${b.pos[i]}:${b.id(i)}:${b.ref(i)}:${b.alt(i)}`
        if (mask[i]) got.push(key)
        expect(targets.overlaps(b.chrom(i), b.pos[i], b.pos[i] + b.rlen[i] - 1)).toBe(mask[i] === 1)
        if (!mask[i]) { expect(Number.isNaN(ann.popmax[ann.altStart[i]])).toBe(true); continue }
        const bare = `${b.chrom(i).replace('chr', '')}:${b.pos[i]}:${b.ref(i)}:${b.alt(i)}`
        const s = ann.altStart[i]
        const p = popTruth.get(bare)
        if (p) {
          const want = p[0] !== '.' ? Number(p[0]) : Number(p[1])
          expect(ann.popmax[s]).toBeCloseTo(want, 12)
          expect(ann.af[s]).toBeCloseTo(Number(p[1]), 12)
          expect(ann.nhomalt[s]).toBe(Number(p[2]))
          checkedPop++
        } else expect(Number.isNaN(ann.popmax[s])).toBe(true)
        const c = clinTruth.get(bare)
        if (c) {
          const a = pop.assertion(ann.clinvarRow[s])
          expect(a.id).toBe(c[0])
          expect(a.significance).toBe(c[1])
          expect(a.pathogenic).toBe(clinvarPathogenic(c[1]))
          expect(ann.clinvarPathogenic[s]).toBe(a.pathogenic ? 1 : 0)
          checkedClin++
        } else expect(ann.clinvarRow[s]).toBe(-1)
      }
    }
    expect(got.length).toBeGreaterThan(500)
    expect(got.length).toBeLessThan(expected.length + 1)
    expect(new Set(got)).toEqual(expectedSet)
    expect(checkedPop).toBeGreaterThan(300)
    expect(checkedClin).toBeGreaterThan(50)
  })

  it('reads REVEL and CADD for an allele as the score table lists them', async () => {
    const scores = new ScoreTable(join(world, 'missense-scores.tsv.gz'))
    const rows = (await sh('bash', ['-c', `zcat ${join(world, 'missense-scores.tsv.gz')} | awk 'NR>1 && NR%20011==0'`])).trim().split('\n')
    expect(rows.length).toBeGreaterThan(10)
    for (const l of rows) {
      const [c, p, r, a, revel, cadd] = l.split('\t')
      // the query may name the contig the UCSC way
      const got = await scores.lookup(`chr${c}`, Number(p), r, a)
      expect(got).toEqual({ revel: Number(revel), cadd: Number(cadd) })
      // another REF at the same position is another allele: nothing
      const other = 'ACGT'.split('').find((x) => x !== r && x !== a)!
      expect(await scores.lookup(c, Number(p), other, a)).toEqual({})
    }
    expect(await scores.lookup('1', 1, 'A', 'G')).toEqual({})
  })
})
