// Every threshold of the evidence rules in one place, with the published value as default.
// docs/acmg.md cites the source of each.

export interface RevelThresholds {
  /** PP3 at strong / moderate / supporting when REVEL >= these (Pejaver et al. 2022). */
  pp3Strong: number
  pp3Moderate: number
  pp3Supporting: number
  /** BP4 at supporting / moderate / strong when REVEL <= these. */
  bp4Supporting: number
  bp4Moderate: number
  bp4Strong: number
}

export interface EvidenceOptions {
  /** PM2_Supporting: popmax below this, or absent (ClinGen SVI 2020 recommends supporting strength). */
  pm2MaxPopmax: number
  /** BA1: popmax at or above this (ClinGen SVI, Ghosh 2018: 0.05). */
  ba1MinPopmax: number
  /** BS1: popmax at or above this, unless the gene has its own threshold (bs1PerGene). */
  bs1MinPopmax: number
  /** Per-gene BS1 thresholds (gene symbol → popmax), as ClinGen VCEPs set them. */
  bs1PerGene: Record<string, number>
  /** Variants exempt from BA1/BS1/BS2 ('GENE:p.Xxx123Yyy'; ClinGen SVI BA1 exception list). */
  frequencyExceptions: string[]
  /** BS2: at least this many homozygotes (hemizygotes on X) in the population data, for a recessive context. */
  bs2MinHomozygotes: number
  revel: RevelThresholds
  /** ClinGen haploinsufficiency scores that mean "loss of function is a known disease mechanism". */
  pvs1HaploinsufficiencyScores: number[]
  /** Also accept LOEUF below this as the LoF mechanism when a gene has no ClinGen score (null: never). */
  pvs1MaxLoeuf: number | null
  /** A premature stop this many bases or fewer 5' of the last exon-exon junction escapes NMD. */
  nmdBoundary: number
  /** PVS1_Strong rather than _Moderate when the lost part of the protein is more than this fraction. */
  pvs1MinLostFraction: number
  /** PS1 also for the very variant ClinVar classifies P/LP (Richards' PS1 is about another nucleotide change). */
  ps1SameVariant: boolean
  /** PP3 and PM1 together may not exceed this many points (Pejaver 2022: strong). */
  pp3Pm1MaxPoints: number
  /** BP3/PM4: an in-frame indel is "in a repeat" when its unit occurs this many times in tandem in the reference. */
  repeatMinCopies: number
}

export const DEFAULT_EVIDENCE_OPTIONS: EvidenceOptions = {
  pm2MaxPopmax: 0.0001,
  ba1MinPopmax: 0.05,
  bs1MinPopmax: 0.01,
  bs1PerGene: {},
  // the coding entries of the ClinGen BA1 exception list (Ghosh 2018), transcribed from memory: check before clinical use
  frequencyExceptions: ['HFE:p.Cys282Tyr', 'HFE:p.His63Asp', 'GJB2:p.Val37Ile', 'BTD:p.Asp444His', 'MEFV:p.Pro369Ser', 'MEFV:p.Arg408Gln', 'PIBF1:p.Arg405Gln'],
  bs2MinHomozygotes: 2,
  revel: { pp3Strong: 0.932, pp3Moderate: 0.773, pp3Supporting: 0.644, bp4Supporting: 0.290, bp4Moderate: 0.183, bp4Strong: 0.016 },
  pvs1HaploinsufficiencyScores: [3, 30],
  pvs1MaxLoeuf: null,
  nmdBoundary: 50,
  pvs1MinLostFraction: 0.1,
  ps1SameVariant: true,
  pp3Pm1MaxPoints: 4,
  repeatMinCopies: 4,
}

export function evidenceOptions(o: Partial<EvidenceOptions> = {}): EvidenceOptions {
  return { ...DEFAULT_EVIDENCE_OPTIONS, ...o, revel: { ...DEFAULT_EVIDENCE_OPTIONS.revel, ...o.revel }, bs1PerGene: { ...o.bs1PerGene } }
}
