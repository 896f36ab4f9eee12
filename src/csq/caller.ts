// ConsequenceCaller: the library entry for consequence calling over RecordBatches. Per batch
// it looks up the transcripts near each record (interval index), loads the sequences it
// lacks (one await per batch, windows cached by Reference), then calls every record
// synchronously: bcftools' per-record consequences (BCSQ) and, per transcript, VEP-style
// entries with SO terms, impact and HGVS.
import type { RecordBatch } from '../batch/batch.js'
import { alternateNames, type Reference } from '../reference/fasta.js'
import { STRAND_FWD, isCoding, GF_NMD, type GeneModel, type Transcript } from './gene-model.js'
import { Codons, GENETIC_CODES } from './codon.js'
import { CSQ_STRINGS, LocalCaller, printedType, type LocalCsq } from './local.js'
import { TranscriptSequences } from './sequences.js'
import { TranscriptGeometry, describe, trimAlleles, type Hgvs } from './hgvs.js'
import { BCSQ_TO_SO, impactOf, mostSevere, rankTerms, type Impact } from './terms.js'

export const UPDOWN_DISTANCE = 5000

/** One transcript's consequence of one ALT; the HGVS and position fields are those of `Hgvs`. */
export interface TranscriptConsequence extends Hgvs {
  /** 1-based ALT index. */
  altIndex: number
  /** VEP's Allele (shared first base removed from indels, '-' for none). */
  allele: string
  /** SO terms, most severe first. */
  terms: string[]
  impact: Impact
  geneId: string
  symbol?: string
  transcript: string
  version?: string
  biotype: string
  strand: 1 | -1
  canonical: boolean
  mane?: string
  exon?: string
  intron?: string
  distance?: number
}

export interface RecordConsequences {
  /** Index of the record in its batch. */
  index: number
  chrom: string
  /** 1-based POS. */
  pos: number
  ref: string
  alts: string[]
  /** bcftools csq -l consequences (see bcsq()). */
  local: LocalCsq[]
  /** One entry per transcript (and allele) within 5 kb; empty when intergenic. */
  transcripts: TranscriptConsequence[]
  /** Most severe term per ALT (intergenic_variant when nothing is near). */
  mostSevere: string[]
  /** Impact of the most severe term over all ALTs. */
  impact: Impact
}

export interface CallerOptions {
  /** Genetic code table id (bcftools --genetic-code; default 0, standard with ATG starts only). */
  geneticCode?: number
  /** Skip records whose REF disagrees with the FASTA instead of failing. */
  force?: boolean
  /** Up/downstream distance (default 5000). */
  distance?: number
  /** Compute VEP-style per-transcript entries (default true; BCSQ only when false). */
  vep?: boolean
  onWarning?: (msg: string) => void
}

interface AlleleView { symbolic: boolean; r: string; a: string; vs: number; ve: number; allele: string }

export function vepAllele(ref: string, alt: string): string {
  if (alt[0] === '<' || alt === '*') return alt
  if (ref.length !== alt.length && ref[0] === alt[0]) return alt.slice(1) || '-'
  return alt
}

export class ConsequenceCaller {
  readonly local: LocalCaller
  private readonly seqs: TranscriptSequences
  private readonly geo = new Map<Transcript, TranscriptGeometry>()
  private readonly codons: Codons
  private readonly chromMap = new Map<string, string>()
  private readonly distance: number

  constructor(readonly model: GeneModel, readonly reference: Reference, readonly opts: CallerOptions = {}) {
    const gc = GENETIC_CODES.find((g) => g.id === (opts.geneticCode ?? 0))
    if (!gc) throw new Error(`no such genetic code table: ${opts.geneticCode}`)
    this.codons = new Codons(gc)
    this.seqs = new TranscriptSequences(reference)
    this.local = new LocalCaller(model, (tr) => this.seqs.get(tr), { force: opts.force, onWarning: opts.onWarning, codons: this.codons })
    this.distance = opts.distance ?? UPDOWN_DISTANCE
  }

