// `prioritise --parquet`: the ranked variants as variants.parquet beside the report files,
// hashed in the manifest, masked like every other output, and readable by DuckDB with the
// same rows as variants.tsv.
import { describe, it, expect, beforeAll } from 'vitest'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { sharedWorld } from './helpers/prioritise-world.js'
import { generateTrio, loadWorldBundle, type TrioResult } from '../src/world/trio.js'
import { prioritise } from '../src/prioritise/api.js'

const CACHE = join(tmpdir(), 'vartriage-prio-test-cache')
let dir: string, world: string, trio: TrioResult

beforeAll(async () => {
  world = await sharedWorld()
  dir = mkdtempSync(join(tmpdir(), 'vt-prio-parquet-'))
  trio = await generateTrio({ resources: world, out: join(dir, 'trio'), seed: 12, mode: 'autosomal_recessive_hom', variants: 10_000 }, await loadWorldBundle(world))
}, 120_000)

describe('prioritise --parquet', () => {
  it('writes variants.parquet with the rows of variants.tsv, listed in the manifest', async () => {
    const out = join(dir, 'out')
    const r = await prioritise({ vcf: trio.vcf, ped: trio.ped, phenopacket: trio.phenopackets[0], resources: world, cacheDir: CACHE, out, parquet: true })
    const file = join(out, 'variants.parquet')
    const bytes = readFileSync(file)
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { outputs?: { name: string; sha256: string }[]; files?: { name: string; sha256: string }[] }
    const listed = [...(manifest.outputs ?? []), ...(manifest.files ?? [])].find((f) => f.name === 'variants.parquet')
    expect(listed?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    const tsv = readFileSync(join(out, 'variants.tsv'), 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split('\t'))
    const db = await (await DuckDBInstance.create(':memory:')).connect()
    const rows = (await (await db.run(`SELECT rank, family, gene, chrom, pos, ref, alt FROM read_parquet('${file}') ORDER BY family, rank, chrom, pos`)).getRows())
      .map((x) => x.map(String))
    const fromTsv = tsv.map((c) => [c[0], c[1], c[2], c[3], c[4], c[5], c[6]])
      .sort((a, b) => a[1].localeCompare(b[1]) || Number(a[0]) - Number(b[0]) || a[3].localeCompare(b[3]) || Number(a[4]) - Number(b[4]))
    expect(rows).toEqual(fromTsv)
    expect(rows[0][2]).toBe(trio.cases[0].gene)
    expect(r.genes[0].gene).toBe(trio.cases[0].gene)
  }, 120_000)
})
