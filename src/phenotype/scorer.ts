// Phenotype similarity between a patient's HPO terms and gene (or disease) profiles.
//
//   sim(a, b)   = Resnik: IC of the most informative common ancestor of a and b
//   S(X→Y)      = Σ_{x∈X} max_{y∈Y} sim(x, y)                  (best-match sum)
//   N(X→Y)      = S(X→Y) / Σ_{x∈X} IC(x)  = BMA(X→Y) / BMA(X→X)  (∈ [0, 1])
//   score(P, G) = ( N(P→G) + N(G→P) ) / 2                       (symmetric, ∈ [0, 1])
//
// Each direction is divided by its own source's self-similarity (the best it could score:
// every term matched exactly), PhenoDigm's "percentage of the best possible match"
// (Smedley et al. 2013; Exomiser 2015) applied per direction, which keeps the combined score
// symmetric, bounded by 1 and equal to 1 when the two sets are the same. See docs/phenotype.md.
import { UsageError } from '../errors.js'
import type { Annotations, GeneAnnotation } from './annotations.js'
import { informationContent, type InformationContent } from './information-content.js'
import type { Ontology } from './ontology.js'

export interface ScorerOptions {
  /** Objects whose annotation frequencies define IC: 'genes' (default) or 'diseases'. */
  icFrom?: 'genes' | 'diseases'
  /**
   * Only terms under this term are used, in queries and in profiles (default
   * HP:0000118 Phenotypic abnormality when the ontology has it; null: no restriction).
   * This drops mode-of-inheritance, onset and frequency terms that genes_to_phenotype mixes in.
   */
  root?: string | null
}

export interface DroppedTerm {
  id: string
  reason: 'unknown' | 'obsolete' | 'outside-root'
  /** For obsolete terms without replacement, the curators' suggestions. */
  consider?: string[]
}

export interface ResolvedTerms {
  /** Current term indices, deduplicated, in input order. */
  indices: Int32Array
  /** Current term ids (alternative / replaced ids mapped to the current term). */
  ids: string[]
  dropped: DroppedTerm[]
}

export interface PhenotypeMatch {
  /** Gene id ("NCBIGene:…") or disease id. */
  id: string
  /** Gene symbol or disease name. */
  label: string
  /** Symmetric normalised score in [0, 1]. */
  score: number
  /** N(patient → profile): share of the patient's phenotypic information the profile explains. */
  patientToProfile: number
  /** N(profile → patient): share of the profile's information seen in the patient. */
  profileToPatient: number
  /** Raw symmetric best-match average (nats): (BMA(P→G) + BMA(G→P)) / 2, Phenomizer's score. */
  rawBma: number
  /** Largest single-pair Resnik similarity (nats), PhenoDigm's maxIC. */
  maxSimilarity: number
  /** When genes are scored by their diseases: the best-scoring disease. */
  disease?: string
  /** Number of profile terms used. */
  profileSize: number
}

export interface PhenotypeResult {
  /** Best first (ties by id). */
  matches: PhenotypeMatch[]
  /** The patient's terms as used. */
  query: ResolvedTerms
}

export interface TermMatch {
  /** Patient term. */
  term: string
  /** Best-matching profile term. */
  match: string
  /** Their most informative common ancestor. */
  mica: string
  /** IC of the MICA (nats): the Resnik similarity. */
  similarity: number
  /** IC of the patient term (the best possible). */
  ic: number
}

/** Profiles of a set of objects (genes or diseases): term indices as CSR plus Σ IC per profile. */
class ProfileSet {
  readonly start: Int32Array
  readonly terms: Int32Array
  selfIc = new Float64Array(0)
  constructor(readonly ids: string[], readonly labels: string[], lists: Int32Array[]) {
    this.start = new Int32Array(lists.length + 1)
    let total = 0
    for (let i = 0; i < lists.length; i++) { this.start[i] = total; total += lists[i].length }
    this.start[lists.length] = total
    this.terms = new Int32Array(total)
    for (let i = 0; i < lists.length; i++) this.terms.set(lists[i], this.start[i])
  }
  get size(): number { return this.ids.length }
  profile(i: number): Int32Array { return this.terms.subarray(this.start[i], this.start[i + 1]) }
  *all(): Generator<Int32Array> { for (let i = 0; i < this.size; i++) yield this.profile(i) }
  computeSelf(ic: Float64Array): void {
    this.selfIc = new Float64Array(this.size)
    for (let i = 0; i < this.size; i++) {
      let s = 0
      for (let k = this.start[i]; k < this.start[i + 1]; k++) s += ic[this.terms[k]]
      this.selfIc[i] = s
    }
  }
}

