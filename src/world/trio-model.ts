// The trio generator's in-memory genomes: sites as parallel arrays, every call as two allele
// bytes per sample (-1 missing, -2 absent second allele = haploid), plus a quality class.
export interface TrioSites {
  /** Ensembl contig name per site ('1'…'22', 'X', 'MT'). */
  chrom: string[]
  pos: number[]
  ref: string[]
  /** ALT alleles, comma-separated when multi-allelic. */
  alt: string[]
  samples: number
  /** sites x samples x 2 allele indices. */
  gt: Int8Array
  /** sites x samples: 0 good call, 1 low quality (GQ < 20 or DP < 6). */
  low: Uint8Array
  /** Site count. */
  n: number
}

export const HAPLOID = -2
export const MISSING = -1

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