  /** The GFF's name for a VCF chromosome (chr prefixes reconciled), or the name itself. */
  gffChrom(chrom: string): string {
    let m = this.chromMap.get(chrom)
    if (m === undefined) {
      m = chrom
      if (!this.model.idxAll.has(chrom)) for (const a of alternateNames(chrom)) if (this.model.idxAll.has(a)) { m = a; break }
      this.chromMap.set(chrom, m)
    }
    return m
  }

  private near(chrom: string, pos0: number, rlen: number): Transcript[] {
    const idx = this.model.idxAll.get(chrom)
    return idx ? idx.overlap(pos0 - this.distance, pos0 + rlen + this.distance) : []
  }

  /** Loads what records at these positions need; call before callLoaded. */
  async prepare(records: Array<{ chrom: string; pos: number; ref: string }>): Promise<void> {
    const need = new Set<Transcript>()
    let first: { chrom: string; pos0: number } | undefined
    for (const r of records) {
      const c = this.gffChrom(r.chrom)
      first ??= { chrom: c, pos0: r.pos - 1 }
      // sequences are needed only by the transcripts a record overlaps (coding consequences, HGVS)
      const idx = this.model.idxAll.get(c)
      if (idx) for (const tr of idx.overlap(r.pos - 2, r.pos + r.ref.length)) if (!this.seqs.has(tr)) need.add(tr)
    }
    // sorted input: transcripts behind the batch's first record, and on other contigs, are done
    // (an unsorted file only reloads). From the first record, not the batch's minimum over
    // contigs: a batch that spans contigs would otherwise never evict anything.
    if (first) {
      this.seqs.evict(first.chrom, first.pos0 - this.distance)
      for (const tr of this.geo.keys()) if (!this.seqs.has(tr)) this.geo.delete(tr)
    }
    await this.seqs.load(need)
  }

  /** Consequences of every selected record of a batch. */
  async callBatch(batch: RecordBatch): Promise<RecordConsequences[]> {
    const recs: Array<{ index: number; chrom: string; pos: number; ref: string; alts: string[] }> = []
    for (const i of batch.indices()) {
      const alt = batch.alt(i)
      recs.push({ index: i, chrom: batch.chrom(i), pos: batch.pos[i], ref: batch.ref(i), alts: alt === '.' ? [] : alt.split(',') })
    }
    await this.prepare(recs)
    return recs.map((r) => this.callLoaded(r.index, r.chrom, r.pos, r.ref, r.alts))
  }

  /** Consequences of one record (loads what it needs). */
  async call(chrom: string, pos: number, ref: string, alts: string[]): Promise<RecordConsequences> {
    await this.prepare([{ chrom, pos, ref }])
    return this.callLoaded(0, chrom, pos, ref, alts)
  }

  private geometry(tr: Transcript): TranscriptGeometry {
    let g = this.geo.get(tr)
    if (!g) { g = new TranscriptGeometry(tr, this.seqs.get(tr), this.codons); this.geo.set(tr, g) }
    return g
  }

  /** Synchronous call once prepare() has loaded the record's transcripts. */
  callLoaded(index: number, chrom: string, pos: number, ref: string, alts: string[]): RecordConsequences {
    const c = this.gffChrom(chrom)
    const local = this.local.call(c, pos - 1, ref, alts)
    const res: RecordConsequences = { index, chrom, pos, ref, alts, local, transcripts: [], mostSevere: [], impact: 'MODIFIER' }
    if (this.opts.vep === false) return res
    const near = alts.length ? this.near(c, pos - 1, ref.length) : []
    for (let a = 0; a < alts.length; a++) {
      const alt = alts[a]
      if (alt === '*' || alt === '.' || alt === '<*>' || alt === '<NON_REF>') { res.mostSevere.push(''); continue }
      const terms: string[] = []
      const av = this.alleleView(pos - 1, ref, alt)
      for (const tr of near) {
        const tc = this.transcriptCsq(tr, local, pos - 1, ref, alt, a + 1, av)
        if (tc) { res.transcripts.push(tc); terms.push(...tc.terms) }
      }
      res.mostSevere.push(mostSevere(terms) ?? 'intergenic_variant')
    }
    res.impact = impactOf(res.mostSevere.filter(Boolean))
    return res
  }

