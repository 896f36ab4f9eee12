// After the per-mode frequency cut-offs: missense scores and consequences for the few
// survivors, then the severity cut. Each distinct allele is annotated once, however many
// families carry it.
import type { Candidate, Variant } from './model.js'
import type { ConsequenceCaller } from '../csq/caller.js'
import type { ScoreTable } from './scores.js'
import { addConsequences, passesSeverity } from './consequence.js'

export interface SurvivorCounts { alleles: number; severe: number }

export async function annotateSurvivors(candidates: Candidate[], caller: ConsequenceCaller, scores: ScoreTable | undefined):
  Promise<{ candidates: Candidate[]; counts: SurvivorCounts; timings: { consequences: number; scores: number } }> {
  const byKey = new Map<string, Variant>()
  for (const c of candidates) if (!byKey.has(c.variant.key)) byKey.set(c.variant.key, c.variant)
  const unique = [...byKey.values()]
  let t = performance.now()
  const worst = await addConsequences(caller, unique)
  const consequences = (performance.now() - t) / 1000
  t = performance.now()
  const severe = new Set<string>()
  for (const v of unique) if (passesSeverity(v, worst.get(v))) severe.add(v.key)
  if (scores) {
    for (const v of unique) {
      if (!severe.has(v.key) || v.ref.length !== 1 || v.alt.length !== 1) continue
      const s = await scores.lookup(v.chrom, v.pos, v.ref, v.alt)
      if (s.revel !== undefined) v.revel = s.revel
      if (s.cadd !== undefined) v.cadd = s.cadd
    }
  }
  const scoreTime = (performance.now() - t) / 1000
  const kept: Candidate[] = []
  for (const c of candidates) {
    if (!severe.has(c.variant.key)) continue
    const v = byKey.get(c.variant.key)!
    if (v !== c.variant) Object.assign(c.variant, { ...v, key: c.variant.key })
    kept.push(c)
  }
  return { candidates: kept, counts: { alleles: unique.length, severe: severe.size }, timings: { consequences, scores: scoreTime } }
}
