/**
 * Synthetic Human Phenotype Ontology for the world generator.
 *
 * `generateSyntheticHpo({ seed, genes })` returns, as file texts in the real formats:
 *   - `obo`               hp.obo (OBO 1.2: [Term] stanzas, alt_id, synonym, is_a, obsolete terms with replaced_by / consider)
 *   - `json`              hp.json (obographs: graphs[0].nodes / edges, meta.deprecated, hasAlternativeId, IAO_0100001)
 *   - `genesToPhenotype`  genes_to_phenotype.txt (ncbi_gene_id gene_symbol hpo_id hpo_name frequency disease_id)
 *   - `hpoa`              phenotype.hpoa (# comments, header, aspect P / I / C rows, some NOT rows)
 *   - `genesToDisease`    genes_to_disease.txt
 * and the truth behind them (`diseases`, `geneDiseases`, `categoryBranch`) plus
 * `patientTerms(symbol, seed)`, which draws a plausible patient presentation for a gene.
 *
 * The ontology has the real top: HP:0000001 All → HP:0000118 Phenotypic abnormality → the
 * organ-system branches with their real ids and names (nervous system HP:0000707,
 * cardiovascular HP:0001626, eye HP:0000478, ear HP:0000598, …), mode of inheritance, onset
 * and frequency terms, and a few well-known real terms per branch. Deeper terms are synthetic
 * (ids HP:9000001…, alternative ids HP:95xxxxx, obsolete ids HP:97xxxxx) with names built
 * from anatomical structures ("Hypoplasia of the cerebellar vermis") or as forms of the
 * clinical finding above them ("Progressive ataxia"); about 12% of them have a
 * second is_a parent. Each gene's "disease categories" (e.g. 'neurological', 'cardiac',
 * 'eye', 'hearing', 'skeletal', 'renal', 'metabolic'; see `HPO_CATEGORIES`; other strings
 * are mapped to a branch by hash) choose the branches its diseases' terms come from. Genes of
 * one category share a Zipf-weighted core of terms, so annotation counts per term are skewed
 * as in the real data; terms per disease are log-normal (median ≈ 10, long tail). Genes
 * with no categories get no annotations.
 *
 * Pure: the output is a function of the options only (no clock, no Math.random). Each gene's
 * terms depend only on (seed, symbol, categories) and the ontology (seed, terms); disease ids
 * and series numbers are given in gene order, so appending genes leaves the rows of the
 * earlier genes unchanged.
 */
import { ALL, BRANCHES, COURSES, FINDING_REFINEMENTS, FREQUENCIES, INHERITANCE, INTERMEDIATE, LOCATIONS, ONSETS, SEVERITIES, OTHER_TOP, PATTERNS, PHENOTYPIC_ABNORMALITY, REFINEMENTS } from './hpo-vocab.js'
import { hash32, rng, weighted, type Rng } from './hpo-random.js'

export interface HpoGene {
  symbol: string
  /** NCBI Gene id; when absent a stable synthetic one is derived from the symbol. */
  ncbiGeneId?: number
  /** Disease categories of the gene; empty: the gene has no known disease. */
  categories: readonly string[]
}

export interface SyntheticHpoOptions {
  seed: number
  genes: readonly HpoGene[]
  /**
   * Number of current terms (default 3000; the real HPO has about 19,000). The real skeleton
   * (top levels, inheritance, onset, frequency, known terms: 93 terms) is always written, so
   * smaller values give just that.
   */
  terms?: number
  /** data-version written in the OBO header (default "hp/releases/synthetic-<seed>"). */
  version?: string
}

export interface SyntheticDisease {
  id: string
  name: string
  /** Category key of the branch the disease mostly affects. */
  category: string
  genes: string[]
  inheritance: string
  onset?: string
  /** Phenotype terms (aspect P, not negated). */
  terms: string[]
  /** Terms annotated with qualifier NOT. */
  excluded: string[]
}

export interface SyntheticHpo {
  obo: string
  json: string
  genesToPhenotype: string
  hpoa: string
  genesToDisease: string
  version: string
  /** Current term ids (all of them), in generation order. */
  termIds: string[]
  diseases: SyntheticDisease[]
  /** Disease ids by gene symbol. */
  geneDiseases: Map<string, string[]>
  /** Branch term id per category key used. */
  categoryBranch: Map<string, string>
  /**
   * A patient presentation for a gene: a few of its disease's terms, some replaced by a less
   * specific ancestor (imprecision), plus unrelated noise terms. Deterministic in (seed, symbol).
   */
  patientTerms(symbol: string, seed: number, options?: { count?: number; imprecision?: number; noise?: number }): string[]
}