export class PhenotypeScorer {
  readonly ontology: Ontology
  readonly annotations: Annotations
  /** IC by term index, and the counts behind it. */
  readonly informationContent: InformationContent
  /** Root term index used to restrict terms, or -1. */
  readonly rootIndex: number
  /** Annotation term ids that could not be used (unknown or obsolete without replacement), with the number of gene and disease profiles naming each. */
  readonly unresolvedAnnotationTerms = new Map<string, number>()
  private readonly genes: ProfileSet
  private readonly geneList: GeneAnnotation[]
  private diseaseCache?: { set: ProfileSet; geneStart: Int32Array; geneDiseases: Int32Array }
  private readonly geneIndex = new Map<string, number>()
  private readonly diseaseIndex = new Map<string, number>()
  /** 1 for terms at or under the root (all terms when there is no root). */
  private readonly underRoot: Uint8Array
  private readonly stamp: Int32Array
  private profileCounter = 0

  constructor(ontology: Ontology, annotations: Annotations, options: ScorerOptions = {}) {
    this.ontology = ontology
    this.annotations = annotations
    const rootId = options.root === undefined ? (ontology.resolve('HP:0000118') >= 0 ? 'HP:0000118' : null) : options.root
    this.rootIndex = rootId === null ? -1 : ontology.resolve(rootId)
    if (rootId !== null && this.rootIndex < 0) throw new UsageError(`root term ${rootId} is not in the ontology`)

    this.underRoot = new Uint8Array(ontology.size)
    for (let i = 0; i < ontology.size; i++) this.underRoot[i] = this.rootIndex < 0 || ontology.isAncestorOf(this.rootIndex, i) ? 1 : 0
    this.stamp = new Int32Array(ontology.size).fill(-1)
    const geneList = [...annotations.genes.values()]
    this.genes = new ProfileSet(
      geneList.map((g) => g.id), geneList.map((g) => g.symbol),
      geneList.map((g) => this.resolveProfile([g.terms, ...[...g.diseases].map((d) => annotations.diseases.get(d)?.terms ?? [])])),
    )
    geneList.forEach((g, i) => this.geneIndex.set(g.id, i))
    this.geneList = geneList
    const ic = informationContent(ontology, (options.icFrom ?? 'genes') === 'genes' ? this.genes.all() : this.diseaseProfiles().set.all())
    this.informationContent = ic
    this.genes.computeSelf(ic.ic)
    this.diseaseCache?.set.computeSelf(ic.ic) // built above when IC counts diseases
  }

  /**
   * Disease profiles and gene → disease links, built on first use (scoreDiseases, by: 'disease',
   * icFrom: 'diseases'): gene-level scoring does not pay for them.
   */
  private diseaseProfiles(): { set: ProfileSet; geneStart: Int32Array; geneDiseases: Int32Array } {
    if (this.diseaseCache) return this.diseaseCache
    const diseaseList = [...this.annotations.diseases.values()]
    const set = new ProfileSet(diseaseList.map((d) => d.id), diseaseList.map((d) => d.name), diseaseList.map((d) => this.resolveProfile([d.terms])))
    diseaseList.forEach((d, i) => this.diseaseIndex.set(d.id, i))
    const geneStart = new Int32Array(this.geneList.length + 1)
    const gd: number[] = []
    this.geneList.forEach((g: GeneAnnotation, i) => {
      geneStart[i] = gd.length
      for (const d of g.diseases) {
        const j = this.diseaseIndex.get(d)
        if (j !== undefined && set.start[j + 1] > set.start[j]) gd.push(j)
      }
    })
    geneStart[this.geneList.length] = gd.length
    this.diseaseCache = { set, geneStart, geneDiseases: Int32Array.from(gd) }
    if (this.informationContent) set.computeSelf(this.informationContent.ic)
    return this.diseaseCache
  }

