// Seeded randomness for the synthetic HPO (src/world/hpo.ts): every stream is a pure function
// of (seed, label), so adding a gene does not reshuffle the annotations of the others.

/** 32-bit FNV-1a of a string, mixed with a seed. */
export function hash32(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0
  h = Math.imul(h ^ ((seed / 0x100000000) >>> 0), 0x01000193) >>> 0
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

export interface Rng {
  /** Uniform in [0, 1). */
  (): number
  int(n: number): number
  pick<T>(xs: readonly T[]): T
  normal(): number
}

/** mulberry32 stream seeded by hash32(seed, label). */
export function rng(seed: number, label: string): Rng {
  let a = hash32(seed, label)
  const next = (() => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }) as Rng
  next.int = (n: number) => Math.floor(next() * n)
  next.pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]
  next.normal = () => {
    const u = Math.max(next(), 1e-12)
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next())
  }
  return next
}

/** Weighted sampler over a fixed list (cumulative weights + binary search). */
export function weighted<T>(items: readonly T[], weights: readonly number[]): (r: Rng) => T {
  const cum = new Float64Array(items.length)
  let s = 0
  for (let i = 0; i < items.length; i++) { s += weights[i]; cum[i] = s }
  return (r: Rng) => {
    const x = r() * s
    let lo = 0, hi = items.length - 1
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cum[mid] > x) hi = mid; else lo = mid + 1 }
    return items[lo]
  }
}
