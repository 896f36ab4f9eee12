// vartriage annotate against bcftools annotate (the oracle) on generated data: VCF sources
// (Number=A/R allele mapping, +TAG, NEW:=OLD, ID, flags, multi-allelic pairing), BED and tab
// sources, precompiled stores, and contigs named without 'chr'. Records are compared whole.
import { describe, expect, it, beforeAll } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { requireTools } from './helpers/oracle.js'
import { makeAnnoData, runAsync, type AnnoData } from './helpers/annotate-data.js'

const enabled = requireTools('bcftools', 'bgzip', 'tabix')
const BIN = join(process.cwd(), 'dist', 'src', 'cli', 'bin.js')

const vt = (args: string[]) => runAsync(process.execPath, [BIN, ...args])
async function bcf(args: string[]): Promise<string> {
  const r = await runAsync('bcftools', args)
  if (r.status !== 0) throw new Error(`bcftools ${args.join(' ')}: ${r.err}`)
  return r.out
}
const body = (s: string) => s.split('\n').filter((l) => l !== '' && !l.startsWith('#'))
const infoDecls = (s: string, ids: string[]) => s.split('\n').filter((l) => ids.some((id) => l.startsWith(`##INFO=<ID=${id},`)))

describe.runIf(enabled)('annotate vs bcftools annotate', () => {
  let d: AnnoData
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vt-annotate-'))
    d = makeAnnoData(dir, 7, 3000)
  })

  const cases: [string, string[], string[]][] = [
    ['all field kinds', ['-c', 'INFO/AF,INFO/AC,INFO/S,INFO/DB,INFO/X,INFO/SC'], ['AF', 'AC', 'S', 'DB', 'X', 'SC']],
    ['+TAG keeps existing values', ['-c', '+INFO/AF,INFO/SC'], ['AF', 'SC']],
    ['renaming and ID', ['-c', 'INFO/POP_AF:=AF,INFO/POP_AC:=INFO/AC,ID'], ['POP_AF', 'POP_AC']],
    ['+ID fills missing IDs only', ['-c', '+ID,INFO/S'], ['S']],
  ]
  for (const [name, cols, ids] of cases) {
    it(`VCF source: ${name}`, async () => {
      const want = await bcf(['annotate', '--no-version', '-a', d.source, ...cols, d.query])
      const got = await vt(['annotate', '-a', d.source, ...cols, d.query])
      expect(got.status).toBe(0)
      expect(body(got.out)).toEqual(body(want))
      expect(infoDecls(got.out, ids)).toEqual(infoDecls(want, ids))
    })
  }

  it('contigs without chr in the source are matched, and reported once', async () => {
    const want = await bcf(['annotate', '--no-version', '-a', d.source, '-c', 'INFO/AF,INFO/S', d.query])
    const got = await vt(['annotate', '-a', d.sourceNoChr, '-c', 'INFO/AF,INFO/S', d.query])
    expect(body(got.out)).toEqual(body(want))
    const notes = got.err.split('\n').filter((l) => l.includes('chr1'))
    expect(notes.length).toBe(1)
  })

  it('precompiled store gives the same records as the VCF it was built from', async () => {
    const store = join(dir, 'source.store')
    expect((await vt(['store', 'build', '--id', '-q', '-o', store, d.source])).status).toBe(0)
    const cols = ['-c', 'INFO/AF,INFO/AC,INFO/S,INFO/DB,INFO/X,ID']
    const want = await bcf(['annotate', '--no-version', '-a', d.source, ...cols, d.query])
    const got = await vt(['annotate', '-a', store, ...cols, d.query])
    expect(body(got.out)).toEqual(body(want))
  })

  it('BED intervals (CHROM,FROM,TO)', async () => {
    const cols = ['-c', 'CHROM,FROM,TO,INFO/BS,INFO/BG']
    const want = await bcf(['annotate', '--no-version', '-a', d.bed, ...cols, '-h', d.headerLines, d.query])
    const got = await vt(['annotate', '-a', d.bed, ...cols, '--header-lines', d.headerLines, d.query])
    expect(body(got.out)).toEqual(body(want))
    expect(infoDecls(got.out, ['BS', 'BG'])).toEqual(infoDecls(want, ['BS', 'BG']))
  })

  it('tab file with alleles (CHROM,POS,REF,ALT)', async () => {
    const cols = ['-c', 'CHROM,POS,REF,ALT,INFO/TS,INFO/TL']
    const want = await bcf(['annotate', '--no-version', '-a', d.tab, ...cols, '-h', d.headerLines, d.query])
    const got = await vt(['annotate', '-a', d.tab, ...cols, '--header-lines', d.headerLines, d.query])
    expect(body(got.out)).toEqual(body(want))
  })

  it('tab file by position only (CHROM,POS,-,-)', async () => {
    const cols = ['-c', 'CHROM,POS,-,-,INFO/TS']
    const want = await bcf(['annotate', '--no-version', '-a', d.tab, ...cols, '-h', d.headerLines, d.query])
    const got = await vt(['annotate', '-a', d.tab, ...cols, '--header-lines', d.headerLines, d.query])
    expect(body(got.out)).toEqual(body(want))
  })

  it('-O z output reads back as the same records', async () => {
    const out = join(dir, 'out.vcf.gz')
    expect((await vt(['annotate', '-a', d.source, '-c', 'INFO/AF', '-O', 'z', '-o', out, d.query])).status).toBe(0)
    const want = await bcf(['annotate', '--no-version', '-a', d.source, '-c', 'INFO/AF', d.query])
    expect(body(await bcf(['view', out]))).toEqual(body(want))
  })
})
