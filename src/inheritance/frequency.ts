// Per-mode popmax cut-offs: a candidate keeps the modes whose cut-off its popmax does not
// exceed; a variant absent from the population file (popmax undefined) counts as 0. ClinVar
// P/LP variants keep every mode whatever their frequency (founder variants such as HFE
// C282Y are common and pathogenic). Candidates with no mode left are dropped.
import { DEFAULT_FREQUENCY, type Candidate, type FrequencyCutoffs } from '../prioritise/model.js'

export function applyFrequencyCutoffs(candidates: Candidate[], cutoffs: FrequencyCutoffs = DEFAULT_FREQUENCY): Candidate[] {
  const out: Candidate[] = []
  for (const c of candidates) {
    if (c.variant.clinvar?.pathogenic) { out.push(c); continue }
    const popmax = c.variant.popmax ?? 0
    const modes = c.modes.filter((m) => popmax <= cutoffs[m])
    if (modes.length === c.modes.length) out.push(c)
    else if (modes.length > 0) out.push({ ...c, modes })
  }
  return out
}
