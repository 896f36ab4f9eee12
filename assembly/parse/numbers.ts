// Number parsing over raw bytes. Results go through globals to avoid returning tuples.
export let numEnd: usize = 0 // first byte after the parsed number
export let numOk: bool = false

const POW10: StaticArray<f64> = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

/** Parses an optionally signed decimal integer in [p, end). */
export function parseInt64(p: usize, end: usize): i64 {
  let neg = false
  numOk = false
  if (p < end) {
    const c = load<u8>(p)
    if (c == 45 /* - */) { neg = true; p++ } else if (c == 43 /* + */) p++
  }
  let v: i64 = 0
  const start = p
  while (p < end) {
    const d = <u32>load<u8>(p) - 48
    if (d > 9) break
    v = v * 10 + <i64>d
    p++
  }
  numEnd = p
  numOk = p > start
  return neg ? -v : v
}

/**
 * Parses a decimal float (digits, optional fraction and exponent, or inf/nan).
 * Exact for up to 15 significant digits and |exp| <= 22, which covers VCF values; the
 * result is then rounded to f32 by callers where htslib stores float.
 */
export function parseF64(p: usize, end: usize): f64 {
  numOk = false
  let neg = false
  if (p < end) {
    const c = load<u8>(p)
    if (c == 45) { neg = true; p++ } else if (c == 43) p++
  }
  const start = p
  let mant: u64 = 0
  let digits = 0
  let exp10 = 0
  while (p < end) {
    const d = <u32>load<u8>(p) - 48
    if (d > 9) break
    if (digits < 19) { mant = mant * 10 + <u64>d; if (mant != 0) digits++ } else exp10++
    p++
  }
  if (p < end && load<u8>(p) == 46 /* . */) {
    p++
    while (p < end) {
      const d = <u32>load<u8>(p) - 48
      if (d > 9) break
      if (digits < 19) { mant = mant * 10 + <u64>d; if (mant != 0) digits++; exp10-- }
      p++
    }
  }
  if (p == start || (p == start + 1 && load<u8>(start) == 46)) {
    // inf / nan (case-insensitive), as strtod accepts
    if (end - p >= 3) {
      const a = load<u8>(p) | 32, b = load<u8>(p + 1) | 32, c = load<u8>(p + 2) | 32
      if (a == 105 && b == 110 && c == 102) { numEnd = p + 3; numOk = true; return neg ? -Infinity : Infinity }
      if (a == 110 && b == 97 && c == 110) { numEnd = p + 3; numOk = true; return NaN }
    }
    numEnd = p
    return 0
  }
  if (p < end && (load<u8>(p) | 32) == 101 /* e */) {
    let q = p + 1
    let eneg = false
    if (q < end && (load<u8>(q) == 45 || load<u8>(q) == 43)) { eneg = load<u8>(q) == 45; q++ }
    let e = 0
    const qs = q
    while (q < end) {
      const d = <u32>load<u8>(q) - 48
      if (d > 9) break
      if (e < 10000) e = e * 10 + <i32>d
      q++
    }
    if (q > qs) { exp10 += eneg ? -e : e; p = q }
  }
  numEnd = p
  numOk = true
  let v = <f64>mant
  if (exp10 != 0) {
    if (exp10 > 0) {
      while (exp10 > 22) { v *= 1e22; exp10 -= 22 }
      v *= unchecked(POW10[exp10])
    } else {
      let e = -exp10
      // divide rather than multiply by 1e-k: 1e-k is inexact, 10^k is exact
      while (e > 22) { v /= 1e22; e -= 22 }
      v /= unchecked(POW10[e])
    }
  }
  return neg ? -v : v
}
