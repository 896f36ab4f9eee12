// The web app's re-filter kernel (app/src/refilter.ts over app/src/columns.ts) against a plain
// reference written with objects, filter and sort: random stores and random cut-offs, modes,
// panels, quality thresholds and consent; and the store of a real results.json keeps the run's
// own ranking when nothing is filtered out.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { MODES, storeFromResult, type ColumnStore } from '../app/src/columns.js'
import { Refilter, type FilterParams } from '../app/src/refilter.js'
import { syntheticStore } from '../app/src/synthetic.js'
import { makeResult } from './helpers/report-fixture.js'

/** The same semantics, the slow obvious way. */
function reference(s: ColumnStore, p: FilterParams) {
  const keep = (i: number) => {
    const g = s.gene[i]
    if (s.minGq[i] < p.minGq || s.minDp[i] < p.minDp) return false
    if (p.panel && !p.panel[g]) return false
    if (!p.secondary && s.geneSecondary[g]) return false
    return MODES.some((m, b) => (s.modeBits[i] >> b) & 1 && p.cutoffs[m] !== undefined && p.cutoffs[m]! >= 0 && s.popmax[i] <= p.cutoffs[m]!)
  }
  const pass = Array.from({ length: s.n }, (_, i) => keep(i))
  const rows = [...Array(s.n).keys()].filter((i) => pass[i] && (s.pair[i] < 0 || pass[s.pair[i]]))
    .sort((a, b) => s.score[b] - s.score[a] || a - b)
  const genes: number[] = []
  for (const i of rows) if (!genes.includes(s.gene[i])) genes.push(s.gene[i])
  return { rows, genes }
}

const params = fc.record({
  cutoffs: fc.dictionary(fc.constantFrom(...MODES), fc.oneof(fc.constant(-1), fc.double({ min: 0, max: 0.6, noNaN: true }))),
  minGq: fc.integer({ min: 0, max: 99 }),
  minDp: fc.integer({ min: 0, max: 60 }),
  panel: fc.boolean(),
  secondary: fc.boolean(),
})

describe('app re-filter kernel', () => {
  it('matches the reference on random stores and parameters', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 0, max: 3000 }), params, (seed, n, q) => {
      const s = syntheticStore(n, 200, seed)
      const p: FilterParams = { ...q, panel: q.panel ? s.genePanel : null }
      const v = new Refilter(s).run(p)
      const ref = reference(s, p)
      expect(Array.from(v.rows)).toEqual(ref.rows)
      expect(Array.from(v.genes)).toEqual(ref.genes)
      // the best row of each gene is its first surviving row in score order
      for (let k = 0; k < v.genes.length; k++) expect(s.gene[v.best[k]]).toBe(v.genes[k])
    }), { numRuns: 60 })
  })

  it('rows are stored best score first and the kernel reuses its buffers', () => {
    const s = syntheticStore(50_000, 1000, 7)
    for (let i = 1; i < s.n; i++) expect(s.score[i - 1] >= s.score[i]).toBe(true)
    const k = new Refilter(s)
    const a = k.run({ cutoffs: { de_novo: 0.5 }, minGq: 0, minDp: 0, panel: null, secondary: true })
    const b = k.run({ cutoffs: { de_novo: 0.5 }, minGq: 0, minDp: 0, panel: null, secondary: true })
    expect(b.rows.buffer).toBe(a.rows.buffer)
  })

  it('a results.json store, unfiltered, gives the run its own ranks, and filters drop what they should', () => {
    const r = makeResult({ secondary: true, extra: 40 })
    const s = storeFromResult(r)
    const all: FilterParams = { cutoffs: Object.fromEntries(MODES.map((m) => [m, 1])), minGq: 0, minDp: 0, panel: null, secondary: true }
    const v = new Refilter(s).run(all)
    const got = Array.from(v.genes, (g, k) => `${s.genes[g].family}/${s.genes[g].gene}#${v.rank[k]}`).sort()
    const want = [...r.genes, ...r.secondary].map((g) => `${g.family}/${g.gene}#${g.rank}`).sort()
    expect(got).toEqual(want)
    // no de novo mode: the de novo SCN1A of FAM1 goes; the panel keeps only panel genes
    const k = new Refilter(s)
    const { de_novo: _, ...rest } = all.cutoffs
    const noDn = k.run({ ...all, cutoffs: rest })
    expect(Array.from(noDn.genes, (g) => s.genes[g].gene)).not.toContain('SCN1A')
    const panel = k.run({ ...all, panel: s.genePanel })
    expect(new Set(Array.from(panel.genes, (g) => s.genes[g].gene))).toEqual(new Set([...r.genes, ...r.secondary].filter((g) => g.panel).map((g) => g.gene)))
    // consent related: the secondary finding is not shown
    const rel = k.run({ ...all, secondary: false })
    expect(rel.genes.length).toBe(r.genes.length)
  })
})
