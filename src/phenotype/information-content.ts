// Information content of ontology terms from annotation frequencies:
//   p(t) = |{objects annotated to t or to a descendant of t}| / |{annotated objects}|
//   IC(t) = -ln p(t)
// where an "object" is a gene or a disease profile (the caller chooses). A term no object is
// annotated to (p = 0) gets the IC of its most informative annotated ancestor: the data cannot
// tell it apart from that ancestor, and this keeps IC monotone (never smaller than any
// ancestor's), which Resnik similarity relies on.
import type { Ontology } from './ontology.js'

export interface InformationContent {
  /** IC by term index (natural log). */
  ic: Float64Array
  /** Objects annotated to each term or a descendant. */
  counts: Int32Array
  /** Number of annotated objects (the denominator). */
  total: number
}

/**
 * @param profiles each object's terms as ontology indices (not propagated; ancestors are
 *   added here, each counted once per object).
 */
export function informationContent(ontology: Ontology, profiles: Iterable<ArrayLike<number>>): InformationContent {
  const n = ontology.size
  const counts = new Int32Array(n)
  const stamp = new Int32Array(n).fill(-1)
  const anc = ontology.ancestorIndex
  const as = ontology.ancestorStart
  const ae = ontology.ancestorEnd
  let total = 0
  for (const terms of profiles) {
    if (terms.length === 0) continue
    const mark = total++
    for (let k = 0; k < terms.length; k++) {
      const t = terms[k]
      for (let j = as[t], e = ae[t]; j < e; j++) {
        const a = anc[j]
        if (stamp[a] !== mark) { stamp[a] = mark; counts[a]++ }
      }
    }
  }
  const ic = new Float64Array(n)
  const order = ontology.topologicalOrder
  const ps = ontology.parentStart
  const pi = ontology.parentIndex
  for (let o = 0; o < n; o++) {
    const t = order[o]
    if (counts[t] > 0) {
      ic[t] = counts[t] === total ? 0 : Math.log(total / counts[t])
    } else {
      let best = 0
      for (let k = ps[t]; k < ps[t + 1]; k++) if (ic[pi[k]] > best) best = ic[pi[k]]
      ic[t] = best
    }
  }
  return { ic, counts, total }
}
