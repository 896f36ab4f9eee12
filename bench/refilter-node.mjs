// Re-filter kernel of the web app (app/src/refilter.ts) in Node, with tinybench: 1,000,000
// synthetic annotated variants, each task one re-filter after a cut-off change. The TS sources
// are bundled on the fly with esbuild (no app build needed). Usage: node bench/refilter-node.mjs [--rows N]
import { build } from 'esbuild'
import { Bench } from 'tinybench'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const arg = (k, d) => { const i = process.argv.indexOf(k); return i < 0 ? d : Number(process.argv[i + 1]) }
const rows = arg('--rows', 1_000_000)
const dir = mkdtempSync(join(tmpdir(), 'refilter-'))
try {
  await build({
    stdin: { contents: "export { syntheticStore } from './app/src/synthetic.ts'; export { Refilter } from './app/src/refilter.ts'; export { paramsVariants } from './app/src/bench-params.ts'", resolveDir: root, loader: 'ts' },
    bundle: true, format: 'esm', platform: 'node', outfile: join(dir, 'k.mjs'), logLevel: 'warning',
  })
  const { syntheticStore, Refilter, paramsVariants } = await import(pathToFileURL(join(dir, 'k.mjs')).href)
  let t = performance.now()
  const store = syntheticStore(rows)
  const buildMs = performance.now() - t
  const k = new Refilter(store)
  const variants = paramsVariants(store)
  const bench = new Bench({ iterations: 50, warmupIterations: 5 })
  for (const [name, p] of variants) bench.add(name, () => { k.run(p) })
  bench.add('calibration: one compare pass over one f32 column', () => { let c = 0; for (let i = 0; i < store.n; i++) if (store.popmax[i] < 0.001) c++; return c })
  await bench.run()
  console.log(`Node ${process.version}, ${rows.toLocaleString('en')} rows, ${store.genes.length} gene slots; store built in ${buildMs.toFixed(0)} ms`)
  console.log('| change | median ms | p99 ms | rows kept | genes kept |\n|---|---|---|---|---|')
  for (const task of bench.tasks) {
    const p = variants.find(([n]) => n === task.name)?.[1]
    const v = p ? k.run(p) : { rows: [], genes: [] }
    const r = task.result
    const lat = r.latency ?? r
    console.log(`| ${task.name} | ${Number(lat.p50 ?? lat.median).toFixed(2)} | ${Number(lat.p99).toFixed(2)} | ${v.rows.length.toLocaleString('en')} | ${v.genes.length.toLocaleString('en')} |`)
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