  /** Number of gene profiles. */
  get geneCount(): number { return this.genes.size }
  get diseaseCount(): number { return this.annotations.diseases.size }

  /** IC (nats) of a term by id; NaN when the id does not resolve. */
  ic(id: string): number {
    const i = this.ontology.resolve(id)
    return i < 0 ? NaN : this.informationContent.ic[i]
  }

  /** Resnik similarity of two terms (IC of their most informative common ancestor). */
  resnik(a: string, b: string): number {
    const i = this.ontology.resolve(a)
    const j = this.ontology.resolve(b)
    if (i < 0 || j < 0) return NaN
    return this.mica(i, j)[1]
  }

  /** Patient terms resolved: alternative/obsolete ids redirected, unknown and out-of-root terms dropped. */
  resolveTerms(ids: Iterable<string>): ResolvedTerms {
    const out: number[] = []
    const dropped: DroppedTerm[] = []
    const seen = new Set<number>()
    for (const id of ids) {
      const l = this.ontology.lookup(id.trim())
      if (l.index < 0) {
        dropped.push(l.status === 'obsolete' ? { id, reason: 'obsolete', consider: l.consider } : { id, reason: 'unknown' })
        continue
      }
      if (this.underRoot[l.index] === 0) { dropped.push({ id, reason: 'outside-root' }); continue }
      if (seen.has(l.index)) continue
      seen.add(l.index)
      out.push(l.index)
    }
    return { indices: Int32Array.from(out), ids: out.map((i) => this.ontology.ids[i]), dropped }
  }

  /**
   * Scores every annotated gene against the patient's terms, best first.
   * `by: 'disease'` scores each gene as its best-matching linked disease (Exomiser's
   * disease-model view); genes without a disease profile fall back to their own profile.
   */
  scoreGenes(terms: Iterable<string>, options: { by?: 'gene' | 'disease' } = {}): PhenotypeResult {
    const query = this.resolveTerms(terms)
    const gene = this.scoreSet(this.genes, query.indices)
    const matches: PhenotypeMatch[] = new Array(this.genes.size)
    if (options.by === 'disease') {
      const { set: diseases, geneStart, geneDiseases } = this.diseaseProfiles()
      const dis = this.scoreSet(diseases, query.indices)
      for (let g = 0; g < this.genes.size; g++) {
        let best = -1
        for (let k = geneStart[g]; k < geneStart[g + 1]; k++) {
          const d = geneDiseases[k]
          if (best < 0 || dis.score[d] > dis.score[best]) best = d
        }
        matches[g] = best < 0 ? this.match(this.genes, gene, g) : { ...this.match(diseases, dis, best), id: this.genes.ids[g], label: this.genes.labels[g], disease: diseases.ids[best] }
      }
    } else {
      for (let g = 0; g < this.genes.size; g++) matches[g] = this.match(this.genes, gene, g)
    }
    return { matches: sortMatches(matches), query }
  }

  /** Scores every disease profile against the patient's terms, best first. */
  scoreDiseases(terms: Iterable<string>): PhenotypeResult {
    const query = this.resolveTerms(terms)
    const diseases = this.diseaseProfiles().set
    const s = this.scoreSet(diseases, query.indices)
    const matches: PhenotypeMatch[] = new Array(diseases.size)
    for (let d = 0; d < diseases.size; d++) matches[d] = this.match(diseases, s, d)
    return { matches: sortMatches(matches), query }
  }

  /**
   * Scores of all genes as a Float64Array aligned with {@link geneIds} (no objects, no sort):
   * the form a prioritiser combining scores per gene wants.
   */
  geneScores(terms: Iterable<string>): Float64Array {
    return this.scoreSet(this.genes, this.resolveTerms(terms).indices).score
  }

