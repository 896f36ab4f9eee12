// The parallel engine: output byte-identical to one thread for 1, 2, 3 and 8 workers and for
// shard plans that cut records at block boundaries; faults surface as typed errors naming
// the shard and leave the pool usable; an AbortSignal cancels a run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { query, view, collect } from '../src/api.js'
import { VcfReader } from '../src/reader/reader.js'
import { BgzfWriter } from '../src/bgzf/writer.js'
import { runParallel, ShardError } from '../src/parallel/engine.js'
import { InlineShardPool, NodeShardPool, type ShardPool } from '../src/parallel/pool.js'
import { runShard } from '../src/parallel/task.js'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { planShards, scanBlockStarts } from '../src/parallel/plan.js'
import { openSource } from '../src/source/source.js'
import type { ShardOp } from '../src/parallel/task.js'
import { generateVcf } from '../bench/generate-vcf.mjs'

const dir = mkdtempSync(join(tmpdir(), 'vt-par-'))
const files: Record<string, string> = {}

function bgzip(text: string, path: string): string {
  const chunks: Uint8Array[] = []
  const w = new BgzfWriter((c) => chunks.push(c.slice()))
  w.write(new TextEncoder().encode(text))
  w.close()
  writeFileSync(path, Buffer.concat(chunks))
  return path
}

beforeAll(() => {
  files.trio = bgzip([...generateVcf({ records: 30000, samples: 3, seed: 5, contigs: 'small' })].join(''), join(dir, 'trio.vcf.gz'))
  // 150 samples: most records span BGZF block boundaries
  files.cohort = bgzip([...generateVcf({ records: 1500, samples: 150, seed: 11, contigs: 'small' })].join(''), join(dir, 'cohort.vcf.gz'))
  // records longer than a block (70 kB INFO strings), so some shards hold no line start at all
  const head = '##fileformat=VCFv4.2\n##INFO=<ID=X,Number=1,Type=String,Description="x">\n##contig=<ID=1>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n'
  let body = ''
  for (let i = 1; i <= 40; i++) body += `1\t${i * 10}\t.\tA\tG\t${i}\tPASS\tX=${'ACGT'.repeat(i % 3 === 0 ? 18000 : 5)}\n`
  files.long = bgzip(head + body, join(dir, 'long.vcf.gz'))
})

async function parallelText(file: string, op: ShardOp, threads: number, sel = {}, shardsPerThread?: number, pool?: ShardPool): Promise<string> {
  const reader = await VcfReader.open(file)
  const dec = new TextDecoder()
  let out = ''
  for await (const r of runParallel(file, reader.header.text, op, sel, { threads, shardsPerThread, pool })) out += dec.decode(r.bytes)
  return out
}

const F = 'INFO/AF<0.01 && FMT/GQ>=20 && GT="alt"'
const FMT = '%CHROM\t%POS\t%REF\t%ALT\t%QUAL[\t%SAMPLE=%GT:%GQ]\n'

