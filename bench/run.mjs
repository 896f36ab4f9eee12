#!/usr/bin/env node
// Whole-process benchmark, per data shape: vartriage vs bcftools (view -i, query -f), one vs
// two threads, the genotype-scan API vs @gmod/vcf GENOTYPES(), and peak RSS. Commands that
// are compared run side by side in one hyperfine call (absolute times drift on shared
// machines; ratios measured together hold better). Writes bench/RESULTS.md (the tables and
// targets, then bench/NOTES.md) and bench/data/results.json.
//
//   npm run bench                         # every shape, 3 timed runs each
//   node bench/run.mjs --quick            # 1 run each, small files (a smoke test of the harness)
//   node bench/run.mjs --shapes lean,wide # some shapes only
//   BENCH_RUNS=5 node bench/run.mjs
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { cpus, totalmem, availableParallelism, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import { inflateFloor } from './inflate-floor.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const argv = process.argv.slice(2)
const quick = argv.includes('--quick')
const runs = quick ? 1 : Number(process.env.BENCH_RUNS ?? 3)
const dataDir = join(here, 'data')
mkdirSync(dataDir, { recursive: true })

const FILTER = 'INFO/AF<0.01 && FMT/GQ>=20 && GT="alt"'
const FORMAT = '%CHROM\\t%POS\\t%REF\\t%ALT[\\t%GT]\\n'
const VT = `node ${join(root, 'dist/src/cli/bin.js')}`

// The shapes (bench/generate-vcf.mjs --shape): the lean GATK trio a user reported, the
// generator's GATK default (with dbSNP IDs and an annotation), and a wide cohort with numeric
// FORMAT tags for every sample.
const ALL = [
  { shape: 'lean', label: 'lean GATK trio', records: quick ? 100_000 : 1_000_000, samples: 3 },
  { shape: 'gatk', label: 'GATK trio (IDs, ANN)', records: quick ? 100_000 : 1_000_000, samples: 3 },
  { shape: 'wide', label: 'wide cohort (GT:AD:DP:GD:GL:GQ:OG)', records: quick ? 2_000 : 50_000, samples: 200 },
]
const only = argv.includes('--shapes') ? argv[argv.indexOf('--shapes') + 1].split(',') : undefined
const SETS = ALL.filter((s) => !only || only.includes(s.shape))

// Targets (issue "Core hardening"): measured here, never in timed tests.
const T = { view: 2.5, query: 2, scale: 1.8, scaleMinMB: 50, gt: 5, rss: 300 }

function sh(cmd) { return execFileSync('bash', ['-c', cmd], { encoding: 'utf8', maxBuffer: 1 << 30 }) }

function ensureData(set) {
  const file = join(dataDir, `${set.shape}-${set.records}x${set.samples}.vcf.gz`)
  if (!existsSync(`${file}.tbi`)) {
    process.stderr.write(`generating ${file}\n`)
    execFileSync('node', [join(here, 'generate-vcf.mjs'), '--shape', set.shape, '--records', String(set.records),
      '--samples', String(set.samples), '--seed', '1', '--out', file], { stdio: 'inherit' })
  }
  return file
}

/**
 * Runs the commands side by side in one hyperfine call; per command the median wall time (s)
 * and the mean CPU time (user + system, s) of `n` runs after `warmup` warm-ups.
 */
function timeAll(cmds, n = runs, warmup = 1) {
  const out = join(dataDir, 'hyperfine.json')
  const names = Object.keys(cmds)
  const args = ['--style', 'none', '--warmup', String(warmup), '--runs', String(n), '--export-json', out]
  for (const k of names) args.push('-n', k, cmds[k])
  execFileSync('hyperfine', args, { stdio: ['ignore', 'ignore', 'inherit'] })
  const res = {}
  for (const r of JSON.parse(readFileSync(out, 'utf8')).results) res[r.command] = { wall: r.median, cpu: r.user + r.system }
  return res
}

/** Peak resident set size (MB) of one run (GNU time reports the largest process of the tree). */
function peakRss(cmd) {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', 'bash', '-c', cmd], { encoding: 'utf8', maxBuffer: 1 << 30 })
  return Number(r.stderr.trim().split('\n').pop()) / 1024
}

function machine() {
  const c = cpus()
  const lscpu = sh('lscpu | grep -E "^(Model name|CPU\\(s\\)|Thread|Core|Hypervisor)" | sed "s/  */ /g"').trim().split('\n').join('; ')
  return [
    `- CPU: ${c[0]?.model ?? 'unknown'}, ${availableParallelism()} cores available (lscpu: ${lscpu})`,
    `- Memory: ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `- Node ${process.version}; ${sh('bcftools --version | head -1').trim()}; hyperfine ${sh('hyperfine --version').trim().split(' ')[1]}`,
    `- Load average when the run ended: ${loadavg().map((x) => x.toFixed(1)).join(', ')} (the machine is shared)`,
  ].join('\n')
}

const md5 = (cmd) => sh(`${cmd} | md5sum`).split(' ')[0]

const rows = []
for (const set of SETS) {
  const file = ensureData(set)
  const mb = statSync(file).size / 1e6
  const v = (t) => `${VT} view --threads ${t} -i '${FILTER}' ${file} > /dev/null`
  const q = (t) => `${VT} query --threads ${t} -f '${FORMAT}' ${file} > /dev/null`
  const bv = `bcftools view -i '${FILTER}' ${file} > /dev/null`
  const bq = `bcftools query -f '${FORMAT}' ${file} > /dev/null`
  process.stderr.write(`${set.shape}: checking outputs\n`)
  // same answer first: the comparisons only mean something if all select the same records
  const q1 = md5(`${VT} query --threads 1 -f '${FORMAT}' ${file}`)
  const q2 = md5(`${VT} query --threads 2 -f '${FORMAT}' ${file}`)
  const qb = md5(`bcftools query -f '${FORMAT}' ${file}`)
  if (q1 !== qb || q1 !== q2) throw new Error(`${set.shape}: query outputs differ (1t ${q1}, 2t ${q2}, bcftools ${qb})`)
  const noCmd = "grep -v '^##vartriage_viewCommand'"
  const v1 = md5(`${VT} view --threads 1 -i '${FILTER}' ${file} | ${noCmd}`)
  const v2 = md5(`${VT} view --threads 2 -i '${FILTER}' ${file} | ${noCmd}`)
  if (v1 !== v2) throw new Error(`${set.shape}: view output differs between 1 and 2 threads`)
  // bcftools re-prints numbers (60.00 -> 60); vartriage copies the lines: compare records
  const keys = "grep -v '^#' | cut -f1,2,4,5"
  const vk = md5(`${VT} view --threads 1 -i '${FILTER}' ${file} | ${keys}`)
  const bk = md5(`bcftools view -i '${FILTER}' ${file} | ${keys}`)
  if (vk !== bk) throw new Error(`${set.shape}: view -i selects other records than bcftools`)
  const gtOurs = sh(`node ${join(here, 'gt-scan.mjs')} ${file} vartriage`)
  const gtGmod = sh(`node ${join(here, 'gt-scan.mjs')} ${file} gmod`)
  if (gtOurs !== gtGmod) throw new Error(`${set.shape}: genotype counts differ: ${gtOurs} vs ${gtGmod}`)

  const res = { set, file, mb, checks: { query: q1, view: v1, genotypes: gtOurs.trim() }, t: {}, rss: {} }
  process.stderr.write(`${set.shape}: view\n`)
  Object.assign(res.t, timeAll({ 'vartriage view -i (1 thread)': v(1), 'vartriage view -i (2 threads)': v(2), 'bcftools view -i': bv }))
  process.stderr.write(`${set.shape}: query\n`)
  Object.assign(res.t, timeAll({ 'vartriage query -f (1 thread)': q(1), 'vartriage query -f (2 threads)': q(2), 'bcftools query -f': bq }))
  process.stderr.write(`${set.shape}: genotype scan\n`)
  // @gmod takes a long time on the big files: one run each, no warm-up, side by side
  Object.assign(res.t, timeAll({
    'genotype scan: vartriage genotypeMatrix()': `node ${join(here, 'gt-scan.mjs')} ${file} vartriage > /dev/null`,
    'genotype scan: vartriage genotype(i, s) strings': `node ${join(here, 'gt-scan.mjs')} ${file} strings > /dev/null`,
    'genotype scan: @gmod/vcf GENOTYPES()': `node ${join(here, 'gt-scan.mjs')} ${file} gmod > /dev/null`,
  }, quick ? 1 : 2, 0))
  process.stderr.write(`${set.shape}: peak RSS\n`)
  for (const [k, cmd] of Object.entries({
    'vartriage view -i (1 thread)': v(1), 'vartriage view -i (2 threads)': v(2), 'bcftools view -i': bv,
    'vartriage query -f (1 thread)': q(1), 'vartriage query -f (2 threads)': q(2), 'bcftools query -f': bq,
  })) res.rss[k] = peakRss(cmd)
  process.stderr.write(`${set.shape}: stages\n`)
  res.stages = JSON.parse(sh(`node ${join(here, 'stages.mjs')} ${file} --json --runs 1`))
  res.floor = await inflateFloor(file)
  rows.push(res)
}
writeFileSync(join(dataDir, quick ? 'results.quick.json' : 'results.json'), JSON.stringify(rows, null, 1))

const f2 = (x) => x.toFixed(2)
const met = (ok) => (ok ? '**met**' : '**not met**')
let md = `# Benchmark results

Generated by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.
Per shape, every command reads the same bgzipped file and writes to /dev/null: \`view -i '${FILTER}'\`
and \`query -f '${FORMAT}'\` (no filter), against bcftools, on 1 and 2 threads; the genotype scan
reads every genotype of every sample through the library (bench/gt-scan.mjs) against @gmod/vcf's
\`GENOTYPES()\` on the same lines. Before timing, the outputs were checked: query output
byte-identical for vartriage 1 thread, 2 threads and bcftools; view output byte-identical for 1
and 2 threads and selecting the same records as bcftools view; the genotype counts equal.
Times: hyperfine, median wall time of ${runs} runs after a warm-up (the genotype scans: ${quick ? 1 : 2} runs,
no warm-up); CPU = mean user + system time. Peak RSS: \`/usr/bin/time\`, one run.

## Machine
${machine()}

`
const targets = []
let body = ''
for (const r of rows) {
  const t = r.t
  const W = (k) => t[k].wall
  const C = (k) => t[k].cpu
  body += `## ${r.set.label}: ${r.set.records.toLocaleString('en')} records x ${r.set.samples} samples, ${r.mb.toFixed(0)} MB bgzipped\n\n`
  body += '| command | median wall s | CPU s | peak RSS MB |\n|---|---:|---:|---:|\n'
  for (const k of Object.keys(t)) body += `| ${k} | ${f2(W(k))} | ${f2(C(k))} | ${r.rss[k] === undefined ? '' : r.rss[k].toFixed(0)} |\n`
  const view1 = W('bcftools view -i') / W('vartriage view -i (1 thread)')
  const query1 = W('bcftools query -f') / W('vartriage query -f (1 thread)')
  const viewCpu = C('bcftools view -i') / C('vartriage view -i (1 thread)')
  const queryCpu = C('bcftools query -f') / C('vartriage query -f (1 thread)')
  const sv = W('vartriage view -i (1 thread)') / W('vartriage view -i (2 threads)')
  const sq = W('vartriage query -f (1 thread)') / W('vartriage query -f (2 threads)')
  const gt = W('genotype scan: @gmod/vcf GENOTYPES()') / W('genotype scan: vartriage genotypeMatrix()')
  const gtStr = W('genotype scan: @gmod/vcf GENOTYPES()') / W('genotype scan: vartriage genotype(i, s) strings')
  const rss2 = Math.max(r.rss['vartriage view -i (2 threads)'], r.rss['vartriage query -f (2 threads)'])
  body += `\n- view -i, 1 thread: **${f2(view1)}x** bcftools (CPU time: ${f2(viewCpu)}x)\n`
  body += `- query -f, 1 thread: **${f2(query1)}x** bcftools (CPU time: ${f2(queryCpu)}x)\n`
  body += `- 2 threads vs 1 (wall): view **${f2(sv)}x**, query **${f2(sq)}x**\n`
  body += `- genotype scan: genotypeMatrix() **${f2(gt)}x** @gmod/vcf GENOTYPES(); genotype(i, s) strings ${f2(gtStr)}x\n`
  body += `- genotype counts (all three agree): ${r.checks.genotypes}\n\n`
  const st = r.stages
  body += 'Per-stage cost, one thread, in-process (bench/stages.mjs; each stage adds to the previous):\n\n| stage | cumulative ms | stage ms |\n|---|---:|---:|\n'
  let prev = 0
  for (const k of Object.keys(st)) {
    const own = k === 'query output' ? st[k] - st.filter : st[k] - prev
    body += `| ${k} | ${st[k].toFixed(0)} | ${own.toFixed(0)} |\n`
    if (k !== 'query output') prev = st[k]
  }
  body += `| (inflate floor: ${r.floor.method}, in-process) | ${r.floor.ms.toFixed(0)} | |\n\n`
  const big = r.mb >= T.scaleMinMB
  targets.push(
    [r.set.shape, `view -i >= ${T.view}x bcftools (1 thread)`, view1 >= T.view, `${f2(view1)}x (CPU ${f2(viewCpu)}x)`],
    [r.set.shape, `query -f >= ${T.query}x bcftools (1 thread)`, query1 >= T.query, `${f2(query1)}x (CPU ${f2(queryCpu)}x)`],
    [r.set.shape, `2 threads >= ${T.scale}x 1 thread${big ? '' : ` (file under ${T.scaleMinMB} MB: not a target)`}`, sv >= T.scale && sq >= T.scale, `view ${f2(sv)}x, query ${f2(sq)}x`],
    [r.set.shape, `genotype scan >= ${T.gt}x @gmod/vcf GENOTYPES()`, gt >= T.gt, `${f2(gt)}x`],
    [r.set.shape, `peak RSS < ${T.rss} MB with 2 threads`, rss2 < T.rss, `${rss2.toFixed(0)} MB`],
  )
}
md += '## Targets\n\n| shape | target | status | measured |\n|---|---|---|---|\n'
for (const [s, name, ok, val] of targets) md += `| ${s} | ${name} | ${met(ok)} | ${val} |\n`
md += '\n' + body
md += '## Coverage from a BAM index (30x-WGS-sized .bai, bench/coverage.mjs)\n\n```\n' + sh(`node ${join(here, 'coverage.mjs')} --runs ${quick ? 3 : 15}`) + '```\n\n'
md += '## WASM kernels (tinybench, one in-memory batch)\n\n```\n' + sh(`node ${join(here, 'micro.mjs')} --samples 3`) + sh(`node ${join(here, 'micro.mjs')} --samples 200`) + '```\n\n'
const out = join(here, quick ? 'RESULTS.quick.md' : 'RESULTS.md')
const notes = existsSync(join(here, 'NOTES.md')) ? '\n' + readFileSync(join(here, 'NOTES.md'), 'utf8') : ''
writeFileSync(out, md + notes)
process.stderr.write(`wrote ${out}\n`)
