// The batch loop from VCF to candidates. Per batch, all columnar: (a) the target cut
// (targets.ts), (b) population/ClinVar values for the targeted records through the WASM join
// (population.ts) and a first frequency cut at the loosest per-mode cut-off (ClinVar P/LP
// always kept), (c) the inheritance scan on what is left; only then (d) Candidate objects,
// for the records the scan kept, with their population and ClinVar values filled in.
import type { VcfReader } from '../reader/reader.js'
import type { RecordBatch } from '../batch/batch.js'
import type { Candidate, FrequencyCutoffs } from './model.js'
import type { PopulationAnnotator } from './population.js'
import type { TargetRegions } from './targets.js'

/** The inheritance stage's per-batch interface (src/inheritance). */
export interface CandidateScanner<S = unknown> {
  /** Columnar scan of the batch's selected records (modes per family and ALT). */
  scan(batch: RecordBatch): S
  /** Candidates for the records the scan found compatible with some mode. */
  candidates(batch: RecordBatch, result: S): Candidate[]
}

export interface SelectCounts {
  records: number
  targeted: number
  rare: number
  candidates: number
}

export interface SelectTimings { read: number; targets: number; population: number; inheritance: number; candidates: number }

const now = (): number => performance.now()

/**
 * Runs the loop over a reader. `format` names the FORMAT fields the scanner needs decoded.
 * Returns candidates in file order (then scanner order).
 */
export async function selectCandidates(reader: VcfReader, targets: TargetRegions, population: PopulationAnnotator,
  scanner: CandidateScanner, cutoffs: FrequencyCutoffs,
  opts: { format?: string[]; onBatch?: (records: number) => void } = {}): Promise<{ candidates: Candidate[]; counts: SelectCounts; timings: SelectTimings }> {
  const counts: SelectCounts = { records: 0, targeted: 0, rare: 0, candidates: 0 }
  const timings: SelectTimings = { read: 0, targets: 0, population: 0, inheritance: 0, candidates: 0 }
  const loosest = Math.max(...Object.values(cutoffs))
  const format = (opts.format ?? ['GT', 'AD', 'DP', 'GQ', 'PS']).filter((f) => f === 'GT' || reader.header.format.has(f))
  const out: Candidate[] = []
  let t = now()
  for await (const b of reader.batches({ format })) {
    timings.read += now() - t
    counts.records += b.n
    t = now()
    const mask = targets.mask(b)
    timings.targets += now() - t
    t = now()
    const ann = population.annotate(b, mask)
    // first cut: an allele rarer than the loosest cut-off, or ClinVar P/LP (per record: any ALT)
    const keep = new Uint8Array(b.n)
    let targeted = 0, rare = 0
    for (let i = 0; i < b.n; i++) {
      if (!mask[i]) continue
      targeted++
      for (let s = ann.altStart[i]; s < ann.altStart[i + 1]; s++) {
        const p = ann.popmax[s]
        if (ann.clinvarPathogenic[s] || !(p > loosest)) { keep[i] = 1; break }
      }
      rare += keep[i]
    }
    counts.targeted += targeted
    counts.rare += rare
    timings.population += now() - t
    if (rare > 0) {
      t = now()
      b.selected = keep
      const res = scanner.scan(b)
      timings.inheritance += now() - t
      t = now()
      const cands = scanner.candidates(b, res)
      if (cands.length) fillAnnotations(b, keep, ann, population, cands)
      for (const c of cands) out.push(c)
      counts.candidates += cands.length
      timings.candidates += now() - t
    }
    opts.onBatch?.(counts.records)
    t = now()
  }
  timings.read += now() - t
  for (const k of Object.keys(timings) as (keyof SelectTimings)[]) timings[k] /= 1000
  return { candidates: out, counts, timings }
}

/** Population and ClinVar values of the candidates, looked up by allele key among the kept records. */
function fillAnnotations(b: RecordBatch, keep: Uint8Array, ann: ReturnType<PopulationAnnotator['annotate']>,
  population: PopulationAnnotator, cands: Candidate[]): void {
  const slot = new Map<string, number>()
  for (let i = 0; i < b.n; i++) {
    if (!keep[i]) continue
    const head = `${b.chrom(i)}:${b.pos[i]}:${b.ref(i)}:`
    b.alt(i).split(',').forEach((a, k) => slot.set(head + a, ann.altStart[i] + k))
  }
  for (const c of cands) {
    const v = c.variant
    const s = slot.get(`${v.chrom}:${v.pos}:${v.ref}:${v.alt}`)
    if (s === undefined) continue
    if (!Number.isNaN(ann.popmax[s])) v.popmax = ann.popmax[s]
    if (!Number.isNaN(ann.af[s])) v.af = ann.af[s]
    if (ann.nhomalt[s] >= 0) v.nhomalt = ann.nhomalt[s]
    if (ann.clinvarRow[s] >= 0) v.clinvar = population.assertion(ann.clinvarRow[s])
  }
}
