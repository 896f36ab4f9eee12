// The ontology as compact integer structures: current (non-obsolete) terms are numbered
// 0..size-1; is_a parents and the ancestor closure (each term's ancestors, itself included)
// are Int32Array runs, computed once in topological order when the ontology is built.
// Obsolete and alternative ids are kept only as redirects to current terms.
import { PhenotypeFormatError } from './errors.js'
import { parseObo } from './obo.js'
import { parseObographs } from './obographs.js'
import type { RawTerm } from './raw-term.js'

/** How an id given to {@link Ontology.lookup} relates to the ontology. */
export type TermStatus =
  | 'current' // a current term id
  | 'alternative' // an alt_id of a current term (merged term)
  | 'replaced' // an obsolete term with replaced_by
  | 'obsolete' // an obsolete term without a replacement (see `consider`)
  | 'unknown' // not in the ontology

export interface TermLookup {
  status: TermStatus
  /** The current term index, or -1 (status 'obsolete' / 'unknown'). */
  index: number
  /** The current term id, when there is one. */
  id?: string
  /** For obsolete terms without replacement: the curators' `consider` suggestions (not followed automatically). */
  consider?: string[]
}

export interface Term {
  index: number
  id: string
  name: string
  definition?: string
  synonyms: readonly string[]
  altIds: readonly string[]
  parents: readonly string[]
}

export interface OntologyStats {
  terms: number
  obsolete: number
  alternativeIds: number
  isaEdges: number
  /** Total length of the ancestor closure (Σ over terms of |ancestors|, self included). */
  closureSize: number
  /** Parent references to ids that are not in the ontology (ignored). */
  danglingParents: number
}

export interface OntologySource {
  /** `data-version` (OBO header) or graph id (obographs). */
  version?: string
  file?: string
}

export class Ontology {
  /** Number of current terms. */
  readonly size: number
  /** Current term ids by index. */
  readonly ids: readonly string[]
  /** Term names by index. */
  readonly names: readonly string[]
  /** is_a parents of term i: parentIndex[parentStart[i] .. parentStart[i+1]). */
  readonly parentStart: Int32Array
  readonly parentIndex: Int32Array
  /** Ancestors of term i (itself first, then every is_a ancestor once): ancestorIndex[ancestorStart[i] .. ancestorEnd[i]). */
  readonly ancestorStart: Int32Array
  readonly ancestorEnd: Int32Array
  readonly ancestorIndex: Int32Array
  /** Term indices in topological order (every term after all its parents). */
  readonly topologicalOrder: Int32Array
  readonly version?: string
  readonly stats: OntologyStats

  private readonly current: Map<string, number>
  private readonly redirects: Map<string, { index: number; status: 'alternative' | 'replaced' }>
  private readonly obsoleteOnly: Map<string, string[]>
  private readonly raw: RawTerm[]

  /** Reads hp.obo (OBO 1.2/1.4 text). */
  static fromObo(text: string, source: OntologySource = {}): Ontology {
    const doc = parseObo(text, source.file)
    return new Ontology(doc.terms, { version: source.version ?? doc.header['data-version'], file: source.file })
  }

  /** Reads hp.json (obographs): a parsed object, or its text. */
  static fromJson(json: unknown, source: OntologySource = {}): Ontology {
    const obj = typeof json === 'string' ? JSON.parse(json) : json
    const doc = parseObographs(obj, source.file)
    return new Ontology(doc.terms, { version: source.version ?? (doc.graphId || undefined), file: source.file })
  }

  /** Builds an ontology from format-independent term records (what the readers produce). */
  static fromTerms(terms: RawTerm[], source: OntologySource = {}): Ontology {
    return new Ontology(terms, source)
  }

