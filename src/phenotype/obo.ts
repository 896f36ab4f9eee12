// OBO 1.2/1.4 flat-file reader for the parts of hp.obo the ontology needs: [Term] stanzas with
// id, name, def, synonym, is_a, is_obsolete, replaced_by, alt_id, consider. Other stanzas
// ([Typedef], [Instance]) and other tags (xref, relationship, property_value …) are skipped.
import { PhenotypeFormatError } from './errors.js'
import { emptyTerm, type RawTerm } from './raw-term.js'

export interface OboDocument {
  /** Header tags (format-version, data-version, ontology …); first value of each. */
  header: Record<string, string>
  terms: RawTerm[]
}

/** Value of a tag line without a trailing "! comment" and "{qualifiers}" (outside quotes). */
function idValue(v: string): string {
  let end = v.length
  const bang = v.indexOf(' !')
  if (bang >= 0) end = bang
  const brace = v.indexOf(' {')
  if (brace >= 0 && brace < end) end = brace
  return v.slice(0, end).trim()
}

/** The quoted text of `"text" SCOPE [xrefs]` (def, synonym), with OBO escapes undone. */
function quoted(v: string): string {
  if (v[0] !== '"') return v
  const end = v.indexOf('"', 1)
  const esc = v.indexOf('\\', 1)
  if (end > 0 && (esc < 0 || esc > end)) return v.slice(1, end)
  let out = ''
  for (let i = 1; i < v.length; i++) {
    const c = v[i]
    if (c === '\\' && i + 1 < v.length) {
      const n = v[++i]
      out += n === 'n' ? '\n' : n === 't' ? '\t' : n
    } else if (c === '"') {
      return out
    } else {
      out += c
    }
  }
  return out
}

export function parseObo(text: string, file = '<obo>'): OboDocument {
  const header: Record<string, string> = {}
  const terms: RawTerm[] = []
  let stanza: 'header' | 'term' | 'other' = 'header'
  let term: RawTerm | undefined
  let start = 0
  let lineNo = 0
  const n = text.length
  while (start <= n) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = n
    lineNo++
    let line = text.slice(start, end)
    start = end + 1
    if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1)
    if (line.length === 0 || line[0] === '!') {
      if (end === n) break
      continue
    }
    if (line[0] === '[') {
      if (term) terms.push(term)
      term = undefined
      stanza = line.startsWith('[Term]') ? 'term' : 'other'
      if (end === n) break
      continue
    }
    if (stanza === 'other') continue
    const colon = line.indexOf(':')
    if (colon <= 0) throw new PhenotypeFormatError(`expected "tag: value", got ${JSON.stringify(line.slice(0, 60))}`, { file, line: lineNo })
    const tag = line.slice(0, colon)
    const value = line.slice(colon + 1).trim()
    if (stanza === 'header') {
      if (!(tag in header)) header[tag] = value
      continue
    }
    if (tag === 'id') {
      if (term) throw new PhenotypeFormatError('two id: tags in one [Term] stanza', { file, line: lineNo })
      term = emptyTerm(idValue(value))
      continue
    }
    if (!term) throw new PhenotypeFormatError(`[Term] stanza has "${tag}:" before its id:`, { file, line: lineNo })
    switch (tag) {
      case 'name': term.name = value; break
      case 'def': term.definition = quoted(value); break
      case 'synonym': term.synonyms.push(quoted(value)); break
      case 'is_a': term.parents.push(idValue(value)); break
      case 'is_obsolete': term.obsolete = value === 'true'; break
      case 'replaced_by': term.replacedBy.push(idValue(value)); break
      case 'alt_id': term.altIds.push(idValue(value)); break
      case 'consider': term.consider.push(idValue(value)); break
      default: break
    }
    if (end === n) break
  }
  if (term) terms.push(term)
  return { header, terms }
}
