/** One term as read from a file, before ids are resolved and indexed (format-independent). */
export interface RawTerm {
  id: string
  name: string
  definition?: string
  synonyms: string[]
  /** is_a parents, as written (may be alt or obsolete ids; resolved when the ontology is built). */
  parents: string[]
  obsolete: boolean
  replacedBy: string[]
  altIds: string[]
  consider: string[]
}

export function emptyTerm(id: string): RawTerm {
  return { id, name: '', synonyms: [], parents: [], obsolete: false, replacedBy: [], altIds: [], consider: [] }
}

/** "http://purl.obolibrary.org/obo/HP_0000118" → "HP:0000118"; CURIEs are returned as they are. */
export function curie(iri: string): string {
  if (!iri.includes('/') && !iri.includes('#')) return iri
  const tail = iri.slice(Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#')) + 1)
  const us = tail.indexOf('_')
  return us > 0 && !tail.includes(':') ? `${tail.slice(0, us)}:${tail.slice(us + 1)}` : tail
}