  private constructor(rawTerms: RawTerm[], source: OntologySource) {
    const file = source.file
    this.version = source.version
    const live: RawTerm[] = []
    const obsolete: RawTerm[] = []
    const seen = new Set<string>()
    for (const t of rawTerms) {
      if (!t.id) throw new PhenotypeFormatError('a term has no id', { file })
      if (seen.has(t.id)) throw new PhenotypeFormatError(`term ${t.id} is defined twice`, { file })
      seen.add(t.id)
      ;(t.obsolete ? obsolete : live).push(t)
    }
    const n = live.length
    this.size = n
    this.raw = live
    const current = new Map<string, number>()
    const ids: string[] = new Array(n)
    const names: string[] = new Array(n)
    for (let i = 0; i < n; i++) {
      ids[i] = live[i].id
      names[i] = live[i].name
      current.set(live[i].id, i)
    }
    this.current = current
    this.ids = ids
    this.names = names

    // redirects: alt ids of current terms, then obsolete terms with replaced_by (chains followed)
    const redirects = new Map<string, { index: number; status: 'alternative' | 'replaced' }>()
    let altCount = 0
    for (let i = 0; i < n; i++) {
      for (const alt of live[i].altIds) {
        if (current.has(alt) || redirects.has(alt)) continue
        redirects.set(alt, { index: i, status: 'alternative' })
        altCount++
      }
    }
    const obsById = new Map<string, RawTerm>()
    for (const t of obsolete) obsById.set(t.id, t)
    const obsoleteOnly = new Map<string, string[]>()
    for (const t of obsolete) {
      let target: string | undefined = t.replacedBy[0]
      const visited = new Set<string>([t.id])
      let index = -1
      while (target !== undefined && !visited.has(target)) {
        visited.add(target)
        const c = current.get(target) ?? redirects.get(target)?.index
        if (c !== undefined) { index = c; break }
        target = obsById.get(target)?.replacedBy[0]
      }
      if (index >= 0) redirects.set(t.id, { index, status: 'replaced' })
      else obsoleteOnly.set(t.id, t.consider)
      // alt ids listed on an obsolete term follow it
      for (const alt of t.altIds) {
        if (current.has(alt) || redirects.has(alt)) continue
        if (index >= 0) redirects.set(alt, { index, status: 'replaced' })
        else if (!obsoleteOnly.has(alt)) obsoleteOnly.set(alt, t.consider)
      }
    }
    this.redirects = redirects
    this.obsoleteOnly = obsoleteOnly

    // parents (resolved, deduplicated, self-loops dropped)
    const parentStart = new Int32Array(n + 1)
    const parentTmp: number[] = []
    let dangling = 0
    const stamp = new Int32Array(n).fill(-1)
    for (let i = 0; i < n; i++) {
      parentStart[i] = parentTmp.length
      for (const p of live[i].parents) {
        const j = current.get(p) ?? redirects.get(p)?.index
        if (j === undefined) { dangling++; continue }
        if (j === i || stamp[j] === i) continue
        stamp[j] = i
        parentTmp.push(j)
      }
    }
    parentStart[n] = parentTmp.length
    const parentIndex = Int32Array.from(parentTmp)
    this.parentStart = parentStart
    this.parentIndex = parentIndex

    // topological order (Kahn), children as CSR
    const childCount = new Int32Array(n + 1)
    for (let k = 0; k < parentIndex.length; k++) childCount[parentIndex[k] + 1]++
    for (let i = 0; i < n; i++) childCount[i + 1] += childCount[i]
    const childStart = childCount
    const fill = childStart.slice(0, n)
    const children = new Int32Array(parentIndex.length)
    for (let i = 0; i < n; i++) for (let k = parentStart[i]; k < parentStart[i + 1]; k++) children[fill[parentIndex[k]]++] = i
    const pending = new Int32Array(n)
    for (let i = 0; i < n; i++) pending[i] = parentStart[i + 1] - parentStart[i]
    const order = new Int32Array(n)
    let head = 0
    let tail = 0
    for (let i = 0; i < n; i++) if (pending[i] === 0) order[tail++] = i
    while (head < tail) {
      const i = order[head++]
      for (let k = childStart[i]; k < childStart[i + 1]; k++) if (--pending[children[k]] === 0) order[tail++] = children[k]
    }
    if (tail < n) {
      let bad = 0
      while (pending[bad] === 0) bad++
      throw new PhenotypeFormatError(`is_a cycle through ${ids[bad]} (${names[bad]})`, { file })
    }
    this.topologicalOrder = order

    // ancestor closure, parents first
    const ancestorStart = new Int32Array(n)
    const ancestorEnd = new Int32Array(n)
    let buf: Int32Array<ArrayBuffer> = new Int32Array(Math.max(16, n * 8))
    let used = 0
    stamp.fill(-1)
    for (let o = 0; o < n; o++) {
      const i = order[o]
      const startAt = used
      if (used + 1 > buf.length) buf = grow(buf, used + 1)
      buf[used++] = i
      stamp[i] = i
      for (let k = parentStart[i]; k < parentStart[i + 1]; k++) {
        const p = parentIndex[k]
        const ps = ancestorStart[p]
        const pe = ancestorEnd[p]
        if (used + (pe - ps) > buf.length) buf = grow(buf, used + (pe - ps))
        for (let a = ps; a < pe; a++) {
          const x = buf[a]
          if (stamp[x] !== i) { stamp[x] = i; buf[used++] = x }
        }
      }
      ancestorStart[i] = startAt
      ancestorEnd[i] = used
    }
    this.ancestorStart = ancestorStart
    this.ancestorEnd = ancestorEnd
    this.ancestorIndex = buf.slice(0, used)
    this.stats = {
      terms: n,
      obsolete: obsolete.length,
      alternativeIds: altCount,
      isaEdges: parentIndex.length,
      closureSize: used,
      danglingParents: dangling,
    }
  }

