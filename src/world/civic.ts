// A CIViC-style somatic evidence table for the synthetic world: rows in the shape of CIViC's
// nightly `ClinicalEvidenceSummaries.tsv` (the gene / variant / disease / drugs layout), for
// the world's cancer genes. The associations are modelled on well-known published ones
// (BRAF V600E and BRAF inhibitors in melanoma, KRAS G12C and sotorasib in lung cancer, …)
// but every row is synthetic: ids, statements and coordinates are the world's, and the
// table was transcribed from memory — it is test data, not a knowledge base.
import { canonical, codingMap } from './coding.js'
import { complement, CODE } from './code.js'
import type { Gene, World } from './world.js'

export type EvidenceLevel = 'A' | 'B' | 'C' | 'D' | 'E'

/** A real hotspot: the codon and the SNV that makes it (transcript strand). */
export interface HotspotCodon {
  gene: string
  codon: number
  refCodon: string
  /** One-letter protein change → the alt codon of that change. */
  changes: Record<string, string>
}

/** Real reference codons of well-known somatic hotspots (MANE Select numbering). */
export const HOTSPOT_CODONS: readonly HotspotCodon[] = [
  { gene: 'BRAF', codon: 600, refCodon: 'GTG', changes: { V600E: 'GAG' } },
  { gene: 'KRAS', codon: 12, refCodon: 'GGT', changes: { G12C: 'TGT', G12D: 'GAT', G12V: 'GTT' } },
  { gene: 'KRAS', codon: 13, refCodon: 'GGC', changes: { G13D: 'GAC' } },
  { gene: 'NRAS', codon: 61, refCodon: 'CAA', changes: { Q61K: 'AAA', Q61R: 'CGA' } },
  { gene: 'HRAS', codon: 12, refCodon: 'GGC', changes: { G12V: 'GTC' } },
  { gene: 'TP53', codon: 175, refCodon: 'CGC', changes: { R175H: 'CAC' } },
  { gene: 'TP53', codon: 248, refCodon: 'CGG', changes: { R248Q: 'CAG' } },
  { gene: 'TP53', codon: 273, refCodon: 'CGT', changes: { R273H: 'CAT' } },
  { gene: 'PIK3CA', codon: 545, refCodon: 'GAG', changes: { E545K: 'AAG' } },
  { gene: 'PIK3CA', codon: 1047, refCodon: 'CAT', changes: { H1047R: 'CGT' } },
  { gene: 'EGFR', codon: 790, refCodon: 'ACG', changes: { T790M: 'ATG' } },
  { gene: 'EGFR', codon: 858, refCodon: 'CTG', changes: { L858R: 'CGG' } },
  { gene: 'IDH1', codon: 132, refCodon: 'CGT', changes: { R132H: 'CAT' } },
  { gene: 'IDH2', codon: 140, refCodon: 'CGG', changes: { R140Q: 'CAG' } },
  { gene: 'KIT', codon: 816, refCodon: 'GAC', changes: { D816V: 'GTC' } },
  { gene: 'PDGFRA', codon: 842, refCodon: 'GAC', changes: { D842V: 'GTC' } },
  { gene: 'JAK2', codon: 617, refCodon: 'GTC', changes: { V617F: 'TTC' } },
  { gene: 'AKT1', codon: 17, refCodon: 'GAG', changes: { E17K: 'AAG' } },
  { gene: 'RET', codon: 918, refCodon: 'ATG', changes: { M918T: 'ACG' } },
  { gene: 'ESR1', codon: 537, refCodon: 'TAT', changes: { Y537S: 'TCT' } },
  { gene: 'FLT3', codon: 835, refCodon: 'GAT', changes: { D835Y: 'TAT' } },
  { gene: 'ABL1', codon: 315, refCodon: 'ACT', changes: { T315I: 'ATT' } },
  { gene: 'CTNNB1', codon: 45, refCodon: 'TCT', changes: { S45F: 'TTT' } },
  { gene: 'SF3B1', codon: 700, refCodon: 'AAG', changes: { K700E: 'GAG' } },
  { gene: 'DNMT3A', codon: 882, refCodon: 'CGC', changes: { R882H: 'CAC' } },
]

