// The first, columnar cut of prioritisation: keep the records that touch a gene's exons (±
// the splice region and an optional flank) or sit at a ClinVar pathogenic site; everything
// else (deep intronic, intergenic) is out of scope by default, as in Exomiser's default
// analysis. Intervals are merged and held as sorted Int32Arrays per contig, so one batch costs
// a binary search per contig change and a forward walk per record (records are sorted).
import type { GeneModel } from '../csq/gene-model.js'
import { N_SPLICE_REGION_INTRON } from '../csq/gene-model.js'
import type { RecordBatch } from '../batch/batch.js'
import { ContigResolver } from '../annotate/contigs.js'
import type { WasmCore } from '../wasm/core.js'

export interface TargetOptions {
  /** Bases kept on each side of every exon beyond the splice region (default 0). */
  flank?: number
  /** Only transcripts of these biotypes (default: protein_coding only). */
  biotypes?: string[]
}

/** Canonical contig name used inside prioritisation tables: no 'chr', 'MT' for the mitochondrion. */
export function bareContig(name: string): string {
  const b = name.startsWith('chr') ? name.slice(3) : name
  return b === 'M' ? 'MT' : b
}

export class TargetRegions {
  /** Per contig (bare names): merged 1-based inclusive intervals, sorted. */
  private readonly starts: Int32Array[] = []
  private readonly ends: Int32Array[] = []
  readonly contigs: string[] = []
  private readonly resolver: ContigResolver
  // core contig id -> target contig, per core: contig ids are the order a reader met the names,
  // so two readers (two VCFs sharing loaded resources, or the population file) differ
  private readonly maps = new WeakMap<WasmCore, number[]>()
  /** Bases covered (for the report). */
  readonly bases: number

  private constructor(perContig: Map<string, Array<[number, number]>>) {
    let bases = 0
    for (const [c, list] of [...perContig].sort((a, b) => a[0].localeCompare(b[0]))) {
      list.sort((a, b) => a[0] - b[0] || a[1] - b[1])
      const s: number[] = [], e: number[] = []
      for (const [b, en] of list) {
        const k = s.length - 1
        if (k >= 0 && b <= e[k] + 1) { if (en > e[k]) e[k] = en } else { s.push(b); e.push(en) }
      }
      this.contigs.push(c)
      this.starts.push(Int32Array.from(s))
      this.ends.push(Int32Array.from(e))
      for (let k = 0; k < s.length; k++) bases += e[k] - s[k] + 1
    }
    this.bases = bases
    this.resolver = new ContigResolver(this.contigs)
  }

  /**
   * Exons ± the splice region (8 intron bases, bcftools/VEP's splice_region reach) ± `flank`
   * of the selected transcripts, plus single-base targets at `sites` (ClinVar P/LP positions).
   */
  static build(model: GeneModel, sites: Array<{ chrom: string; pos: number; len: number }> = [], opts: TargetOptions = {}): TargetRegions {
    const pad = N_SPLICE_REGION_INTRON + (opts.flank ?? 0)
    const biotypes = new Set(opts.biotypes ?? ['protein_coding'])
    const per = new Map<string, Array<[number, number]>>()
    const add = (chrom: string, b: number, e: number) => {
      const c = bareContig(chrom)
      let l = per.get(c)
      if (!l) { l = []; per.set(c, l) }
      l.push([Math.max(1, b), e])
    }
    for (const tr of model.transcripts) {
      if (!biotypes.has(tr.biotype)) continue
      // exon coordinates are 0-based inclusive (bcftools' gff.c)
      for (const ex of tr.exons) add(tr.chrom, ex.beg + 1 - pad, ex.end + 1 + pad)
    }
    for (const s of sites) add(s.chrom, s.pos, s.pos + Math.max(1, s.len) - 1)
    return new TargetRegions(per)
  }

  /**
   * 1 for every record of the batch whose REF span overlaps a target, else 0. Columnar: reads
   * the batch's contig ids, positions and REF lengths only.
   */
  mask(batch: RecordBatch, out = new Uint8Array(batch.n)): Uint8Array {
    const names = batch.core.contigs()
    let map = this.maps.get(batch.core)
    if (!map) { map = []; this.maps.set(batch.core, map) }
    for (let c = map.length; c < names.length; c++) map[c] = this.resolver.resolve(names[c])
    const chrom = batch.chromId, pos = batch.pos, rlen = batch.rlen
    let lastC = -2, s: Int32Array | undefined, e: Int32Array | undefined, k = 0
    for (let i = 0; i < batch.n; i++) {
      const cid = chrom[i]
      const p = pos[i], q = p + Math.max(rlen[i], 1) - 1
      if (cid !== lastC) {
        lastC = cid
        const t = map[cid] ?? -1
        s = t >= 0 ? this.starts[t] : undefined
        e = t >= 0 ? this.ends[t] : undefined
        k = s ? this.firstEndingAtOrAfter(e!, p) : 0
      } else if (s && k > 0 && e![k - 1] >= p) {
        // unsorted input: step back with a fresh search
        k = this.firstEndingAtOrAfter(e!, p)
      }
      if (!s) { out[i] = 0; continue }
      while (k < e!.length && e![k] < p) k++
      out[i] = k < s.length && s[k] <= q ? 1 : 0
    }
    return out
  }

  /** The merged intervals of a target contig (bare name), 1-based inclusive, sorted. */
  intervals(contig: string): Array<[number, number]> {
    const t = this.contigs.indexOf(contig)
    if (t < 0) return []
    return Array.from(this.starts[t], (s, k) => [s, this.ends[t][k]])
  }

  private firstEndingAtOrAfter(e: Int32Array, p: number): number {
    let lo = 0, hi = e.length
    while (lo < hi) { const m = (lo + hi) >>> 1; if (e[m] < p) lo = m + 1; else hi = m }
    return lo
  }

  /** Whether 1-based [pos, end] overlaps a target (for tests and single lookups). */
  overlaps(chrom: string, pos: number, end = pos): boolean {
    const t = this.resolver.resolve(chrom)
    if (t < 0) return false
    const e = this.ends[t], s = this.starts[t]
    const k = this.firstEndingAtOrAfter(e, pos)
    return k < s.length && s[k] <= end
  }
}
