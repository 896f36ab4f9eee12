// Left-alignment and trimming of one record's alleles against the reference: a port of
// bcftools norm's realign() (vcfnorm.c, 1.16), step for step, so that results (positions,
// allele case, padding bases) are the same.
import { VT_BND, hasNonAcgtn, iupacToN, variantTypes } from './alleles.js'

/**
 * Reference bases [start0, end0), in the FASTA's own case, clipped to the contig. May throw
 * NeedSequence when the bases are not loaded yet (the caller loads them and retries).
 */
export type SequenceFn = (start0: number, end0: number) => string

export class NeedSequence extends Error {
  constructor(readonly start0: number, readonly end0: number) { super(`reference bases ${start0}-${end0} not loaded`) }
}

/** bcftools' realignment window: bases padded on the left per step. */
export const ALIGN_WINDOW = 100

export type RealignResult =
  | { code: 'ok'; pos0: number; alleles: string[]; changed: boolean }
  | { code: 'mismatch'; warning: string; error: string }
  | { code: 'dup' }
  | { code: 'symbolic' }

/**
 * Realigns alleles (REF first) at 0-based pos0 on chrom. `changed` is true when bcftools
 * counts the record as realigned (a new position or a new REF); a lone REF (no ALT) longer
 * than one base is cut to its first base with changed = false, as bcftools does.
 */
export function realign(chrom: string, pos0: number, alleles: readonly string[], seq: SequenceFn): RealignResult {
  const ref0 = alleles[0]
  const pos1 = pos0 + 1
  const fasta = iupacToN(seq(pos0, pos0 + ref0.length).toUpperCase())
  if (hasNonAcgtn(ref0)) {
    return {
      code: 'mismatch', warning: `NON_ACGTN_REF\t${chrom}\t${pos1}\t${ref0}`,
      error: `Non-ACGTN reference allele at ${chrom}:${pos1} .. REF_SEQ:'${fasta}' vs VCF:'${ref0}'`,
    }
  }
  if (fasta !== ref0.toUpperCase()) {
    return {
      code: 'mismatch', warning: `REF_MISMATCH\t${chrom}\t${pos1}\t${ref0}\t${fasta}`,
      error: `Reference allele mismatch at ${chrom}:${pos1} .. REF_SEQ:'${fasta}' vs VCF:'${ref0}'`,
    }
  }
  const n = alleles.length
  if (n === 1) return { code: 'ok', pos0, alleles: ref0.length > 1 ? [ref0[0]] : [ref0], changed: false }
  if (variantTypes(alleles) === VT_BND) return { code: 'symbolic' }
  const als: string[] = new Array(n)
  for (let i = 0; i < n; i++) {
    const a = alleles[i]
    if (a[0] === '<') return { code: 'symbolic' }
    if (a[0] === '*') return { code: 'symbolic' }
    if (hasNonAcgtn(a)) {
      return {
        code: 'mismatch', warning: `NON_ACGTN_ALT\t${chrom}\t${pos1}\t${a}`,
        error: `Non-ACGTN alternate allele at ${chrom}:${pos1} .. VCF:'${a}'`,
      }
    }
    als[i] = a.toUpperCase()
    if (i > 0 && als[i] === als[0]) return { code: 'dup' }
  }

  // trim from the right, padding from the reference on the left when an allele empties
  let newPos = pos0
  for (;;) {
    const last0 = als[0].charCodeAt(als[0].length - 1) & 0xdf
    let minLen = als[0].length
    let i = 1
    for (; i < n; i++) {
      if ((als[i].charCodeAt(als[i].length - 1) & 0xdf) !== last0) break
      if (als[i].length < minLen) minLen = als[i].length
    }
    if (i !== n) break
    if (minLen <= 1 && newPos === 0) break
    let pad = false
    for (i = 0; i < n; i++) {
      als[i] = als[i].slice(0, -1)
      if (als[i].length === 0) pad = true
    }
    if (pad) {
      const npad = newPos >= ALIGN_WINDOW ? ALIGN_WINDOW : newPos
      const bases = iupacToN(seq(newPos - npad, newPos))
      for (i = 0; i < n; i++) als[i] = bases + als[i]
      newPos -= npad
    }
  }

  // trim from the left (case-sensitive, as bcftools)
  let left = 0
  for (;;) {
    let minLen = als[0].length - left
    let i = 1
    for (; i < n; i++) {
      if (als[0][left] !== als[i][left]) break
      if (minLen > als[i].length - left) minLen = als[i].length - left
    }
    if (i !== n || minLen <= 1) break
    left++
  }
  if (left) {
    for (let i = 0; i < n; i++) als[i] = als[i].slice(left)
    newPos += left
  }
  if (newPos === pos0 && als[0].toUpperCase() === ref0.toUpperCase()) return { code: 'ok', pos0, alleles, changed: false } as RealignResult
  return { code: 'ok', pos0: newPos, alleles: als, changed: true }
}
