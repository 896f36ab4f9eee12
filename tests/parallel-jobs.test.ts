// norm on the parallel engine: --threads 1, 2 and 3 write the same bytes, equal to bcftools
// norm's records, on generated files written in small BGZF blocks (so the fixed shard plan
// cuts them in many places and left-aligned records move back over shard boundaries).
// annotate and csq: tests/annotate-parallel.test.ts, tests/csq-parallel.test.ts.
import { beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { requireTools } from './helpers/oracle.js'
import { generateNormCase } from './helpers/norm-gen.js'
import { runAsync } from './helpers/annotate-data.js'
import { blockCount, body, sameForThreads, smallBlocks } from './helpers/small-blocks.js'
import { planFromBlocks, scanBlockStarts } from '../src/parallel/plan.js'
import { jobShards } from '../src/parallel/engine.js'
import { openSource } from '../src/source/source.js'

const enabled = requireTools('bcftools', 'bgzip', 'tabix')
const BIN = resolve('dist/src/cli/bin.js')
const dir = mkdtempSync(join(tmpdir(), 'vt-pjobs-'))

const same = (args: string[]) => sameForThreads(BIN, args)
const EVERY = 2000

describe.runIf(enabled)('norm --threads', () => {
  let vcf: string, fa: string
  beforeAll(() => {
    // indels inside long repeats: left-alignment moves records back over shard boundaries
    const c = generateNormCase({ seed: 41, records: 1000 })
    fa = join(dir, 'norm.fa')
    writeFileSync(fa, c.fasta)
    // unique IDs name the input lines
    let k = 0
    const text = c.vcf.split('\n').map((l) => (l && !l.startsWith('#') ? l.replace(/^([^\t]*\t[^\t]*\t)[^\t]*/, `$1r${k++}`) : l)).join('\n')
    writeFileSync(join(dir, 'norm.vcf'), text)
    vcf = smallBlocks(text, join(dir, 'norm.vcf.gz'), EVERY)
  })

  it('-m- -f: the same bytes for 1, 2 and 3 threads, records and summary as bcftools norm', async () => {
    expect(await blockCount(vcf)).toBeGreaterThan(40)
    const r = await same(['norm', '--no-version', '-m-', '-f', fa, vcf])
    const want = await runAsync('bcftools', ['norm', '--no-version', '-m-', '-f', fa, join(dir, 'norm.vcf')])
    expect(body(r.out)).toEqual(body(want.out))
    expect(r.err.split('\n').filter((l) => l.startsWith('Lines'))).toEqual(want.err.split('\n').filter((l) => l.startsWith('Lines')))
  })

  it('records move back across shard starts, and the merge re-sorts them as one thread does', async () => {
    // without -m- every input line gives one output line; IDs name input lines
    const out = body((await runAsync(process.execPath, [BIN, 'norm', '--no-version', '-f', fa, vcf, '--threads', '2'])).out)
    const lines = body(readFileSync(join(dir, 'norm.vcf'), 'utf8'))
    expect(out.length).toBe(lines.length)
    // the shard of each input line, from the plan the engine uses (line starts owned by blocks)
    const { starts, size } = await scanBlockStarts(await openSource(vcf))
    const plan = planFromBlocks(starts, size, jobShards(size))
    const firstBlock = plan.shards.map((s) => starts.indexOf(s.start))
    const text = readFileSync(join(dir, 'norm.vcf'), 'utf8')
    const shardOf = new Map<string, number>()
    let offset = text.indexOf('\n#CHROM') + 1
    offset = text.indexOf('\n', offset) + 1
    for (const l of lines) {
      const block = Math.floor(offset / EVERY)
      let s = 0
      while (s + 1 < firstBlock.length && firstBlock[s + 1] <= block) s++
      shardOf.set(l.split('\t')[2], s)
      offset += l.length + 1
    }
    let crossed = 0, maxShard = 0
    for (const l of out) {
      const s = shardOf.get(l.split('\t')[2])!
      if (s < maxShard) crossed++
      maxShard = Math.max(maxShard, s)
    }
    expect(plan.shards.length).toBeGreaterThan(8)
    expect(crossed).toBeGreaterThan(0)
    const one = await runAsync(process.execPath, [BIN, 'norm', '--no-version', '-f', fa, vcf, '--threads', '1'])
    expect(body(one.out)).toEqual(out)
  })

  it('--check-ref wx and s: warnings and counts in order for any thread count', async () => {
    const c = generateNormCase({ seed: 42, records: 500, wrongRef: 0.1 })
    writeFileSync(join(dir, 'wref.fa'), c.fasta)
    writeFileSync(join(dir, 'wrong.vcf'), c.vcf)
    const gz = smallBlocks(c.vcf, join(dir, 'wrong.vcf.gz'))
    for (const cr of ['wx', 's']) {
      const r = await sameForThreads(BIN, ['norm', '--no-version', '-m-', '-c', cr, '-f', join(dir, 'wref.fa'), gz], ['1', '3'])
      const want = await runAsync('bcftools', ['norm', '--no-version', '-m-', '-c', cr, '-f', join(dir, 'wref.fa'), join(dir, 'wrong.vcf')])
      expect(body(r.out)).toEqual(body(want.out))
      const msgs = (t: string) => t.split('\n').filter((l) => /^(Lines|REF\/ALT|REF_MISMATCH|NON_ACGTN|ALT_DUP)/.test(l))
      expect(msgs(r.err)).toEqual(msgs(want.err))
    }
  })
})
