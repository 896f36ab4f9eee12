// Well-known variants placed at their real codon (with the real reference codon) so that
// prioritisation meets the cases it must handle: pathogenic yet common alleles with a
// population-specific frequency. Protein numbering as in the MANE Select transcript; the
// rest of each gene is synthetic.

export interface Landmark {
  symbol: string
  /** 1-based codon and the codons before and after the change (transcript strand). */
  codon: number
  refCodon: string
  altCodon: string
  name: string
  clnsig: 'Pathogenic' | 'Likely_pathogenic' | 'Uncertain_significance' | 'Benign'
  revstat: string
  disease: string
  /** Global allele frequency and per-group enrichment (multipliers of the group's size). */
  af: number
  groups: Record<string, number>
}

export const LANDMARKS: readonly Landmark[] = [
  { symbol: 'HFE', codon: 282, refCodon: 'TGC', altCodon: 'TAC', name: 'c.845G>A p.Cys282Tyr', clnsig: 'Pathogenic',
    revstat: 'criteria_provided,_multiple_submitters,_no_conflicts', disease: 'Hereditary hemochromatosis', af: 0.025,
    groups: { nfe: 6, fin: 5, ami: 3, asj: 2, remaining: 3, mid: 1, amr: 1, afr: 0.25, sas: 0.3, eas: 0.03 } },
  { symbol: 'TTR', codon: 142, refCodon: 'GTC', altCodon: 'ATC', name: 'c.424G>A p.Val142Ile', clnsig: 'Pathogenic',
    revstat: 'reviewed_by_expert_panel', disease: 'Hereditary transthyretin-related amyloidosis', af: 0.006,
    groups: { afr: 8, amr: 1, remaining: 0.5, nfe: 0.05, fin: 0.02, asj: 0.05, eas: 0.02, sas: 0.05, mid: 0.2, ami: 0.01 } },
]
