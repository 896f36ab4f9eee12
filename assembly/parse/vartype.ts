// Variant type of one ALT against REF, a port of htslib's bcf_set_variant_type so that
// TYPE="snp" etc. select exactly what bcftools selects.
export const VT_REF: i32 = 0, VT_SNP: i32 = 1, VT_MNP: i32 = 2, VT_INDEL: i32 = 4, VT_OTHER: i32 = 8,
  VT_BND: i32 = 16, VT_OVERLAP: i32 = 32

// @ts-ignore: decorator
@inline function up(c: u8): u8 { return c >= 97 && c <= 122 ? c - 32 : c }

export function alleleType(r: usize, rl: usize, a: usize, al: usize): i32 {
  const a0 = load<u8>(a)
  if (al == 1 && a0 == 42 /* * */) return VT_OVERLAP
  if (rl == 1 && al == 1) {
    if (a0 == 46 || load<u8>(r) == a0 || a0 == 88 /* X */) return VT_REF
    return VT_SNP
  }
  if (a0 == 60 /* < */) {
    if (al == 3 && (load<u8>(a + 1) == 88 || load<u8>(a + 1) == 42) && load<u8>(a + 2) == 62) return VT_REF
    if (al == 9 && isNonRef(a)) return VT_REF
    return VT_OTHER
  }
  if (a0 == 93 || a0 == 91) return VT_BND
  let i: usize = 0
  while (i < rl && i < al && up(load<u8>(r + i)) == up(load<u8>(a + i))) i++
  if (i < al && i == rl) {
    const c = load<u8>(a + i)
    if (c == 93 || c == 91) return VT_BND
    return VT_INDEL
  }
  if (i < rl && i == al) return VT_INDEL
  if (i == rl && i == al) return VT_REF
  // r, a point at first mismatch; trim the common suffix
  let re = rl - 1, ae = al - 1
  while (re > i && ae > i && up(load<u8>(r + re)) == up(load<u8>(a + ae))) { re--; ae-- }
  if (ae == i) {
    if (re == i) return VT_SNP
    return up(load<u8>(r + re)) == up(load<u8>(a + ae)) ? VT_INDEL : VT_OTHER
  }
  if (re == i) return up(load<u8>(r + re)) == up(load<u8>(a + ae)) ? VT_INDEL : VT_OTHER
  return re - i == ae - i ? VT_MNP : VT_OTHER
}

function isNonRef(a: usize): bool {
  // "<NON_REF>"
  return load<u8>(a + 1) == 78 && load<u8>(a + 2) == 79 && load<u8>(a + 3) == 78 && load<u8>(a + 4) == 95 &&
    load<u8>(a + 5) == 82 && load<u8>(a + 6) == 69 && load<u8>(a + 7) == 70 && load<u8>(a + 8) == 62
}