  /** What every transcript needs of one allele: the trimmed change and the interval it touches. */
  private alleleView(pos0: number, ref: string, alt: string): AlleleView {
    const symbolic = alt[0] === '<'
    const [s, r, a] = symbolic ? [pos0, ref, alt] : trimAlleles(pos0, ref, alt)
    // the affected interval; an insertion sits between s-1 and s
    let vs = s, ve = s + r.length - 1
    if (!symbolic && !r.length) { vs = s - 1; ve = s }
    if (!r.length && !a.length) { vs = pos0; ve = pos0 + ref.length - 1 }
    return { symbolic, r, a, vs, ve, allele: vepAllele(ref, alt) }
  }

  private transcriptCsq(tr: Transcript, local: LocalCsq[], pos0: number, ref: string, alt: string, ial: number, av: AlleleView): TranscriptConsequence | undefined {
    const fwd = tr.strand === STRAND_FWD
    const { symbolic, r, a, vs, ve } = av
    const base: TranscriptConsequence = {
      altIndex: ial, allele: av.allele, terms: [], impact: 'MODIFIER', geneId: tr.gene.id, symbol: tr.gene.name,
      transcript: tr.id, version: tr.version, biotype: tr.biotype, strand: fwd ? 1 : -1, canonical: tr.canonical, mane: tr.mane,
    }
    if (ve < tr.beg || vs > tr.end) {
      const d = ve < tr.beg ? tr.beg - ve : vs - tr.end
      if (d > this.distance) return undefined
      const upstream = (ve < tr.beg) === fwd
      base.terms = [upstream ? 'upstream_gene_variant' : 'downstream_gene_variant']
      base.distance = d
      return base
    }
    const geo = this.geometry(tr)
    const terms = new Set<string>()
    if (vs <= tr.beg && ve >= tr.end && r.length > a.length) terms.add('transcript_ablation')
    for (const l of local) {
      if (l.tr !== tr || (l.ial !== ial && l.ial !== 0)) continue
      const t = printedType(l)
      for (let b = 1; b < CSQ_STRINGS.length; b++) {
        const name = CSQ_STRINGS[b]
        if (!name || !(t & (1 << b))) continue
        if (name === 'non_coding' || name === 'intron') continue // decided from the geometry below
        terms.add(BCSQ_TO_SO[name])
      }
      if (t & (1 << 20)) terms.add('incomplete_terminal_codon_variant')
    }
    // geometry: exons / introns touched
    let exonHit = -1, intronHit = -1
    const nEx = geo.exons.length
    for (let k = 0; k < nEx; k++) {
      const [b, e] = geo.exons[k]
      if (ve >= b && vs <= e) { exonHit = exonHit < 0 ? k : exonHit; base.exon = `${k + 1}/${nEx}` }
      if (k + 1 < nEx) {
        const ib = fwd ? e + 1 : geo.exons[k + 1][1] + 1
        const ie = fwd ? geo.exons[k + 1][0] - 1 : b - 1
        if (ie >= ib && ve >= ib && vs <= ie) {
          intronHit = k
          base.intron = `${k + 1}/${nEx - 1}`
          this.intronTerms(terms, fwd, ib, ie, vs, ve, isCoding(tr.type), !r.length)
        }
      }
    }
    if (exonHit >= 0 && !isCoding(tr.type)) terms.add('non_coding_transcript_exon_variant')
    if (exonHit >= 0 && !isCoding(tr.type)) this.exonEdgeTerms(terms, geo, exonHit, vs, ve)
    if (intronHit >= 0 && !terms.has('splice_donor_variant') && !terms.has('splice_acceptor_variant')) terms.add('intron_variant')
    if (exonHit >= 0 && isCoding(tr.type) && !terms.size && geo.coding) {
      // bcftools reports nothing for this transcript here (another feature took precedence): classify by position
      const p = geo.place(fwd ? vs : ve)
      if (p.exon >= 0) terms.add(p.cdna < geo.cdsStart ? '5_prime_UTR_variant' : p.cdna > geo.cdsEnd ? '3_prime_UTR_variant' : 'coding_sequence_variant')
    }
    if (!isCoding(tr.type)) terms.add('non_coding_transcript_variant')
    if (tr.type === GF_NMD) terms.add('NMD_transcript_variant')
    if (terms.has('non_coding_transcript_exon_variant')) terms.delete('non_coding_transcript_variant')
    if (terms.has('transcript_ablation')) { terms.clear(); terms.add('transcript_ablation') }
    base.terms = rankTerms(terms)
    base.impact = impactOf(base.terms)
    if (!symbolic) {
      Object.assign(base, describe(geo, this.codons, pos0, ref, alt))
      // bcftools' feature_elongation/truncation for a complex small change: VEP's terms instead
      if (terms.has('feature_elongation') || terms.has('feature_truncation')) {
        terms.delete('feature_elongation'); terms.delete('feature_truncation')
        if (base.cdsPosition) terms.add((a.length - r.length) % 3 !== 0 ? 'frameshift_variant' : 'protein_altering_variant')
        base.terms = rankTerms(terms)
        base.impact = impactOf(base.terms)
      }
      // VEP keeps frameshift_variant next to start_lost (bcftools drops it)
      if (base.cdsPosition && (a.length - r.length) % 3 !== 0 && terms.has('start_lost')) {
        base.terms = rankTerms([...base.terms, 'frameshift_variant'])
        base.impact = impactOf(base.terms)
      }
    }
    return base
  }

