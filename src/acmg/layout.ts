// Transcript geometry PVS1 needs (ClinGen SVI decision tree, Abou Tayoun 2018): exons in
// transcript order with their cDNA offsets, coding bases per exon, the protein length, and
// where a position falls (exon and cDNA position, or the intron it is in).
import { STRAND_FWD, type Transcript } from '../csq/gene-model.js'

export interface Layout {
  id: string
  strand: 1 | -1
  /** Exons 5'→3', 0-based inclusive genomic coordinates. */
  exons: Array<{ beg: number; end: number }>
  /** Bases of cDNA before each exon. */
  before: number[]
  /** Coding bases in each exon (stop codon included). */
  coding: number[]
  /** CDS bases before each exon. */
  codingBefore: number[]
  cdsLength: number
  /** Residues (stop codon excluded). */
  proteinLength: number
  /** cDNA position (1-based) of the first CDS base. */
  cdsStart: number
}

export function layoutOf(tr: Transcript): Layout | undefined {
  if (!tr.cds.length || !tr.exons.length) return undefined
  const fwd = tr.strand === STRAND_FWD
  const exons = [...tr.exons].sort((a, b) => (fwd ? a.beg - b.beg : b.beg - a.beg)).map((x) => ({ beg: x.beg, end: x.end }))
  const before: number[] = [], coding: number[] = [], codingBefore: number[] = []
  let n = 0, c = 0
  for (const x of exons) {
    before.push(n); codingBefore.push(c)
    n += x.end - x.beg + 1
    let k = 0
    for (const p of tr.cds) k += Math.max(0, Math.min(x.end, p.beg + p.len - 1) - Math.max(x.beg, p.beg) + 1)
    coding.push(k); c += k
  }
  const k0 = coding.findIndex((k) => k > 0)
  const x0 = exons[k0]
  const cdsBeg = Math.min(...tr.cds.map((p) => p.beg)), cdsEnd = Math.max(...tr.cds.map((p) => p.beg + p.len - 1))
  const cdsStart = before[k0] + (fwd ? cdsBeg - x0.beg : x0.end - cdsEnd) + 1
  return { id: tr.id, strand: fwd ? 1 : -1, exons, before, coding, codingBefore, cdsLength: c, proteinLength: Math.max(1, Math.floor(c / 3) - 1), cdsStart }
}

export type Where = { exon: number; cdna: number } | { intron: number }

/** Exon index and 1-based cDNA position of a 0-based genomic position, or the intron (between exon k and k+1). */
export function locate(l: Layout, pos0: number): Where | undefined {
  for (let k = 0; k < l.exons.length; k++) {
    const x = l.exons[k]
    if (pos0 >= x.beg && pos0 <= x.end) return { exon: k, cdna: l.before[k] + (l.strand === 1 ? pos0 - x.beg : x.end - pos0) + 1 }
    const next = l.exons[k + 1]
    if (next && (l.strand === 1 ? pos0 > x.end && pos0 < next.beg : pos0 < x.beg && pos0 > next.end)) return { intron: k }
  }
  return undefined
}

/** Whether a premature stop at this cDNA position escapes NMD: last exon, or within `boundary` bases of the last junction. */
export function escapesNmd(l: Layout, exon: number, cdna: number, boundary: number): boolean {
  const last = l.exons.length - 1
  if (exon >= last) return true
  return exon === last - 1 && l.before[last] - cdna < boundary
}
