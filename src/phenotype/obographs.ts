// obographs JSON reader (hp.json): graphs[0].nodes (type CLASS) and edges with pred "is_a".
// Obsolete: meta.deprecated; replacement: basicPropertyValues IAO_0100001 ("term replaced by");
// alternative ids: oboInOwl#hasAlternativeId; consider: oboInOwl#consider.
import { PhenotypeFormatError } from './errors.js'
import { curie, emptyTerm, type RawTerm } from './raw-term.js'

const REPLACED_BY = 'IAO_0100001'
const ALT_ID = 'hasAlternativeId'
const CONSIDER = 'consider'

interface ObographNode {
  id?: string
  lbl?: string
  type?: string
  meta?: {
    definition?: { val?: string }
    synonyms?: { val?: string }[]
    basicPropertyValues?: { pred?: string; val?: string }[]
    deprecated?: boolean
  }
}
interface ObographEdge { sub?: string; pred?: string; obj?: string }

function predIs(pred: string | undefined, name: string): boolean {
  return pred !== undefined && (pred === name || pred.endsWith('/' + name) || pred.endsWith('#' + name) || pred.endsWith(':' + name))
}

export function parseObographs(doc: unknown, file = '<json>'): { graphId: string; terms: RawTerm[] } {
  const graphs = (doc as { graphs?: unknown })?.graphs
  if (!Array.isArray(graphs) || graphs.length === 0) throw new PhenotypeFormatError('not an obographs document: no "graphs" array', { file })
  const g = graphs[0] as { id?: string; nodes?: ObographNode[]; edges?: ObographEdge[] }
  if (!Array.isArray(g.nodes)) throw new PhenotypeFormatError('graphs[0] has no "nodes" array', { file })
  const byId = new Map<string, RawTerm>()
  const terms: RawTerm[] = []
  for (const node of g.nodes) {
    if (!node || typeof node.id !== 'string') continue
    if (node.type !== undefined && node.type !== 'CLASS') continue
    const id = curie(node.id)
    const t = emptyTerm(id)
    t.name = node.lbl ?? ''
    const meta = node.meta
    if (meta) {
      if (meta.definition?.val !== undefined) t.definition = meta.definition.val
      if (Array.isArray(meta.synonyms)) for (const s of meta.synonyms) if (s?.val !== undefined) t.synonyms.push(s.val)
      t.obsolete = meta.deprecated === true
      if (Array.isArray(meta.basicPropertyValues)) {
        for (const p of meta.basicPropertyValues) {
          if (typeof p?.val !== 'string') continue
          if (predIs(p.pred, REPLACED_BY)) t.replacedBy.push(curie(p.val))
          else if (predIs(p.pred, ALT_ID)) t.altIds.push(curie(p.val))
          else if (predIs(p.pred, CONSIDER)) t.consider.push(curie(p.val))
        }
      }
    }
    // nodes without a label and without meta are references to classes of other ontologies
    if (!node.lbl && !meta) continue
    if (byId.has(id)) continue
    byId.set(id, t)
    terms.push(t)
  }
  for (const e of g.edges ?? []) {
    if (!e || e.pred !== 'is_a' || typeof e.sub !== 'string' || typeof e.obj !== 'string') continue
    const t = byId.get(curie(e.sub))
    if (t) t.parents.push(curie(e.obj))
  }
  return { graphId: g.id ?? '', terms }
}
