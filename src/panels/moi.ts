// PanelApp's modes of inheritance (and the usual short forms: AD, AR, XLR, XLD, MT) → the
// inheritance modes the selection stage checks. An empty list means "no restriction".
import type { InheritanceMode } from '../prioritise/model.js'

const MONO: InheritanceMode[] = ['autosomal_dominant', 'de_novo']
const BI: InheritanceMode[] = ['autosomal_recessive_hom', 'compound_het']

export function modesOfInheritance(text: string | undefined): InheritanceMode[] {
  const t = (text ?? '').trim()
  if (t === '') return []
  const u = t.toUpperCase()
  if (u.startsWith('BOTH')) return [...MONO, ...BI]
  if (u.startsWith('MONOALLELIC')) return MONO
  if (u.startsWith('BIALLELIC')) return BI
  if (u.startsWith('X-LINKED') || u.startsWith('X LINKED')) {
    // "monoallelic mutations in females may cause disease": females affected too (X-linked dominant-like)
    return /MONOALLELIC/.test(u) ? ['x_linked_recessive', 'x_linked_dominant', 'de_novo'] : ['x_linked_recessive']
  }
  if (u.startsWith('MITOCHONDRIAL')) return ['mitochondrial']
  const out = new Set<InheritanceMode>()
  for (const part of u.split(/[,;/|&]+|\s+OR\s+/)) {
    const p = part.trim()
    if (p === 'AD' || p === 'AUTOSOMAL DOMINANT' || p === 'SD' || p === 'SEMIDOMINANT') MONO.forEach((m) => out.add(m))
    else if (p === 'AR' || p === 'AUTOSOMAL RECESSIVE') BI.forEach((m) => out.add(m))
    else if (p === 'XLR' || p === 'X-LINKED RECESSIVE') out.add('x_linked_recessive')
    else if (p === 'XLD' || p === 'X-LINKED DOMINANT') { out.add('x_linked_dominant'); out.add('de_novo') }
    else if (p === 'XL') { out.add('x_linked_recessive'); out.add('x_linked_dominant') }
    else if (p === 'MT' || p === 'MITOCHONDRIAL' || p === 'MI') out.add('mitochondrial')
  }
  return [...out] // 'Unknown', 'Other - …': no restriction
}
