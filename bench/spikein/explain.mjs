// Why a causal allele was not ranked: its calls as the VCF has them (read back with bcftools
// query, independent of the library's reader) checked against the default genotype-quality
// thresholds of the inheritance stage (slivar's: GQ >= 20, DP >= 6, het AB 0.2-0.8, hom-alt
// AB >= 0.98, hom-ref AB <= 0.02; docs/inheritance.md).
//
//   node bench/spikein/explain.mjs [--out bench/data/spikein]   # the misses of spikein.json, regenerated
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)
export const DEFAULTS = { minGq: 20, minDp: 6, hetAb: [0.2, 0.8], homAltAb: 0.98, homRefAb: 0.02 }

/** Per causal key and sample: GT, AD, DP, GQ, AB and what fails the thresholds. */
export async function causalCalls(vcf, keys, t = DEFAULTS) {
  const regions = keys.map((k) => { const [c, p] = k.split(':'); return `${c}:${p}-${p}` }).join(',')
  const samples = (await run('bcftools', ['query', '-l', vcf])).stdout.trim().split('\n')
  const out = (await run('bcftools', ['query', '-r', regions, '-f', '%CHROM:%POS:%REF:%ALT[\t%GT|%AD|%DP|%GQ]\n', vcf])).stdout.trim().split('\n')
  const rows = []
  for (const line of out) {
    const [key, ...calls] = line.split('\t')
    if (!keys.includes(key)) continue
    calls.forEach((c, i) => {
      const [gt, ad, dp, gq] = c.split('|')
      const [r, a] = ad.split(',').map(Number)
      const ab = r + a > 0 ? a / (r + a) : NaN
      const alts = gt.split(/[/|]/).filter((x) => x !== '0' && x !== '.').length
      const n = gt.split(/[/|]/).length
      const fails = []
      if (Number(gq) < t.minGq) fails.push(`GQ ${gq} < ${t.minGq}`)
      if (Number(dp) < t.minDp) fails.push(`DP ${dp} < ${t.minDp}`)
      if (alts === 0 && ab > t.homRefAb) fails.push(`hom-ref AB ${ab.toFixed(3)} > ${t.homRefAb}`)
      if (alts > 0 && alts < n && (ab < t.hetAb[0] || ab > t.hetAb[1])) fails.push(`het AB ${ab.toFixed(3)} outside ${t.hetAb.join('-')}`)
      if (alts === n && ab < t.homAltAb) fails.push(`${n === 1 ? 'hemizygous' : 'hom-alt'} AB ${ab.toFixed(3)} < ${t.homAltAb}`)
      rows.push({ key, sample: samples[i], gt, ad, dp: Number(dp), gq: Number(gq), ab, fails })
    })
  }
  return rows
}

/** One line per failing call: "FAM1_mother chr11:…:C:A 0/0 AD 28,1: hom-ref AB 0.034 > 0.02". */
export function explainLine(rows) {
  const bad = rows.filter((r) => r.fails.length)
  return bad.length ? bad.map((r) => `${r.sample} ${r.key} ${r.gt} AD ${r.ad} DP ${r.dp} GQ ${r.gq}: ${r.fails.join(', ')}`).join('; ') : 'every causal call passes the default thresholds'
}

/** GRCh38 pseudo-autosomal regions of X (1-based, inclusive). */
const PAR = [[10_001, 2_781_479], [155_701_383, 156_030_895]]
export const inPar = (key) => { const [c, p] = key.split(':'); return /^(chr)?X$/.test(c) && PAR.some(([a, b]) => +p >= a && +p <= b) }

/**
 * Regenerates each case of a spike-in run whose causal gene is missing from a ranking, runs
 * prioritise() once more, and says why: a causal call failing the quality thresholds, an
 * X-linked allele in a PAR (treated as autosomal), or the gene masked by consent.
 */
export async function explainMisses(result, { out, api, say = () => {} }) {
  const { join } = await import('node:path')
  const { rmSync } = await import('node:fs')
  const misses = result.cases.filter((c) => c.withHpo.rank === null || c.noHpo.rank === null)
  if (!misses.length) return []
  const world = await api.loadWorldBundle(result.world)
  const bundle = await api.openBundle(result.world)
  const loaded = await api.loadResources(bundle)
  const rows = []
  for (const c of misses) {
    const dir = join(out, 'explain', c.id)
    const g = await api.generateTrio({ resources: result.world, out: dir, seed: c.seed, backgroundSeed: c.backgroundSeed, mode: c.mode, kind: c.kind,
      variants: result.variantsPerGenome, rarePerMb: result.rarePerMb === 'default' ? undefined : result.rarePerMb, name: c.id }, world)
    const keys = g.cases[0].variants.map((v) => v.key)
    const calls = await causalCalls(g.vcf, keys)
    const reasons = []
    if (calls.some((r) => r.fails.length)) reasons.push(`causal call fails quality: ${explainLine(calls)}`)
    if (keys.some(inPar)) reasons.push(`X-linked allele in the PAR (${keys.filter(inPar).join(', ')}): scanned as autosomal, where a hemizygous call fits no mode`)
    for (const [label, extra] of [['with HPO', { phenopacket: g.phenopackets[0] }], ['without HPO', {}]]) {
      const r = await api.prioritise({ vcf: g.vcf, ped: g.ped, resources: bundle, loaded, consent: 'related+secondary', ...extra })
      if (r.masked.count > 0) reasons.push(`${label}: ${r.masked.count} finding(s) masked by consent although consent is related+secondary (an ACMG SF gene not related to the indication and not reportable as a secondary finding)`)
    }
    rows.push({ id: c.id, mode: c.mode, kind: c.kind, gene: c.gene, withHpo: c.withHpo.rank, noHpo: c.noHpo.rank, reasons: reasons.length ? reasons : ['unexplained'] })
    say(`${c.id} ${c.gene}: ${rows.at(-1).reasons.join(' | ')}`)
    rmSync(dir, { recursive: true, force: true })
  }
  return rows
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { parseArgs } = await import('node:util')
  const { readFileSync, writeFileSync } = await import('node:fs')
  const { join, dirname } = await import('node:path')
  const { fileURLToPath } = await import('node:url')
  const { distApi } = await import('./run-cases.mjs')
  const { assemble } = await import('./report.mjs')
  const here = dirname(fileURLToPath(import.meta.url))
  const { values: v } = parseArgs({ options: { out: { type: 'string', default: join(here, '..', 'data', 'spikein') } } })
  const result = JSON.parse(readFileSync(join(v.out, 'spikein.json'), 'utf8'))
  const rows = await explainMisses(result, { out: v.out, api: await distApi(), say: (m) => process.stderr.write(`${m}\n`) })
  writeFileSync(join(v.out, 'misses.json'), JSON.stringify(rows, null, 1))
  assemble()
}