  /** Gene ids in the order of {@link geneScores}. */
  get geneIds(): readonly string[] { return this.genes.ids }

  /** The phenotype profile of a gene as used for scoring (current ids). */
  geneProfile(idOrSymbol: string): string[] {
    const g = this.annotations.gene(idOrSymbol)
    const i = g ? this.geneIndex.get(g.id) : undefined
    return i === undefined ? [] : Array.from(this.genes.profile(i), (t) => this.ontology.ids[t])
  }

  /**
   * Similarity of two arbitrary term sets, computed pair by pair (the reference definition;
   * {@link scoreGenes} computes the same numbers in bulk). Symmetric in a and b.
   */
  compare(a: Iterable<string>, b: Iterable<string>): Omit<PhenotypeMatch, 'id' | 'label'> {
    const A = this.resolveTerms(a).indices
    const B = this.resolveTerms(b).indices
    const ic = this.informationContent.ic
    let sAB = 0, sBA = 0, selfA = 0, selfB = 0, max = 0
    const pair = A.length * B.length > 0 ? new Float64Array(A.length * B.length) : new Float64Array(0)
    for (let i = 0; i < A.length; i++) for (let j = 0; j < B.length; j++) {
      const s = this.mica(A[i], B[j])[1]
      pair[i * B.length + j] = s
      if (s > max) max = s
    }
    for (let i = 0; i < A.length; i++) {
      selfA += ic[A[i]]
      let best = 0
      for (let j = 0; j < B.length; j++) best = Math.max(best, pair[i * B.length + j])
      sAB += best
    }
    for (let j = 0; j < B.length; j++) {
      selfB += ic[B[j]]
      let best = 0
      for (let i = 0; i < A.length; i++) best = Math.max(best, pair[i * B.length + j])
      sBA += best
    }
    const nAB = selfA > 0 ? sAB / selfA : 0
    const nBA = selfB > 0 ? sBA / selfB : 0
    const rawBma = A.length > 0 && B.length > 0 ? (sAB / A.length + sBA / B.length) / 2 : 0
    return { score: (nAB + nBA) / 2, patientToProfile: nAB, profileToPatient: nBA, rawBma, maxSimilarity: max, profileSize: B.length }
  }

  /** For each patient term, the best-matching term of a gene's profile and their MICA. */
  explain(terms: Iterable<string>, gene: string): TermMatch[] {
    const q = this.resolveTerms(terms).indices
    const g = this.annotations.gene(gene)
    const gi = g ? this.geneIndex.get(g.id) : undefined
    const profile = gi === undefined ? new Int32Array(0) : this.genes.profile(gi)
    const ids = this.ontology.ids
    const out: TermMatch[] = []
    for (const p of q) {
      let best = -1, bestMica = -1, bestSim = -1
      for (const t of profile) {
        const [m, s] = this.mica(p, t)
        if (s > bestSim) { bestSim = s; best = t; bestMica = m }
      }
      out.push({ term: ids[p], match: best >= 0 ? ids[best] : '', mica: bestMica >= 0 ? ids[bestMica] : '', similarity: Math.max(0, bestSim), ic: this.informationContent.ic[p] })
    }
    return out
  }

  // --- internals -----------------------------------------------------------------------------

  /** Term indices of the union of several id sets: resolved, under the root, deduplicated. */
  private resolveProfile(sets: Iterable<string>[]): Int32Array {
    const out: number[] = []
    const mark = ++this.profileCounter
    for (const terms of sets) {
      for (const id of terms) {
        const i = this.ontology.resolve(id)
        if (i < 0) {
          this.unresolvedAnnotationTerms.set(id, (this.unresolvedAnnotationTerms.get(id) ?? 0) + 1)
          continue
        }
        if (this.underRoot[i] === 0 || this.stamp[i] === mark) continue
        this.stamp[i] = mark
        out.push(i)
      }
    }
    return Int32Array.from(out)
  }

