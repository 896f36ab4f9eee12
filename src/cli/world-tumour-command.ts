// `vartriage world tumour --resources DIR --out DIR [--seed N]`: a synthetic tumour/normal
// pair (Mutect2-shaped two-sample VCF + truth JSON) for a world bundle (src/world/tumour.ts).
import { UsageError } from '../errors.js'
import { parse } from './options.js'

export const WORLD_TUMOUR_USAGE = `world tumour: vartriage world tumour --resources DIR --out DIR [--seed N]
       writes tumour-normal.vcf.gz (+ .tbi; samples NORMAL, TUMOUR; FORMAT GT:AD:AF:DP) and
       tumour-normal.truth.json for the world bundle in DIR: somatic variants (hotspots of the
       bundle's somatic-evidence table among them), germline ones and calls failing a threshold
`

export const worldTumour = async (args: string[]): Promise<number> => {
  const { values: v, positionals } = parse(args, { out: { type: 'string' }, seed: { type: 'string' }, resources: { type: 'string' } })
  if (v.help) { process.stdout.write(WORLD_TUMOUR_USAGE); return 0 }
  if (positionals.length > 0) throw new UsageError(`world tumour: unexpected argument "${positionals[0]}"`)
  const out = v.out ?? v.output
  if (!out) throw new UsageError('world tumour: --out DIR is required')
  if (!v.resources) throw new UsageError('world tumour: --resources DIR (a bundle written by `vartriage world`) is required')
  const seed = Number(v.seed ?? 1)
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) throw new UsageError(`world tumour: --seed expects an integer 0..4294967295, got "${v.seed}"`)
  const { generateTumour } = await import('../world/tumour.js')
  const t0 = Date.now()
  const r = await generateTumour({ resources: v.resources, out, seed })
  const somatic = r.truth.variants.filter((x) => x.somatic).length
  if (!v.quiet) process.stderr.write(`vartriage world tumour: ${r.vcf}: ${r.truth.variants.length} alleles, ${somatic} somatic ` +
    `(${r.truth.variants.filter((x) => x.class === 'somatic-hotspot').length} hotspots), in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`)
  return 0
}
