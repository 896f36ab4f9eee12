// Tab-delimited annotation sources (BED, or bcftools-style CHROM POS … / CHROM FROM TO …
// tables): parsed into positions/intervals per contig for lookups by position or overlap.
import { UsageError } from '../errors.js'

export interface TabRows {
  contigs: string[]
  chrom: Int32Array
  /** 1-based inclusive start and end (BED starts are converted). */
  start: Int32Array
  end: Int32Array
  /** Text columns, by 0-based column number. */
  cols: string[][]
  label: string
}

/** Parses tab-separated text (comments '#' and 'track'/'browser' lines skipped). */
export function parseTab(text: string, label: string,
  opts: { bed: boolean; chromCol: number; startCol: number; endCol: number; longerFirst?: boolean }): TabRows {
  const contigs: string[] = []
  const index = new Map<string, number>()
  const chrom: number[] = [], start: number[] = [], end: number[] = []
  const cols: string[][] = []
  let lineNo = 0
  for (const line of text.split('\n')) {
    lineNo++
    if (line === '' || line.startsWith('#') || line.startsWith('track ') || line.startsWith('browser ')) continue
    const f = line.endsWith('\r') ? line.slice(0, -1).split('\t') : line.split('\t')
    const name = f[opts.chromCol]
    const s = Number(f[opts.startCol]), e = Number(f[opts.endCol])
    if (name === undefined || !Number.isInteger(s) || !Number.isInteger(e)) {
      throw new UsageError(`${label}, line ${lineNo}: expected a contig and integer positions in columns ${opts.chromCol + 1}, ${opts.startCol + 1}, ${opts.endCol + 1}`)
    }
    let c = index.get(name)
    if (c === undefined) { c = contigs.length; contigs.push(name); index.set(name, c) }
    chrom.push(c)
    start.push(opts.bed ? s + 1 : s)
    end.push(e)
    cols.push(f)
  }
  // sort by contig, start, then end (bcftools' regidx puts the longer of two intervals with
  // the same start first), stably: lookups binary-search starts
  const order = Array.from({ length: chrom.length }, (_, k) => k)
  const dir = opts.longerFirst ? -1 : 1
  order.sort((a, b) => chrom[a] - chrom[b] || start[a] - start[b] || dir * (end[a] - end[b]) || a - b)
  return {
    contigs,
    chrom: Int32Array.from(order, (k) => chrom[k]),
    start: Int32Array.from(order, (k) => start[k]),
    end: Int32Array.from(order, (k) => end[k]),
    cols: order.map((k) => cols[k]),
    label,
  }
}

/** Overlap queries on sorted intervals: rows whose [start, end] overlaps [qs, qe]. */
export class IntervalIndex {
  private readonly first: Int32Array
  private readonly maxEnd: Int32Array

  constructor(readonly rows: TabRows) {
    const n = rows.start.length
    this.first = new Int32Array(rows.contigs.length + 1)
    for (let c = 0, r = 0; c <= rows.contigs.length; c++) {
      while (r < n && rows.chrom[r] < c) r++
      this.first[c] = r
    }
    // running maximum of ends within a contig, so a backward scan can stop early
    this.maxEnd = new Int32Array(n)
    for (let r = 0; r < n; r++) {
      const prev = r > 0 && rows.chrom[r - 1] === rows.chrom[r] ? this.maxEnd[r - 1] : -1
      this.maxEnd[r] = Math.max(prev, rows.end[r])
    }
  }

  /** Overlapping rows, in the rows' order. */
  overlaps(c: number, qs: number, qe: number): number[] {
    if (c < 0) return []
    const lo = this.first[c], hi = this.first[c + 1]
    // last row with start <= qe
    let a = lo, b = hi
    while (a < b) { const m = (a + b) >>> 1; if (this.rows.start[m] <= qe) a = m + 1; else b = m }
    const out: number[] = []
    for (let r = a - 1; r >= lo && this.maxEnd[r] >= qs; r--) if (this.rows.end[r] >= qs) out.push(r)
    return out.reverse()
  }
}

/** Reads a whole text file (plain, gzip or bgzip) in Node. */
export async function readTextFile(path: string): Promise<string> {
  const { readFile } = await import('node:fs/promises')
  const data = await readFile(path)
  if (data[0] === 0x1f && data[1] === 0x8b) {
    const { gunzipSync } = await import('node:zlib')
    return gunzipSync(data).toString('utf8')
  }
  return data.toString('utf8')
}
