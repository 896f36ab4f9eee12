// A seeded synthetic store of `n` annotated variants over `genes` gene slots, shaped like a
// genome-wide trio run (most variants common, a few rare; one or two compatible modes each;
// GQ/DP spread around the quality defaults). For the re-filter benchmark and the 1,000,000-row
// table; details are derived from the row index, so no per-row object exists until drawn.
import { alloc, inScoreOrder, MODES, type ColumnStore } from './columns.js'

function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function syntheticStore(n: number, nGenes = 20_000, seed = 1): ColumnStore {
  const r = rng(seed)
  const s = alloc(n, nGenes)
  for (let i = 0; i < n; i++) {
    const u = r()
    // log-uniform popmax over 1e-6..0.5, with 10% absent from the population file (0)
    s.popmax[i] = u < 0.1 ? 0 : Math.exp(Math.log(1e-6) + r() * (Math.log(0.5) - Math.log(1e-6)))
    const m1 = Math.floor(r() * MODES.length)
    s.modeBits[i] = (1 << m1) | (r() < 0.3 ? 1 << Math.floor(r() * MODES.length) : 0)
    s.minGq[i] = Math.floor(r() * 99)
    s.minDp[i] = Math.floor(r() * 60)
    s.gene[i] = Math.floor(r() * nGenes)
    s.cls[i] = Math.floor(r() * 5)
    s.score[i] = r()
    s.pair[i] = -1
  }
  // a few compound-het pairs inside the same gene
  for (let i = 0; i + 1 < n; i += 97) {
    s.gene[i + 1] = s.gene[i]
    s.modeBits[i] = s.modeBits[i + 1] = 1 << MODES.indexOf('compound_het')
    s.pair[i] = i + 1; s.pair[i + 1] = i
    s.score[i + 1] = s.score[i]
  }
  for (let g = 0; g < nGenes; g++) { s.genePanel[g] = g % 20 === 0 ? 1 : 0; s.geneSecondary[g] = g % 500 === 0 ? 1 : 0 }
  const genes = Array.from({ length: nGenes }, (_, g) => ({ family: 'FAM1', gene: `GENE${g}` }))
  const { cols, order } = inScoreOrder(s, n)
  return {
    ...cols, n, genes, families: ['FAM1'],
    detail(row) {
      const g = genes[cols.gene[row]]
      const mode = MODES[31 - Math.clz32(cols.modeBits[row] & -cols.modeBits[row])]
      const pos = 1_000_000 + order[row] * 17
      return { family: g.family, gene: g.gene, key: `chr1:${pos}:A:G`, mode, consequence: 'missense_variant', hgvs: `c.${(row % 3000) + 1}A>G` }
    },
  }
}
