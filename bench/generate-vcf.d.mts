// Types for bench/generate-vcf.mjs (the project's one seeded VCF generator), for the tests.

export type Shape = 'gatk' | 'lean' | 'wide' | 'features'

export interface GenerateOptions {
  /** gatk (default), lean, wide or features */
  shape?: Shape
  records?: number
  samples?: number
  seed?: number | string
  /** 'human' (default), 'small', or explicit [name, length] pairs */
  contigs?: 'human' | 'small' | [string, number][]
  /** replaces the default S0001, S0002, ... names (and sets the sample count) */
  sampleNames?: string[]
  haploidXY?: boolean
}

export interface GenRecord {
  chrom: string
  /** 1-based POS */
  pos: number
  /** 1-based inclusive end (REF length, or INFO/END for symbolic alleles) */
  end: number
  /** The line, with its newline. */
  line: string
}

export interface RecordsOptions {
  /** [name, length, records] per contig, in file order */
  contigs?: [string, number, number][]
  records?: number
  seed?: number | string
  /** sample names (GT:DP per sample), or a count */
  samples?: string[] | number
  sampleNames?: string[]
  /** fraction of records carrying an INFO string longer than a BGZF block (default 0.002) */
  hugeFraction?: number
}

export const SHAPES: Shape[]
export const SHAPE_DEFAULTS: Record<Shape, { records: number; samples: number }>
export function prng(seed: number): () => number
export function generateVcf(opts: GenerateOptions): Generator<string>
export function generateRecords(o: RecordsOptions): { header: string; records: GenRecord[]; text: string }
export function pseudoReference(chrom: string, start: number, end: number): string
