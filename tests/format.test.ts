// Number printing must equal htslib's (kputd, and printf "%g" with round-half-even ties).
import { describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { kputd } from '../src/format/numbers.js'
import { requireTools } from './helpers/oracle.js'

describe.runIf(requireTools('bcftools'))('float formatting', () => {
  it('kputd equals bcftools on 6,000 f32 values over 18 orders of magnitude', () => {
    const vals: number[] = []
    let x = 1
    for (let i = 0; i < 6000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648
      const v = (x / 2147483648) * 10 ** ((i % 18) - 8)
      // integers near 1e6-1e7 exercise exact ties in the %g branch
      vals.push(Math.fround(i % 7 === 0 ? Math.round(v * 1e7) : v))
    }
    const text = vals.map((v) => v.toPrecision(9))
    const vcf = '##fileformat=VCFv4.2\n##INFO=<ID=F,Number=1,Type=Float,Description="x">\n##contig=<ID=1>\n' +
      '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n' + text.map((t, i) => `1\t${i + 1}\t.\tA\tG\t${t}\t.\tF=${t}\n`).join('')
    const want = execFileSync('bcftools', ['query', '-f', '%QUAL %INFO/F\n', '-'], { input: vcf, encoding: 'utf8' }).trim().split('\n')
    const got = text.map((t) => { const f = kputd(Math.fround(Number(t))); return `${f} ${f}` })
    expect(got).toEqual(want)
  })
})
