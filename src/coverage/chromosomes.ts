// Which references are autosomes, X, Y or mitochondrial, and where the pseudo-autosomal
// regions are. PAR reads map to X in females and to X or Y in males, so they behave like
// autosomes and are left out of every sex-chromosome ratio.

export type ChromKind = 'autosome' | 'X' | 'Y' | 'mito' | 'other'

const X = /^(chr)?X$/i
const Y = /^(chr)?Y$/i
const MITO = /^(chr)?(M|MT)$/i
const NUMBERED = /^(chr)?\d+$/i
/** Alt, unplaced, decoy and virus contigs: never used as the autosomal baseline. */
const UNPLACED = /_|random|^(chr)?Un|EBV|decoy|HLA|hs37d5|phix|lambda/i

/**
 * Kinds by name: chrN/N are autosomes. Genomes named otherwise (test data, other species)
 * have no numbered references; then every named, non-unplaced, non-sex reference counts.
 */
export function classify(names: string[]): ChromKind[] {
  const numbered = names.some((n) => NUMBERED.test(n))
  return names.map((n) => {
    if (X.test(n)) return 'X'
    if (Y.test(n)) return 'Y'
    if (MITO.test(n)) return 'mito'
    if (numbered) return NUMBERED.test(n) ? 'autosome' : 'other'
    return UNPLACED.test(n) ? 'other' : 'autosome'
  })
}

/** 1-based inclusive intervals. */
export interface Interval { start: number; end: number }

interface Build { name: string; xLength: number; yLength: number; x: Interval[]; y: Interval[] }

/** GRCh37 and GRCh38 PARs (Genome Reference Consortium coordinates). */
export const BUILDS: Build[] = [
  {
    name: 'GRCh37', xLength: 155270560, yLength: 59373566,
    x: [{ start: 60001, end: 2699520 }, { start: 154931044, end: 155260560 }],
    y: [{ start: 10001, end: 2649520 }, { start: 59034050, end: 59363566 }],
  },
  {
    name: 'GRCh38', xLength: 156040895, yLength: 57227415,
    x: [{ start: 10001, end: 2781479 }, { start: 155701383, end: 156030895 }],
    y: [{ start: 10001, end: 2781479 }, { start: 56887903, end: 57217415 }],
  },
]

/**
 * The PARs of a sex chromosome, recognised by its length. With no length (or an unknown
 * one), `fallback` 'union' returns both builds' PARs: safe for heterozygosity counts (a few
 * Mb less of X), while 'none' suits toy genomes whose X has no PAR at all.
 */
export function parIntervals(kind: 'X' | 'Y', length: number | undefined, fallback: 'union' | 'none'): Interval[] {
  const b = BUILDS.find((x) => (kind === 'X' ? x.xLength : x.yLength) === length)
  if (b) return kind === 'X' ? b.x : b.y
  if (fallback === 'none') return []
  return BUILDS.flatMap((x) => (kind === 'X' ? x.x : x.y))
}

export function inIntervals(pos: number, ivs: Interval[]): boolean {
  for (const iv of ivs) if (pos >= iv.start && pos <= iv.end) return true
  return false
}

/** Whether the 0-based half-open [start, end) overlaps any interval. */
export function overlapsIntervals(start: number, end: number, ivs: Interval[]): boolean {
  for (const iv of ivs) if (start < iv.end && end > iv.start - 1) return true
  return false
}
