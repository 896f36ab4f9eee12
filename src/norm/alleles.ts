// Allele helpers shared by realignment, splitting and REF checking: htslib's variant type
// of a REF/ALT pair (bcf_set_variant_type), and bcftools norm's base-alphabet checks.

export const VT_REF = 0, VT_SNP = 1, VT_MNP = 2, VT_INDEL = 4, VT_OTHER = 8, VT_BND = 16, VT_OVERLAP = 32

const up = (c: number): number => (c >= 97 && c <= 122 ? c - 32 : c)

/** htslib's type of one ALT against REF (VT_* bits; INS/DEL sub-bits left out). */
export function alleleType(ref: string, alt: string): number {
  const a0 = alt.charCodeAt(0)
  if (alt.length === 1 && a0 === 42 /* * */) return VT_OVERLAP
  if (ref.length === 1 && alt.length === 1) {
    if (a0 === 46 || ref.charCodeAt(0) === a0 || a0 === 88 /* X */) return VT_REF
    return VT_SNP
  }
  if (a0 === 60 /* < */) {
    if (alt === '<X>' || alt === '<*>' || alt === '<NON_REF>') return VT_REF
    return VT_OTHER
  }
  if (a0 === 93 || a0 === 91) return VT_BND
  const rl = ref.length, al = alt.length
  let i = 0
  while (i < rl && i < al && up(ref.charCodeAt(i)) === up(alt.charCodeAt(i))) i++
  if (i < al && i === rl) {
    const c = alt.charCodeAt(i)
    return c === 93 || c === 91 ? VT_BND : VT_INDEL
  }
  if (i < rl && i === al) return VT_INDEL
  if (i === rl && i === al) return VT_REF
  let re = rl - 1, ae = al - 1
  while (re > i && ae > i && up(ref.charCodeAt(re)) === up(alt.charCodeAt(ae))) { re--; ae-- }
  if (ae === i) {
    if (re === i) return VT_SNP
    return up(ref.charCodeAt(re)) === up(alt.charCodeAt(ae)) ? VT_INDEL : VT_OTHER
  }
  if (re === i) return up(ref.charCodeAt(re)) === up(alt.charCodeAt(ae)) ? VT_INDEL : VT_OTHER
  return re - i === ae - i ? VT_MNP : VT_OTHER
}

/** bcf_get_variant_types: the OR of every ALT's type. */
export function variantTypes(alleles: readonly string[]): number {
  let t = 0
  for (let i = 1; i < alleles.length; i++) t |= alleleType(alleles[0], alleles[i])
  return t
}

/** A base outside A, C, G, T, N (any case)? bcftools rejects such REF/ALT alleles. */
export function hasNonAcgtn(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = up(s.charCodeAt(k))
    if (c !== 65 && c !== 67 && c !== 71 && c !== 84 && c !== 78) return true
  }
  return false
}

/** bcftools' replace_iupac_codes: every base outside ACGTN (case-insensitively) becomes N; case is kept. */
export function iupacToN(s: string): string {
  if (!hasNonAcgtn(s)) return s
  let out = ''
  for (let k = 0; k < s.length; k++) {
    const c = up(s.charCodeAt(k))
    out += c === 65 || c === 67 || c === 71 || c === 84 || c === 78 ? s[k] : 'N'
  }
  return out
}

/** htslib's bcf_alleles2gt: index of genotype a/b in a Number=G vector. */
export function alleles2gt(a: number, b: number): number {
  return b < a ? (a * (a + 1)) / 2 + b : (b * (b + 1)) / 2 + a
}
