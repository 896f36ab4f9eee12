// Number formatting identical to htslib (kstring.c kputd and C's "%g"), so that our
// query output can be diffed byte for byte against bcftools.

/**
 * d.toExponential(5), but with C's round-half-even on exact ties (printf rounds the exact
 * binary value; JavaScript rounds ties up).
 */
function roundExp(d: number): string {
  const long = d.toExponential(20)
  const m = /^(\d)\.(\d{5})(\d+)e([-+]\d+)$/.exec(long)
  if (m && /^50*$/.test(m[3]) && Number(m[2][4]) % 2 === 0) {
    return `${m[1]}.${m[2]}e${m[4]}` // a tie with an even last digit: truncate
  }
  return d.toExponential(5)
}

/** C printf("%g", d) for finite d > 0. */
export function formatG(d: number): string {
  if (!Number.isFinite(d)) return Number.isNaN(d) ? 'nan' : d > 0 ? 'inf' : '-inf'
  const [mant, e] = roundExp(d).split('e') as [string, string]
  const exp = Number(e)
  if (exp < -4 || exp >= 6) {
    const m = mant.includes('.') ? mant.replace(/0+$/, '').replace(/\.$/, '') : mant
    const ae = Math.abs(exp)
    return `${m}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`
  }
  const s = d.toFixed(Math.max(0, 5 - exp))
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s
}

const LIMITS = [0.0001, 0.001, 0.01, 0.1, 1, 10, 100, 1000, 10000, 100000]
const CORRECTION = [0, 5, 50, 500, 5000, 50000, 500000, 5000000, 50000000, 500000000]

/** htslib's kputd: 6 significant digits, no exponent for 1e-4 <= |d| <= 999999. */
export function kputd(d: number): string {
  if (d === 0) return Object.is(d, -0) ? '-0' : '0'
  let sign = ''
  if (d < 0) { sign = '-'; d = -d }
  if (!(d >= 0.0001 && d <= 999999)) return sign + formatG(d)
  // uint64_t i = d * 1e10 (+ rounding correction); exact in a double while below 2^53
  let corr = 5000000000
  for (let k = 0; k < LIMITS.length; k++) if (d < LIMITS[k]) { corr = CORRECTION[k]; break }
  const scaled = Math.trunc(d * 10000000000)
  const digits = scaled + corr <= Number.MAX_SAFE_INTEGER ? String(scaled + corr) : (BigInt(scaled) + BigInt(corr)).toString()
  const p = digits.length
  let s: string
  if (p <= 10) {
    s = '0.' + '0'.repeat(10 - p) + digits.slice(0, 6)
  } else {
    s = (digits.slice(0, p - 10) + '.' + digits.slice(p - 10)).slice(0, 7)
    if (s[6] === '.') s = s.slice(0, 6)
  }
  if (s.includes('.')) {
    let e = s.length
    while (s.charCodeAt(e - 1) === 48) e--
    if (s.charCodeAt(e - 1) === 46) e--
    s = s.slice(0, e)
  }
  return sign + s
}
