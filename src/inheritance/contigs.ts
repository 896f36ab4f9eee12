// Chromosome kind per batch chromId (autosome, X, Y, MT), and X's pseudo-autosomal regions,
// resolved once per contig rather than per record.
import { classify, inIntervals, parIntervals, type ChromKind, type Interval } from '../coverage/chromosomes.js'
import type { RecordBatch } from '../batch/batch.js'
import type { VcfHeader } from '../header/header.js'

export const KIND_AUTOSOME = 0
export const KIND_X = 1
export const KIND_Y = 2
export const KIND_MT = 3
export const KIND_OTHER = 4

const CODE: Record<ChromKind, number> = { autosome: KIND_AUTOSOME, X: KIND_X, Y: KIND_Y, mito: KIND_MT, other: KIND_OTHER }

export class ContigKinds {
  private kinds = new Int32Array(0)
  private names: string[] = []
  private pars: Interval[][] = []
  private readonly lengths: Map<string, number | undefined>

  constructor(header: VcfHeader) {
    this.lengths = new Map(header.contigs.map((c) => [c.id, c.length]))
  }

  /** Refreshes for the contigs the batch's core knows (new names appear as records name them). */
  update(b: RecordBatch): void {
    const names = b.core.contigs()
    if (names.length === this.names.length) return
    this.names = names.slice()
    // the header's contigs decide whether names are numbered (chr1 …) or not
    const all = [...new Set([...this.lengths.keys(), ...names])]
    const byName = new Map(all.map((n, k) => [n, classify(all)[k]]))
    this.kinds = Int32Array.from(names, (n) => CODE[byName.get(n) ?? 'other'])
    this.pars = names.map((n) => byName.get(n) === 'X' ? parIntervals('X', this.lengths.get(n), 'union') : [])
  }

  kind(chromId: number): number { return this.kinds[chromId] ?? KIND_OTHER }
  /** X outside the PARs: males are hemizygous there. */
  nonParX(chromId: number, pos: number): boolean {
    return this.kinds[chromId] === KIND_X && !inIntervals(pos, this.pars[chromId])
  }
}
