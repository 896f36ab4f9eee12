// Transcript reference sequences for consequence calling: each transcript's genomic span
// padded by 10 bases (N beyond the contig) and its spliced CDS, fetched once through the
// Reference window cache and dropped when sorted input has moved past the transcript.
import type { Reference } from '../reference/fasta.js'
import type { Transcript } from './gene-model.js'
import { N_REF_PAD, splicedRef, type TranscriptSeq } from './local.js'

export class TranscriptSequences {
  private readonly cache = new Map<Transcript, TranscriptSeq | null>()

  constructor(private readonly ref: Reference) {}

  get(tr: Transcript): TranscriptSeq | undefined {
    return this.cache.get(tr) ?? undefined
  }

  has(tr: Transcript): boolean { return this.cache.has(tr) }

  /** Loads the sequences of `trs` not loaded yet. */
  async load(trs: Iterable<Transcript>): Promise<void> {
    for (const tr of trs) {
      if (this.cache.has(tr)) continue
      const name = this.ref.resolve(tr.chrom)
      if (name === undefined) { this.cache.set(tr, null); continue }
      const padBeg = tr.beg >= N_REF_PAD ? N_REF_PAD : tr.beg
      const s = await this.ref.fetch(name, tr.beg - padBeg, tr.end + N_REF_PAD + 1)
      if (s === undefined) { this.cache.set(tr, null); continue }
      const want = tr.end - tr.beg + 1 + 2 * N_REF_PAD
      let ref = 'N'.repeat(N_REF_PAD - padBeg) + s
      if (ref.length < want) ref += 'N'.repeat(want - ref.length)
      this.cache.set(tr, { ref, sref: tr.cds.length ? splicedRef(tr, ref) : '' })
    }
  }

  /** Forgets transcripts on `chrom` ending before `pos` (0-based), or on other chromosomes. */
  evict(chrom: string, pos: number): void {
    for (const tr of this.cache.keys()) if (tr.chrom !== chrom || tr.end + N_REF_PAD < pos) this.cache.delete(tr)
  }

  get size(): number { return this.cache.size }
}
