// A CIViC-style clinical evidence table (ClinicalEvidenceSummaries.tsv, either the older
// gene/variant/drugs layout or the newer molecular_profile/therapies one): rows indexed by
// gene, matched to a somatic variant by its one-letter protein change (V600E), by residue
// (V600: any change there), or by variant class for gene-level rows (Loss-of-function,
// Truncating Mutation: null variants; Mutation: any protein-altering change).
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { EvidenceError } from './errors.js'
import { parseChange, parseResidue } from './protein.js'

export type EvidenceLevel = 'A' | 'B' | 'C' | 'D' | 'E'

export interface EvidenceItem {
  id: string
  gene: string
  variant: string
  disease: string
  doid?: string
  drugs: string[]
  evidenceType: string
  direction: string
  level: EvidenceLevel
  significance: string
  origin?: string
  /** 1-based line in the table. */
  line: number
}

/** How a row's variant name is matched. */
export type MatchKind = 'change' | 'residue' | 'null-variant' | 'protein-altering'

const NULL_NAMES = new Set(['LOSS-OF-FUNCTION', 'LOSS OF FUNCTION', 'TRUNCATING MUTATION', 'TRUNCATING MUTATIONS', 'FRAMESHIFT TRUNCATION', 'INACTIVATING MUTATION'])
const ANY_NAMES = new Set(['MUTATION', 'MUTATIONS', 'ALTERATION', 'SOMATIC MUTATION'])

export function matchKind(variant: string): MatchKind | undefined {
  const v = variant.trim()
  if (parseChange(v)) return 'change'
  if (parseResidue(v)) return 'residue'
  const u = v.toUpperCase()
  if (NULL_NAMES.has(u)) return 'null-variant'
  if (ANY_NAMES.has(u)) return 'protein-altering'
  return undefined // fusions, amplifications, expression, exon-level names: not matched from SNVs/indels
}

export class EvidenceTable {
  private readonly byGene = new Map<string, EvidenceItem[]>()
  /** Rows whose variant names no SNV/indel can match (fusions, amplifications …), by name. */
  readonly unmatchable = new Map<string, number>()
  /** Rows left out: direction 'Does Not Support', or a germline origin. */
  skipped = 0

  constructor(readonly file: string, readonly items: EvidenceItem[]) {
    for (const it of items) {
      if (!matchKind(it.variant)) { this.unmatchable.set(it.variant, (this.unmatchable.get(it.variant) ?? 0) + 1); continue }
      const key = it.gene.toUpperCase()
      this.byGene.set(key, [...(this.byGene.get(key) ?? []), it])
    }
  }

  genes(): string[] { return [...this.byGene.keys()] }
  forGene(gene: string): EvidenceItem[] { return this.byGene.get(gene.toUpperCase()) ?? [] }

  static load(file: string): EvidenceTable {
    let bytes = readFileSync(file)
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes)
    return EvidenceTable.parse(bytes.toString('utf8'), file)
  }

  static parse(text: string, file: string): EvidenceTable {
    const lines = text.split('\n')
    let h = 0
    while (h < lines.length && (lines[h].trim() === '' || (lines[h].startsWith('#') && !lines[h].includes('\t')))) h++
    if (h >= lines.length) throw new EvidenceError('empty evidence table: expected a header line of tab-separated column names', { file })
    const cols = lines[h].replace(/^#/, '').replace(/\r$/, '').split('\t').map((c) => c.trim().toLowerCase())
    const col = (...names: string[]) => { for (const n of names) { const k = cols.indexOf(n); if (k >= 0) return k } return -1 }
    const c = {
      gene: col('gene'), variant: col('variant'), profile: col('molecular_profile'), disease: col('disease'), doid: col('doid'),
      drugs: col('drugs', 'therapies'), type: col('evidence_type'), direction: col('evidence_direction'), level: col('evidence_level'),
      significance: col('clinical_significance', 'significance'), id: col('evidence_id'), origin: col('variant_origin'),
    }
    const need: [string, number][] = [['disease', c.disease], ['evidence_type', c.type], ['evidence_level', c.level], ['clinical_significance (or significance)', c.significance]]
    if ((c.gene < 0 || c.variant < 0) && c.profile < 0) need.push(['gene and variant (or molecular_profile)', -1])
    const missing = need.filter(([, k]) => k < 0).map(([n]) => n)
    if (missing.length) throw new EvidenceError(`the header lacks the column(s) ${missing.join(', ')} (CIViC ClinicalEvidenceSummaries layout)`, { file, line: h + 1 })
    const items: EvidenceItem[] = []
    let skipped = 0
    for (let i = h + 1; i < lines.length; i++) {
      const raw = lines[i].replace(/\r$/, '')
      if (raw === '' || raw.startsWith('#')) continue
      const f = raw.split('\t')
      const get = (k: number) => (k >= 0 && k < f.length ? f[k].trim() : '')
      let gene = get(c.gene), variant = get(c.variant)
      if ((!gene || !variant) && c.profile >= 0) {
        const mp = get(c.profile)
        const sp = mp.indexOf(' ')
        if (sp > 0) { gene = mp.slice(0, sp); variant = mp.slice(sp + 1) }
      }
      if (!gene || !variant) throw new EvidenceError('no gene and variant on this line', { file, line: i + 1 })
      const level = get(c.level).toUpperCase()
      if (!/^[A-E]$/.test(level)) throw new EvidenceError(`evidence_level must be one of A, B, C, D, E, got ${JSON.stringify(get(c.level))}`, { file, line: i + 1 })
      const direction = get(c.direction) || 'Supports'
      const origin = get(c.origin) || undefined
      if (/^does not support$/i.test(direction) || (origin && /germline/i.test(origin))) { skipped++; continue }
      items.push({
        id: get(c.id) || `line${i + 1}`, gene, variant, disease: get(c.disease), doid: get(c.doid) || undefined,
        drugs: get(c.drugs).split(',').map((s) => s.trim()).filter(Boolean), evidenceType: get(c.type), direction,
        level: level as EvidenceLevel, significance: get(c.significance), origin, line: i + 1,
      })
    }
    const t = new EvidenceTable(file, items)
    t.skipped = skipped
    return t
  }
}
