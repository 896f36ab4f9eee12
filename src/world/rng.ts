// Seeded randomness for the synthetic world: every draw comes from an explicit generator
// (sfc32 seeded through splitmix32), never Math.random, so a world is a pure function of
// its seed and scale. Sub-streams (`fork`) keep one part of the world stable when another
// part draws more or fewer numbers.

function splitmix32(a: number): () => number {
  return () => {
    a = (a + 0x9e3779b9) | 0
    let z = a
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
}

/** FNV-1a of a label, to derive named sub-streams. */
function hashLabel(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(readonly seed: number) {
    const sm = splitmix32(seed >>> 0)
    this.a = sm(); this.b = sm(); this.c = sm(); this.d = sm()
    for (let i = 0; i < 12; i++) this.u32()
  }

  /** An independent stream named by a label (same seed + label → same stream). */
  fork(label: string): Rng {
    return new Rng((Math.imul(this.seed ^ 0x5bd1e995, 0x27d4eb2d) ^ hashLabel(label)) >>> 0)
  }

  /** sfc32 */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number { return this.u32() / 4294967296 }

  /** Integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number { return lo + Math.floor(this.next() * (hi - lo + 1)) }

  chance(p: number): boolean { return this.next() < p }

  pick<T>(xs: readonly T[]): T { return xs[Math.floor(this.next() * xs.length)] }

  /** Index drawn with the given (unnormalised) weights. */
  weighted(weights: readonly number[]): number {
    let total = 0
    for (const w of weights) total += w
    let x = this.next() * total
    for (let i = 0; i < weights.length; i++) { x -= weights[i]; if (x < 0) return i }
    return weights.length - 1
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next(), v = this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }

  /** Log-normal with the given median and log-scale sigma, clamped to [min, max] and rounded. */
  lognormal(median: number, sigma: number, min: number, max: number): number {
    const x = Math.round(median * Math.exp(sigma * this.normal()))
    return Math.max(min, Math.min(max, x))
  }

  /** Beta(a, b) via two gamma draws (Marsaglia–Tsang), for allele frequencies and scores. */
  beta(a: number, b: number): number {
    const x = this.gamma(a), y = this.gamma(b)
    return x / (x + y)
  }

  gamma(k: number): number {
    if (k < 1) return this.gamma(k + 1) * Math.pow(this.next() || 1e-12, 1 / k)
    const d = k - 1 / 3, c = 1 / Math.sqrt(9 * d)
    for (;;) {
      let x: number, v: number
      do { x = this.normal(); v = 1 + c * x } while (v <= 0)
      v = v * v * v
      const u = this.next()
      if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v
    }
  }

  /** In-place Fisher–Yates shuffle. */
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      const t = xs[i]; xs[i] = xs[j]; xs[j] = t
    }
    return xs
  }
}
