// AMP/ASCO/CAP 2017 tier suggestions (Li et al., J Mol Diagn 2017;19:4-23) from an evidence
// table: Tier I (strong clinical significance: level A, approved therapy or guideline; level B,
// well-powered studies with consensus), Tier II (potential: level C, approved for another
// tumour type or multiple small studies; level D, preclinical or case reports), Tier III
// (unknown significance), Tier IV (benign or likely benign). CIViC levels map A→A, B→B, C→C,
// D and E→D; A/B evidence for another tumour type than the one given drops to level C, as the
// guideline's level C includes "FDA-approved therapies for different tumor types".
import { matchKind, type EvidenceItem, type EvidenceTable } from './evidence.js'
import { parseChange, parseResidue } from './protein.js'

export type AmpTier = 'IA' | 'IB' | 'IIC' | 'IID' | 'III' | 'IV'

/** Sequence Ontology terms that make a null (loss-of-function) variant. */
export const NULL_TERMS = new Set(['stop_gained', 'frameshift_variant', 'splice_donor_variant', 'splice_acceptor_variant', 'start_lost', 'transcript_ablation'])
/** Coding non-synonymous terms: what the TMB counts. */
export const NONSYNONYMOUS_TERMS = new Set(['missense_variant', 'stop_gained', 'stop_lost', 'start_lost', 'frameshift_variant',
  'inframe_insertion', 'inframe_deletion', 'protein_altering_variant'])
/** Protein-altering: non-synonymous coding changes plus splice-site and whole-transcript ones. */
export const PROTEIN_ALTERING_TERMS = new Set([...NONSYNONYMOUS_TERMS, 'splice_donor_variant', 'splice_acceptor_variant', 'transcript_ablation'])
const TIER_TYPES = new Set(['predictive', 'prognostic', 'diagnostic'])

export interface EvidenceMatch {
  item: EvidenceItem
  /** How the row matched: the exact change, the residue, or the variant class (gene-level rows). */
  matchedBy: 'change' | 'residue' | 'null-variant' | 'protein-altering'
  /** The AMP level after the tumour-type check. */
  ampLevel: 'A' | 'B' | 'C' | 'D'
  tier: AmpTier
  /** True/false when a tumour type was given and the row's disease matches it or not. */
  onLabel?: boolean
}

export interface TierCall {
  tier: AmpTier
  reason: string
  evidence: EvidenceMatch[]
}

export interface TierInput {
  gene?: string
  /** One-letter protein change on the reported transcript (V600E), if any. */
  protein?: string
  /** SO terms of the reported transcript, most severe first. */
  terms: string[]
  /** Population frequency (grpmax/popmax AF) when a population resource was read. */
  popmax?: number
  /** From this frequency on, an allele without evidence is benign (default 0.01). */
  benignAf?: number
}

/** The tumour type given matches a disease name or DOID (case-insensitive; either name containing the other). */
export function diseaseMatches(tumourType: string, item: EvidenceItem): boolean {
  const t = tumourType.trim().toLowerCase().replace(/^doid:/, '')
  if (item.doid && item.doid.toLowerCase().replace(/^doid:/, '') === t) return true
  const d = item.disease.toLowerCase()
  return d === t || d.includes(t) || t.includes(d)
}

function matchOne(it: EvidenceItem, v: TierInput): EvidenceMatch['matchedBy'] | undefined {
  const kind = matchKind(it.variant)
  const terms = v.terms
  switch (kind) {
    case 'change': {
      const want = it.variant.replace(/X$/, '*')
      return v.protein === want ? 'change' : undefined
    }
    case 'residue': {
      const r = parseResidue(it.variant)!, c = v.protein ? parseChange(v.protein) : undefined
      return c && c[0] === r[0] && c[1] === r[1] && c[2] !== c[0] && terms.includes('missense_variant') ? 'residue' : undefined
    }
    case 'null-variant': return terms.some((t) => NULL_TERMS.has(t)) ? 'null-variant' : undefined
    case 'protein-altering': return terms.some((t) => PROTEIN_ALTERING_TERMS.has(t)) ? 'protein-altering' : undefined
    default: return undefined
  }
}

