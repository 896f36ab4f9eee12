#!/usr/bin/env node
// WGS-trio timing (issue 8): a ~5 M-record trio from the trio generator on the wgs-scale world,
// then `vartriage prioritise` from VCF.gz to the full report directory under /usr/bin/time -v:
// wall, user + system CPU and peak RSS, with 1 and 2 threads. The first run starts with an empty
// --cache (the evidence stage builds its ClinVar residue index), the others reuse it.
// Writes bench/data/wgs-trio.json and, when the spike-in has been run, bench/SPIKEIN-RESULTS.md.
//
//   node bench/wgs-trio.mjs [--variants 5000000] [--seed 3] [--mode compound_het] [--runs cold,1,2]
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs, promisify } from 'node:util'
import { ensureWorld } from './spikein/run-cases.mjs'
import { assemble, wgsTable } from './spikein/report.mjs'

const run = promisify(execFile)
const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const { values: v } = parseArgs({
  options: {
    variants: { type: 'string', default: '5000000' }, seed: { type: 'string', default: '3' }, mode: { type: 'string', default: 'compound_het' },
    world: { type: 'string', default: join(here, 'data', 'spikein', 'world-wgs') }, runs: { type: 'string', default: 'cold,1,2' },
  },
})
const say = (m) => process.stderr.write(`${m}\n`)
const data = join(here, 'data', 'wgs-trio')
mkdirSync(data, { recursive: true })
await ensureWorld(v.world, 'wgs', 1, say)

const name = `trio-${v.variants}-s${v.seed}-${v.mode}`
const vcf = join(data, `${name}.vcf.gz`)
if (!existsSync(join(data, `${name}.truth.json`))) {
  say(`generating ${vcf}`)
  const { generateTrio } = await import(join(root, 'dist', 'src', 'world', 'trio.js'))
  const t = performance.now()
  await generateTrio({ resources: v.world, out: data, seed: Number(v.seed), mode: v.mode, variants: Number(v.variants), name })
  say(`generated in ${((performance.now() - t) / 1000).toFixed(1)} s`)
}
const truth = JSON.parse(readFileSync(join(data, `${name}.truth.json`), 'utf8'))
const t0 = truth.cases[0]
const records = truth.records

/** /usr/bin/time -v's figures. */
function parseTime(text) {
  const get = (re) => { const m = text.match(re); if (!m) throw new Error(`no ${re} in /usr/bin/time output:\n${text}`); return m[1] }
  const [h, m, s] = ['0', '0', ...get(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/).split(':')].slice(-3).map(Number)
  return { wall: h * 3600 + m * 60 + s, user: Number(get(/User time \(seconds\): ([\d.]+)/)), sys: Number(get(/System time \(seconds\): ([\d.]+)/)), rssMB: Number(get(/Maximum resident set size \(kbytes\): (\d+)/)) / 1024 }
}

function rankIn(genesTsv, family, gene) {
  const [head, ...rows] = readFileSync(genesTsv, 'utf8').trimEnd().split('\n')
  const col = head.replace(/^#/, '').split('\t')
  const [r, f, g] = ['rank', 'family', 'gene'].map((c) => col.indexOf(c))
  const hit = rows.map((l) => l.split('\t')).find((x) => x[f] === family && x[g] === gene)
  return hit ? Number(hit[r]) : null
}

const cache = join(data, 'cache')
const runs = []
for (const spec of v.runs.split(',')) {
  const cold = spec === 'cold'
  const threads = cold ? 1 : Number(spec)
  if (cold) rmSync(cache, { recursive: true, force: true })
  const out = join(data, `out-${spec}`)
  rmSync(out, { recursive: true, force: true })
  const load = loadavg()[0]
  const args = ['-v', 'node', join(root, 'dist', 'src', 'cli', 'bin.js'), 'prioritise', '--vcf', vcf, '--ped', join(data, `${name}.ped`),
    '--phenopacket', join(data, `${name}.phenopacket.json`), '--resources', v.world, '--cache', cache, '--threads', String(threads), '--out', out]
  say(`run ${spec}: /usr/bin/time ${args.slice(1).join(' ')}`)
  const r = await run('/usr/bin/time', args, { maxBuffer: 1 << 26 }).catch((e) => { throw new Error(`prioritise failed: ${e.stderr}`) })
  const t = parseTime(r.stderr)
  const rank = rankIn(join(out, 'genes.tsv'), t0.family, t0.gene)
  runs.push({ label: cold ? 'first run (empty cache)' : 'cache warm', threads, ...t, load, rank })
  say(`  wall ${t.wall.toFixed(1)} s, CPU ${(t.user + t.sys).toFixed(1)} s, RSS ${t.rssMB.toFixed(0)} MB, load ${load.toFixed(1)}, ${t0.gene} rank ${rank}`)
}
const res = { date: new Date().toISOString(), records, vcfMB: Number((await run('stat', ['-c', '%s', vcf])).stdout) / 2 ** 20, scale: 'wgs', mode: t0.mode, gene: t0.gene, runs }
writeFileSync(join(here, 'data', 'wgs-trio.json'), JSON.stringify(res, null, 1))
process.stdout.write(`${wgsTable(res)}\n`)
assemble()
