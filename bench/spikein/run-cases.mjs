// Generates and prioritises the planned cases one after the other (the resources and the
// world are loaded once and shared), recording the causal gene's rank with and without HPO
// terms and the time of each step.
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { causalRank } from './metrics.mjs'

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'src')

/**
 * The library functions the benchmark uses, from the build (dist/); the test passes the
 * sources' instead.
 */
export async function distApi() {
  const [trio, world, bundle, index] = await Promise.all(['world/trio.js', 'world/index.js', 'resources/bundle.js', 'index.js'].map((p) => import(join(dist, p))))
  return { generateTrio: trio.generateTrio, loadWorldBundle: trio.loadWorldBundle, generateWorld: world.generateWorld, openBundle: bundle.openBundle, prioritise: index.prioritise, loadResources: index.loadResources }
}

/** Seconds of wall and CPU (user + system) that f takes. */
async function timed(f) {
  const w = performance.now()
  const c = process.cpuUsage()
  const value = await f()
  const d = process.cpuUsage(c)
  return { value, wall: (performance.now() - w) / 1000, cpu: (d.user + d.system) / 1e6 }
}

/** Makes the world bundle when DIR has none (`vartriage world --seed worldSeed --scale scale`). */
export async function ensureWorld(dir, scale, worldSeed, say = () => {}, api) {
  if (existsSync(join(dir, 'resources.json'))) return
  say(`making a ${scale} world in ${dir}`)
  const { generateWorld } = api ?? await distApi()
  await generateWorld({ out: dir, seed: worldSeed, scale })
}

export async function runCases({ cases, worldDir, scale, worldSeed, out, variants, rarePerMb, keep = false, say = () => {}, threads = 1, api }) {
  api ??= await distApi()
  await ensureWorld(worldDir, scale, worldSeed, say, api)
  const { generateTrio, loadWorldBundle, openBundle, prioritise, loadResources } = api
  const setup = await timed(async () => {
    const world = await loadWorldBundle(worldDir)
    const bundle = await openBundle(worldDir)
    const loaded = await loadResources(bundle)
    await loaded.phenotype()
    return { world, bundle, loaded }
  })
  const { world, bundle, loaded } = setup.value
  say(`world and resources loaded in ${setup.wall.toFixed(1)} s`)
  const rows = []
  for (const c of cases) {
    const dir = join(out, 'cases', c.id)
    mkdirSync(dir, { recursive: true })
    const gen = await timed(() => generateTrio({ resources: worldDir, out: dir, seed: c.seed, backgroundSeed: c.backgroundSeed, mode: c.mode, kind: c.kind, variants, rarePerMb, name: c.id }, world))
    const t = gen.value.cases[0]
    const base = { vcf: gen.value.vcf, ped: gen.value.ped, resources: bundle, loaded, consent: 'related+secondary', threads }
    const withHpo = await timed(() => prioritise({ ...base, phenopacket: gen.value.phenopackets[0] }))
    const noHpo = await timed(() => prioritise(base))
    const a = causalRank(withHpo.value, t.family, t.gene)
    const b = causalRank(noHpo.value, t.family, t.gene)
    const annotated = world.g2p.get(t.gene)?.length ?? 0
    rows.push({
      ...c, gene: t.gene, sex: t.sex, family: t.family, causal: t.variants.map((x) => x.key),
      hpo: { annotated, fromGene: t.hpoFromGene.length, noise: t.hpoNoise.length },
      records: gen.value.records, candidates: withHpo.value.counts.candidates, genesReported: a.genes, genesNoHpo: b.genes, counts: withHpo.value.counts,
      withHpo: { rank: a.rank, hit: a.hit, above: a.above }, noHpo: { rank: b.rank, hit: b.hit, above: b.above.slice(0, 3) },
      seconds: { generate: gen.wall, withHpo: withHpo.wall, noHpo: noHpo.wall, withHpoCpu: withHpo.cpu, noHpoCpu: noHpo.cpu },
    })
    say(`${c.id} ${c.mode} ${c.kind} ${t.gene}: rank ${a.rank ?? '-'} with HPO, ${b.rank ?? '-'} without (${withHpo.wall.toFixed(2)} s + ${noHpo.wall.toFixed(2)} s)`)
    if (!keep) rmSync(dir, { recursive: true, force: true })
  }
  return { setupSeconds: setup.wall, cases: rows }
}
