// VCF text output: the header (optionally with a command line and a sample subset) and
// the selected records' original bytes, copied in runs rather than re-serialised.
import type { VcfHeader } from '../header/header.js'
import type { RecordBatch } from '../batch/batch.js'
import { Res } from '../wasm/core.js'

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
  return b.core.result(Res.EMPTY_SAMPLES) > 0 ? fillEmptySamples(out) : out
}

/**
 * Empty sample columns (kept with a warning, their values missing) are written as missing
 * values, one '.' per FORMAT key, as bcftools writes the sample it reads as missing: the
 * output is valid VCF. Only batches the core reports such records in come here.
 */
function fillEmptySamples(out: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = []
  let size = 0
  let ls = 0
  while (ls < out.length) {
    let le = out.indexOf(10, ls)
    if (le < 0) le = out.length
    const tabs: number[] = []
    for (let p = ls; p < le; p++) if (out[p] === 9) tabs.push(p)
    let line = out.subarray(ls, le)
    const empty = tabs.length >= 9 && tabs.slice(8).some((t, k) => (k + 9 < tabs.length ? tabs[k + 9] : le) === t + 1)
    if (empty) {
      const fmtStart = tabs[7] + 1, fmtEnd = tabs[8]
      let keys = 1
      for (let p = fmtStart; p < fmtEnd; p++) if (out[p] === 58) keys++
      const missing = enc.encode(Array(keys).fill('.').join(':'))
      const pieces: number[] = []
      for (let p = ls; p < le; p++) {
        pieces.push(out[p])
        if (out[p] === 9 && p >= tabs[8] && (p + 1 === le || out[p + 1] === 9)) pieces.push(...missing)
      }
      line = Uint8Array.from(pieces)
    }
    parts.push(line)
    size += line.length + 1
    ls = le + 1
  }
  const res = new Uint8Array(size)
  let o = 0
  for (const p of parts) { res.set(p, o); o += p.length; res[o++] = 10 }
  return res
}

function subsetLines(b: RecordBatch, samples: number[]): Uint8Array {
  const parts: string[] = []
  for (const i of b.indices()) {
    const cols = b.lineText(i).split('\t')
    if (cols.length <= 9) { parts.push(cols.join('\t')); continue }
    const keep = cols.slice(0, 9)
    for (const s of samples) keep.push(cols[9 + s] || cols[8].split(':').map(() => '.').join(':'))
    parts.push(keep.join('\t'))
  }
  return enc.encode(parts.length ? parts.join('\n') + '\n' : '')
}
