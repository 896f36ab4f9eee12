// WASM memory safety (docs/adr/0005-wasm-memory.md): one owner of the instance, views
// re-derived after growth, stale batches are loud, and many-sample files with numeric
// FORMAT tags (where filters and decoders grow memory mid-batch) match bcftools with and
// without the grow-stress mode.
import { beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { query, collect } from '../src/api.js'
import { VcfReader } from '../src/reader/reader.js'
import { Filter } from '../src/expr/filter.js'
import { StaleBatchError } from '../src/batch/batch.js'
import { vcfStats, formatStats } from '../src/stats/stats.js'
import { runParallel } from '../src/parallel/engine.js'
import { requireTools } from './helpers/oracle.js'
import { generateVcf } from '../bench/generate-vcf.mjs'

const enabled = requireTools('bcftools', 'bgzip', 'tabix')
const dir = mkdtempSync(join(tmpdir(), 'vt-mem-'))
let wide = ''

function withStress<T>(on: boolean, f: () => Promise<T>): Promise<T> {
  const before = process.env.VARTRIAGE_GROW_STRESS
  if (on) process.env.VARTRIAGE_GROW_STRESS = '1'
  else delete process.env.VARTRIAGE_GROW_STRESS
  return f().finally(() => {
    if (before === undefined) delete process.env.VARTRIAGE_GROW_STRESS
    else process.env.VARTRIAGE_GROW_STRESS = before
  })
}

function bcf(args: string[]): string {
  const r = spawnSync('bcftools', args, { encoding: 'utf8', maxBuffer: 1 << 30 })
  if (r.status !== 0) throw new Error(r.stderr)
  return r.stdout
}

beforeAll(() => {
  if (!enabled) return
  // the shape of the 1000 Genomes pilot file that first showed the bug: 629 samples,
  // GT:AD:DP:GD:GL:GQ:OG; batches small enough that several of them grow memory
  const text = [...generateVcf({ records: 240, samples: 629, seed: 17, contigs: 'small', shape: 'wide' })].join('')
  const plain = join(dir, 'wide.vcf')
  writeFileSync(plain, text)
  wide = `${plain}.gz`
  spawnSync('sh', ['-c', `bgzip -c ${plain} > ${wide} && tabix -p vcf ${wide}`])
})

function sourcesUnder(d: string): string[] {
  return readdirSync(d).flatMap((f) => {
    const p = join(d, f)
    return statSync(p).isDirectory() ? sourcesUnder(p) : [p]
  })
}

describe('one owner of WASM memory', () => {
  it('only src/wasm/core.ts instantiates the core or touches memory.buffer', () => {
    for (const f of sourcesUnder('src').filter((p) => p.endsWith('.ts') && !p.endsWith('binary.generated.ts'))) {
      if (f === join('src', 'wasm', 'core.ts')) continue
      const s = readFileSync(f, 'utf8')
      expect(s, f).not.toMatch(/new WebAssembly\.Instance|memory\.buffer|\.x\.(?!\w*\()/)
    }
  })
  it('only assembly/buffers.ts calls the raw allocator', () => {
    for (const f of sourcesUnder('assembly').filter((p) => p.endsWith('.ts'))) {
      if (f === join('assembly', 'buffers.ts')) continue
      expect(readFileSync(f, 'utf8'), f).not.toMatch(/heap\.(alloc|realloc)/)
    }
  })
})

describe.runIf(enabled)('views and growth', () => {
  it('grow-stress detaches views kept across a core call; the batch getters re-derive them', async () => {
    await withStress(true, async () => {
      const reader = await VcfReader.open(wide)
      const filter = new Filter('FMT/DP>20 && FMT/GQ>30', reader.schema)
      for await (const b of reader.batches()) {
        const kept = b.pos // a local view, then a core call that can allocate
        const first = kept[0]
        const gen = b.generation
        filter.apply(b)
        expect(reader.core.generation).toBeGreaterThan(gen)
        expect(kept.length).toBe(0) // detached: this is what printed "undefined" before
        expect(b.pos[0]).toBe(first)
        expect(() => b.checkGeneration(gen)).toThrow(StaleBatchError)
        break
      }
    })
  })
  it('a batch used after the next parse is an error, not other records', async () => {
    const reader = await VcfReader.open(wide, { batchBytes: 64 << 10 })
    let first: Awaited<ReturnType<typeof reader.batches>> extends AsyncGenerator<infer B> ? B | undefined : never
    let n = 0
    for await (const b of reader.batches()) { first ??= b; n++ }
    expect(n).toBeGreaterThan(2)
    expect(() => first!.pos[0]).toThrow(StaleBatchError)
    expect(() => first!.chrom(0)).toThrow(StaleBatchError)
  })
})

const FORMATS = ['%CHROM\t%POS\t%REF\t%ALT\n', '%POS[\t%AD]\n', '%POS[\t%GT:%GQ:%DP:%OG]\n', '%POS\t%INFO/AF[\t%GL:%GD]\n']
// the findings 1 and 4, and FORMAT floats of Number=G
const EXPRESSIONS = ['FMT/DP>20 && FMT/GQ>30', 'FMT/GQ>30 || (INFO/DP>100000 & GT="hom")', 'FMT/GQ>30 || (QUAL<500 & GT="hom")',
  'GT="het" & FMT/AD[*:1]>3', 'FMT/GL[*:0]<-5 | QUAL<30']

describe.runIf(enabled)('629 samples with numeric FORMAT tags vs bcftools', () => {
  for (const stress of [false, true]) {
    const mode = stress ? 'grow-stress' : 'normal'
    it(`query -i/-e, every format (${mode})`, async () => {
      await withStress(stress, async () => {
        for (const e of EXPRESSIONS) {
          for (const f of FORMATS) {
            for (const flag of ['-i', '-e'] as const) {
              const want = bcf(['query', flag, e, '-f', f, wide])
              const got = await collect(query(wide, f, { [flag === '-i' ? 'include' : 'exclude']: e, batchBytes: 48 << 10 }))
              expect(got, `${mode} ${flag} '${e}' -f '${f}'`).toBe(want)
            }
          }
        }
      })
    })
    it(`stats and two workers (${mode})`, async () => {
      await withStress(stress, async () => {
        const reader = await VcfReader.open(wide, { batchBytes: 48 << 10 })
        const r = await vcfStats(reader, { include: 'FMT/GQ>30', samples: ['-'] })
        const want = bcf(['stats', '-i', 'FMT/GQ>30', '-s', '-', wide]).split('\n').filter((l) => /^(SN|TSTV|PSC)\t/.test(l))
        const got = formatStats(r, wide).split('\n').filter((l) => /^(SN|TSTV|PSC)\t/.test(l))
        expect(got).toEqual(want)
        const dec = new TextDecoder()
        let text = ''
        const fmt = '%CHROM\t%POS[\t%GQ]\n'
        for await (const s of runParallel(wide, reader.header.text, { kind: 'query', format: fmt }, { include: 'FMT/DP>20 && FMT/GQ>30' }, { threads: 2, shardsPerThread: 4 })) text += dec.decode(s.bytes)
        expect(text).toBe(bcf(['query', '-i', 'FMT/DP>20 && FMT/GQ>30', '-f', fmt, wide]))
      })
    })
  }
})