  /** Index of the current term for any id (current, alternative, or obsolete with replacement); -1 otherwise. */
  resolve(id: string): number {
    const c = this.current.get(id)
    if (c !== undefined) return c
    return this.redirects.get(id)?.index ?? -1
  }

  /** What an id is: current, alternative, replaced, obsolete (with `consider`) or unknown. */
  lookup(id: string): TermLookup {
    const c = this.current.get(id)
    if (c !== undefined) return { status: 'current', index: c, id }
    const r = this.redirects.get(id)
    if (r) return { status: r.status, index: r.index, id: this.ids[r.index] }
    const consider = this.obsoleteOnly.get(id)
    if (consider) return { status: 'obsolete', index: -1, consider: [...consider] }
    return { status: 'unknown', index: -1 }
  }

  /** True when `id` (current or not) is known to the ontology. */
  has(id: string): boolean {
    return this.current.has(id) || this.redirects.has(id) || this.obsoleteOnly.has(id)
  }

  /** The current term for an id or index. */
  term(idOrIndex: string | number): Term | undefined {
    const i = typeof idOrIndex === 'number' ? idOrIndex : this.resolve(idOrIndex)
    if (i < 0 || i >= this.size) return undefined
    const r = this.raw[i]
    const parents: string[] = []
    for (let k = this.parentStart[i]; k < this.parentStart[i + 1]; k++) parents.push(this.ids[this.parentIndex[k]])
    return { index: i, id: r.id, name: r.name, definition: r.definition, synonyms: r.synonyms, altIds: r.altIds, parents }
  }

  /** Ancestors of term index i, itself included (a view: do not modify). */
  ancestorsOf(i: number): Int32Array {
    return this.ancestorIndex.subarray(this.ancestorStart[i], this.ancestorEnd[i])
  }

  /** Ancestor ids of a term, itself included. */
  ancestors(id: string): string[] {
    const i = this.resolve(id)
    if (i < 0) return []
    return Array.from(this.ancestorsOf(i), (a) => this.ids[a])
  }

  /**
   * The terms and all their ancestors (the annotation propagated up the ontology), as current
   * ids, each once; ids that do not resolve are left out.
   */
  propagate(ids: Iterable<string>): string[] {
    const seen = new Set<number>()
    for (const id of ids) {
      const i = this.resolve(id)
      if (i < 0) continue
      for (const a of this.ancestorsOf(i)) seen.add(a)
    }
    return Array.from(seen, (a) => this.ids[a])
  }

  /** True when `ancestor` is `descendant` or one of its is_a ancestors (indices). */
  isAncestorOf(ancestor: number, descendant: number): boolean {
    const idx = this.ancestorIndex
    for (let k = this.ancestorStart[descendant], e = this.ancestorEnd[descendant]; k < e; k++) if (idx[k] === ancestor) return true
    return false
  }

  /** Children of each term, as CSR (computed on demand). */
  children(): { start: Int32Array; index: Int32Array } {
    const n = this.size
    const start = new Int32Array(n + 1)
    for (let k = 0; k < this.parentIndex.length; k++) start[this.parentIndex[k] + 1]++
    for (let i = 0; i < n; i++) start[i + 1] += start[i]
    const fill = start.slice(0, n)
    const index = new Int32Array(this.parentIndex.length)
    for (let i = 0; i < n; i++) for (let k = this.parentStart[i]; k < this.parentStart[i + 1]; k++) index[fill[this.parentIndex[k]]++] = i
    return { start, index }
  }
}

function grow(buf: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  let size = buf.length * 2
  while (size < need) size *= 2
  const out = new Int32Array(size)
  out.set(buf)
  return out
}
