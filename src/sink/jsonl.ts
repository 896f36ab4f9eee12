// JSON lines: one object per kept record, in @gmod/vcf's shape (CHROM, POS, ID, REF, ALT,
// QUAL, FILTER, INFO, SAMPLES) with INFO/FORMAT values typed by the header and %XX decoded.
import type { RecordBatch } from '../batch/batch.js'
import { percentDecode } from '../format/percent.js'

function decode(v: unknown): unknown {
  if (typeof v === 'string') return percentDecode(v)
  if (Array.isArray(v)) return v.map(decode)
  return v
}

export function jsonLines(b: RecordBatch, samples?: number[]): string {
  const names = samples?.map((s) => b.samples[s])
  let out = ''
  for (const i of b.indices()) {
    const v = b.record(i)
    const info: Record<string, unknown> = {}
    for (const [k, val] of Object.entries(v.INFO)) info[k] = decode(val)
    const all = v.SAMPLES() as Record<string, Record<string, unknown>>
    const s: Record<string, unknown> = {}
    for (const name of names ?? Object.keys(all)) s[name] = all[name]
    out += JSON.stringify({
      CHROM: v.CHROM, POS: v.POS, ID: v.ID ?? null, REF: v.REF, ALT: v.ALT ?? [], QUAL: v.QUAL ?? null,
      FILTER: v.FILTER ?? null, INFO: info, SAMPLES: s,
    }) + '\n'
  }
  return out
}
