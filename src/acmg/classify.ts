// classify(candidate, ctx): the automatable ACMG/AMP criteria, each with a reason and its data,
// summed on the Bayesian points scale (Tavtigian 2018/2020).
import type { AcmgClass, Candidate, Classification, CompoundHetPair, Criterion, InheritanceMode } from '../prioritise/model.js'
import type { EvidenceContext } from './context.js'
import { frequencyCriteria } from './population.js'
import { pvs1 } from './null-variant.js'
import { pm1, residueCriterion, revelCriterion } from './missense.js'
import { deNovo, inTrans, proteinLength, synonymous } from './other.js'
import { combine, criterion } from './points.js'

export interface ClassifyOptions {
  /** The compound-het pair this candidate is part of (PM3). */
  pair?: CompoundHetPair
  /** The mode the candidate is ranked under (BS2 needs a recessive context). */
  mode?: InheritanceMode
  /** Our own class of the pair partner, when already known (PM3 counts it with ClinVar's). */
  partnerClass?: AcmgClass
}

const ORDER = ['PVS1', 'PS1', 'PS2', 'PM1', 'PM2', 'PM3', 'PM4', 'PM5', 'PM6', 'PP3', 'BA1', 'BS1', 'BS2', 'BP3', 'BP4', 'BP7']

export function evaluate(c: Candidate, ctx: EvidenceContext, opts: ClassifyOptions = {}): Criterion[] {
  const found = [
    pvs1(c, ctx), residueCriterion(c, ctx), deNovo(c), pm1(c, ctx), inTrans(c, opts.pair, opts.partnerClass), proteinLength(c, ctx),
    revelCriterion(c, ctx), synonymous(c), ...frequencyCriteria(c, ctx, opts.mode),
  ].filter((x): x is Criterion => x !== undefined)
  capPp3Pm1(found, ctx.options.pp3Pm1MaxPoints)
  return found.sort((a, b) => ORDER.indexOf(a.code) - ORDER.indexOf(b.code))
}

export function classify(c: Candidate, ctx: EvidenceContext, opts: ClassifyOptions = {}): Classification {
  return combine(evaluate(c, ctx, opts))
}

/** Pejaver 2022: PP3 and PM1 both read conservation of the residue, so together they count at most `max` points. */
function capPp3Pm1(cs: Criterion[], max: number): void {
  const pp3 = cs.find((x) => x.code === 'PP3'), i = cs.findIndex((x) => x.code === 'PM1')
  if (!pp3 || i < 0 || pp3.points + cs[i].points <= max) return
  const left = max - pp3.points
  const pm = cs[i]
  if (left <= 0) { cs.splice(i, 1); return }
  const strength = left >= 2 ? 'moderate' : 'supporting'
  cs[i] = criterion('PM1', strength, `${pm.reason.replace(/\.$/, '')}; capped so that PP3 and PM1 together count at most ${max} points.`, { ...pm.data, capped: true })
}
