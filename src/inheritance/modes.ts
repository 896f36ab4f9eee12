// Mode bits: bit k is INHERITANCE_MODES[k], so a Uint8Array holds every mode of a row.
import { INHERITANCE_MODES, type InheritanceMode } from '../prioritise/model.js'

export const MODE_BIT = Object.fromEntries(INHERITANCE_MODES.map((m, k) => [m, 1 << k])) as Record<InheritanceMode, number>
export const DE_NOVO = MODE_BIT.de_novo
export const AD = MODE_BIT.autosomal_dominant
export const AR_HOM = MODE_BIT.autosomal_recessive_hom
export const COMP_HET = MODE_BIT.compound_het
export const XLR = MODE_BIT.x_linked_recessive
export const XLD = MODE_BIT.x_linked_dominant
export const MITO = MODE_BIT.mitochondrial

export function modesOf(bits: number): InheritanceMode[] {
  return INHERITANCE_MODES.filter((m) => (bits & MODE_BIT[m]) !== 0)
}

export function bitsOf(modes: readonly InheritanceMode[]): number {
  let b = 0
  for (const m of modes) b |= MODE_BIT[m]
  return b
}
