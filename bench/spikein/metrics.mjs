// Where the causal gene ranks in a prioritisation result, and top-k tables over many cases.

/** Sort key of the ranking (docs/scoring.md): score, then symbol (ACMG-point ties are rare). */
function before(a, b) {
  return a.score > b.score || (a.score === b.score && a.gene < b.gene)
}

/**
 * The causal gene's rank in its family among every reported gene: the visible ones and the
 * secondary findings (the benchmark runs with consent related+secondary, so an ACMG SF gene that
 * happens to be causal is not masked away; it is ranked by score among the others as it would
 * be if it were related to the indication). `rank` is null when the gene is not reported.
 * `above` lists the genes ranked above it (at most `keep`), for the failure analysis.
 */
export function causalRank(result, family, gene, keep = 5) {
  const all = [...result.genes, ...result.secondary].filter((g) => g.family === family)
  const hit = all.find((g) => g.gene === gene)
  const brief = (g) => ({
    gene: g.gene, libRank: g.rank, score: round(g.score), mode: g.mode, phenotypeScore: round(g.phenotypeScore), variantScore: round(g.variantScore),
    acmgClass: g.acmgClass, secondary: g.secondary, variants: g.variants.map((v) => `${v.candidate.variant.key} ${consequenceOf(v)}`),
  })
  if (!hit) return { rank: null, genes: all.length, hit: undefined, above: all.sort((a, b) => (before(a, b) ? -1 : 1)).slice(0, keep).map(brief) }
  const above = all.filter((g) => g !== hit && before(g, hit)).sort((a, b) => (before(a, b) ? -1 : 1))
  return { rank: above.length + 1, genes: all.length, hit: brief(hit), above: above.slice(0, keep).map(brief) }
}

function consequenceOf(v) {
  const c = v.candidate.variant.consequence
  return Array.isArray(c) && c.length ? c.join('&') : 'unknown'
}

const round = (x) => (typeof x === 'number' ? Math.round(x * 1e4) / 1e4 : x)

/** top-1/5/10 counts of ranks (null = not found) and their percentages. */
export function topK(ranks, ks = [1, 5, 10]) {
  const n = ranks.length
  const out = { n, found: ranks.filter((r) => r !== null).length }
  for (const k of ks) {
    const hits = ranks.filter((r) => r !== null && r <= k).length
    out[`top${k}`] = hits
    out[`top${k}Pct`] = n ? (100 * hits) / n : 0
  }
  return out
}

/** Per group (e.g. mode) and over all: topK of the ranks a selector picks from each case. */
export function summarise(cases, pick, groupOf) {
  const groups = new Map()
  for (const c of cases) {
    const g = groupOf(c)
    if (!groups.has(g)) groups.set(g, [])
    groups.get(g).push(pick(c))
  }
  const rows = [...groups.entries()].map(([group, ranks]) => ({ group, ...topK(ranks) }))
  rows.push({ group: 'all', ...topK(cases.map(pick)) })
  return rows
}

/** Median and mean of numbers (seconds). */
export function stats(xs) {
  if (!xs.length) return { n: 0, mean: 0, median: 0, max: 0 }
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return { n: s.length, mean: s.reduce((a, b) => a + b, 0) / s.length, median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2, max: s[s.length - 1] }
}
