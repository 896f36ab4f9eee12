// Reading the designed sequence back: bases at genomic positions, and a transcript's coding
// sequence with the genomic position of every CDS base (for designing variants by construction).
import { complement } from './code.js'
import type { Gene, Segment, Transcript, World } from './world.js'

/** Base at a 1-based position ('N' outside the designed regions). */
export function baseAt(world: World, chrom: string, pos: number): string {
  const segs = world.segments.get(chrom) ?? []
  let lo = 0, hi = segs.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const s: Segment = segs[mid]
    if (pos < s.start) hi = mid - 1
    else if (pos >= s.start + s.seq.length) lo = mid + 1
    else return s.seq[pos - s.start]
  }
  return 'N'
}

/** Bases [start, end] (1-based inclusive) on the plus strand. */
export function basesAt(world: World, chrom: string, start: number, end: number): string {
  let s = ''
  for (let p = start; p <= end; p++) s += baseAt(world, chrom, p)
  return s
}

export interface CodingMap {
  gene: Gene
  tx: Transcript
  /** Genomic position of each CDS base, 5'→3' on the transcript. */
  positions: Int32Array
  /** The CDS (transcript strand), stop codon included. */
  seq: string
  /** Exon index (transcript order) of each CDS base. */
  exon: Uint16Array
}

export function codingMap(world: World, gene: Gene, tx: Transcript): CodingMap | undefined {
  if (!tx.cds) return undefined
  const pos: number[] = [], ex: number[] = []
  tx.exons.forEach((x, k) => {
    const a = Math.max(x.start, tx.cds!.start), b = Math.min(x.end, tx.cds!.end)
    if (a > b) return
    if (gene.strand === 1) for (let p = a; p <= b; p++) { pos.push(p); ex.push(k) }
    else for (let p = b; p >= a; p--) { pos.push(p); ex.push(k) }
  })
  let seq = ''
  for (const p of pos) { const b = baseAt(world, gene.chrom, p); seq += gene.strand === 1 ? b : complement(b) }
  return { gene, tx, positions: Int32Array.from(pos), seq, exon: Uint16Array.from(ex) }
}

export const canonical = (g: Gene): Transcript => g.transcripts.find((t) => t.canonical) ?? g.transcripts[0]
