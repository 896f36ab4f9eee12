// Number formatting identical to htslib (kstring.c kputd and C's "%g"), so that our
// query output can be diffed byte for byte against bcftools.

/** C printf("%g", d) for finite d > 0. */
export function formatG(d: number): string {
  if (!Number.isFinite(d)) return Number.isNaN(d) ? 'nan' : d > 0 ? 'inf' : '-inf'
  const [mant, e] = d.toExponential(5).split('e') as [string, string]
  const exp = Number(e)
  if (exp < -4 || exp >= 6) {
    const m = mant.includes('.') ? mant.replace(/0+$/, '').replace(/\.$/, '') : mant
    const ae = Math.abs(exp)
    return `${m}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`
  }
  const s = d.toFixed(Math.max(0, 5 - exp))
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s
}

const CORRECTION: Array<[number, bigint]> = [
  [0.0001, 0n], [0.001, 5n], [0.01, 50n], [0.1, 500n], [1, 5000n], [10, 50000n], [100, 500000n],
  [1000, 5000000n], [10000, 50000000n], [100000, 500000000n],
]

/** htslib's kputd: 6 significant digits, no exponent for 1e-4 <= |d| <= 999999. */
export function kputd(d: number): string {
  if (d === 0) return Object.is(d, -0) ? '-0' : '0'
  let sign = ''
  if (d < 0) { sign = '-'; d = -d }
  if (!(d >= 0.0001 && d <= 999999)) return sign + formatG(d)
  let i = BigInt(Math.trunc(d * 10000000000))
  let corr = 5000000000n
  for (const [lim, c] of CORRECTION) if (d < lim) { corr = c; break }
  i += corr
  const digits = i.toString()
  const p = digits.length
  let s: string
  if (p <= 10) {
    s = '0.' + '0'.repeat(10 - p) + digits.slice(0, 6)
  } else {
    s = (digits.slice(0, p - 10) + '.' + digits.slice(p - 10)).slice(0, 7)
    if (s[6] === '.') s = s.slice(0, 6)
  }
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '')
  return sign + s
}
