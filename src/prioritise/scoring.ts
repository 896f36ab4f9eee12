// Variant and gene scores (docs/scoring.md). The variant score follows Exomiser
// (Smedley et al. 2015, Nat Protoc 10:2004; Cipriani et al. 2020, Genes 11:460): a frequency
// score times a pathogenicity score; the gene score is Exomiser's logistic combination of the
// phenotype and variant scores, with one vartriage addition, the ACMG/AMP class.
import type { AcmgClass, Variant } from './model.js'
import { TERM_RANK } from '../csq/terms.js'

/**
 * Pathogenicity by consequence, Exomiser's defaults (VariantEffectPathogenicityScore) for the
 * effects it scores; splice_region-type terms, which Exomiser leaves at 0 unless a splicing
 * predictor says otherwise, get a low non-zero value so that they rank below coding changes
 * but above nothing.
 */
export const CONSEQUENCE_SCORE: Readonly<Record<string, number>> = {
  transcript_ablation: 1,
  splice_acceptor_variant: 0.9,
  splice_donor_variant: 0.9,
  stop_gained: 0.95,
  frameshift_variant: 0.95,
  stop_lost: 0.9,
  start_lost: 0.95,
  feature_elongation: 0.85,
  feature_truncation: 0.85,
  inframe_insertion: 0.85,
  inframe_deletion: 0.85,
  protein_altering_variant: 0.85,
  missense_variant: 0.6,
  splice_donor_5th_base_variant: 0.4,
  splice_region_variant: 0.3,
  splice_donor_region_variant: 0.3,
  splice_polypyrimidine_tract_variant: 0.1,
  synonymous_variant: 0.1,
  start_retained_variant: 0.1,
  stop_retained_variant: 0.1,
}

/** Consequences kept by the severity cut besides HIGH and MODERATE impact (docs/prioritise.md). */
export const KEPT_LOW_IMPACT = new Set(['splice_donor_5th_base_variant', 'splice_region_variant', 'splice_donor_region_variant'])

/**
 * Exomiser's frequency score: 1 for an allele never seen, falling to 0 at 2 % (frequency in
 * percent, f): 1.13533 − 0.13533·e^f for 0 < f ≤ 2, 0 above.
 */
export function frequencyScore(popmax: number | undefined): number {
  if (popmax === undefined || Number.isNaN(popmax) || popmax <= 0) return 1
  const pct = popmax * 100
  if (pct > 2) return 0
  return Math.max(0, Math.min(1, 1.13533 - 0.13533 * Math.exp(pct)))
}

/** CADD PHRED as a probability-like score in [0, 1] (Exomiser's scaling: 1 − 10^(−phred/10)). */
export const caddScaled = (phred: number): number => 1 - Math.pow(10, -phred / 10)

/**
 * Pathogenicity in [0, 1]: ClinVar P/LP → 1 (Exomiser 13's ClinVar rule); else the consequence
 * score, where for a missense variant the best in-silico predictor (REVEL, scaled CADD)
 * replaces the default when present, and for other effects may raise it.
 */
export function pathogenicityScore(v: Variant): number {
  if (v.clinvar?.pathogenic) return 1
  const term = v.consequence[0]
  const effect = term === undefined ? 0 : CONSEQUENCE_SCORE[term] ?? 0
  const predictors: number[] = []
  if (v.revel !== undefined && !Number.isNaN(v.revel)) predictors.push(v.revel)
  if (v.cadd !== undefined && !Number.isNaN(v.cadd)) predictors.push(caddScaled(v.cadd))
  if (predictors.length === 0) return effect
  const best = Math.max(...predictors)
  return term === 'missense_variant' ? best : Math.max(effect, best)
}

export function variantScore(v: Variant): number {
  return frequencyScore(v.popmax) * pathogenicityScore(v)
}

/** Consequence rank for sorting (lower is more severe). */
export const termRank = (t: string | undefined): number => (t === undefined ? 1000 : TERM_RANK.get(t) ?? 999)

/** ACMG class as a term of the logistic combination (vartriage's addition to Exomiser's formula). */
export const ACMG_WEIGHT: Readonly<Record<AcmgClass, number>> = {
  pathogenic: 2,
  likely_pathogenic: 1,
  uncertain_significance: 0,
  likely_benign: -1,
  benign: -2,
}

/** Exomiser's logistic-regression coefficients (hiPHIVE combined score). */
export const LOGIT = { intercept: -13.28813, phenotype: 10.39451, variant: 9.18381 } as const

/**
 * The gene score. With phenotypes: 1 / (1 + e^−(b0 + b1·phenotype + b2·variant + w(ACMG))).
 * Without (no HPO terms): the variant score, nudged by the ACMG class (±0.05 per step, kept in
 * [0, 1]) so that classification breaks near-ties as it does above.
 */
export function geneScore(phenotype: number | undefined, variant: number, acmg: AcmgClass): number {
  const w = ACMG_WEIGHT[acmg]
  if (phenotype === undefined) return Math.min(1, Math.max(0, variant + 0.05 * w))
  const x = LOGIT.intercept + LOGIT.phenotype * phenotype + LOGIT.variant * variant + w
  return 1 / (1 + Math.exp(-x))
}
