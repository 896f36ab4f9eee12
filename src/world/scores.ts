// REVEL/CADD-like missense scores: a pure function of the gene, the codon and the amino-acid
// change (per-gene constraint, conserved "domains", physico-chemical severity, hashed noise),
// so ClinVar-like pathogenic missense variants can be drawn where scores are high. The table
// lists every missense SNV of each canonical coding transcript.
import { CODE, hash32 } from './code.js'
import type { CodingMap } from './coding.js'
import type { Gene } from './world.js'

const CLASS: Record<string, number> = {}
for (const [aas, k] of [['AVLIMFWC', 0], ['GP', 1], ['STNQY', 2], ['DE', 3], ['KRH', 4]] as const) for (const a of aas) CLASS[a] = k

const unit = (h: number) => h / 4294967296

export function geneConstraint(g: Gene, seed: number): number {
  const u = unit(hash32(seed, g.ncbiId, 1))
  return g.acmg || g.panels.length > 0 ? 0.55 + 0.4 * u : 0.1 + 0.6 * u
}

export function inDomain(g: Gene, codon: number, seed: number): boolean {
  const w = Math.floor(codon / 40)
  return unit(hash32(seed, g.ncbiId, 2, w)) < (g.acmg || g.panels.length ? 0.45 : 0.3)
}

export interface MissenseScore { revel: number; cadd: number }

export function missenseScore(g: Gene, codon: number, refAa: string, altAa: string, alt: string, seed: number): MissenseScore {
  const sev = CLASS[refAa] === CLASS[altAa] ? 0.2 : refAa === 'C' || altAa === 'P' || refAa === 'G' || altAa === 'C' ? 1 : 0.7
  const n1 = unit(hash32(seed, g.ncbiId, codon, alt.charCodeAt(0), 3)), n2 = unit(hash32(seed, g.ncbiId, codon, alt.charCodeAt(0), 4))
  const x = -3.1 + 2.2 * geneConstraint(g, seed) + 1.9 * (inDomain(g, codon, seed) ? 1 : 0) + 1.3 * sev + 2.2 * (n1 - 0.5)
  const revel = 1 / (1 + Math.exp(-x))
  const cadd = Math.max(0.001, Math.min(48, 4 + 27 * revel + 8 * (n2 - 0.5)))
  return { revel: Math.round(revel * 1000) / 1000, cadd: Math.round(cadd * 1000) / 1000 }
}

export interface MissenseSnv { pos: number; ref: string; alt: string; codon: number; refAa: string; altAa: string; score: MissenseScore }

const COMP: Record<string, string> = { A: 'T', C: 'G', G: 'C', T: 'A' }

/** Every missense SNV of a coding map (plus-strand REF/ALT), in CDS order. */
export function* missenseSnvs(m: CodingMap, seed: number): Generator<MissenseSnv> {
  const n = m.seq.length
  for (let i = 3; i < n - 3; i++) {
    const codon = Math.floor(i / 3), k = i % 3
    const c = m.seq.slice(codon * 3, codon * 3 + 3)
    const refAa = CODE.get(c)!
    for (const b of 'ACGT') {
      if (b === c[k]) continue
      const altAa = CODE.get(c.slice(0, k) + b + c.slice(k + 1))!
      if (altAa === refAa || altAa === '*') continue
      const plusRef = m.gene.strand === 1 ? c[k] : COMP[c[k]], plusAlt = m.gene.strand === 1 ? b : COMP[b]
      yield { pos: m.positions[i], ref: plusRef, alt: plusAlt, codon: codon + 1, refAa, altAa, score: missenseScore(m.gene, codon + 1, refAa, altAa, plusAlt, seed) }
    }
  }
}
