// Reference FASTA access against samtools faidx: plain files with and without a .fai (the
// csq corpus ships some without), and the same sequences bgzipped with .fai + .gzi.
import { describe, expect, it } from 'vitest'
import { copyFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { Reference, alternateNames } from '../src/reference/fasta.js'
import { requireTools } from './helpers/oracle.js'
import { prng } from '../bench/generate-vcf.mjs'

const shared = process.env.VARTRIAGE_SHARED ?? join(process.cwd(), '..', 'shared')
const csq = join(shared, 'conformance', 'bcftools-csq', 'csq')
const enabled = requireTools('samtools', 'bgzip') && existsSync(csq)

function faidx(fa: string, region: string): string {
  const out = execFileSync('samtools', ['faidx', fa, region], { encoding: 'utf8' })
  return out.split('\n').slice(1).join('').toUpperCase()
}

describe.runIf(enabled)('Reference vs samtools faidx', () => {
  const dirs = existsSync(csq) ? readdirSync(csq).slice(0, 12) : []
  it.each(dirs)('%s: random windows, plain and bgzipped', async (d) => {
    const fa = readdirSync(join(csq, d)).find((f) => f.endsWith('.fa'))!
    const tmp = mkdtempSync(join(tmpdir(), 'vt-ref-'))
    const plain = join(tmp, fa)
    copyFileSync(join(csq, d, fa), plain) // samtools writes the .fai beside it; shared/ is read-only
    const noFai = await Reference.open(join(csq, d, fa), { window: 4096 })
    execFileSync('samtools', ['faidx', plain])
    execFileSync('bgzip', ['-k', '-i', plain])
    execFileSync('samtools', ['faidx', `${plain}.gz`])
    const refs = [noFai, await Reference.open(plain, { window: 4096 }), await Reference.open(`${plain}.gz`, { window: 4096 })]
    const rnd = prng(d.length * 7919)
    for (const name of noFai.names()) {
      const len = noFai.length(name)!
      for (let k = 0; k < 25; k++) {
        const s = Math.floor(rnd() * len), e = Math.min(len, s + 1 + Math.floor(rnd() * 10000))
        const want = faidx(plain, `${name}:${s + 1}-${e}`)
        for (const r of refs) expect(await r.fetch(name, s, e)).toBe(want)
      }
      expect(await noFai.fetch(`chr${name}`, 0, 5)).toBe(faidx(plain, `${name}:1-5`))
    }
  })
})

describe('contig name reconciliation', () => {
  it('maps chr prefixes and the mitochondrion', () => {
    expect(alternateNames('chr1')).toEqual(['1'])
    expect(alternateNames('1')).toEqual(['chr1'])
    expect(alternateNames('MT')).toContain('chrM')
    expect(alternateNames('chrM')).toContain('MT')
  })
})
