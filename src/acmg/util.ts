import type { Variant } from '../prioritise/model.js'

/** The most severe consequence is missense (PP3/BP4, PS1/PM5 and PM1 are missense rules). */
export const isMissense = (v: Variant): boolean => v.consequence[0] === 'missense_variant'

/** Chromosome names compared across naming styles (chr17 / 17, chrM / MT). */
export function sameKey(a: string, b: string): boolean {
  const n = (k: string) => k.replace(/^chr/, '').replace(/^M:/, 'MT:')
  return a === b || n(a) === n(b)
}

export const stripVersion = (id: string | undefined): string | undefined => id?.replace(/\.\d+$/, '')

/** 'p.Cys282Tyr' of an HGVS p. with or without its protein accession. */
export const proteinChange = (hgvsp: string | undefined): string | undefined => hgvsp?.slice(hgvsp.indexOf(':') + 1) || undefined

export const round = (x: number, d = 4): number => Number(x.toFixed(d))
