// results.json of two runs of the same case made in different places (paths vs Files, Node
// vs the page), less what legitimately differs: clock, timings, how inputs are named, and
// any run parameters the caller names.
import { resultsJson } from '../../src/report/pure.js'
import type { PrioritisationResult } from '../../src/prioritise/model.js'

export function comparableResult(r: PrioritisationResult, dropParameters: string[] = []): unknown {
  const j = JSON.parse(resultsJson(r)) as Record<string, unknown> & { inputs: { role: string; bytes: number; sha256: string }[]; parameters: Record<string, unknown> }
  delete j.timings; delete j.started
  j.inputs = j.inputs.map((x) => ({ role: x.role, bytes: x.bytes, sha256: x.sha256 }))
  for (const k of ['vcf', 'ped', 'phenopacket', 'resources', ...dropParameters]) delete j.parameters[k]
  return j
}
