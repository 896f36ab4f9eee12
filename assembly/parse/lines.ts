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

/** Whether the line found by the last findLineEnd holds a NUL byte. */
export let lineHasNul: bool = false

/** Index of the first newline in [p, end) (or `end`), noting NUL bytes before it in one pass. */
export function findLineEnd(p: usize, end: usize): usize {
  const nl = i8x16.splat(10)
  const zero = i8x16.splat(0)
  lineHasNul = false
  while (p + 16 <= end) {
    const v = v128.load(p)
    const mn = i8x16.bitmask(i8x16.eq(v, nl))
    const mz = i8x16.bitmask(i8x16.eq(v, zero))
    if (mn != 0) {
      const k = ctz(mn)
      if ((mz & ((1 << k) - 1)) != 0) lineHasNul = true
      return p + <usize>k
    }
    if (mz != 0) lineHasNul = true
    p += 16
  }
  while (p < end) {
    const c = load<u8>(p)
    if (c == 10) return p
    if (c == 0) lineHasNul = true
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
