// The types the prioritisation stages share (case → selection → inheritance → evidence →
// phenotype → gene score → consent → outputs). Each stage lives in its own folder
// (src/case/, src/inheritance/, src/acmg/, src/panels/, src/consent/, src/prioritise/) and
// talks to the others only through these shapes.
import type { Sex } from '../coverage/sex.js'
import type { Impact } from '../csq/terms.js'

export type { Sex, Impact }

// ---------------------------------------------------------------------------- case

/** One person of a pedigree (PED columns, or a phenopacket's subject and pedigree). */
export interface Individual {
  family: string
  id: string
  father?: string
  mother?: string
  /** Declared sex ('unknown' when PED says 0 or the phenopacket gives none). */
  sex: Sex
  /** PED phenotype column: 2 → true, 1 → false, 0/-9 → undefined. */
  affected: boolean | undefined
  /** Column of this individual in the VCF (0-based sample index), -1 when not sequenced. */
  sample: number
}

export interface Family {
  id: string
  members: Individual[]
  /** Id of the proband: the phenopacket subject, else the first affected child, else the first affected. */
  proband?: string
  /** Observed HPO terms (phenopacket phenotypicFeatures, --hpo). */
  hpo: string[]
  /** Terms the phenopacket marks excluded (kept for reports; not scored). */
  excludedHpo: string[]
  /** Set by buildCase when trios were checked: false when a Mendelian-error rate is too high (PM6, not PS2). */
  parentageConfirmed?: boolean
}

export interface CaseWarning {
  family: string
  individual?: string
  /** Machine-readable: 'sex-conflict', 'sex-inferred', 'mendelian-errors', 'not-in-vcf', … */
  code: string
  message: string
}

export interface Case {
  families: Family[]
  warnings: CaseWarning[]
}

// ---------------------------------------------------------------------------- selection

export type InheritanceMode =
  | 'de_novo'
  | 'autosomal_dominant'
  | 'autosomal_recessive_hom'
  | 'compound_het'
  | 'x_linked_recessive'
  | 'x_linked_dominant'
  | 'mitochondrial'

export const INHERITANCE_MODES: readonly InheritanceMode[] = [
  'de_novo', 'autosomal_dominant', 'autosomal_recessive_hom', 'compound_het',
  'x_linked_recessive', 'x_linked_dominant', 'mitochondrial',
]

/** Per-sample genotype quality (slivar's defaults). */
export interface QualityThresholds {
  minGq: number
  minDp: number
  /** Allele balance (alt / (ref + alt)) allowed for a het call. */
  hetAb: [number, number]
  /** Minimum allele balance of a hom-alt call. */
  homAltAb: number
  /** Maximum allele balance of a hom-ref call. */
  homRefAb: number
  /** De novo: each parent has fewer than this many alt reads. */
  parentMaxAltReads: number
}

export const DEFAULT_QUALITY: QualityThresholds = {
  minGq: 20, minDp: 6, hetAb: [0.2, 0.8], homAltAb: 0.98, homRefAb: 0.02, parentMaxAltReads: 2,
}

/** Maximum popmax allele frequency per mode. */
export type FrequencyCutoffs = Record<InheritanceMode, number>

export const DEFAULT_FREQUENCY: FrequencyCutoffs = {
  de_novo: 0.001,
  autosomal_dominant: 0.001,
  x_linked_recessive: 0.001,
  x_linked_dominant: 0.001,
  autosomal_recessive_hom: 0.01,
  compound_het: 0.02,
  mitochondrial: 0.002,
}

// ---------------------------------------------------------------------------- variants

export interface ClinVarAssertion {
  /** CLNSIG as written (e.g. 'Pathogenic', 'Likely_pathogenic', 'Pathogenic/Likely_pathogenic'). */
  significance: string
  reviewStatus?: string
  id?: string
  /** True when the significance is P, LP or P/LP (not conflicting). */
  pathogenic: boolean
}

/** One ALT allele of a record (multi-allelic records are split), with its annotations. */
export interface Variant {
  /** `chrom:pos:ref:alt`, stable across runs (used to join and to mask). */
  key: string
  chrom: string
  pos: number
  ref: string
  alt: string
  /** 1-based index of this ALT in the input record (GT allele number), when the record was multi-allelic. */
  altIndex?: number
  id?: string
  filter?: string
  qual?: number
  /** Worst-affected gene (canonical / MANE transcript preferred). */
  gene?: string
  geneId?: string
  transcript?: string
  /** Consequence terms of that transcript, most severe first (Sequence Ontology). */
  consequence: string[]
  impact: Impact
  hgvsc?: string
  hgvsp?: string
  exon?: string
  /** Protein position (first residue) and amino acids (e.g. 'R/W'), for PS1/PM5. */
  proteinPosition?: number
  aminoAcids?: string
  /** Population frequency (popmax / grpmax AF; AF when no grpmax), nhomalt, hemizygous count. */
  popmax?: number
  af?: number
  nhomalt?: number
  clinvar?: ClinVarAssertion
  revel?: number
  cadd?: number
}