  /** splice_region / donor 5th base / donor region / polypyrimidine tract, from intron coordinates. */
  private intronTerms(terms: Set<string>, fwd: boolean, ib: number, ie: number, vs: number, ve: number, coding: boolean, ins: boolean): void {
    // intron positions (1-based) from its 5' (donor) and 3' (acceptor) ends, transcript strand
    const fromDonor = (g: number) => (fwd ? g - ib + 1 : ie - g + 1)
    const fromAcceptor = (g: number) => (fwd ? ie - g + 1 : g - ib + 1)
    const lo = Math.max(vs, ib), hi = Math.min(ve, ie)
    if (ins && (vs < ib || ve > ie)) return // insertion at the exon/intron boundary: decided by the exon side
    let d1 = Infinity, d2 = -Infinity, a1 = Infinity, a2 = -Infinity
    for (const g of [lo, hi]) {
      d1 = Math.min(d1, fromDonor(g)); d2 = Math.max(d2, fromDonor(g))
      a1 = Math.min(a1, fromAcceptor(g)); a2 = Math.max(a2, fromAcceptor(g))
    }
    const hits = (x1: number, x2: number, b: number, e: number) => x1 <= e && x2 >= b
    if (!coding) {
      // bcftools reports splice sites for coding transcripts only; VEP's rules for the rest
      if (hits(d1, d2, 1, 2)) terms.add('splice_donor_variant')
      if (hits(a1, a2, 1, 2)) terms.add('splice_acceptor_variant')
      if (hits(d1, d2, 3, 8) || hits(a1, a2, 3, 8)) terms.add('splice_region_variant')
    }
    if (d1 <= 5 && d2 >= 5 && d1 === d2) terms.add('splice_donor_5th_base_variant')
    if (hits(d1, d2, 3, 6)) terms.add('splice_donor_region_variant')
    if (hits(a1, a2, 3, 17)) terms.add('splice_polypyrimidine_tract_variant')
  }

  /** splice_region in the first/last 3 exon bases next to an intron (non-coding transcripts). */
  private exonEdgeTerms(terms: Set<string>, geo: TranscriptGeometry, k: number, vs: number, ve: number): void {
    const [b, e] = geo.exons[k]
    const n = geo.exons.length
    const fwd = geo.fwd
    const hasIntron5 = k > 0, hasIntron3 = k + 1 < n
    const at5 = fwd ? [b, b + 2] : [e - 2, e], at3 = fwd ? [e - 2, e] : [b, b + 2]
    if ((hasIntron5 && ve >= at5[0] && vs <= at5[1]) || (hasIntron3 && ve >= at3[0] && vs <= at3[1])) terms.add('splice_region_variant')
  }
}
