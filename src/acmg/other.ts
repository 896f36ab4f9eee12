// De novo (PS2/PM6), in trans (PM3), protein length (PM4/BP3) and synonymous (BP7) rules.
import type { AcmgClass, Candidate, CompoundHetPair, Criterion } from '../prioritise/model.js'
import type { EvidenceContext } from './context.js'
import { criterion } from './points.js'
import { sameKey } from './util.js'

export function deNovo(c: Candidate): Criterion | undefined {
  if (!c.modes.includes('de_novo')) return undefined
  return c.parentageConfirmed
    ? criterion('PS2', 'strong', 'De novo in the proband: absent from both parents, with parentage confirmed by the Mendelian-error rate.', { parentageConfirmed: true })
    : criterion('PM6', 'moderate', 'De novo in the proband, but parentage is not confirmed (a parent not sequenced or a high Mendelian-error rate).', { parentageConfirmed: false })
}

const PHASED = new Set(['parents', 'phase-set', 'phased-gt'])

/**
 * PM3 after the ClinGen SVI recommendation (v1.0): the partner of a compound-het pair counts
 * 1 point when pathogenic, 0.5 when likely pathogenic, halved when the phase is not known;
 * 1 point → PM3 (moderate), 0.5 → PM3_Supporting. The partner's class is its ClinVar
 * assertion or, when given, our own classification of it (the higher counts).
 */
export function inTrans(c: Candidate, pair: CompoundHetPair | undefined, partnerClass?: AcmgClass): Criterion | undefined {
  if (!pair) return undefined
  const partner = sameKey(pair.first.variant.key, c.variant.key) ? pair.second : sameKey(pair.second.variant.key, c.variant.key) ? pair.first : undefined
  if (!partner) return undefined
  const cv = partner.variant.clinvar
  const fromClinvar = cv?.pathogenic ? (cv.significance.startsWith('Pathogenic') ? 1 : 0.5) : 0
  const own = partnerClass === 'pathogenic' ? 1 : partnerClass === 'likely_pathogenic' ? 0.5 : 0
  const weight = Math.max(fromClinvar, own)
  if (weight === 0) return undefined
  const phased = PHASED.has(pair.phase)
  const points = weight * (phased ? 1 : 0.5)
  if (points < 0.5) return undefined
  const what = `${partner.variant.key}${weight === 1 ? ' (pathogenic' : ' (likely pathogenic'}${fromClinvar >= own ? ` in ClinVar${cv?.id ? ` ${cv.id}` : ''})` : ', this classification)'}`
  return criterion('PM3', points >= 1 ? 'moderate' : 'supporting',
    `${phased ? 'In trans' : 'With unknown phase'} with ${what} in a recessive gene.`,
    { partner: partner.variant.key, phase: pair.phase, partnerWeight: weight, pm3Points: points, ...(cv ? { partnerClinvar: cv.significance } : {}) })
}

export function proteinLength(c: Candidate, ctx: EvidenceContext): Criterion | undefined {
  const v = c.variant
  if (v.consequence.includes('stop_lost')) return criterion('PM4', 'moderate', 'Stop-loss variant: the protein is extended past its normal end.', { consequence: 'stop_lost' })
  const term = v.consequence.find((t) => t === 'inframe_deletion' || t === 'inframe_insertion')
  if (!term || v.consequence.some((t) => t === 'frameshift_variant' || t === 'stop_gained')) return undefined
  const rep = ctx.repeat(v.key)
  const known = v.gene && v.proteinPosition !== undefined ? ctx.hotspots(v.gene, v.proteinPosition, v.proteinPosition, v.transcript) : []
  const minCopies = ctx.options.repeatMinCopies
  if (rep && rep.copies >= minCopies && known.length === 0) {
    return criterion('BP3', 'supporting', `In-frame ${term === 'inframe_deletion' ? 'deletion' : 'insertion'} in a tandem repeat (${rep.copies} copies of ${rep.unit}) outside any known functional region.`,
      { consequence: term, repeatUnit: rep.unit, copies: rep.copies, minCopies })
  }
  const ctxNote = rep ? (rep.copies >= minCopies ? `in a repeat (${rep.copies} × ${rep.unit}) but within ${known[0].name}` : `outside a repeat (${rep.copies} × ${rep.unit})`) : 'repeat context not checked'
  return criterion('PM4', 'moderate', `In-frame ${term === 'inframe_deletion' ? 'deletion' : 'insertion'} changing the protein length, ${ctxNote}.`,
    { consequence: term, ...(rep ? { repeatUnit: rep.unit, copies: rep.copies } : { repeatChecked: false }) })
}

const SPLICE = new Set(['splice_acceptor_variant', 'splice_donor_variant', 'splice_donor_5th_base_variant', 'splice_region_variant',
  'splice_donor_region_variant', 'splice_polypyrimidine_tract_variant'])

/** BP7: synonymous and outside every splice region the consequence caller marks (no splice predictor in the bundle). */
export function synonymous(c: Candidate): Criterion | undefined {
  const v = c.variant
  if (v.consequence[0] !== 'synonymous_variant' || v.consequence.some((t) => SPLICE.has(t))) return undefined
  return criterion('BP7', 'supporting', 'Synonymous variant outside the splice regions (exon ends and intron bases 3-8); no splice prediction available to contradict.',
    { consequence: v.consequence.join('&') })
}
