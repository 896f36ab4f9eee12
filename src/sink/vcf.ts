// VCF text output: the header (optionally with a command line and a sample subset) and
// the selected records' original bytes, copied in runs rather than re-serialised.
import type { VcfHeader } from '../header/header.js'
import type { RecordBatch } from '../batch/batch.js'

const enc = new TextEncoder()

export function headerText(h: VcfHeader, opts: { command?: string; samples?: number[] } = {}): string {
  const lines = h.meta.map((m) => `##${m}`)
  if (opts.command) lines.push(`##vartriage_viewCommand=${opts.command}`)
  const cols = ['#CHROM', 'POS', 'ID', 'REF', 'ALT', 'QUAL', 'FILTER', 'INFO']
  const samples = opts.samples ? opts.samples.map((i) => h.samples[i]) : h.samples
  if (h.samples.length > 0) cols.push('FORMAT', ...samples)
  lines.push(cols.join('\t'))
  return lines.join('\n') + '\n'
}

/** Selected lines of a batch as VCF bytes (each with its newline). */
export function vcfLines(b: RecordBatch, samples?: number[]): Uint8Array {
  if (samples) return subsetLines(b, samples)
  const sel = b.selected
  // size first, then copy runs of consecutive kept records with one set() each
  let size = 0
  for (let i = 0; i < b.n; i++) if (!sel || sel[i]) size += b.lineEnd[i] - b.lineStart[i] + 1
  const out = new Uint8Array(size)
  let o = 0
  let i = 0
  while (i < b.n) {
    if (sel && !sel[i]) { i++; continue }
    let j = i
    // a run is contiguous in the input when each line directly follows the previous
    while (j + 1 < b.n && (!sel || sel[j + 1]) && b.lineStart[j + 1] === b.lineEnd[j] + 1) j++
    const len = b.lineEnd[j] - b.lineStart[i]
    out.set(b.bytes.subarray(b.lineStart[i], b.lineEnd[j]), o)
    o += len
    out[o++] = 10
    i = j + 1
  }
  return out
}

function subsetLines(b: RecordBatch, samples: number[]): Uint8Array {
  const parts: string[] = []
  for (const i of b.indices()) {
    const cols = b.lineText(i).split('\t')
    if (cols.length <= 9) { parts.push(cols.join('\t')); continue }
    const keep = cols.slice(0, 9)
    for (const s of samples) keep.push(cols[9 + s] ?? '.')
    parts.push(keep.join('\t'))
  }
  return enc.encode(parts.length ? parts.join('\n') + '\n' : '')
}
