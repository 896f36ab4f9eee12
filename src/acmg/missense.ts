// Missense rules: PP3/BP4 from REVEL at the calibrated thresholds of Pejaver et al. 2022,
// PS1/PM5 from the ClinVar residue index, PM1 from the hotspot table.
import type { Candidate, Criterion } from '../prioritise/model.js'
import type { EvidenceContext } from './context.js'
import { criterion } from './points.js'
import { isMissense, sameKey, stripVersion } from './util.js'

export function revelCriterion(c: Candidate, ctx: EvidenceContext): Criterion | undefined {
  const v = c.variant, t = ctx.options.revel, s = v.revel
  if (!isMissense(v) || s === undefined) return undefined
  const data = { revel: s }
  const pp3 = (strength: 'strong' | 'moderate' | 'supporting', thr: number) =>
    criterion('PP3', strength, `REVEL ${s} is at or above ${thr}, the calibrated threshold for ${strength} evidence of pathogenicity.`, { ...data, threshold: thr })
  const bp4 = (strength: 'strong' | 'moderate' | 'supporting', thr: number) =>
    criterion('BP4', strength, `REVEL ${s} is at or below ${thr}, the calibrated threshold for ${strength} evidence of benignity.`, { ...data, threshold: thr })
  if (s >= t.pp3Strong) return pp3('strong', t.pp3Strong)
  if (s >= t.pp3Moderate) return pp3('moderate', t.pp3Moderate)
  if (s >= t.pp3Supporting) return pp3('supporting', t.pp3Supporting)
  if (s <= t.bp4Strong) return bp4('strong', t.bp4Strong)
  if (s <= t.bp4Moderate) return bp4('moderate', t.bp4Moderate)
  if (s <= t.bp4Supporting) return bp4('supporting', t.bp4Supporting)
  return undefined
}

/** PS1 (same amino-acid change as a ClinVar P/LP missense) or PM5 (another change at that residue). */
export function residueCriterion(c: Candidate, ctx: EvidenceContext): Criterion | undefined {
  const v = c.variant
  if (!isMissense(v) || !v.gene || v.proteinPosition === undefined || !v.aminoAcids || !ctx.residues) return undefined
  const [refAa, altAa] = v.aminoAcids.split('/')
  const tx = stripVersion(v.transcript)
  const here = ctx.residues.at(v.gene, v.proteinPosition).filter((e) => !tx || stripVersion(e.transcript) === tx)
  if (here.length === 0) return undefined
  const residue = `${refAa}${v.proteinPosition}`
  const same = here.filter((e) => e.altAa === altAa && (ctx.options.ps1SameVariant || !sameKey(e.key, v.key)))
  if (same.length) {
    const self = same.some((e) => sameKey(e.key, v.key))
    const ids = same.map((e) => e.clinvarId).join(',')
    return criterion('PS1', 'strong', self
      ? `This variant (${refAa}${v.proteinPosition}${altAa}) is classified pathogenic or likely pathogenic in ClinVar (${ids}).`
      : `The same amino-acid change ${refAa}${v.proteinPosition}${altAa} from another nucleotide change is classified pathogenic or likely pathogenic in ClinVar (${ids}).`,
    { residue, change: `${refAa}/${altAa}`, clinvar: ids, clinvarVariants: same.map((e) => e.key).join(','), sameVariant: self, significance: same[0].significance })
  }
  const other = here.filter((e) => e.altAa !== altAa)
  if (other.length === 0) return undefined
  const changes = [...new Set(other.map((e) => `${e.refAa}${e.position}${e.altAa}`))].join(', ')
  return criterion('PM5', 'moderate', `A different missense change at residue ${residue} (${changes}) is classified pathogenic or likely pathogenic in ClinVar.`,
    { residue, change: `${refAa}/${altAa}`, clinvar: other.map((e) => e.clinvarId).join(','), clinvarChanges: changes })
}

export function pm1(c: Candidate, ctx: EvidenceContext): Criterion | undefined {
  const v = c.variant
  if (!isMissense(v) || !v.gene || v.proteinPosition === undefined) return undefined
  const h = ctx.hotspots(v.gene, v.proteinPosition, v.proteinPosition, v.transcript)
  if (h.length === 0) return undefined
  return criterion('PM1', 'moderate', `Residue ${v.proteinPosition} lies in ${h[0].name} of ${v.gene} (residues ${h[0].start}-${h[0].end}), a mutational hot spot or functional domain without benign variation.`,
    { region: h[0].name, start: h[0].start, end: h[0].end, proteinPosition: v.proteinPosition })
}
