// HPO autocomplete from the bundle's ontology (hp.obo): ids, names and exact synonyms of the
// live terms, matched by id prefix or by word prefix of the name. Real HPO releases parse the same.
export interface HpoTerm { id: string; name: string; synonyms: string[] }

export function parseObo(text: string): HpoTerm[] {
  const out: HpoTerm[] = []
  let cur: HpoTerm | null = null
  let obsolete = false
  const flush = () => { if (cur && !obsolete && cur.id.startsWith('HP:')) out.push(cur); cur = null; obsolete = false }
  for (const raw of text.split('\n')) {
    const l = raw.replace(/\r$/, '')
    if (l.startsWith('[')) { flush(); if (l === '[Term]') cur = { id: '', name: '', synonyms: [] }; continue }
    if (!cur) continue
    if (l.startsWith('id: ')) cur.id = l.slice(4).trim()
    else if (l.startsWith('name: ')) cur.name = l.slice(6).trim()
    else if (l.startsWith('synonym: "')) cur.synonyms.push(l.slice(10, l.indexOf('"', 10)))
    else if (l === 'is_obsolete: true') obsolete = true
  }
  flush()
  return out
}

export function searchHpo(terms: HpoTerm[], query: string, limit = 12): HpoTerm[] {
  const q = query.trim().toLowerCase()
  if (q.length < 2) return []
  const hits: [number, HpoTerm][] = []
  for (const t of terms) {
    let s = -1
    if (t.id.toLowerCase().startsWith(q)) s = 0
    else if (t.name.toLowerCase().startsWith(q)) s = 1
    else if ((' ' + t.name.toLowerCase()).includes(' ' + q)) s = 2
    else if (t.synonyms.some((x) => x.toLowerCase().includes(q))) s = 3
    if (s >= 0) hits.push([s, t])
  }
  hits.sort((a, b) => a[0] - b[0] || a[1].name.localeCompare(b[1].name))
  return hits.slice(0, limit).map((h) => h[1])
}

/** HPO ids written in pasted text (comma, space or newline separated). */
export function hpoIds(text: string): string[] {
  return [...new Set(text.match(/HP:\d{7}/g) ?? [])]
}
