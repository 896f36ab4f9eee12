// `vartriage world trio --resources DIR --out DIR [--seed N] [--mode M] [--gene G] [--variants N] …`
import { UsageError } from '../errors.js'
import { parse } from '../cli/options.js'
import { SPIKE_MODES, type SpikeMode } from './trio-model.js'

export const TRIO_USAGE = `world trio: vartriage world trio --resources DIR --out DIR [--seed N] [--background-seed N]
       [--mode ${SPIKE_MODES.join('|')}] [--gene SYMBOL] [--kind snv|indel]
       [--variants N] [--families N] [--quad] [--name PREFIX]
       writes a family genome on a world bundle: PREFIX.vcf.gz (+ .tbi, GT:AD:DP:GQ), PREFIX.ped,
       PREFIX.phenopacket.json and PREFIX.truth.json (the spiked-in gene, mode, variants, HPO terms).
       Default: --seed 1, a random mode and gene, --name trio, 40,000 records (4.5 M for a wgs world)
`

const int = (v: string | undefined, name: string, min: number, max: number): number | undefined => {
  if (v === undefined) return undefined
  const n = Number(v)
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`world trio: --${name} expects an integer ${min}..${max}, got "${v}"`)
  return n
}

export async function trioCommand(args: string[]): Promise<number> {
  const { values: v, positionals } = parse(args, {
    resources: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' }, 'background-seed': { type: 'string' },
    mode: { type: 'string' }, gene: { type: 'string' }, kind: { type: 'string' }, variants: { type: 'string' },
    families: { type: 'string' }, quad: { type: 'boolean' }, name: { type: 'string' },
  })
  if (v.help) { process.stdout.write(TRIO_USAGE); return 0 }
  if (positionals.length > 0) throw new UsageError(`world trio: unexpected argument "${positionals[0]}"`)
  if (!v.resources) throw new UsageError('world trio: --resources DIR (a bundle made by `vartriage world`) is required')
  const out = v.out ?? v.output
  if (!out) throw new UsageError('world trio: --out DIR is required')
  if (v.mode !== undefined && !SPIKE_MODES.includes(v.mode as SpikeMode)) throw new UsageError(`world trio: --mode expects one of ${SPIKE_MODES.join(', ')}, got "${v.mode}"`)
  if (v.kind !== undefined && v.kind !== 'snv' && v.kind !== 'indel') throw new UsageError(`world trio: --kind expects snv or indel, got "${v.kind}"`)
  const { generateTrio } = await import('./trio.js')
  const t0 = Date.now()
  const r = await generateTrio({
    resources: v.resources, out, seed: int(v.seed, 'seed', 0, 0xffffffff), backgroundSeed: int(v['background-seed'], 'background-seed', 0, 0xffffffff),
    mode: v.mode as SpikeMode | undefined, gene: v.gene, kind: v.kind as 'snv' | 'indel' | undefined,
    variants: int(v.variants, 'variants', 0, 100_000_000), families: int(v.families, 'families', 1, 100), quad: v.quad, name: v.name,
  })
  if (!v.quiet) {
    const cases = r.cases.map((c) => `${c.family}: ${c.gene} ${c.mode} (${c.variants.map((x) => x.key).join(', ')})`).join('; ')
    process.stderr.write(`vartriage world trio: ${r.vcf}: ${r.records} records, ${r.samples.length} samples in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${cases}\n`)
  }
  return 0
}