/** Canonical category keys (one per organ-system branch); aliases such as 'cardiac' are accepted too. */
export const HPO_CATEGORIES: readonly string[] = BRANCHES.map((b) => b.categories[0])

interface GTerm {
  id: string
  name: string
  parents: string[]
  branch: number
  structure?: string
  /** A clinical finding (its children are forms of it) rather than an abnormality of a structure. */
  finding?: boolean
  synonyms: string[]
  altIds: string[]
  depth: number
}
interface GObsolete { id: string; name: string; replacedBy?: string; consider: string[] }

const IRI = (id: string) => `http://purl.obolibrary.org/obo/${id.replace(':', '_')}`
const OIO = 'http://www.geneontology.org/formats/oboInOwl#'

function cap(s: string): string { return s.charAt(0).toUpperCase() + s.slice(1) }
function lowerFirst(s: string): string { return s.charAt(0).toLowerCase() + s.slice(1) }

export function generateSyntheticHpo(options: SyntheticHpoOptions): SyntheticHpo {
  const seed = options.seed
  const target = Math.max(options.terms ?? 3000, 0)
  const version = options.version ?? `hp/releases/synthetic-${seed}`
  const terms: GTerm[] = []
  const byId = new Map<string, GTerm>()
  const names = new Set<string>()
  const add = (t: GTerm) => { terms.push(t); byId.set(t.id, t); names.add(t.name) }

  // --- the real top ------------------------------------------------------------------------
  add({ id: ALL[0], name: ALL[1], parents: [], branch: -1, synonyms: [], altIds: [], depth: 0 })
  add({ id: PHENOTYPIC_ABNORMALITY[0], name: PHENOTYPIC_ABNORMALITY[1], parents: [ALL[0]], branch: -1, synonyms: ['Organ abnormality'], altIds: [], depth: 1 })
  for (const [id, name] of INTERMEDIATE) add({ id, name, parents: [PHENOTYPIC_ABNORMALITY[0]], branch: -1, synonyms: [], altIds: [], depth: 2 })
  const pools: GTerm[][] = BRANCHES.map(() => [])
  BRANCHES.forEach((b, bi) => {
    const parent = byId.get(b.parent ?? PHENOTYPIC_ABNORMALITY[0])!
    const root: GTerm = { id: b.id, name: b.name, parents: [parent.id], branch: bi, synonyms: [], altIds: [], depth: parent.depth + 1 }
    add(root)
    pools[bi].push(root)
    for (const [id, name, p] of b.known) {
      const par = byId.get(p ?? b.id)!
      const t: GTerm = { id, name, parents: [par.id], branch: bi, finding: !/^Abnormal/.test(name), synonyms: [], altIds: [], depth: par.depth + 1 }
      add(t)
      pools[bi].push(t)
    }
  })
  for (const [id, name, parent] of OTHER_TOP) add({ id, name, parents: [parent], branch: -1, synonyms: [], altIds: [], depth: byId.get(parent)!.depth + 1 })

  // --- synthetic depth ---------------------------------------------------------------------
  const r = rng(seed, 'ontology')
  const remaining = Math.max(0, target - terms.length)
  const wsum = BRANCHES.reduce((s, b) => s + b.weight, 0)
  const alloc = BRANCHES.map((b) => Math.floor((remaining * b.weight) / wsum))
  for (let k = 0, left = remaining - alloc.reduce((s, x) => s + x, 0); left > 0; k++, left--) alloc[k % alloc.length]++
  let nextId = 9000001
  let nextAlt = 9500001
  const typeCounter = new Map<string, number>()
  BRANCHES.forEach((b, bi) => {
    const pool = pools[bi]
    for (let k = 0; k < alloc[bi]; k++) {
      // findings refined twice and given a course are leaves (keeps names short, as in the HPO)
      let parent = pool[r.int(pool.length)]
      for (let tries = 0; tries < 8 && parent.finding && parent.name.includes(', with '); tries++) parent = pool[r.int(pool.length)]
      if (parent.finding && parent.name.includes(', with ')) parent = pool[0]
      // below a clinical finding ("Ataxia"): a more specific form of it ("Progressive ataxia");
      // elsewhere: an abnormality of a structure, kept by the whole subtree ("Hypoplasia of the cerebellar vermis")
      let structure: string | undefined
      let name: string
      const refine = (): string => {
        const lower = parent.name.toLowerCase()
        const used = FINDING_REFINEMENTS.filter((x) => lower.includes(x)).length
        if (used >= 2) return `${parent.name}, ${r.pick(COURSES)}`
        const severe = SEVERITIES.some((x) => lower.includes(x))
        const options = FINDING_REFINEMENTS.filter((x) => !lower.includes(x) && !(severe && SEVERITIES.includes(x)))
        return `${cap(r.pick(options))} ${lowerFirst(parent.name)}`
      }
      if (parent.finding) {
        name = refine()
      } else {
        structure = parent.structure ?? r.pick(b.structures)
        name = r.pick(b.patterns ?? PATTERNS).replace('{s}', structure)
      }
      if (names.has(name)) {
        let found = false
        const base = name
        for (let tries = 0; tries < 12 && !found; tries++) {
          const cand = parent.finding ? refine()
            : tries < 4 ? `${base}, ${r.pick(REFINEMENTS)}`
            : tries < 8 ? `${cap(r.pick(LOCATIONS))} ${lowerFirst(base)}`
            : `${cap(r.pick(LOCATIONS))} ${lowerFirst(base)}, ${r.pick(REFINEMENTS)}`
          if (!names.has(cand)) { name = cand; found = true }
        }
        if (!found) {
          let n = typeCounter.get(name) ?? 2
          while (names.has(`${name} type ${n}`)) n++
          typeCounter.set(name, n + 1)
          name = `${name} type ${n}`
        }
      }
      const id = `HP:${nextId++}`
      const t: GTerm = { id, name, parents: [parent.id], branch: bi, structure, finding: parent.finding, synonyms: [], altIds: [], depth: parent.depth + 1 }
      if (r() < 0.12 && pool.length > 2) {
        const q = pool[r.int(pool.length)]
        if (q !== parent) t.parents.push(q.id)
      } else if (r() < 0.015 && bi > 0) {
        const other = pools[r.int(bi)]
        t.parents.push(other[r.int(other.length)].id)
      }
      if (structure !== undefined && r() < 0.25) t.synonyms.push(`${cap(structure)} anomaly${r() < 0.5 ? '' : `, ${r.pick(REFINEMENTS)}`}`)
      if (r() < 0.04) t.altIds.push(`HP:${nextAlt++}`)
      add(t)
      pool.push(t)
    }
  })

  // obsolete terms: most replaced by a current term, some with only `consider`
  const synthetic = terms.filter((t) => t.id.startsWith('HP:9'))
  const obsolete: GObsolete[] = []
  const nObsolete = synthetic.length === 0 ? 0 : Math.max(1, Math.round(synthetic.length * 0.015))
  for (let k = 0; k < nObsolete; k++) {
    const target2 = r.pick(synthetic)
    const id = `HP:${9700001 + k}`
    if (r() < 0.7) obsolete.push({ id, name: `obsolete ${lowerFirst(target2.name)} (merged)`, replacedBy: target2.id, consider: [] })
    else obsolete.push({ id, name: `obsolete ${lowerFirst(target2.name)} (split)`, consider: [target2.id, r.pick(synthetic).id].filter((x, i, a) => a.indexOf(x) === i) })
  }

  // --- annotations ---------------------------------------------------------------------------
  const categoryBranch = new Map<string, string>()
  const categoryIndex = new Map<string, number>()
  BRANCHES.forEach((b, bi) => b.categories.forEach((c) => categoryIndex.set(c.toLowerCase(), bi)))
  const branchOf = (category: string): number => {
    const key = category.trim().toLowerCase()
    const bi = categoryIndex.get(key) ?? hash32(0, key) % BRANCHES.length
    categoryBranch.set(category, BRANCHES[bi].id)
    return bi
  }
  // Zipf-weighted core of each branch (shared by all genes of the category)
  const cores = new Map<number, (x: Rng) => GTerm>()
  const core = (bi: number) => {
    let c = cores.get(bi)
    if (!c) {
      const rc = rng(seed, `core:${bi}`)
      const pool = pools[bi].slice(1)
      const chosen: GTerm[] = []
      const seen = new Set<string>()
      for (let k = 0; k < 200 && chosen.length < Math.min(30, pool.length); k++) {
        const t = pool[rc.int(pool.length)]
        if (!seen.has(t.id)) { seen.add(t.id); chosen.push(t) }
      }
      if (chosen.length === 0) chosen.push(pools[bi][0])
      c = weighted(chosen, chosen.map((_, i) => 1 / (i + 1)))
      cores.set(bi, c)
    }
    return c
  }
  const anyInBranch = (bi: number, x: Rng) => {
    const pool = pools[bi]
    return pool.length > 1 ? pool[1 + x.int(pool.length - 1)] : pool[0]
  }
  const syndromic = [BRANCHES.findIndex((b) => b.id === 'HP:0000707'), BRANCHES.findIndex((b) => b.id === 'HP:0000152'), BRANCHES.findIndex((b) => b.id === 'HP:0001507')]

  const diseases: SyntheticDisease[] = []
  const diseaseIds = new Set<string>()
  const geneDiseases = new Map<string, string[]>()
  const seriesCount = new Map<string, number>()
  const geneIds = new Map<string, number>()
  const usedGeneIds = new Set<number>()
  for (const g of options.genes) {
    if (g.ncbiGeneId !== undefined) usedGeneIds.add(g.ncbiGeneId)
  }
  for (const g of options.genes) {
    let gid = g.ncbiGeneId
    if (gid === undefined) {
      gid = 100000000 + (hash32(seed, `gene-id:${g.symbol}`) % 800000000)
      while (usedGeneIds.has(gid)) gid++
      usedGeneIds.add(gid)
    }
    geneIds.set(g.symbol, gid)
    if (g.categories.length === 0) continue
    const x = rng(seed, `gene:${g.symbol}:${g.categories.join(',')}`)
    const branchesOfGene = g.categories.map(branchOf)
    const u = x()
    const nd = u < 0.85 ? 1 : u < 0.97 ? 2 : 3
    const ids: string[] = []
    for (let di = 0; di < nd; di++) {
      let bi = di === 0 ? branchesOfGene[0] : x.pick(branchesOfGene)
      if (di > 0 && x() < 0.3) bi = x.int(BRANCHES.length)
      const spec = BRANCHES[bi]
      const series = x.pick(spec.series)
      const number = (seriesCount.get(series) ?? 0) + 1
      seriesCount.set(series, number)
      let id: string
      if (x() < 0.1) {
        let n = 100000 + x.int(900000)
        while (diseaseIds.has(`ORPHA:${n}`)) n++
        id = `ORPHA:${n}`
      } else {
        let n = 600000 + x.int(20000)
        while (diseaseIds.has(`OMIM:${n}`)) n++
        id = `OMIM:${n}`
      }
      diseaseIds.add(id)
      const nTerms = Math.min(120, Math.max(2, Math.round(Math.exp(Math.log(10) + 0.75 * x.normal()))))
      const chosen = new Set<string>()
      for (let k = 0; k < nTerms * 3 && chosen.size < nTerms; k++) {
        const v = x()
        let t: GTerm
        if (v < 0.6) t = core(bi)(x)
        else if (v < 0.8) t = anyInBranch(bi, x)
        else if (v < 0.92) {
          const other = branchesOfGene.length > 1 ? x.pick(branchesOfGene) : x.pick(syndromic)
          t = core(other)(x)
        } else t = anyInBranch(x.int(BRANCHES.length), x)
        chosen.add(t.id)
      }
      const excluded: string[] = []
      if (x() < 0.04) {
        const t = anyInBranch((bi + 1 + x.int(BRANCHES.length - 1)) % BRANCHES.length, x)
        if (!chosen.has(t.id)) excluded.push(t.id)
      }
      const iu = x()
      const inheritance = iu < 0.42 ? INHERITANCE.AD : iu < 0.84 ? INHERITANCE.AR : iu < 0.92 ? INHERITANCE.XLR : iu < 0.96 ? INHERITANCE.XLD : INHERITANCE.MT
      diseases.push({
        id, name: `${series} ${number}`, category: g.categories[Math.max(0, branchesOfGene.indexOf(bi))] ?? spec.categories[0],
        genes: [g.symbol], inheritance, onset: x() < 0.6 ? x.pick(ONSETS) : undefined, terms: [...chosen], excluded,
      })
      ids.push(id)
    }
    geneDiseases.set(g.symbol, ids)
  }

  // per-annotation frequencies (a pure function of seed, disease and term)
  const frequency = (disease: string, term: string): string => {
    const h = hash32(seed, `freq:${disease}:${term}`)
    const v = h % 100
    if (v < 50) return ''
    if (v < 85) return FREQUENCIES[h % FREQUENCIES.length]
    const n = 2 + ((h >>> 8) % 9)
    return `${1 + ((h >>> 16) % n)}/${n}`
  }

  // --- writers -------------------------------------------------------------------------------
  const nameOf = (id: string) => byId.get(id)?.name ?? ''
  const definition = (t: GTerm) =>
    t.depth === 0 ? 'Root of all terms in the Human Phenotype Ontology.'
      : t.structure ? `An abnormality affecting the ${t.structure}: ${lowerFirst(t.name)}.`
      : t.finding && t.id.startsWith('HP:9') ? `${t.name}, a form of ${lowerFirst(nameOf(t.parents[0]))}.`
      : `${t.name}.`

  const obo: string[] = [
    'format-version: 1.2', `data-version: ${version}`, 'saved-by: vartriage-world', 'default-namespace: human_phenotype',
    'subsetdef: hposlim_core "Core clinical terminology"', 'ontology: hp', 'property_value: http://purl.org/dc/terms/license "synthetic" xsd:string', '',
  ]
  for (const t of terms) {
    obo.push('[Term]', `id: ${t.id}`, `name: ${t.name}`)
    for (const a of t.altIds) obo.push(`alt_id: ${a}`)
    obo.push(`def: "${definition(t).replace(/"/g, '\\"')}" [HPO:synthetic]`)
    for (const s of t.synonyms) obo.push(`synonym: "${s}" EXACT layperson []`)
    for (const p of t.parents) obo.push(`is_a: ${p} ! ${nameOf(p)}`)
    obo.push('')
  }
  for (const o of obsolete) {
    obo.push('[Term]', `id: ${o.id}`, `name: ${o.name}`, 'is_obsolete: true')
    if (o.replacedBy) obo.push(`replaced_by: ${o.replacedBy}`)
    for (const c of o.consider) obo.push(`consider: ${c}`)
    obo.push('')
  }
  obo.push('[Typedef]', 'id: part_of', 'name: part of', 'xref: BFO:0000050', 'is_transitive: true', '')

  const nodes: unknown[] = [
    { id: 'http://purl.obolibrary.org/obo/IAO_0100001', type: 'PROPERTY', lbl: 'term replaced by' },
    { id: `${OIO}hasAlternativeId`, type: 'PROPERTY', lbl: 'has_alternative_id' },
  ]
  const edges: unknown[] = []
  for (const t of terms) {
    const bpv = [{ pred: `${OIO}hasOBONamespace`, val: 'human_phenotype' }, ...t.altIds.map((a) => ({ pred: `${OIO}hasAlternativeId`, val: a }))]
    nodes.push({
      id: IRI(t.id), lbl: t.name, type: 'CLASS',
      meta: {
        definition: { val: definition(t), xrefs: ['HPO:synthetic'] },
        ...(t.synonyms.length > 0 ? { synonyms: t.synonyms.map((s) => ({ pred: 'hasExactSynonym', val: s, xrefs: [] })) } : {}),
        basicPropertyValues: bpv,
      },
    })
    for (const p of t.parents) edges.push({ sub: IRI(t.id), pred: 'is_a', obj: IRI(p) })
  }
  for (const o of obsolete) {
    nodes.push({
      id: IRI(o.id), lbl: o.name, type: 'CLASS',
      meta: {
        deprecated: true,
        basicPropertyValues: [
          ...(o.replacedBy ? [{ pred: 'http://purl.obolibrary.org/obo/IAO_0100001', val: IRI(o.replacedBy) }] : []),
          ...o.consider.map((c) => ({ pred: `${OIO}consider`, val: c })),
        ],
      },
    })
  }
  const json = JSON.stringify({
    graphs: [{
      id: 'http://purl.obolibrary.org/obo/hp.json',
      meta: { basicPropertyValues: [{ pred: 'http://www.w3.org/2002/07/owl#versionInfo', val: version }], version: `http://purl.obolibrary.org/obo/${version}/hp.json` },
      nodes, edges, logicalDefinitionAxioms: [], domainRangeAxioms: [], propertyChainAxioms: [],
    }],
  })

  const g2p: string[] = ['ncbi_gene_id\tgene_symbol\thpo_id\thpo_name\tfrequency\tdisease_id']
  const g2d: string[] = ['ncbi_gene_id\tgene_symbol\tassociation_type\tdisease_id\tsource']
  const diseaseById = new Map(diseases.map((d) => [d.id, d]))
  for (const g of options.genes) {
    const gid = geneIds.get(g.symbol)!
    for (const did of geneDiseases.get(g.symbol) ?? []) {
      const d = diseaseById.get(did)!
      for (const t of d.terms) g2p.push(`${gid}\t${g.symbol}\t${t}\t${nameOf(t)}\t${frequency(d.id, t) || '-'}\t${d.id}`)
      g2p.push(`${gid}\t${g.symbol}\t${d.inheritance}\t${nameOf(d.inheritance)}\t-\t${d.id}`)
      g2d.push(`NCBIGene:${gid}\t${g.symbol}\tMENDELIAN\t${d.id}\t${d.id.startsWith('ORPHA') ? 'https://www.orphadata.com/data/xml/en_product6.xml' : 'https://omim.org/static/omim/data/mim2gene.txt'}`)
    }
  }
  const hpoa: string[] = [
    `#description: "HPO annotations for rare diseases [${diseases.filter((d) => d.id.startsWith('OMIM')).length}: OMIM; ${diseases.filter((d) => d.id.startsWith('ORPHA')).length}: ORPHA] (synthetic)"`,
    `#version: ${version.replace(/^.*synthetic-/, 'synthetic-')}`,
    '#tracker: https://github.com/obophenotype/human-phenotype-ontology/issues',
    `#hpo-version: http://purl.obolibrary.org/obo/${version}/hp.json`,
    'database_id\tdisease_name\tqualifier\thpo_id\treference\tevidence\tonset\tfrequency\tsex\tmodifier\taspect\tbiocuration',
  ]
  for (const d of diseases) {
    const row = (qualifier: string, term: string, freq: string, aspect: string, onset = '') =>
      hpoa.push(`${d.id}\t${d.name}\t${qualifier}\t${term}\t${d.id.startsWith('OMIM') ? d.id : `PMID:${30000000 + (hash32(seed, d.id) % 9000000)}`}\t${d.id.startsWith('OMIM') ? 'IEA' : 'TAS'}\t${onset}\t${freq}\t\t\t${aspect}\tHPO:synthetic[2024-01-01]`)
    row('', d.inheritance, '', 'I')
    if (d.onset) row('', d.onset, '', 'C')
    for (const t of d.terms) row('', t, frequency(d.id, t), 'P', '')
    for (const t of d.excluded) row('NOT', t, '', 'P')
  }

  const pheno = new Set(terms.filter((t) => t.branch >= 0).map((t) => t.id))
  const branchRoots = new Set(BRANCHES.map((b) => b.id))

  return {
    obo: obo.join('\n'), json, genesToPhenotype: g2p.join('\n') + '\n', hpoa: hpoa.join('\n') + '\n', genesToDisease: g2d.join('\n') + '\n',
    version, termIds: terms.map((t) => t.id), diseases, geneDiseases, categoryBranch,
    patientTerms(symbol, pseed, opts = {}) {
      const ids = geneDiseases.get(symbol)
      if (!ids || ids.length === 0) return []
      const x = rng(pseed, `patient:${symbol}`)
      const d = diseaseById.get(ids[x.int(ids.length)])!
      const count = Math.max(1, opts.count ?? 3 + x.int(6))
      const pool = [...d.terms]
      const out: string[] = []
      while (out.length < count && pool.length > 0) {
        let t = pool.splice(x.int(pool.length), 1)[0]
        if (x() < (opts.imprecision ?? 0.2)) {
          const parents = byId.get(t)!.parents.filter((p) => pheno.has(p) && !branchRoots.has(p))
          if (parents.length > 0) t = x.pick(parents)
        }
        if (!out.includes(t)) out.push(t)
      }
      const noise = opts.noise ?? 1
      for (let k = 0; k < noise; k++) {
        const t = anyInBranch(x.int(BRANCHES.length), x).id
        if (!out.includes(t)) out.push(t)
      }
      return out
    },
  }
}