/** One member's call at a variant, after the quality checks. */
export interface MemberGenotype {
  individual: string
  /** As written in the VCF, e.g. '0/1', '1|0', './.'. */
  gt: string
  /** Copies of this ALT: 0, 1, 2; -1 when missing. */
  altCopies: number
  gq?: number
  dp?: number
  /** Allele depths (ref, this alt). */
  ad?: [number, number]
  /** Passed QualityThresholds. */
  pass: boolean
  phased: boolean
  phaseSet?: number
}

/** A variant as a candidate for one family. */
export interface Candidate {
  variant: Variant
  family: string
  genotypes: MemberGenotype[]
  /** Modes this variant alone is compatible with (compound_het means "could be one of a pair"). */
  modes: InheritanceMode[]
  /** de novo: both parents sequenced and Mendelian-error rate normal (PS2) or not (PM6). */
  parentageConfirmed?: boolean
  /** compound_het: the parent the allele came from, when known ('father' | 'mother'), else undefined. */
  from?: 'father' | 'mother'
}

/** A compound-heterozygous pair in one gene of one family. */
export interface CompoundHetPair {
  family: string
  gene: string
  first: Candidate
  second: Candidate
  /** How phase was established: 'parents', 'phase-set', 'phased-gt', 'de-novo+inherited', or 'unphased'. */
  phase: string
}

// ---------------------------------------------------------------------------- evidence

export type Strength = 'stand_alone' | 'very_strong' | 'strong' | 'moderate' | 'supporting'
export type AcmgClass = 'pathogenic' | 'likely_pathogenic' | 'uncertain_significance' | 'likely_benign' | 'benign'

export interface Criterion {
  /** 'PVS1', 'PS2', 'PM2', 'PP3', 'BA1', …: the code as published. */
  code: string
  strength: Strength
  direction: 'pathogenic' | 'benign'
  /** Points on the Bayesian scale (Tavtigian 2020): supporting 1, moderate 2, strong 4, very strong 8; benign negative. */
  points: number
  /** One sentence a biologist can read and check. */
  reason: string
  /** The values the reason rests on (frequencies, scores, ClinVar ids …). */
  data: Record<string, string | number | boolean>
}

export interface Classification {
  criteria: Criterion[]
  points: number
  class: AcmgClass
}

// ---------------------------------------------------------------------------- ranking

export interface GeneResult {
  rank: number
  family: string
  gene: string
  score: number
  mode: InheritanceMode
  phenotypeScore: number
  variantScore: number
  /** The best variant, or the two of a compound-het pair. */
  variants: RankedVariant[]
  acmgClass: AcmgClass
  panel: boolean
  /** True for an ACMG secondary-findings gene unrelated to the indication (shown only with consent). */
  secondary: boolean
}

export interface RankedVariant {
  candidate: Candidate
  classification: Classification
  mode: InheritanceMode
  variantScore: number
}

// ---------------------------------------------------------------------------- run result

/** Sex check of one individual (reported, and used where the PED leaves sex unknown). */
export interface SexCheck {
  family: string
  individual: string
  declared: Sex
  inferred: Sex
  /** 'bam-index' (X/Y coverage from a .bai/.csi) or 'x-heterozygosity' (from the VCF). */
  method: string
  /** Numbers the call rests on (X/autosome depth ratio, X het rate, sites …). */
  evidence: Record<string, number>
}

/** A file read by the run, for manifest.json (ISO 15189 traceability). */
export interface InputFile {
  role: string
  path: string
  bytes: number
  sha256: string
}

/** Everything a prioritisation run produced; what the output writers and the web app read. */
export interface PrioritisationResult {
  tool: { name: string; version: string }
  /** ISO time the run started. */
  started: string
  case: Case
  sexChecks: SexCheck[]
  /** The options as resolved (defaults filled in), for the manifest and the report. */
  parameters: Record<string, unknown>
  /** Ranked genes visible under the consent level, all families, rank within each family. */
  genes: GeneResult[]
  /** Secondary findings revealed by `--consent related+secondary` (empty otherwise). */
  secondary: GeneResult[]
  /** Findings hidden by consent: only their number is ever written. */
  masked: { count: number }
  inputs: InputFile[]
  /** Seconds per stage ('read', 'select', 'annotate', 'evidence', 'rank', 'write'). */
  timings: Record<string, number>
  /** Variants read, passing quality, candidates per mode … */
  counts: Record<string, number>
}