  /** [MICA index, its IC] of two term indices (common ancestors scanned directly). */
  private mica(a: number, b: number): [number, number] {
    const o = this.ontology
    const ic = this.informationContent.ic
    const idx = o.ancestorIndex
    const inA = new Set<number>()
    for (let k = o.ancestorStart[a]; k < o.ancestorEnd[a]; k++) inA.add(idx[k])
    let best = -1, bestIc = -1
    for (let k = o.ancestorStart[b]; k < o.ancestorEnd[b]; k++) {
      const x = idx[k]
      // ties (equal IC): the more specific term, so the MICA names the closest common ancestor
      if (inA.has(x) && (ic[x] > bestIc || (ic[x] === bestIc && o.isAncestorOf(best, x)))) { best = x; bestIc = ic[x] }
    }
    return [best, Math.max(0, bestIc)]
  }

  /**
   * Bulk scoring. For each patient term p, sim(p, t) for every term t is propagated down the
   * ontology in topological order: sim(p, t) = max(IC(t) if t ∈ anc(p), max over parents of t),
   * O(terms + edges) per patient term. Then each profile is one pass over its terms.
   */
  private scoreSet(set: ProfileSet, q: Int32Array) {
    const o = this.ontology
    const n = o.size
    const m = q.length
    const ic = this.informationContent.ic
    // simT[t * m + j] = sim(q[j], t)
    const simT = new Float64Array(n * m)
    const rowMax = new Float64Array(n)
    const mark = new Float64Array(n).fill(-1)
    const order = o.topologicalOrder
    const ps = o.parentStart
    const pi = o.parentIndex
    let selfQ = 0
    for (let j = 0; j < m; j++) {
      const p = q[j]
      selfQ += ic[p]
      for (let k = o.ancestorStart[p]; k < o.ancestorEnd[p]; k++) mark[o.ancestorIndex[k]] = ic[o.ancestorIndex[k]]
      for (let x = 0; x < n; x++) {
        const t = order[x]
        let v = mark[t]
        for (let k = ps[t], e = ps[t + 1]; k < e; k++) {
          const u = simT[pi[k] * m + j]
          if (u > v) v = u
        }
        if (v < 0) v = 0
        simT[t * m + j] = v
        if (v > rowMax[t]) rowMax[t] = v
      }
      for (let k = o.ancestorStart[p]; k < o.ancestorEnd[p]; k++) mark[o.ancestorIndex[k]] = -1
    }
    const size = set.size
    const score = new Float64Array(size)
    const toProfile = new Float64Array(size)
    const fromProfile = new Float64Array(size)
    const raw = new Float64Array(size)
    const maxSim = new Float64Array(size)
    const best = new Float64Array(m)
    const terms = set.terms
    const start = set.start
    for (let g = 0; g < size; g++) {
      const s = start[g], e = start[g + 1]
      if (e === s || m === 0) continue
      best.fill(0)
      let sGP = 0
      let mx = 0
      for (let k = s; k < e; k++) {
        const t = terms[k]
        const r = rowMax[t]
        sGP += r
        if (r > mx) mx = r
        const base = t * m
        for (let j = 0; j < m; j++) { const v = simT[base + j]; if (v > best[j]) best[j] = v }
      }
      let sPG = 0
      for (let j = 0; j < m; j++) sPG += best[j]
      const nPG = selfQ > 0 ? sPG / selfQ : 0
      const nGP = set.selfIc[g] > 0 ? sGP / set.selfIc[g] : 0
      toProfile[g] = nPG
      fromProfile[g] = nGP
      score[g] = (nPG + nGP) / 2
      raw[g] = (sPG / m + sGP / (e - s)) / 2
      maxSim[g] = mx
    }
    return { score, toProfile, fromProfile, raw, maxSim }
  }

  private match(set: ProfileSet, s: ReturnType<PhenotypeScorer['scoreSet']>, i: number): PhenotypeMatch {
    return {
      id: set.ids[i], label: set.labels[i], score: s.score[i], patientToProfile: s.toProfile[i], profileToPatient: s.fromProfile[i],
      rawBma: s.raw[i], maxSimilarity: s.maxSim[i], profileSize: set.start[i + 1] - set.start[i],
    }
  }
}

function sortMatches(m: PhenotypeMatch[]): PhenotypeMatch[] {
  return m.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