/** One evidence item: [gene, variant, disease, doid, drugs, interaction, type, level, significance]. */
type Row = [string, string, string, string, string, string, string, EvidenceLevel, string]
const NSCLC = ['Lung Non-small Cell Carcinoma', '3908'] as const
const CRC = ['Colorectal Cancer', '9256'] as const
const MEL = ['Melanoma', '1909'] as const
const AML = ['Acute Myeloid Leukemia', '9119'] as const
const BRCA = ['Breast Cancer', '1612'] as const
const OV = ['Ovarian Cancer', '2394'] as const
const PRAD = ['Prostate Cancer', '10283'] as const
const P = 'Predictive', PG = 'Prognostic', DX = 'Diagnostic'
const SENS = 'Sensitivity/Response', RES = 'Resistance', POOR = 'Poor Outcome', POS = 'Positive'

const ROWS: readonly Row[] = [
  ['BRAF', 'V600E', ...MEL, 'Vemurafenib', '', P, 'A', SENS],
  ['BRAF', 'V600E', ...MEL, 'Dabrafenib,Trametinib', 'Combination', P, 'A', SENS],
  ['BRAF', 'V600E', ...CRC, 'Cetuximab,Panitumumab', 'Substitutes', P, 'B', RES],
  ['BRAF', 'V600E', ...NSCLC, 'Dabrafenib,Trametinib', 'Combination', P, 'A', SENS],
  ['KRAS', 'G12C', ...NSCLC, 'Sotorasib', '', P, 'A', SENS],
  ['KRAS', 'G12C', ...NSCLC, 'Adagrasib', '', P, 'A', SENS],
  ['KRAS', 'G12D', ...CRC, 'Cetuximab', '', P, 'B', RES],
  ['KRAS', 'G13D', ...CRC, 'Cetuximab', '', P, 'C', RES],
  ['KRAS', 'Mutation', ...CRC, 'Cetuximab,Panitumumab', 'Substitutes', P, 'A', RES],
  ['NRAS', 'Q61K', ...MEL, 'Binimetinib', '', P, 'B', SENS],
  ['NRAS', 'Q61R', ...MEL, 'Binimetinib', '', P, 'B', SENS],
  ['HRAS', 'G12V', 'Head And Neck Squamous Cell Carcinoma', '5520', 'Tipifarnib', '', P, 'C', SENS],
  ['TP53', 'Mutation', 'Chronic Lymphocytic Leukemia', '1040', '', '', PG, 'B', POOR],
  ['TP53', 'R175H', ...BRCA, '', '', PG, 'C', POOR],
  ['TP53', 'R248Q', ...OV, '', '', PG, 'D', POOR],
  ['TP53', 'R273H', ...CRC, '', '', PG, 'C', POOR],
  ['PIK3CA', 'E545K', ...BRCA, 'Alpelisib,Fulvestrant', 'Combination', P, 'A', SENS],
  ['PIK3CA', 'H1047R', ...BRCA, 'Alpelisib,Fulvestrant', 'Combination', P, 'A', SENS],
  ['EGFR', 'L858R', ...NSCLC, 'Osimertinib', '', P, 'A', SENS],
  ['EGFR', 'L858R', ...NSCLC, 'Erlotinib', '', P, 'A', SENS],
  ['EGFR', 'T790M', ...NSCLC, 'Osimertinib', '', P, 'A', SENS],
  ['EGFR', 'T790M', ...NSCLC, 'Gefitinib', '', P, 'B', RES],
  ['IDH1', 'R132H', ...AML, 'Ivosidenib', '', P, 'A', SENS],
  ['IDH1', 'R132H', 'Glioma', '0060108', '', '', DX, 'B', POS],
  ['IDH2', 'R140Q', ...AML, 'Enasidenib', '', P, 'A', SENS],
  ['KIT', 'D816V', 'Systemic Mastocytosis', '349', 'Avapritinib', '', P, 'A', SENS],
  ['KIT', 'D816V', 'Gastrointestinal Stromal Tumor', '9253', 'Imatinib', '', P, 'B', RES],
  ['PDGFRA', 'D842V', 'Gastrointestinal Stromal Tumor', '9253', 'Avapritinib', '', P, 'A', SENS],
  ['JAK2', 'V617F', 'Polycythemia Vera', '8997', '', '', DX, 'B', POS],
  ['AKT1', 'E17K', ...BRCA, 'Capivasertib,Fulvestrant', 'Combination', P, 'A', SENS],
  ['RET', 'M918T', 'Medullary Thyroid Carcinoma', '3973', 'Selpercatinib', '', P, 'A', SENS],
  ['ESR1', 'Y537S', ...BRCA, 'Elacestrant', '', P, 'A', SENS],
  ['FLT3', 'D835Y', ...AML, 'Gilteritinib', '', P, 'A', SENS],
  ['ABL1', 'T315I', 'Chronic Myeloid Leukemia', '8552', 'Ponatinib', '', P, 'A', SENS],
  ['ABL1', 'T315I', 'Chronic Myeloid Leukemia', '8552', 'Imatinib', '', P, 'B', RES],
  ['CTNNB1', 'S45F', 'Desmoid Tumor', '0050807', '', '', PG, 'C', POOR],
  ['SF3B1', 'K700E', 'Myelodysplastic Syndrome', '0050908', '', '', DX, 'B', POS],
  ['DNMT3A', 'R882H', ...AML, '', '', PG, 'B', POOR],
  ['BRCA1', 'Loss-of-function', ...OV, 'Olaparib', '', P, 'A', SENS],
  ['BRCA2', 'Loss-of-function', ...OV, 'Olaparib', '', P, 'A', SENS],
  ['BRCA2', 'Loss-of-function', ...PRAD, 'Olaparib', '', P, 'A', SENS],
  ['ATM', 'Loss-of-function', ...PRAD, 'Olaparib', '', P, 'B', SENS],
  ['PALB2', 'Loss-of-function', ...BRCA, 'Olaparib', '', P, 'C', SENS],
  ['CHEK2', 'Loss-of-function', ...PRAD, 'Olaparib', '', P, 'C', SENS],
  ['PTEN', 'Loss-of-function', ...BRCA, 'Capivasertib,Fulvestrant', 'Combination', P, 'B', SENS],
  ['STK11', 'Loss-of-function', ...NSCLC, 'Pembrolizumab', '', P, 'C', RES],
  ['VHL', 'Loss-of-function', 'Clear Cell Renal Cell Carcinoma', '4467', 'Belzutifan', '', P, 'B', SENS],
  ['RB1', 'Loss-of-function', ...BRCA, 'Palbociclib', '', P, 'C', RES],
  ['SMAD4', 'Loss-of-function', ...CRC, '', '', PG, 'C', POOR],
  ['APC', 'Truncating Mutation', ...CRC, '', '', DX, 'C', POS],
  ['ARID1A', 'Truncating Mutation', 'Ovarian Clear Cell Carcinoma', '0050905', '', '', PG, 'D', POOR],
  ['MLH1', 'Loss-of-function', ...CRC, 'Pembrolizumab', '', P, 'C', SENS],
  ['MSH2', 'Loss-of-function', ...CRC, 'Pembrolizumab', '', P, 'C', SENS],
  ['NF2', 'Loss-of-function', 'Mesothelioma', '1790', '', '', DX, 'D', POS],
]

