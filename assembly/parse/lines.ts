// Line finding: the hottest loop of all. 16 bytes at a time with SIMD compare + bitmask.

/** Index of the first `ch` in [p, end), or `end` if none. */
export function findByte(p: usize, end: usize, ch: u8): usize {
  const needle = i8x16.splat(<i8>ch)
  while (p + 16 <= end) {
    const m = i8x16.bitmask(i8x16.eq(v128.load(p), needle))
    if (m != 0) return p + <usize>ctz(m)
    p += 16
  }
  while (p < end) {
    if (load<u8>(p) == ch) return p
    p++
  }
  return end
}

/** Index of the first TAB or end of [p, end). Fields are short, so a scalar loop wins here. */
// @ts-ignore: decorator
@inline export function findTab(p: usize, end: usize): usize {
  while (p < end && load<u8>(p) != 9) p++
  return p
}
