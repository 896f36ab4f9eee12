#!/usr/bin/env node
// Spike-in accuracy benchmark of `prioritise()` (issue 8): one synthetic world; per case a trio
// with a known diagnosis (mode and gene from the plan and the case seed, a loss-of-function
// SNV or 1-bp indel, HPO terms sampled by the generator); `prioritise()` with and without the
// phenotype; the causal gene's rank. Writes OUT/spikein.json and bench/SPIKEIN-RESULTS.md.
//
//   node bench/spikein.mjs --cases 200 --seed 1                # wgs-scale world, 50,000-record genomes
//   node bench/spikein.mjs --cases 8 --scale small --out /tmp/s  # a smoke run
//
// Every case shares the background genome (background seed = --seed), so a 50,000-record
// genome holds exactly the genic records of the 5 M one (docs/inheritance.md): accuracy does
// not depend on the filler, only speed does (bench/wgs-trio.mjs).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { planCases } from './spikein/plan.mjs'
import { runCases } from './spikein/run-cases.mjs'
import { assemble } from './spikein/report.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const { values: v } = parseArgs({
  options: {
    cases: { type: 'string', default: '200' }, seed: { type: 'string', default: '1' }, out: { type: 'string' },
    world: { type: 'string' }, scale: { type: 'string', default: 'wgs' }, variants: { type: 'string', default: '50000' },
    keep: { type: 'boolean', default: false }, 'no-md': { type: 'boolean', default: false },
    'rare-per-mb': { type: 'string' }, shard: { type: 'string' }, merge: { type: 'string' },
  },
})
const seed = Number(v.seed)
const out = v.out ?? join(here, 'data', 'spikein')
const worldDir = v.world ?? join(out, `world-${v.scale}`)
mkdirSync(out, { recursive: true })
if (v.scale !== 'small' && v.scale !== 'wgs') throw new Error(`--scale expects small or wgs, got ${v.scale}`)

// --shard K/N runs every N-th case from K (several processes on a shared machine; the ranks
// do not depend on it); --merge N joins the N shards' results into spikein.json.
const [shardK, shardN] = v.shard ? v.shard.split('/').map(Number) : [0, 1]
const all = planCases(Number(v.cases), seed)
const cases = all.filter((c) => c.index % shardN === shardK)
const say = (m) => process.stderr.write(`${m}\n`)
const rarePerMb = v['rare-per-mb'] === undefined ? undefined : Number(v['rare-per-mb'])
let result
if (v.merge) {
  const parts = Array.from({ length: Number(v.merge) }, (_, k) => JSON.parse(readFileSync(join(out, `spikein.shard-${k}-of-${v.merge}.json`), 'utf8')))
  result = { ...parts[0], shards: Number(v.merge), load: { start: Math.min(...parts.map((p) => p.load.start)), end: Math.max(...parts.map((p) => p.load.end)) },
    wallSeconds: Math.max(...parts.map((p) => p.wallSeconds)), setupSeconds: Math.max(...parts.map((p) => p.setupSeconds)),
    cases: parts.flatMap((p) => p.cases).sort((a, b) => a.index - b.index) }
} else {
  const t0 = Date.now()
  const load0 = loadavg()[0]
  const run = await runCases({ cases, worldDir, scale: v.scale, worldSeed: 1, out, variants: Number(v.variants), rarePerMb, keep: v.keep, say })
  result = {
    date: new Date().toISOString(), seed, scale: v.scale, variantsPerGenome: Number(v.variants), rarePerMb: rarePerMb ?? 'default', world: worldDir,
    load: { start: load0, end: loadavg()[0] }, wallSeconds: (Date.now() - t0) / 1000, ...run,
  }
}
const file = join(out, v.shard ? `spikein.shard-${shardK}-of-${shardN}.json` : 'spikein.json')
writeFileSync(file, JSON.stringify(result, null, 1))
say(`wrote ${file}`)
if (v.shard) process.exit(0)
// the report is assembled from the default run (bench/data/spikein), the dense one and the WGS trio
if (!v['no-md']) { const md = assemble(); if (md) say(`wrote ${md}`) }
if (!v.keep) rmSync(join(out, 'cases'), { recursive: true, force: true })
