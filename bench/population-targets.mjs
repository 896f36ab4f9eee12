#!/usr/bin/env node
// Population VCF loaded whole vs restricted to the target regions: the WGS trio of
// bench/wgs-trio.mjs (run that first: it makes the world, the trio and the residue cache)
// prioritised by two builds in turn under /usr/bin/time -v: wall, CPU, peak RSS, and the
// run's own load timings (results.json). A build is a dist/ directory (copy the one before the
// change aside, e.g. to bench/data/dist-base, before rebuilding).
//
//   node bench/population-targets.mjs --before bench/data/dist-base [--after dist] [--reps 3]
//        [--world DIR] [--cache DIR] [--warm]
//
// Each repetition also times loadResources alone (a child process per build): the population
// table's share of the run, without the VCF read beside it. --warm: one untimed run first
// (a new --world's ClinVar residue index is built into --cache by the first run).
import { execFile } from 'node:child_process'
import { readFileSync, readdirSync, rmSync } from 'node:fs'
import { loadavg } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs, promisify } from 'node:util'

const run = promisify(execFile)
const here = dirname(fileURLToPath(import.meta.url))
const { values: v } = parseArgs({
  options: {
    before: { type: 'string' }, after: { type: 'string', default: join(here, '..', 'dist') }, reps: { type: 'string', default: '3' },
    world: { type: 'string', default: join(here, 'data', 'spikein', 'world-wgs') }, data: { type: 'string', default: join(here, 'data', 'wgs-trio') },
    cache: { type: 'string' }, warm: { type: 'boolean', default: false }, child: { type: 'string' },
  },
})
if (v.child) {
  // child: load the resources with one build, print its load timings
  const { openBundle } = await import(join(resolve(v.child), 'src', 'resources', 'bundle.js'))
  const { loadResources } = await import(join(resolve(v.child), 'src', 'index.js'))
  const r = await loadResources(await openBundle(v.world))
  process.stdout.write(JSON.stringify({ ...r.timings, rows: r.population.table.pos.length }))
  process.exit(0)
}
const cache = v.cache ?? join(v.data, 'cache')
if (!v.before) throw new Error('--before DIST is required')
const name = readdirSync(v.data).find((f) => /^trio-.*\.vcf\.gz$/.test(f))?.replace(/\.vcf\.gz$/, '')
if (!name) throw new Error(`no trio in ${v.data}: run bench/wgs-trio.mjs first`)

function parseTime(text) {
  const get = (re) => text.match(re)[1]
  const [h, m, s] = ['0', '0', ...get(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/).split(':')].slice(-3).map(Number)
  return { wall: h * 3600 + m * 60 + s, cpu: Number(get(/User time \(seconds\): ([\d.]+)/)) + Number(get(/System time \(seconds\): ([\d.]+)/)), rssMB: Number(get(/Maximum resident set size \(kbytes\): (\d+)/)) / 1024 }
}

const rows = [], loads = []
const out = join(v.data, 'out-population-targets')
const prioritise = (dist) => ['-v', 'node', join(resolve(dist), 'src', 'cli', 'bin.js'), 'prioritise', '--vcf', join(v.data, `${name}.vcf.gz`),
  '--ped', join(v.data, `${name}.ped`), '--phenopacket', join(v.data, `${name}.phenopacket.json`), '--resources', v.world, '--cache', cache, '--out', out]
const strip = (j) => { delete j.timings; delete j.started; return JSON.stringify(j) }
const results = new Set()
if (v.warm) await run('/usr/bin/time', prioritise(v.after), { maxBuffer: 1 << 26 })
for (let rep = 0; rep < Number(v.reps); rep++) {
  for (const [label, dist] of [['before (whole file)', v.before], ['after (targets)', v.after]]) {
    // loadResources alone
    const lr = await run('/usr/bin/time', ['-v', 'node', fileURLToPath(import.meta.url), '--child', dist, '--world', v.world], { maxBuffer: 1 << 26 })
    const l = { label, load: loadavg()[0], ...parseTime(lr.stderr), ...JSON.parse(lr.stdout) }
    loads.push(l)
    process.stderr.write(`${label}: loadResources wall ${l.wall.toFixed(1)} s, RSS ${l.rssMB.toFixed(0)} MB, population rows ${l.rows}, load.population ${l['load.population'].toFixed(2)} s\n`)
    // the whole run
    rmSync(out, { recursive: true, force: true })
    const load = loadavg()[0]
    const r = await run('/usr/bin/time', prioritise(dist), { maxBuffer: 1 << 26 })
    const res = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))
    const x = { label, load, ...parseTime(r.stderr), population: res.timings['load.population'], clinvar: res.timings['load.clinvar'] }
    results.add(strip(res))
    rows.push(x)
    process.stderr.write(`${label}: prioritise wall ${x.wall.toFixed(1)} s, CPU ${x.cpu.toFixed(1)} s, RSS ${x.rssMB.toFixed(0)} MB, load.population ${x.population.toFixed(2)} s` +
      `${x.clinvar === undefined ? ' (with ClinVar)' : `, load.clinvar ${x.clinvar.toFixed(2)} s`}, load avg ${load.toFixed(1)}\n`)
  }
}
const f = (x, d = 2) => (x === undefined ? '—' : x.toFixed(d))
process.stdout.write('loadResources alone:\n\n| build | population rows | wall s | CPU s | peak RSS MB | load.population s | load.clinvar s | load avg |\n|---|---:|---:|---:|---:|---:|---:|---:|\n')
for (const x of loads) process.stdout.write(`| ${x.label} | ${x.rows} | ${f(x.wall, 1)} | ${f(x.cpu, 1)} | ${f(x.rssMB, 0)} | ${f(x['load.population'])} | ${f(x['load.clinvar'])} | ${f(x.load, 1)} |\n`)
process.stdout.write('\nprioritise (CLI):\n\n| build | wall s | CPU s | peak RSS MB | load.population s | load.clinvar s | load avg |\n|---|---:|---:|---:|---:|---:|---:|\n')
for (const x of rows) process.stdout.write(`| ${x.label} | ${f(x.wall, 1)} | ${f(x.cpu, 1)} | ${f(x.rssMB, 0)} | ${f(x.population)} | ${f(x.clinvar)} | ${f(x.load, 1)} |\n`)
process.stdout.write(`\nresults.json (without timings, started) identical across all runs: ${results.size === 1 ? 'yes' : 'NO'}\n`)