describe('parallel engine', () => {
  for (const name of ['trio', 'cohort', 'long']) {
    it(`view and query are identical for 1, 2, 3 and 8 workers: ${name}`, async () => {
      const file = files[name]
      const isLong = name === 'long'
      const sel = isLong ? { include: 'QUAL>10' } : { include: F }
      const fmt = isLong ? '%POS\t%QUAL\n' : FMT
      const oneView = (await collect(view(file, { ...sel, header: false })))
      const oneQuery = await collect(query(file, fmt, sel))
      expect(oneView.length).toBeGreaterThan(0)
      for (const threads of [1, 2, 3, 8]) {
        expect(await parallelText(file, { kind: 'view' }, threads, sel), `view, ${threads} threads`).toBe(oneView)
        expect(await parallelText(file, { kind: 'query', format: fmt }, threads, sel), `query, ${threads} threads`).toBe(oneQuery)
      }
    })
  }

  it('the CLI pool (this thread runs shards too, threads - 1 workers) gives the same bytes', async () => {
    for (const name of ['trio', 'cohort', 'long']) {
      const file = files[name]
      const sel = name === 'long' ? { include: 'QUAL>10' } : { include: F }
      const fmt = name === 'long' ? '%POS\t%QUAL\n' : FMT
      const oneView = await collect(view(file, { ...sel, header: false }))
      const oneQuery = await collect(query(file, fmt, sel))
      for (const threads of [2, 3]) {
        const pool = new InlineShardPool(threads, runShard)
        try {
          expect(await parallelText(file, { kind: 'view' }, threads, sel, 4, pool), `view, ${threads} threads`).toBe(oneView)
          expect(await parallelText(file, { kind: 'query', format: fmt }, threads, sel, 4, pool), `query, ${threads} threads`).toBe(oneQuery)
          // one shard per block: many small tasks shared between this thread and the workers
          expect(await parallelText(file, { kind: 'query', format: '%POS\n' }, threads, {}, 1000, pool)).toBe(await collect(query(file, '%POS\n')))
        } finally {
          await pool.destroy()
        }
      }
    }
  })

  it('the CLI: view and query with --threads 1, 2 and 3 write the same bytes', () => {
    const bin = fileURLToPath(new URL('../dist/src/cli/bin.js', import.meta.url))
    const run = (args: string[]) => execFileSync('node', [bin, ...args], { maxBuffer: 1 << 30 }).toString('latin1')
    const file = files.trio
    const q = (t: number) => run(['query', '--threads', String(t), '-i', F, '-f', FMT, file])
    const v = (t: number) => run(['view', '--no-version', '--threads', String(t), '-i', F, file])
    const q1 = q(1), v1 = v(1)
    expect(q1.length).toBeGreaterThan(0)
    for (const t of [2, 3]) {
      expect(q(t), `query --threads ${t}`).toBe(q1)
      expect(v(t), `view --threads ${t}`).toBe(v1)
    }
  })

  it('one shard per block still gives every record exactly once', async () => {
    for (const name of ['cohort', 'long']) {
      const file = files[name]
      const { starts } = await scanBlockStarts(await openSource(file))
      const plan = await planShards(await openSource(file), starts.length)
      expect(plan.shards.length).toBe(starts.length)
      const one = await collect(query(file, '%POS\n'))
      // shardsPerThread large enough that every block is a shard
      expect(await parallelText(file, { kind: 'query', format: '%POS\n' }, 2, {}, starts.length)).toBe(one)
    }
  })

  describe('faults', () => {
    const pool = new NodeShardPool(2)
    afterAll(() => pool.destroy())

    async function run(opts: { failAt?: number; failMode?: 'throw' | 'exit'; signal?: AbortSignal }): Promise<string> {
      const reader = await VcfReader.open(files.trio)
      let out = ''
      for await (const r of runParallel(files.trio, reader.header.text, { kind: 'query', format: '%POS\n' }, {},
        { threads: 2, pool, ...opts })) out += new TextDecoder().decode(r.bytes)
      return out
    }

    it('a worker that throws surfaces a ShardError naming the shard; the pool stays usable', async () => {
      const err = await run({ failAt: 3 }).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(ShardError)
      expect((err as ShardError).shard).toBe(3)
      expect((err as Error).message).toMatch(/shard 3 \(bytes \d+-\d+\) failed: injected fault/)
      expect(await run({})).toBe(await collect(query(files.trio, '%POS\n')))
    })

    it('a worker that dies surfaces a ShardError; the pool replaces it and no record is lost', async () => {
      const err = await run({ failAt: 2, failMode: 'exit' }).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(ShardError)
      expect((err as ShardError).shard).toBe(2)
      expect(await run({})).toBe(await collect(query(files.trio, '%POS\n')))
    })

    it('an AbortSignal cancels the run and frees the workers', async () => {
      const ac = new AbortController()
      const reader = await VcfReader.open(files.trio)
      let seen = 0
      const err = await (async () => {
        for await (const _ of runParallel(files.trio, reader.header.text, { kind: 'query', format: '%POS\n' }, {},
          { threads: 2, pool, signal: ac.signal })) {
          seen++
          ac.abort()
        }
      })().catch((e: unknown) => e)
      // results already finished when the signal fired may still arrive; the run then stops
      expect(seen).toBeGreaterThanOrEqual(1)
      expect(seen).toBeLessThan(8)
      expect((err as Error).name).toBe('AbortError')
      expect(await run({})).toBe(await collect(query(files.trio, '%POS\n')))
    })
  })
})
