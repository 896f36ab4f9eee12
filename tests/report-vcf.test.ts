// Genotypes through candidates.vcf.gz, differentially: every ALT allele of a real multi-sample
// VCF (test-data/example.vcf.gz: multi-allelics, phased, haploid, partly missing calls) becomes
// a candidate carrying its members' calls as the input wrote them, and the FORMAT fields of our
// VCF must equal those `bcftools norm -m-` writes when it splits the same records (GT recoded
// per allele, AD reduced to REF and this ALT, GQ and DP kept), as must ID, QUAL and FILTER.
import { afterAll, describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeOutputs } from '../src/report/index.js'
import { VcfReader } from '../src/reader/reader.js'
import type { GeneResult, MemberGenotype } from '../src/prioritise/model.js'
import { requireTools } from './helpers/oracle.js'
import { makeResult } from './helpers/report-fixture.js'

const run = promisify(execFile)
const INPUT = fileURLToPath(new URL('../test-data/example.vcf.gz', import.meta.url))
const enabled = requireTools('bcftools')
const tmp = mkdtempSync(join(tmpdir(), 'vt-report-vcf-'))
afterAll(() => { rmSync(tmp, { recursive: true, force: true }) })

const FMT = '%CHROM\t%POS\t%ID\t%REF\t%ALT\t%QUAL\t%FILTER[\t%GT:%GQ:%DP:%AD]\n'
const num = (s: string): number | undefined => (s === '.' ? undefined : Number(s))

describe.skipIf(!enabled)('candidates.vcf.gz genotypes against bcftools norm -m-', () => {
  it('every allele of every record, all samples', async () => {
    const reader = await VcfReader.open(INPUT)
    const samples = reader.header.samples
    const lines = (await run('bcftools', ['query', '-f', FMT, INPUT], { maxBuffer: 1 << 28 })).stdout.trimEnd().split('\n')
    const genes: GeneResult[] = []
    for (const line of lines) {
      const [chrom, pos, id, ref, alts, qual, filter, ...calls] = line.split('\t')
      alts.split(',').forEach((alt, k) => {
        if (alt === '*' || alt === '.') return
        const genotypes: MemberGenotype[] = calls.map((c, s) => {
          const [gt, gq, dp, ad] = c.split(':')
          const alleles = gt.split(/[/|]/)
          const ads = ad === '.' ? undefined : ad.split(',').map(Number)
          return {
            individual: samples[s], gt, altCopies: alleles.every((a) => a === '.') ? -1 : alleles.filter((a) => a === String(k + 1)).length,
            gq: num(gq), dp: num(dp), ad: ads ? [ads[0], ads[k + 1]] : undefined, pass: true, phased: gt.includes('|'),
          }
        })
        const variant = { key: `${chrom}:${pos}:${ref}:${alt}`, chrom, pos: Number(pos), ref, alt, altIndex: k + 1, id: id === '.' ? undefined : id,
          qual: num(qual), filter, consequence: [], impact: 'MODIFIER' as const, gene: `G${genes.length}` }
        const candidate = { variant, family: 'FAM', genotypes, modes: ['autosomal_dominant' as const] }
        genes.push({ rank: genes.length + 1, family: 'FAM', gene: variant.gene, score: 0, mode: 'autosomal_dominant', phenotypeScore: 0, variantScore: 0,
          acmgClass: 'uncertain_significance', panel: false, secondary: false,
          variants: [{ candidate, mode: 'autosomal_dominant', variantScore: 0, classification: { criteria: [], points: 0, class: 'uncertain_significance' } }] })
      })
    }
    const result = makeResult()
    result.case = { families: [{ id: 'FAM', hpo: [], excludedHpo: [], members: samples.map((id, i) => ({ family: 'FAM', id, sex: 'unknown', affected: i === 0, sample: i })) }], warnings: [] }
    result.genes = genes
    const out = await writeOutputs(join(tmp, 'out'), result, { vcfHeader: reader.header })

    const oursFmt = '%CHROM\t%POS\t%ID\t%REF\t%ALT\t%QUAL\t%FILTER[\t%GT:%GQ:%DP:%AD]\n'
    const ours = (await run('bcftools', ['query', '-f', oursFmt, out.vcf], { maxBuffer: 1 << 28 })).stdout.trimEnd().split('\n')
    const split = join(tmp, 'split.vcf')
    await run('bcftools', ['norm', '-m-', '-o', split, INPUT], { maxBuffer: 1 << 28 })
    const theirs = (await run('bcftools', ['query', '-f', oursFmt, split], { maxBuffer: 1 << 28 })).stdout.trimEnd().split('\n')
    expect(genes.length).toBeGreaterThan(lines.length)
    expect(ours.length).toBe(theirs.length)
    // same records; within one position our order is REF, ALT (bcftools keeps the ALT order)
    const byKey = (rows: string[]) => new Map(rows.map((r) => { const c = r.split('\t'); return [`${c[0]}:${c[1]}:${c[3]}:${c[4]}`, r] }))
    const a = byKey(ours), b = byKey(theirs)
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort())
    let differing = 0
    for (const [k, r] of b) if (a.get(k) !== r) { differing++; if (differing < 5) expect(a.get(k), k).toBe(r) }
    expect(differing).toBe(0)
  })
})
