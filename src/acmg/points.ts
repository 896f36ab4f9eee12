// The Bayesian points scale (Tavtigian et al. 2018, 2020): supporting 1, moderate 2, strong 4,
// very strong 8, benign evidence negative; the sum gives the class.
import type { AcmgClass, Classification, Criterion, Strength } from '../prioritise/model.js'

export const POINTS: Record<Strength, number> = { supporting: 1, moderate: 2, strong: 4, very_strong: 8, stand_alone: 8 }

/** The strength a code has when used as published (PM2 → moderate, PVS1 → very strong, BA1 → stand-alone). */
export function defaultStrength(code: string): Strength {
  if (code.startsWith('PVS')) return 'very_strong'
  if (code.startsWith('BA')) return 'stand_alone'
  const k = code[1]
  return k === 'S' ? 'strong' : k === 'M' ? 'moderate' : 'supporting'
}

const LABEL: Record<Strength, string> = { supporting: 'Supporting', moderate: 'Moderate', strong: 'Strong', very_strong: 'VeryStrong', stand_alone: 'StandAlone' }

/** 'PM2_Supporting', 'PVS1_Strong', or the bare code at its published strength (ClinGen SVI notation). */
export function criterionLabel(c: Pick<Criterion, 'code' | 'strength'>): string {
  if (c.code.includes('_')) return c.code // already labelled (e.g. read back from another tool)
  return c.strength === defaultStrength(c.code) ? c.code : `${c.code}_${LABEL[c.strength]}`
}

export function criterion(code: string, strength: Strength, reason: string, data: Criterion['data']): Criterion {
  const direction = code[0] === 'B' ? 'benign' : 'pathogenic'
  return { code, strength, direction, points: (direction === 'benign' ? -1 : 1) * POINTS[strength], reason, data }
}

/** Class of a points total: P >= 10, LP 6..9, VUS 0..5, LB -1..-6, B <= -7. */
export function classOfPoints(points: number): AcmgClass {
  return points >= 10 ? 'pathogenic' : points >= 6 ? 'likely_pathogenic' : points >= 0 ? 'uncertain_significance' : points >= -6 ? 'likely_benign' : 'benign'
}

/** Sums criteria; a stand-alone benign criterion (BA1) makes the class benign whatever else applies. */
export function combine(criteria: Criterion[]): Classification {
  const points = criteria.reduce((a, c) => a + c.points, 0)
  const standAlone = criteria.some((c) => c.strength === 'stand_alone' && c.direction === 'benign')
  return { criteria, points, class: standAlone ? 'benign' : classOfPoints(points) }
}
