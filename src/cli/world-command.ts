// `vartriage world --out DIR [--seed N] [--scale small|wgs]`: writes a synthetic resource
// bundle (see docs/resource-bundle.md and docs/world.md).
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { UsageError } from '../errors.js'
import { parse } from './options.js'

export const WORLD_USAGE = `world: vartriage world --out DIR [--seed N] [--scale small|wgs]
       writes a synthetic GRCh38-shaped resource bundle (FASTA, GFF3, gnomAD-like and
       ClinVar-like VCFs, missense scores, panels, ACMG SF list, resources.json);
       the same seed and scale give byte-identical files. Default: --seed 1 --scale small
       vartriage world trio --resources DIR --out DIR …: a family genome on a bundle (world trio --help)
`

export const world = async (args: string[]): Promise<number> => {
  if (args[0] === 'tumour') return (await import('./world-tumour-command.js')).worldTumour(args.slice(1))
  if (args[0] === 'trio') return (await import('../world/trio-cli.js')).trioCommand(args.slice(1))
  const { values: v, positionals } = parse(args, { out: { type: 'string' }, seed: { type: 'string' }, scale: { type: 'string' } })
  if (v.help) { process.stdout.write(WORLD_USAGE); return 0 }
  if (positionals.length > 0) throw new UsageError(`world: unexpected argument "${positionals[0]}"`)
  const out = v.out ?? v.output
  if (!out) throw new UsageError('world: --out DIR is required')
  const seed = Number(v.seed ?? 1)
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) throw new UsageError(`world: --seed expects an integer 0..4294967295, got "${v.seed}"`)
  const scale = v.scale ?? 'small'
  if (scale !== 'small' && scale !== 'wgs') throw new UsageError(`world: --scale expects small or wgs, got "${scale}"`)
  const { generateWorld } = await import('../world/index.js')
  const t0 = Date.now()
  const say = (s: string) => { if (!v.quiet) process.stderr.write(s) }
  const r = await generateWorld({ out, seed, scale, onStep: (s, ms) => say(`vartriage world: ${s} ${(ms / 1000).toFixed(1)} s\n`) })
  let bytes = 0
  for (const f of r.manifest.files) {
    bytes += f.bytes ?? 0
    for (const x of f.indexes ?? []) bytes += x.bytes ?? 0
  }
  say(`vartriage world: ${out} (seed ${seed}, ${scale}): ${r.counts.genes} genes, ${r.counts.transcripts} transcripts, ` +
    `${r.counts.population} population sites, ${r.counts.clinvar} ClinVar variants, ${r.counts.scores} scores; ` +
    `${(bytes / 1e6).toFixed(1)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s (manifest ${statSync(join(out, 'resources.json')).size} bytes)\n`)
  return 0
}
