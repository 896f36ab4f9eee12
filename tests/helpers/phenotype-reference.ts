// Brute-force reference for the phenotype tests: closure by recursion over a parent map,
// IC by counting genes term by term, Resnik by intersecting ancestor sets, and the normalised
// symmetric best-match score straight from its definition (docs/phenotype.md). Written from
// the definitions, independently of src/phenotype.

export type ParentMap = Map<string, string[]>

export function ancestorsOf(parents: ParentMap, id: string, memo = new Map<string, Set<string>>()): Set<string> {
  const m = memo.get(id)
  if (m) return m
  const out = new Set<string>([id])
  for (const p of parents.get(id) ?? []) for (const a of ancestorsOf(parents, p, memo)) out.add(a)
  memo.set(id, out)
  return out
}

export class Reference {
  readonly memo = new Map<string, Set<string>>()
  readonly ic = new Map<string, number>()
  constructor(readonly parents: ParentMap, readonly genes: Map<string, string[]>, readonly root: string | null = 'HP:0000118') {
    const total = [...genes.values()].filter((ts) => this.usable(ts).length > 0).length
    const counts = new Map<string, number>()
    for (const ts of genes.values()) {
      const union = new Set<string>()
      for (const t of this.usable(ts)) for (const a of this.anc(t)) union.add(a)
      for (const a of union) counts.set(a, (counts.get(a) ?? 0) + 1)
    }
    // IC = ln(total / count); unannotated terms: the largest IC among annotated ancestors
    for (const t of parents.keys()) {
      const c = counts.get(t) ?? 0
      if (c > 0) { this.ic.set(t, Math.log(total / c)); continue }
      let best = 0
      for (const a of this.anc(t)) if ((counts.get(a) ?? 0) > 0) best = Math.max(best, Math.log(total / counts.get(a)!))
      this.ic.set(t, best)
    }
  }
  anc(t: string): Set<string> { return ancestorsOf(this.parents, t, this.memo) }
  usable(ts: string[]): string[] {
    return [...new Set(ts)].filter((t) => this.parents.has(t) && (this.root === null || this.anc(t).has(this.root)))
  }
  resnik(a: string, b: string): number {
    const A = this.anc(a)
    let best = 0
    for (const x of this.anc(b)) if (A.has(x)) best = Math.max(best, this.ic.get(x)!)
    return best
  }
  /** Normalised symmetric best-match average of two term sets. */
  score(p: string[], g: string[]): number {
    const P = this.usable(p)
    const G = this.usable(g)
    const dir = (X: string[], Y: string[]) => {
      let s = 0, self = 0
      for (const x of X) {
        self += this.ic.get(x)!
        let best = 0
        for (const y of Y) best = Math.max(best, this.resnik(x, y))
        s += best
      }
      return self > 0 ? s / self : 0
    }
    return (dir(P, G) + dir(G, P)) / 2
  }
}

/** An OBO text for a parent map (names = ids), with optional obsolete / alt-id extras. */
export function toObo(parents: ParentMap, extra = ''): string {
  const out = ['format-version: 1.2', 'data-version: test', 'ontology: hp', '']
  for (const [id, ps] of parents) {
    out.push('[Term]', `id: ${id}`, `name: term ${id}`)
    for (const p of ps) out.push(`is_a: ${p} ! term ${p}`)
    out.push('')
  }
  return out.join('\n') + extra
}

/** The same ontology as obographs JSON (nodes in reverse order, to show order does not matter). */
export function toJson(parents: ParentMap): unknown {
  const iri = (id: string) => `http://purl.obolibrary.org/obo/${id.replace(':', '_')}`
  const nodes = [...parents.keys()].reverse().map((id) => ({ id: iri(id), lbl: `term ${id}`, type: 'CLASS', meta: { basicPropertyValues: [] } }))
  const edges = [...parents].flatMap(([id, ps]) => ps.map((p) => ({ sub: iri(id), pred: 'is_a', obj: iri(p) })))
  return { graphs: [{ id: 'http://purl.obolibrary.org/obo/hp.json', nodes, edges }] }
}

/** genes_to_phenotype.txt (current layout) for gene → terms. */
export function toGenesToPhenotype(genes: Map<string, string[]>): string {
  const rows = ['ncbi_gene_id\tgene_symbol\thpo_id\thpo_name\tfrequency\tdisease_id']
  let id = 1
  for (const [sym, ts] of genes) {
    for (const t of ts) rows.push(`${id}\t${sym}\t${t}\tterm ${t}\t-\tOMIM:${600000 + id}`)
    id++
  }
  return rows.join('\n') + '\n'
}
