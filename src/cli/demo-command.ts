// `vartriage demo [--out DIR]`: the first thing a new user runs. Generates a small synthetic
// world and a trio with a spiked-in diagnosis, prioritises it with the proband's phenotype,
// and says where the report is and whether the top gene is the true one.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { tmpdir } from 'node:os'
import { UsageError } from '../errors.js'
import { parse } from './options.js'
import { summary } from './prioritise-command.js'

export const DEMO_USAGE = `demo: vartriage demo [--out DIR] [--seed N]
       generates a synthetic world (resource bundle) and a trio with a known diagnosis, runs
       the full prioritisation and prints where the report is and the top gene against the
       truth. Default: --out ${join(tmpdir(), 'vartriage-demo')} --seed 1
`

export const demo = async (args: string[]): Promise<number> => {
  const { values: v, positionals } = parse(args, { out: { type: 'string' }, seed: { type: 'string' } })
  if (v.help) { process.stdout.write(DEMO_USAGE); return 0 }
  if (positionals.length > 0) throw new UsageError(`demo: unexpected argument "${positionals[0]}"`)
  const out = resolve(v.out ?? v.output ?? join(tmpdir(), 'vartriage-demo'))
  const seed = Number(v.seed ?? 1)
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) throw new UsageError(`demo: --seed expects an integer 0..4294967295, got "${v.seed}"`)
  const say = (s: string) => { if (!v.quiet) process.stderr.write(s) }
  const t0 = Date.now()
  const secs = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`

  const world = join(out, 'world')
  if (existsSync(join(world, 'resources.json'))) say(`vartriage demo: reusing the world in ${world}\n`)
  else {
    say(`vartriage demo: generating a synthetic world (seed 1, small) in ${world} …\n`)
    const { generateWorld } = await import('../world/index.js')
    await generateWorld({ out: world, seed: 1, scale: 'small' })
    say(`vartriage demo: world ready (${secs()})\n`)
  }

  const { generateTrio } = await import('../world/trio.js')
  const trioDir = join(out, 'trio')
  const trio = await generateTrio({ resources: world, out: trioDir, seed })
  const truth = trio.cases[0]
  say(`vartriage demo: trio ${trio.vcf} (${trio.records.toLocaleString('en')} records, ${trio.samples.join(', ')}); ` +
    `spiked-in diagnosis hidden in truth.json (${secs()})\n`)

  const { prioritise } = await import('../prioritise/api.js')
  const report = join(out, 'report')
  const phenopacket = trio.phenopackets[0]
  const result = await prioritise({ vcf: trio.vcf, ped: trio.ped, phenopacket, resources: world, out: report, cacheDir: join(out, 'cache') })
  say(summary(result, 5))
  const top = result.genes.find((g) => g.family === truth.family)
  const hit = top?.gene === truth.gene
  const rank = result.genes.find((g) => g.family === truth.family && g.gene === truth.gene)?.rank
  process.stdout.write(
    `report:   ${join(report, 'report.html')}\n` +
    `top gene: ${top ? `${top.gene} (${top.mode}, ${top.acmgClass}, score ${top.score.toFixed(3)})` : 'none'}\n` +
    `truth:    ${truth.gene} (${truth.mode}; ${truth.variants.map((x) => x.key).join(', ')}) — ` +
    `${hit ? 'ranked first' : rank ? `ranked ${rank}` : 'not found'}\n` +
    `time:     ${secs()}\n`)
  return 0
}
