// The trio generator's case vocabulary: spike-in modes and the families' layout.
export type SpikeMode = 'de_novo' | 'autosomal_recessive_hom' | 'compound_het' | 'x_linked_recessive' | 'autosomal_dominant'
export const SPIKE_MODES: readonly SpikeMode[] = ['de_novo', 'autosomal_recessive_hom', 'compound_het', 'x_linked_recessive', 'autosomal_dominant']

/** Roles of a family's samples, in column order. */
export type Role = 'father' | 'mother' | 'proband' | 'sibling'

export interface FamilyPlan {
  id: string
  roles: Role[]
  /** Sample names (column order), e.g. FAM1_proband. */
  names: string[]
  sexes: ('male' | 'female')[]
  /** First sample column of this family. */
  column: number
}