/** CIViC ClinicalEvidenceSummaries.tsv columns (the older gene/variant layout), in order. */
export const CIVIC_COLUMNS = [
  'gene', 'entrez_id', 'variant', 'disease', 'doid', 'phenotypes', 'drugs', 'drug_interaction_type', 'evidence_type',
  'evidence_direction', 'evidence_level', 'clinical_significance', 'evidence_statement', 'citation_id', 'source_type',
  'rating', 'evidence_status', 'evidence_id', 'variant_id', 'gene_id', 'chromosome', 'start', 'stop', 'reference_bases',
  'variant_bases', 'representative_transcript', 'reference_build', 'variant_origin',
] as const

export interface HotspotSite { gene: Gene; change: string; codon: number; chrom: string; pos: number; ref: string; alt: string; transcript: string }

/**
 * Where each hotspot change lies in a world: its SNV on the plus strand, when the gene is in
 * the world and its synthetic CDS reaches the codon (the codon was set by `patchHotspots`).
 */
export function hotspotSites(world: World): HotspotSite[] {
  const out: HotspotSite[] = []
  for (const h of HOTSPOT_CODONS) {
    const g = world.genes.find((x) => x.symbol === h.gene && x.biotype === 'protein_coding')
    if (!g) continue
    const m = codingMap(world, g, canonical(g))!
    const at = (h.codon - 1) * 3
    if (m.seq.slice(at, at + 3) !== h.refCodon) continue
    for (const [change, alt] of Object.entries(h.changes)) {
      const k = [0, 1, 2].filter((i) => h.refCodon[i] !== alt[i])
      if (k.length !== 1) throw new Error(`${h.gene} ${change}: ${h.refCodon}>${alt} is not an SNV`)
      if (CODE.get(alt) !== change[change.length - 1]) throw new Error(`${h.gene} ${change}: ${alt} does not code ${change[change.length - 1]}`)
      const plus = (b: string) => (g.strand === 1 ? b : complement(b))
      out.push({ gene: g, change, codon: h.codon, chrom: g.chrom, pos: m.positions[at + k[0]], ref: plus(h.refCodon[k[0]]), alt: plus(alt[k[0]]), transcript: m.tx.id })
    }
  }
  return out
}

