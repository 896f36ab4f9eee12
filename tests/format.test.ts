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

describe.runIf(requireTools('bcftools'))('string fields that are not UTF-8', () => {
  it('query prints the input bytes (Latin-1, truncated and stray bytes) as bcftools does, in INFO and FORMAT', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { spawnSync } = await import('node:child_process')
    const enc = (s: string) => Buffer.from(s, 'latin1')
    const lines = [
      '##fileformat=VCFv4.2', '##contig=<ID=1>',
      '##INFO=<ID=X,Number=.,Type=String,Description="x">', '##FORMAT=<ID=GT,Number=1,Type=String,Description="g">',
      '##FORMAT=<ID=N,Number=1,Type=String,Description="n">',
      '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2',
    ].map(enc)
    // Latin-1 é, valid UTF-8 ï and 😀 (4 bytes), a stray 0xff, a truncated sequence, an overlong form
    const values = ['caf\xe9', 'na\xc3\xafve', '\xf0\x9f\x98\x80,\xff', 'cut\xc3', '\xc0\xaf,x', 'plain']
    values.forEach((v, k) => lines.push(enc(`1\t${10 + k}\t.\tA\tC\t.\tPASS\tX=${v}\tGT:N\t0/1:${v}\t1/1:\xe9${k}`)))
    const file = join(mkdtempSync(join(tmpdir(), 'vt-latin1-')), 'x.vcf')
    writeFileSync(file, Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')])))
    const bin = new URL('../dist/src/cli/bin.js', import.meta.url).pathname
    for (const f of ['%INFO/X\\n', '%INFO/X{1}\\n', '[%N\\t]\\n', '[%N{0} ]%INFO/X\\n']) {
      const fmt = f.replace(/\\t/g, '\t').replace(/\\n/g, '\n')
      const want = spawnSync('bcftools', ['query', '-f', fmt, file])
      const got = spawnSync(process.execPath, [bin, 'query', '-f', fmt, file])
      expect(got.status, got.stderr.toString()).toBe(0)
      expect(Buffer.compare(got.stdout, want.stdout), `format ${f}: ${JSON.stringify(got.stdout.toString('latin1'))} vs ${JSON.stringify(want.stdout.toString('latin1'))}`).toBe(0)
    }
  })
})
