// The columnar genotype API (genotypeMatrix, genotypeCalls) against batch.genotype(i, s)
// strings, on generated data with haploid, missing, partially missing, phased and
// multi-allelic calls, in every shape. The matrices are copies: they outlive their batch.
import { describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { VcfReader, genotypeMatrix, genotypeCalls, gtAllele, gtPhased, GT_VECTOR_END, type GenotypeMatrix } from '../src/index.js'
import { generateVcf } from '../bench/generate-vcf.mjs'

const dir = mkdtempSync(join(tmpdir(), 'vt-gt-'))

function write(name: string, text: string): string {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}

/** A call as VCF text, from the matrix. */
function text(m: GenotypeMatrix, i: number, s: number): string {
  const p = m.ploidy[i]
  let out = ''
  for (let k = 0; k < p; k++) {
    const v = m.gt[m.offset[i] + s * p + k]
    if (v === GT_VECTOR_END) break
    if (k > 0) out += gtPhased(v) ? '|' : '/'
    out += gtAllele(v) < 0 ? '.' : String(gtAllele(v))
  }
  return out
}

describe('genotypeMatrix', () => {
  for (const [shape, records, samples] of [['gatk', 3000, 5], ['lean', 2000, 3], ['wide', 300, 40]] as const) {
    it(`equals genotype(i, s) for every call: ${shape}`, async () => {
      const file = write(`${shape}.vcf`, [...generateVcf({ shape, records, samples, seed: 4, contigs: 'small' })].join(''))
      // small batches: many batches, and matrices kept across them
      const reader = await VcfReader.open(file, { batchBytes: 64 << 10 })
      const kept: { m: GenotypeMatrix; want: string[][] }[] = []
      let calls = 0
      for await (const b of reader.batches({ format: ['GT'] })) {
        const m = genotypeMatrix(b)
        expect(m.n).toBe(b.n)
        expect(m.samples).toBe(samples)
        const want: string[][] = []
        for (let i = 0; i < b.n; i++) {
          const row: string[] = []
          for (let s = 0; s < samples; s++) {
            const g = b.genotype(i, s) ?? ''
            row.push(g)
            expect(text(m, i, s), `record ${b.recordNumber(i)}, sample ${s}`).toBe(g)
          }
          want.push(row)
        }
        let k = 0
        for (const c of genotypeCalls(b, m)) {
          const g = want[c.record][c.sample]
          const alleles = g.split(/[/|]/).map((a) => (a === '.' ? -1 : Number(a)))
          expect([...c.alleles]).toEqual(alleles)
          expect(c.phased).toBe(g.includes('|'))
          k++
        }
        expect(k).toBe(b.n * samples)
        calls += k
        kept.push({ m, want })
      }
      expect(calls).toBe(records * samples)
      // copies, not views over WASM memory: still right after the reader moved on
      for (const { m, want } of kept) for (let i = 0; i < m.n; i++) for (let s = 0; s < m.samples; s++) expect(text(m, i, s)).toBe(want[i][s])
    })
  }

  it('no GT decoded: ploidy 0 everywhere; sites-only files: no samples', async () => {
    const file = write('g.vcf', [...generateVcf({ records: 200, samples: 2, seed: 1, contigs: 'small' })].join(''))
    const reader = await VcfReader.open(file)
    for await (const b of reader.batches()) {
      const m = genotypeMatrix(b)
      expect([...m.ploidy].every((p) => p === 0)).toBe(true)
      expect(m.gt.length).toBe(0)
    }
    const sites = write('s.vcf', [...generateVcf({ records: 200, samples: 0, seed: 1, contigs: 'small' })].join(''))
    const r2 = await VcfReader.open(sites)
    for await (const b of r2.batches({ format: ['GT'] })) expect(genotypeMatrix(b).samples).toBe(0)
  })

  it('genotypeCalls visits only the selected records', async () => {
    const file = write('sel.vcf', [...generateVcf({ records: 500, samples: 3, seed: 9, contigs: 'small' })].join(''))
    const reader = await VcfReader.open(file)
    for await (const b of reader.batches({ format: ['GT'] })) {
      const sel = new Uint8Array(b.n)
      for (let i = 0; i < b.n; i += 3) sel[i] = 1
      b.selected = sel
      const seen = new Set<number>()
      for (const c of genotypeCalls(b)) seen.add(c.record)
      expect([...seen]).toEqual([...b.indices()])
    }
  })
})
