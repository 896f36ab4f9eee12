// annotate, csq and norm on the parallel engine: --threads 1, 2 and 3 write the same bytes,
// equal to bcftools' records, on generated files written in small BGZF blocks (so the fixed
// shard plan cuts them in many places: records left-aligned across shard boundaries for
// norm, same-position groups for annotate).
import { beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { BgzfWriter } from '../src/bgzf/writer.js'
import { requireTools } from './helpers/oracle.js'
import { generateNormCase } from './helpers/norm-gen.js'
import { makeAnnoData, runAsync, type AnnoData } from './helpers/annotate-data.js'
import { scanBlockStarts } from '../src/parallel/plan.js'
import { openSource } from '../src/source/source.js'
import { gunzipSync } from 'node:zlib'

const enabled = requireTools('bcftools', 'bgzip', 'tabix')
const BIN = resolve('dist/src/cli/bin.js')
const vt = (args: string[]) => runAsync(process.execPath, [BIN, ...args])
const dir = mkdtempSync(join(tmpdir(), 'vt-pjobs-'))
const body = (t: string) => t.split('\n').filter((l) => l && !l.startsWith('#'))

/** BGZF with a block every `every` bytes of text (many blocks: many shards). */
function smallBlocks(text: string, path: string, every = 3000): string {
  const chunks: Uint8Array[] = []
  const w = new BgzfWriter((c) => chunks.push(c.slice()))
  const bytes = new TextEncoder().encode(text)
  for (let o = 0; o < bytes.length; o += every) { w.write(bytes.subarray(o, o + every)); w.flush() }
  w.close()
  writeFileSync(path, Buffer.concat(chunks))
  return path
}

async function blocks(path: string): Promise<number> {
  return (await scanBlockStarts(await openSource(path))).starts.length
}

/** The same command at --threads 1, 2 and 3: identical stdout (and stderr); returns it. */
async function sameForThreads(args: string[]): Promise<{ out: string; err: string }> {
  const runs = []
  for (const t of ['1', '2', '3']) runs.push(await vt([...args, '--threads', t]))
  for (const r of runs) expect(r.status, r.err).toBe(0)
  expect(runs[1].out).toBe(runs[0].out)
  expect(runs[2].out).toBe(runs[0].out)
  expect(runs[1].err).toBe(runs[0].err)
  expect(runs[2].err).toBe(runs[0].err)
  return runs[0]
}

describe.runIf(enabled)('norm --threads', () => {
  let vcf: string, fa: string
  beforeAll(() => {
    // indels inside long repeats: left-alignment moves records back over shard boundaries
    const c = generateNormCase({ seed: 41, records: 1500 })
    fa = join(dir, 'norm.fa')
    writeFileSync(fa, c.fasta)
    writeFileSync(join(dir, 'norm.vcf'), c.vcf)
    vcf = smallBlocks(c.vcf, join(dir, 'norm.vcf.gz'))
  })

  it('-m- -f: the same bytes for 1, 2 and 3 threads, records and summary as bcftools norm', async () => {
    expect(await blocks(vcf)).toBeGreaterThan(40)
    const r = await sameForThreads(['norm', '--no-version', '-m-', '-f', fa, vcf])
    const want = await runAsync('bcftools', ['norm', '--no-version', '-m-', '-f', fa, join(dir, 'norm.vcf')])
    expect(body(r.out)).toEqual(body(want.out))
    expect(r.err.split('\n').filter((l) => l.startsWith('Lines'))).toEqual(want.err.split('\n').filter((l) => l.startsWith('Lines')))
  })

  it('records move across shard starts (the merge re-sorts them as one thread does)', async () => {
    // the input order differs from the output order at some shard boundary: check that
    // a record's output position precedes a record from an earlier block
    const out = body((await vt(['norm', '--no-version', '-f', fa, vcf, '--threads', '2'])).out).map((l) => l.split('\t').slice(0, 2).join(':'))
    const input = body(readFileSync(join(dir, 'norm.vcf'), 'utf8')).map((l) => l.split('\t').slice(0, 2).join(':'))
    expect(out.length).toBe(input.length)
    let moved = 0
    for (let k = 1; k < out.length; k++) if (out[k] !== input[k]) moved++
    expect(moved).toBeGreaterThan(10)
  })

  it('--check-ref w and x: warnings and counts in order for any thread count', async () => {
    const c = generateNormCase({ seed: 42, records: 800, wrongRef: 0.1 })
    writeFileSync(join(dir, 'wref.fa'), c.fasta)
    writeFileSync(join(dir, 'wrong.vcf'), c.vcf)
    const gz = smallBlocks(c.vcf, join(dir, 'wrong.vcf.gz'))
    for (const cr of ['w', 'x', 's']) {
      const r = await sameForThreads(['norm', '--no-version', '-m-', '-c', cr, '-f', join(dir, 'wref.fa'), gz])
      const want = await runAsync('bcftools', ['norm', '--no-version', '-m-', '-c', cr, '-f', join(dir, 'wref.fa'), join(dir, 'wrong.vcf')])
      expect(body(r.out)).toEqual(body(want.out))
      const msgs = (t: string) => t.split('\n').filter((l) => /^(Lines|REF\/ALT|REF_MISMATCH|NON_ACGTN|ALT_DUP)/.test(l))
      expect(msgs(r.err)).toEqual(msgs(want.err))
    }
  })
})

describe.runIf(enabled)('annotate --threads', () => {
  let d: AnnoData
  let query: string
  beforeAll(() => {
    d = makeAnnoData(dir, 23, 6000)
    query = smallBlocks(gunzipSync(readFileSync(d.query)).toString('utf8'), join(dir, 'query-small.vcf.gz'), 2000)
  })

  it('-a VCF -c: the same bytes for 1, 2 and 3 threads, records as bcftools annotate', async () => {
    expect(await blocks(query)).toBeGreaterThan(40)
    const cols = 'INFO/AF,INFO/AC,+INFO/S,INFO/DB,INFO/NEWX:=X,ID'
    const r = await sameForThreads(['annotate', '--no-version', '-a', d.source, '-c', cols, query])
    const want = await runAsync('bcftools', ['annotate', '--no-version', '-a', d.source, '-c', cols, d.query])
    expect(body(r.out)).toEqual(body(want.out))
  })

  it('a vcfanno config with a VCF and a BED source, and a tab file with -c: any thread count', async () => {
    writeFileSync(join(dir, 'two.toml'), `[[annotation]]\nfile = "source.vcf.gz"\nfields = ["AF", "S"]\nnames = ["af_max", "s_uniq"]\nops = ["max", "uniq"]\n\n` +
      `[[annotation]]\nfile = "regions.bed.gz"\ncolumns = [4]\nnames = ["bed_score"]\nops = ["mean"]\n\n` +
      `[[postannotation]]\nfields = ["af_max", "bed_score"]\nop = "max"\nname = "pmax"\ntype = "Float"\n`)
    const r = await sameForThreads(['annotate', '--no-version', '--resources', dir, '--config', join(dir, 'two.toml'), query])
    expect(body(r.out).filter((l) => l.includes('af_max=')).length).toBeGreaterThan(100)
    expect(body(r.out).filter((l) => l.includes('bed_score=')).length).toBeGreaterThan(100)
    const cols = 'CHROM,POS,REF,ALT,INFO/TS,INFO/TL'
    const t = await sameForThreads(['annotate', '--no-version', '-a', d.tab, '-c', cols, '--header-lines', d.headerLines, query])
    const want = await runAsync('bcftools', ['annotate', '--no-version', '-a', d.tab, '-c', cols, '-h', d.headerLines, d.query])
    expect(body(t.out)).toEqual(body(want.out))
  })

  it('contig renames are reported once, whatever the thread count', async () => {
    const r = await sameForThreads(['annotate', '--no-version', '-a', d.sourceNoChr, '-c', 'INFO/AF', query])
    expect(r.err.split('\n').filter((l) => l.includes('matched as the same contig')).length).toBe(3)
  })
})
