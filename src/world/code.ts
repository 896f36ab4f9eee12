// Sequence helpers for designing the world: the standard genetic code, reverse complement
// and random DNA. (Design only: annotation of arbitrary variants lives in src/csq/.)
import type { Rng } from './rng.js'

const ascii = new TextDecoder('latin1')
const BASES = 'TCAG'
const AMINO = 'FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG'

/** Standard genetic code: codon (upper-case DNA) → one-letter amino acid, '*' for stop. */
export const CODE: ReadonlyMap<string, string> = new Map(
  [...AMINO].map((aa, i) => [BASES[i >> 4] + BASES[(i >> 2) & 3] + BASES[i & 3], aa]))

export const SENSE_CODONS: readonly string[] = [...CODE].filter(([, aa]) => aa !== '*').map(([c]) => c)
export const STOP_CODONS: readonly string[] = ['TAA', 'TAG', 'TGA']

const COMP: Record<string, string> = { A: 'T', C: 'G', G: 'C', T: 'A', N: 'N' }
const COMP_CODE = new Uint8Array(256).fill(78)
for (const [a, b] of Object.entries(COMP)) COMP_CODE[a.charCodeAt(0)] = b.charCodeAt(0)
export function revcomp(s: string): string {
  const n = s.length
  const out = new Uint8Array(n)
  for (let i = 0; i < n; i++) out[n - 1 - i] = COMP_CODE[s.charCodeAt(i)]
  return ascii.decode(out)
}
export const complement = (b: string): string => COMP[b] ?? 'N'

/** Translates a CDS (length a multiple of 3) codon by codon. */
export function translate(cds: string): string {
  let p = ''
  for (let i = 0; i + 3 <= cds.length; i += 3) p += CODE.get(cds.slice(i, i + 3)) ?? 'X'
  return p
}

/** Random DNA with the given GC fraction, four bases per 32-bit draw. */
export function randomDna(rng: Rng, n: number, gc: number): string {
  const at = (1 - gc) / 2
  const t1 = at * 256, t2 = (at + gc / 2) * 256, t3 = (at + gc) * 256 // A | C | G | T
  const out = new Uint8Array(n)
  let r = 0
  for (let i = 0; i < n; i++) {
    if ((i & 3) === 0) r = rng.u32()
    const x = (r >>> ((i & 3) * 8)) & 0xff
    out[i] = x < t1 ? 65 : x < t2 ? 67 : x < t3 ? 71 : 84
  }
  return ascii.decode(out)
}

/** Human-like codon usage weights for sense codons (GC3-rich codons slightly favoured). */
function codonWeight(c: string): number {
  return c[2] === 'G' || c[2] === 'C' ? 1.3 : 1
}
const SENSE_WEIGHTS = SENSE_CODONS.map(codonWeight)

/** A coding sequence: ATG, `codons - 2` random sense codons, a stop codon. */
export function randomCds(rng: Rng, codons: number): string {
  const parts = ['ATG']
  for (let i = 0; i < codons - 2; i++) parts.push(SENSE_CODONS[rng.weighted(SENSE_WEIGHTS)])
  parts.push(rng.pick(['TAA', 'TAG', 'TGA', 'TGA']))
  return parts.join('')
}

/** Deterministic 32-bit hash of integers (for per-position noise that does not consume a stream). */
export function hash32(...xs: number[]): number {
  let h = 0x9e3779b9
  for (const x of xs) {
    h = Math.imul(h ^ (x >>> 0), 0x85ebca6b)
    h = (h << 13) | (h >>> 19)
    h = Math.imul(h, 5) + 0xe6546b64
  }
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16
  return h >>> 0
}