const RANK: Record<AmpTier, number> = { IA: 0, IB: 1, IIC: 2, IID: 3, III: 4, IV: 5 }
const SPECIFIC: Record<EvidenceMatch['matchedBy'], number> = { change: 0, residue: 1, 'null-variant': 2, 'protein-altering': 3 }

function describe(m: EvidenceMatch): string {
  const it = m.item
  const what = it.drugs.length ? `${it.significance.toLowerCase()} to ${it.drugs.join(', ')}` : it.significance.toLowerCase()
  const by = m.matchedBy === 'change' ? it.variant : m.matchedBy === 'residue' ? `any change at ${it.variant}` : `${it.variant} (gene-level)`
  const label = m.onLabel === false && (it.level === 'A' || it.level === 'B') ? `level ${it.level}, another tumour type → level C` : `level ${it.level}`
  return `${it.gene} ${by}: ${it.evidenceType.toLowerCase()} evidence (${label}) in ${it.disease}, ${what} [evidence ${it.id}]`
}

/** The tier suggestion of one somatic variant, with its reason and the evidence rows it rests on. */
export function suggestTier(v: TierInput, table: EvidenceTable, tumourType?: string): TierCall {
  const matches: EvidenceMatch[] = []
  if (v.gene) {
    for (const it of table.forGene(v.gene)) {
      if (!TIER_TYPES.has(it.evidenceType.toLowerCase())) continue
      const by = matchOne(it, v)
      if (!by) continue
      const onLabel = tumourType ? diseaseMatches(tumourType, it) : undefined
      let ampLevel: EvidenceMatch['ampLevel'] = it.level === 'E' ? 'D' : it.level
      if (onLabel === false && (ampLevel === 'A' || ampLevel === 'B')) ampLevel = 'C'
      const tier: AmpTier = ampLevel === 'A' ? 'IA' : ampLevel === 'B' ? 'IB' : ampLevel === 'C' ? 'IIC' : 'IID'
      matches.push({ item: it, matchedBy: by, ampLevel, tier, ...(onLabel === undefined ? {} : { onLabel }) })
    }
  }
  matches.sort((a, b) => RANK[a.tier] - RANK[b.tier] || SPECIFIC[a.matchedBy] - SPECIFIC[b.matchedBy] || a.item.line - b.item.line)
  if (matches.length > 0) {
    const best = matches[0]
    const more = matches.length > 1 ? `; ${matches.length - 1} more evidence item(s)` : ''
    const note = tumourType === undefined && (best.tier === 'IA' || best.tier === 'IB') ? ' (no tumour type given: evidence taken as for this tumour type)' : ''
    return { tier: best.tier, reason: `Tier ${tierName(best.tier)}: ${describe(best)}${note}${more}`, evidence: matches }
  }
  const altering = v.terms.some((t) => PROTEIN_ALTERING_TERMS.has(t))
  const term = v.terms[0] ?? 'intergenic_variant'
  const benignAf = v.benignAf ?? 0.01
  if (v.popmax !== undefined && v.popmax >= benignAf) {
    return { tier: 'IV', reason: `Tier IV: ${term}${v.protein ? ` ${v.protein}` : ''} is observed at population frequency ${Number(v.popmax.toPrecision(4))} (>= ${benignAf}) with no matching evidence (benign/likely benign)`, evidence: [] }
  }
  if (altering) {
    const known = v.gene && table.forGene(v.gene).length > 0 ? `; ${v.gene} has evidence for other variants` : ''
    return { tier: 'III', reason: `Tier III: ${term}${v.protein ? ` ${v.protein}` : ''} with no matching evidence (unknown significance)${known}`, evidence: [] }
  }
  return { tier: 'IV', reason: `Tier IV: ${term} does not change the protein and no evidence names it (benign/likely benign for tiering)`, evidence: [] }
}

/** 'IA' → 'I (level A)' for readers. */
export function tierName(t: AmpTier): string {
  return t === 'III' || t === 'IV' ? t : `${t.startsWith('II') ? 'II' : 'I'} (level ${t[t.length - 1]})`
}