/** The evidence table for a world: rows for genes in the world, hotspot rows only where the hotspot exists. */
export function civicTsv(world: World): string {
  const sites = new Map(hotspotSites(world).map((s) => [`${s.gene.symbol} ${s.change}`, s]))
  const genes = new Map(world.genes.filter((g) => g.symbol && g.biotype === 'protein_coding').map((g) => [g.symbol!, g]))
  const lines = [CIVIC_COLUMNS.join('\t')]
  let id = 90_000, vid = 9_000
  const variantIds = new Map<string, number>()
  for (const [gene, variant, disease, doid, drugs, interaction, type, level, sig] of ROWS) {
    const g = genes.get(gene)
    if (!g) continue
    const site = sites.get(`${gene} ${variant}`)
    const specific = /^[A-Z]\d+[A-Z*]$/.test(variant)
    if (specific && !site) continue // the synthetic CDS is shorter than the real one
    const key = `${gene} ${variant}`
    if (!variantIds.has(key)) variantIds.set(key, ++vid)
    const what = drugs ? `${sig.toLowerCase()} to ${drugs.replace(/,/g, interaction === 'Combination' ? ' plus ' : ' or ')}` : sig.toLowerCase()
    const statement = `Synthetic evidence item (vartriage world, not CIViC data) modelled on the published association of ${gene} ${variant} in ${disease}: ${what}.`
    const row: Record<(typeof CIVIC_COLUMNS)[number], string | number> = {
      gene, entrez_id: g.ncbiId, variant, disease, doid, phenotypes: '', drugs, drug_interaction_type: interaction, evidence_type: type,
      evidence_direction: 'Supports', evidence_level: level, clinical_significance: sig, evidence_statement: statement, citation_id: '',
      source_type: 'synthetic', rating: level === 'A' ? 5 : level === 'B' ? 4 : 3, evidence_status: 'accepted', evidence_id: ++id,
      variant_id: variantIds.get(key)!, gene_id: g.ncbiId - 90_000_000, chromosome: site?.chrom ?? g.chrom,
      start: site?.pos ?? g.start, stop: site?.pos ?? g.end, reference_bases: site?.ref ?? '', variant_bases: site?.alt ?? '',
      representative_transcript: site?.transcript ?? canonical(g).id, reference_build: 'GRCh38', variant_origin: 'Somatic',
    }
    lines.push(CIVIC_COLUMNS.map((c) => String(row[c]).replace(/[\t\n]/g, ' ')).join('\t'))
  }
  return lines.join('\n') + '\n'
}
