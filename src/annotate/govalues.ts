// vcfanno computes with Go values (vcfgo's typed INFO values, float32 arithmetic) and prints
// them with vcfgo's rules. This module models those values and their text forms, so that
// results equal vcfanno's.
export type GoVal =
  | { k: 'f32'; v: number }
  | { k: 'f64'; v: number }
  | { k: 'int'; v: number }
  | { k: 'str'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'arr'; v: GoVal[] }
  | { k: 'strs'; v: string[] }
  | { k: 'nil' }

export const NIL: GoVal = { k: 'nil' }
const f32 = Math.fround

/** x.toFixed(d) with round-half-even on exact ties (Go and C round the exact binary value so). */
function toFixedEven(x: number, d: number): string {
  const s = x.toFixed(d)
  const long = Math.abs(x).toFixed(Math.min(100, d + 30))
  const tail = long.slice(long.indexOf('.') + 1 + d)
  if (/^50*$/.test(tail)) {
    // a tie: JavaScript rounded away from zero; Go keeps an even last digit
    const digits = s.replace('-', '').replace('.', '')
    if (Number(digits[digits.length - 1]) % 2 === 1) {
      const down = Math.abs(x) - 5 * 10 ** -(d + 1)
      return (x < 0 ? '-' : '') + down.toFixed(d)
    }
  }
  return s
}

/** Go's %.{p}g (no trailing zero padding; exponent with at least two digits). */
function goG(x: number, p: number): string {
  if (x === 0) return '0'
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf'
  const e = x.toExponential(p - 1) // rounding ties: rare enough at 5 digits to accept
  const [m, ex] = e.split('e')
  const exp = Number(ex)
  if (exp < -4 || exp >= p) {
    const mm = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m
    const a = Math.abs(exp)
    return `${mm}e${exp < 0 ? '-' : '+'}${a < 10 ? '0' : ''}${a}`
  }
  const s = x.toFixed(Math.max(0, p - 1 - exp))
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s
}

/** vcfgo's fmtFloat32/fmtFloat64: %.4f above 0.02 in magnitude, else %.5g; zeros trimmed. */
export function vcfgoFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN'
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf'
  let s = v > 0.02 || v < -0.02 ? toFixedEven(v, 4) : goG(v, 5)
  // TrimRight(TrimRight(s, "0"), ".") – applied to every form, as vcfgo does
  s = s.replace(/0+$/, '').replace(/\.+$/, '')
  return s === '' ? '0' : s
}

/** Go's %v of a float32: the shortest digits that read back as the same float32. */
export function goShortestF32(v: number): string {
  if (v === 0) return '0'
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'
  let digits = ''
  let exp = 0
  for (let p = 1; p <= 9; p++) {
    const e = v.toExponential(p - 1)
    if (f32(Number(e)) === v) {
      const [m, ex] = e.split('e')
      digits = m.replace('-', '').replace('.', '')
      exp = Number(ex)
      break
    }
  }
  const neg = v < 0 ? '-' : ''
  digits = digits.replace(/0+$/, '') || '0'
  if (exp < -4 || exp >= 6) { // Go: shortest %g switches to an exponent at 1e+06
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
    const a = Math.abs(exp)
    return `${neg}${m}e${exp < 0 ? '-' : '+'}${a < 10 ? '0' : ''}${a}`
  }
  if (exp < 0) return `${neg}0.${'0'.repeat(-exp - 1)}${digits}`
  if (digits.length <= exp + 1) return neg + digits + '0'.repeat(exp + 1 - digits.length)
  return `${neg}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`
}

/** vcfgo.ItoS: the INFO text of a value (undefined for a flag's true, which has no text). */
export function itos(x: GoVal): string {
  switch (x.k) {
    case 'f32': case 'f64': return vcfgoFloat(x.v)
    case 'int': return String(x.v)
    case 'str': return x.v
    case 'bool': return x.v ? 'true' : 'false'
    case 'nil': return '.'
    case 'strs': return x.v.join(',')
    case 'arr': return x.v.map((e) => (e.k === 'nil' ? '.' : itos(e))).join(',')
  }
}

/** fmt.Sprintf("%v", x) for array elements in concat/uniq. */
export function goV(x: GoVal): string {
  switch (x.k) {
    case 'f32': return goShortestF32(x.v)
    case 'f64': return goShortestF32(f32(x.v)) // values from VCF text are float32 precision
    case 'int': return String(x.v)
    case 'str': return x.v
    case 'bool': return String(x.v)
    case 'nil': return '<nil>'
    case 'strs': return `[${x.v.join(' ')}]`
    case 'arr': return `[${x.v.map(goV).join(' ')}]`
  }
}

/** A VCF INFO value as vcfgo types it (Number=1 or one element: a scalar; else a slice). */
export function fromVcf(text: string, type: string, number: string): GoVal {
  if (type === 'Flag') return { k: 'bool', v: true }
  const parts = text.split(',')
  const one = (s: string): GoVal => {
    if (type === 'Float') return { k: 'f32', v: s === '.' ? 0 : f32(Number(s)) }
    if (type === 'Integer') return { k: 'int', v: s === '.' ? 0 : Math.trunc(Number(s)) }
    return { k: 'str', v: s }
  }
  if (type === 'String' && (number === '1' || number === '0')) return { k: 'str', v: text }
  if (parts.length === 1) return one(parts[0])
  return { k: 'arr', v: parts.map(one) }
}

/** asfloat32 (vcfanno reducers): numbers, numeric strings (0 when not a number). */
export function asF32(x: GoVal): number {
  switch (x.k) {
    case 'f32': case 'f64': case 'int': return f32(x.v)
    case 'str': { const d = Number(x.v); return x.v.trim() === '' || Number.isNaN(d) ? 0 : f32(d) }
    case 'arr': if (x.v.length === 1) return asF32(x.v[0]); break
    case 'strs': if (x.v.length === 1) return asF32({ k: 'str', v: x.v[0] }); break
  }
  throw new Error(`vcfanno: a numeric op got ${itos(x)}; multi-valued fields need decomposed variants or max/min (as in vcfanno)`)
}
