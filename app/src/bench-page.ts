// bench.html: builds a synthetic store (?rows=N, default 1,000,000) and times each re-filter
// change `runs` times; bench/refilter.mjs reads window.benchResult.
import { syntheticStore } from './synthetic.js'
import { Refilter } from './refilter.js'
import { paramsVariants } from './bench-params.js'

const q = new URLSearchParams(location.search)
const rows = Number(q.get('rows') ?? 1_000_000)
const runs = Number(q.get('runs') ?? 30)
const t0 = performance.now()
const store = syntheticStore(rows)
const buildMs = performance.now() - t0
const k = new Refilter(store)
const results: { change: string; median: number; p95: number; max: number; rows: number; genes: number }[] = []
for (const [change, p] of paramsVariants(store)) {
  for (let i = 0; i < 3; i++) k.run(p) // warm-up
  const times: number[] = []
  let v = k.run(p)
  for (let i = 0; i < runs; i++) { const t = performance.now(); v = k.run(p); times.push(performance.now() - t) }
  times.sort((a, b) => a - b)
  results.push({ change, median: times[Math.floor(times.length / 2)], p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)], max: times[times.length - 1], rows: v.rows.length, genes: v.genes.length })
}
// calibration on the same machine at the same time: one compare-and-count pass over one
// Float32Array column of the same length (a lower bound for any filter over it)
const cal: number[] = []
for (let r = 0; r < runs; r++) {
  const t = performance.now(); let c = 0
  for (let i = 0; i < store.n; i++) if (store.popmax[i] < 0.001) c++
  cal.push(performance.now() - t + c * 0)
}
cal.sort((a, b) => a - b)
const out = { rows, genes: store.genes.length, buildMs, runs, calibrationMs: cal[Math.floor(cal.length / 2)], userAgent: navigator.userAgent, results }
;(window as unknown as { benchResult: unknown }).benchResult = out
document.getElementById('out')!.textContent = JSON.stringify(out, null, 1)
