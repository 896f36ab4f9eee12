// Per-record consequences exactly as `bcftools csq -l` computes them (csq.c: test_cds_local,
// test_utr, test_splice, test_tscript and the splice_* helpers), ported function by function
// so the BCSQ strings agree. Coordinates are 0-based; bcftools' unsigned arithmetic is kept
// where it decides a comparison (u32).
import {
  GF_NMD, N_SPLICE_DONOR, N_SPLICE_REGION_INTRON, STRAND_FWD, STRAND_REV, TRIM_3PRIME, TRIM_5PRIME,
  biotypeName, isCoding, type Cds, type Gene, type GeneModel, type Transcript,
} from './gene-model.js'
import { Codons } from './codon.js'
import { VartriageError } from '../errors.js'

export const N_REF_PAD = 10

export const CSQ_SYNONYMOUS_VARIANT = 1 << 1
export const CSQ_MISSENSE_VARIANT = 1 << 2
export const CSQ_STOP_LOST = 1 << 3
export const CSQ_STOP_GAINED = 1 << 4
export const CSQ_INFRAME_DELETION = 1 << 5
export const CSQ_INFRAME_INSERTION = 1 << 6
export const CSQ_FRAMESHIFT_VARIANT = 1 << 7
export const CSQ_SPLICE_ACCEPTOR = 1 << 8
export const CSQ_SPLICE_DONOR = 1 << 9
export const CSQ_START_LOST = 1 << 10
export const CSQ_SPLICE_REGION = 1 << 11
export const CSQ_STOP_RETAINED = 1 << 12
export const CSQ_UTR5 = 1 << 13
export const CSQ_UTR3 = 1 << 14
export const CSQ_NON_CODING = 1 << 15
export const CSQ_INTRON = 1 << 16
export const CSQ_INFRAME_ALTERING = 1 << 18
export const CSQ_UPSTREAM_STOP = 1 << 19
export const CSQ_INCOMPLETE_CDS = 1 << 20
export const CSQ_CODING_SEQUENCE = 1 << 21
export const CSQ_ELONGATION = 1 << 22
export const CSQ_TRUNCATION = 1 << 23
export const CSQ_START_RETAINED = 1 << 24

export const CSQ_COMPOUND = CSQ_SYNONYMOUS_VARIANT | CSQ_MISSENSE_VARIANT | CSQ_STOP_LOST | CSQ_STOP_GAINED |
  CSQ_INFRAME_DELETION | CSQ_INFRAME_INSERTION | CSQ_FRAMESHIFT_VARIANT | CSQ_START_LOST | CSQ_STOP_RETAINED |
  CSQ_INFRAME_ALTERING | CSQ_INCOMPLETE_CDS | CSQ_UPSTREAM_STOP | CSQ_START_RETAINED | CSQ_ELONGATION | CSQ_TRUNCATION
export const CSQ_START_STOP = CSQ_STOP_LOST | CSQ_STOP_GAINED | CSQ_STOP_RETAINED | CSQ_START_LOST | CSQ_START_RETAINED
const CSQ_PRN_TSCRIPT = ~(CSQ_INTRON | CSQ_NON_CODING)
const CSQ_PRN_NMD = ~(CSQ_INTRON | CSQ_NON_CODING)
const prnStrand = (t: number) => (t & CSQ_COMPOUND) !== 0 &&
  (t & (CSQ_SPLICE_ACCEPTOR | CSQ_SPLICE_DONOR | CSQ_SPLICE_REGION | CSQ_ELONGATION | CSQ_TRUNCATION)) === 0

/** bcftools' consequence names, by bit. */
export const CSQ_STRINGS: Array<string | undefined> = [
  undefined, 'synonymous', 'missense', 'stop_lost', 'stop_gained', 'inframe_deletion', 'inframe_insertion', 'frameshift',
  'splice_acceptor', 'splice_donor', 'start_lost', 'splice_region', 'stop_retained', '5_prime_utr', '3_prime_utr',
  'non_coding', 'intron', 'intergenic', 'inframe_altering', undefined, undefined, 'coding_sequence', 'feature_elongation',
  'feature_truncation', 'start_retained',
]

const SPLICE_VAR_REF = 0
const SPLICE_OUTSIDE = 1
const SPLICE_INSIDE = 2
const SPLICE_OVERLAP = 3

const u32 = (x: number) => (x < 0 ? x + 4294967296 : x >= 4294967296 ? x - 4294967296 : x)

/** One consequence of one allele on one transcript (bcftools' vcsq_t). */
export interface LocalCsq {
  type: number
  tr: Transcript
  gene: Gene
  biotype: number
  strand: number
  /** 1-based allele index (0 for intron / non-coding, as bcftools). */
  ial: number
  /** `|aa change|dna change` part, '' when absent. */
  vstr: string
}

interface Splice {
  tr: Transcript
  pos: number; rlen: number; alen: number; ial: number; ref: string; alt: string
  checkAcceptor: boolean; checkStart: boolean; checkStop: boolean; checkDonor: boolean
  checkRegionBeg: boolean; checkRegionEnd: boolean; checkUtr: boolean; setRefalt: boolean
  csq: number; tbeg: number; tend: number; refBeg: number; refEnd: number; kref: string; kalt: string
}

interface HapNode { sss: boolean; csq: number; seq: string; sbeg: number; rbeg: number; rlen: number; dlen: number; var: string }

/** Reference sequence of a transcript as bcftools caches it: tr.beg-10 .. tr.end+10, N outside the contig. */
export interface TranscriptSeq { ref: string; sref: string }

export type SeqLookup = (tr: Transcript) => TranscriptSeq | undefined

/** The VCF's REF disagrees with the FASTA (bcftools fails too, unless --force). */
export class RefMismatchError extends VartriageError {}

const sub = (s: string, start: number, n: number) => (n <= 0 ? '' : start < 0 ? s.slice(0, Math.max(0, start + n)) : s.slice(start, start + n))

/** Spliced CDS with bcftools' padding (tscript_splice_ref). */
export function splicedRef(tr: Transcript, ref: string): string {
  let s = ref.slice(tr.cds[0].beg - tr.beg, tr.cds[0].beg - tr.beg + N_REF_PAD)
  for (const c of tr.cds) s += ref.slice(N_REF_PAD + c.beg - tr.beg, N_REF_PAD + c.beg - tr.beg + c.len)
  const last = tr.cds[tr.cds.length - 1]
  s += ref.slice(N_REF_PAD + last.beg - tr.beg, N_REF_PAD + last.beg - tr.beg + N_REF_PAD)
  return s
}

export interface LocalOptions {
  /** Skip records whose REF disagrees with the FASTA (bcftools --force) instead of failing. */
  force?: boolean
  onWarning?: (msg: string) => void
  codons?: Codons
}

export class LocalCaller {
  private out: LocalCsq[] = []
  private chrom = ''
  private readonly codons: Codons
  private mismatchWarned = false

  constructor(readonly model: GeneModel, readonly seqOf: SeqLookup, readonly opts: LocalOptions = {}) {
    this.codons = opts.codons ?? new Codons()
  }

  /**
   * Consequences of one record, in bcftools' order. `chrom` is the GFF's name for the
   * record's chromosome.
   */
  call(chrom: string, pos: number, ref: string, alts: string[], rlen = ref.length): LocalCsq[] {
    this.out = []
    this.chrom = chrom
    if (alts.length < 1 || (alts.length === 1 && alts[0] === '.')) return this.out
    if (alts.length === 1 && (alts[0][0] === '*' || alts[0][1] === '*')) return this.out
    if (alts[0][0] === '<') { this.testSymbolicAlt(pos, ref, alts, rlen); return this.out }
    let hit = this.testCdsLocal(pos, ref, alts) ? 1 : 0
    hit += this.testUtr(pos, ref, alts) ? 1 : 0
    hit += this.testSplice(pos, ref, alts) ? 1 : 0
    if (!hit) this.testTscript(pos, ref, alts)
    return this.out
  }

  /** bcftools' BCSQ text for a list of consequences. */
  static format(list: LocalCsq[]): string {
    return list.map(formatOne).join(',')
  }

  // ---- staging (csq_push) ----
  private stage(c: LocalCsq): void {
    if (c.type & CSQ_INFRAME_INSERTION && c.type & CSQ_ELONGATION) c.type &= ~CSQ_INFRAME_INSERTION
    if (c.type & CSQ_INFRAME_DELETION && c.type & CSQ_TRUNCATION) c.type &= ~CSQ_INFRAME_DELETION
    if (c.type & CSQ_SPLICE_REGION && c.type & (CSQ_SPLICE_DONOR | CSQ_SPLICE_ACCEPTOR)) c.type &= ~CSQ_SPLICE_REGION
    const v = this.out
    if (c.type & CSQ_COMPOUND) {
      for (const e of v) {
        if (c.tr !== e.tr && (c.type | e.type) & CSQ_PRN_TSCRIPT) continue
        if (c.biotype !== e.biotype) continue
        if (c.gene !== e.gene) continue
        if (c.ial !== e.ial) continue
        if ((c.type & CSQ_UPSTREAM_STOP) ^ (e.type & CSQ_UPSTREAM_STOP)) continue
        if (c.vstr || e.vstr) {
          if (!c.vstr || !e.vstr) {
            if (c.type & CSQ_START_STOP && e.type & CSQ_START_STOP) {
              e.type |= c.type
              if (e.type & CSQ_STOP_RETAINED) e.type &= ~(CSQ_STOP_LOST | CSQ_SYNONYMOUS_VARIANT)
              if (e.type & CSQ_START_RETAINED) e.type &= ~(CSQ_START_LOST | CSQ_SYNONYMOUS_VARIANT)
              if (!e.vstr) e.vstr = c.vstr
              return
            }
            continue
          }
          if (c.vstr !== e.vstr) continue
        }
        e.type |= c.type
        return
      }
    } else {
      for (const e of v) {
        if (c.tr !== e.tr && (c.type | e.type) & CSQ_PRN_TSCRIPT) continue
        if (c.biotype !== e.biotype) continue
        if (!(e.type & CSQ_COMPOUND)) { e.type |= c.type; return }
        if (e.type === (e.type | c.type)) return
      }
    }
    v.push(c)
  }

  private stageFor(tr: Transcript, type: number, ial: number, vstr = ''): void {
    this.stage({ type, tr, gene: tr.gene, biotype: tr.type, strand: tr.strand, ial, vstr })
  }

  private stageUtr(tr: Transcript, beg: number, end: number, type: number, ial: number): number {
    const idx = this.model.idxUtr.get(this.chrom)
    if (!idx) return 0
    for (const utr of idx.overlap(beg, end)) {
      if (utr.tr !== tr) continue
      const t = (utr.which === 5 ? CSQ_UTR5 : CSQ_UTR3) | type
      this.stageFor(tr, t, ial)
      return t
    }
    return 0
  }

  private stageSplice(s: Splice): void {
    if (!s.csq) return
    this.stageFor(s.tr, s.csq, s.ial)
  }

  // ---- splice_* ----
  // one splice_t, reset per use (the splice_* functions never nest)
  private readonly sp: Splice = {
    tr: undefined as unknown as Transcript, pos: 0, rlen: 0, alen: 0, ial: 0, ref: '', alt: '', checkAcceptor: false, checkStart: false,
    checkStop: false, checkDonor: false, checkRegionBeg: false, checkRegionEnd: false, checkUtr: false, setRefalt: false,
    csq: 0, tbeg: 0, tend: 0, refBeg: 0, refEnd: 0, kref: '', kalt: '',
  }

  private newSplice(tr: Transcript, pos: number, ref: string): Splice {
    const s = this.sp
    s.tr = tr; s.pos = pos; s.rlen = ref.length; s.alen = 0; s.ial = 0; s.ref = ref; s.alt = ''
    s.checkAcceptor = s.checkStart = s.checkStop = s.checkDonor = s.checkRegionBeg = s.checkRegionEnd = s.checkUtr = s.setRefalt = false
    s.csq = 0; s.tbeg = 0; s.tend = 0; s.refBeg = 0; s.refEnd = 0; s.kref = ''; s.kalt = ''
    return s
  }

  private trRef(tr: Transcript): string {
    return this.seqOf(tr)!.ref
  }

  private buildHap(s: Splice, beg: number, len: number): void {
    let rlen: number, alen: number, rbeg: number, abeg: number
    if (len < 0) {
      rlen = alen = -len
      rbeg = beg - rlen + 1
      let dlen = s.alen - s.rlen
      if (dlen < 0 && beg < s.refEnd) dlen += s.refEnd - beg
      abeg = rbeg + dlen
    } else if (beg < s.tr.beg) {
      rbeg = abeg = s.tr.beg
      rlen = alen = 0
    } else {
      rbeg = abeg = beg
      rlen = alen = len
    }
    const R = this.trRef(s.tr)
    const off = N_REF_PAD - s.tr.beg
    let kref = ''
    let roff: number
    if (rbeg < s.pos) { kref += sub(R, off + rbeg, s.pos - rbeg); roff = 0 } else roff = rbeg - s.pos
    if (roff < s.rlen && kref.length < rlen) {
      let l = s.rlen - roff
      if (l > rlen - kref.length) l = rlen - kref.length
      kref += sub(s.ref, roff, l)
    }
    let end = s.pos + s.rlen
    if (kref.length < rlen) {
      if (end + rlen - kref.length - 1 > s.tr.end) rlen -= end + rlen - kref.length - 1 - s.tr.end
      if (kref.length < rlen) kref += sub(R, off + end, rlen - kref.length)
    }
    let kalt = ''
    let aoff: number
    if (abeg < s.pos) { kalt += sub(R, off + abeg, s.pos - abeg); aoff = 0 } else aoff = abeg - s.pos
    if (aoff < s.alen && kalt.length < alen) {
      let l = s.alen - aoff
      if (l > alen - kalt.length) l = alen - kalt.length
      kalt += sub(s.alt, aoff, l)
      aoff -= l
    }
    if (aoff < 0) aoff = 0
    else aoff--
    end = s.pos + s.rlen
    if (kalt.length < alen) {
      if (end + alen + aoff - kalt.length - 1 > s.tr.end) alen -= end + alen + aoff - kalt.length - 1 - s.tr.end
      if (alen > 0 && alen > kalt.length) kalt += sub(R, aoff + off + end, alen - kalt.length)
    }
    s.kref = kref
    s.kalt = kalt
  }

  private spliceCsqIns(s: Splice, exBeg: number, exEnd: number): number {
    if (s.tbeg || s.ref[0] !== s.alt[0]) {
      s.refBeg = u32(s.pos + s.tbeg - 1)
      s.refEnd = u32(s.pos + s.rlen - s.tend)
    } else {
      if (s.tend) s.tend--
      s.refBeg = s.pos
      s.refEnd = u32(s.pos + s.rlen - s.tend)
    }
    const tr = s.tr
    if (s.refBeg >= exEnd) {
      if (s.checkUtr) {
        if (this.stageUtr(tr, s.refBeg + 1, s.refBeg + 1, s.csq, s.ial) !== 0) return SPLICE_OUTSIDE
      }
      if (!s.checkRegionEnd) return SPLICE_OUTSIDE
      let ref: string | undefined, alt: string | undefined
      if (s.setRefalt) { this.buildHap(s, exEnd + 1, N_SPLICE_REGION_INTRON); ref = s.kref; alt = s.kalt }
      if (s.refBeg < exEnd + N_SPLICE_REGION_INTRON && s.refEnd > exEnd + N_SPLICE_DONOR) {
        s.csq |= CSQ_SPLICE_REGION
        if (ref !== undefined && ncmp(ref, alt!, 0, N_SPLICE_REGION_INTRON)) s.csq |= CSQ_SYNONYMOUS_VARIANT
      }
      if (s.refBeg < exEnd + N_SPLICE_DONOR) {
        if (s.checkDonor && tr.strand === STRAND_FWD) s.csq |= CSQ_SPLICE_DONOR
        if (s.checkAcceptor && tr.strand === STRAND_REV) s.csq |= CSQ_SPLICE_ACCEPTOR
        if (ref !== undefined && ncmp(ref, alt!, 0, N_SPLICE_DONOR)) s.csq |= CSQ_SYNONYMOUS_VARIANT
      }
      this.stageSplice(s)
      return SPLICE_OUTSIDE
    }
    if (s.refEnd < exBeg || (s.refEnd === exBeg && !s.checkRegionBeg)) {
      if (s.checkUtr) {
        if (this.stageUtr(tr, s.refEnd - 1, s.refEnd - 1, s.csq, s.ial) !== 0) return SPLICE_OUTSIDE
      }
      if (!s.checkRegionBeg) return SPLICE_OUTSIDE
      let ref: string | undefined, alt: string | undefined
      if (s.setRefalt) { this.buildHap(s, exBeg - N_SPLICE_REGION_INTRON, N_SPLICE_REGION_INTRON); ref = s.kref; alt = s.kalt }
      if (s.refEnd > u32(exBeg - N_SPLICE_REGION_INTRON) && s.refBeg < u32(exBeg - N_SPLICE_DONOR)) {
        s.csq |= CSQ_SPLICE_REGION
        if (ref !== undefined && ncmp(ref, alt!, 0, N_SPLICE_REGION_INTRON)) s.csq |= CSQ_SYNONYMOUS_VARIANT
      }
      if (s.refEnd > u32(exBeg - N_SPLICE_DONOR)) {
        if (s.checkDonor && tr.strand === STRAND_REV) s.csq |= CSQ_SPLICE_DONOR
        if (s.checkAcceptor && tr.strand === STRAND_FWD) s.csq |= CSQ_SPLICE_ACCEPTOR
        if (ref !== undefined && ncmp(ref, alt!, N_SPLICE_REGION_INTRON - N_SPLICE_DONOR, N_SPLICE_DONOR)) s.csq |= CSQ_SYNONYMOUS_VARIANT
      }
      this.stageSplice(s)
      return SPLICE_OUTSIDE
    }
    if (s.refBeg <= exBeg + 2) {
      if (s.checkRegionBeg) s.csq |= CSQ_SPLICE_REGION
      if (tr.strand === STRAND_FWD) { if (s.checkStart) s.csq |= CSQ_START_LOST } else if (s.checkStop) s.csq |= CSQ_STOP_LOST
    }
    if (s.refEnd > u32(exEnd - 2)) {
      if (s.checkRegionEnd) s.csq |= CSQ_SPLICE_REGION
      if (tr.strand === STRAND_REV) { if (s.checkStart) s.csq |= CSQ_START_LOST } else if (s.checkStop) s.csq |= CSQ_STOP_LOST
    }
    if (s.setRefalt) {
      if (s.refBeg < s.pos) {
        const dlen = s.pos - s.refBeg
        s.tbeg += dlen
        if (s.tbeg + s.tend === s.rlen) s.tend -= dlen
        s.refBeg = s.pos
      }
      if (s.refEnd === exBeg) s.tend--
      this.buildHap(s, s.refBeg, s.alen - s.tend - s.tbeg + 1)
      s.rlen -= s.tbeg + s.tend - 1
      if (s.kref.length > s.rlen) s.kref = s.kref.slice(0, Math.max(0, s.rlen))
    }
    this.stageSplice(s)
    return SPLICE_INSIDE
  }

  private shiftedDelSynonymous(s: Splice, exBeg: number, exEnd: number): boolean {
    const tr = s.tr
    if (tr.strand === STRAND_REV && s.pos + s.rlen + 2 <= exEnd) return false
    if (tr.strand === STRAND_FWD && s.pos >= exBeg + 3) return false
    const refLen = s.ref.length, altLen = s.alt.length
    const ndel = refLen - altLen
    const R = this.trRef(tr)
    if (tr.strand === STRAND_REV) {
      const vcfRefEnd = s.pos + refLen - 1
      const trRefEnd = tr.end + N_REF_PAD
      if (vcfRefEnd + ndel > trRefEnd) return false
      const pv = s.ref.slice(altLen)
      const pr = N_REF_PAD + (vcfRefEnd + 1 - tr.beg)
      let i = 0
      while (i < pv.length && pv[i] === R[pr + i]) i++
      return i >= pv.length
    } else if (tr.strand === STRAND_FWD) {
      const blockBeg = s.pos + refLen - 2 * ndel
      if (blockBeg < 0) return false
      if (N_REF_PAD + blockBeg < exBeg) return false
      const pv = s.ref.slice(altLen)
      const pr = N_REF_PAD + blockBeg - tr.beg
      let i = 0
      while (i < pv.length && pv[i] === R[pr + i]) i++
      return i >= pv.length
    }
    return true
  }

  private spliceCsqDel(s: Splice, exBeg: number, exEnd: number): number {
    const tr = s.tr
    if (s.checkStart) {
      if (this.shiftedDelSynonymous(s, exBeg, exEnd)) {
        s.csq |= CSQ_START_RETAINED
        return SPLICE_OVERLAP
      }
    }
    s.refBeg = u32(s.pos + s.tbeg - 1)
    s.refEnd = u32(s.pos + s.rlen - s.tend - 1)
    if (u32(s.refBeg + 1) < exBeg) {
      if (s.checkRegionBeg) {
        let csq = 0
        if (s.checkUtr) csq = this.stageUtr(tr, s.refBeg, exBeg - 1, s.csq, s.ial)
        if (!csq) {
          let ref: string | undefined, alt: string | undefined
          if (s.setRefalt) { this.buildHap(s, exBeg - N_SPLICE_REGION_INTRON, N_SPLICE_REGION_INTRON); ref = s.kref; alt = s.kalt }
          if (s.refEnd >= u32(exBeg - N_SPLICE_REGION_INTRON) && s.refBeg < u32(exBeg - N_SPLICE_DONOR)) {
            s.csq |= CSQ_SPLICE_REGION
            if (ref !== undefined && ncmp(ref, alt!, 0, N_SPLICE_REGION_INTRON)) s.csq |= CSQ_SYNONYMOUS_VARIANT
          }
          if (s.refEnd >= u32(exBeg - N_SPLICE_DONOR)) {
            if (s.checkDonor && tr.strand === STRAND_REV) s.csq |= CSQ_SPLICE_DONOR
            if (s.checkAcceptor && tr.strand === STRAND_FWD) s.csq |= CSQ_SPLICE_ACCEPTOR
            const noff = N_SPLICE_REGION_INTRON - N_SPLICE_DONOR
            if (ref !== undefined && noff < s.kref.length && noff < s.kalt.length && ncmp(ref, alt!, noff, N_SPLICE_DONOR)) s.csq |= CSQ_SYNONYMOUS_VARIANT
          }
        }
      }
      if (s.refEnd >= exBeg) {
        s.tbeg = s.refBeg - s.pos + 1
        s.refBeg = exBeg - 1
        if (s.tbeg + s.tend === s.alen) {
          if (!s.tend) {
            s.csq |= CSQ_CODING_SEQUENCE
            return SPLICE_OVERLAP
          }
          s.tend--
        }
      }
    }
    if (exEnd < s.refEnd) {
      if (s.checkRegionEnd) {
        let csq = 0
        if (s.checkUtr) csq = this.stageUtr(tr, exEnd + 1, s.refEnd, s.csq, s.ial)
        if (!csq) {
          let ref: string | undefined, alt: string | undefined
          if (s.setRefalt) { this.buildHap(s, exEnd + 1, N_SPLICE_REGION_INTRON); ref = s.kref; alt = s.kalt }
          if (s.refBeg < exEnd + N_SPLICE_REGION_INTRON && s.refEnd > exEnd + N_SPLICE_DONOR) {
            s.csq |= CSQ_SPLICE_REGION
            if (ref !== undefined && ncmp(ref, alt!, 0, N_SPLICE_REGION_INTRON)) s.csq |= CSQ_SYNONYMOUS_VARIANT
          }
          if (s.refBeg < exEnd + N_SPLICE_DONOR) {
            if (s.checkDonor && tr.strand === STRAND_FWD) s.csq |= CSQ_SPLICE_DONOR
            if (s.checkAcceptor && tr.strand === STRAND_REV) s.csq |= CSQ_SPLICE_ACCEPTOR
            if (ref !== undefined && ncmp(ref, alt!, N_SPLICE_REGION_INTRON - N_SPLICE_DONOR, N_SPLICE_DONOR)) s.csq |= CSQ_SYNONYMOUS_VARIANT
          }
        }
      }
      if (s.refBeg < exEnd) {
        s.tend = s.rlen - (s.refEnd - s.pos + 1)
        s.refEnd = exEnd
      }
    }
    if (s.refEnd < exBeg || s.refBeg >= exEnd) {
      this.stageSplice(s)
      return SPLICE_OUTSIDE
    }
    if (s.refBeg < exBeg + 2) {
      if (s.checkRegionBeg) s.csq |= CSQ_SPLICE_REGION
      if (tr.strand === STRAND_FWD) { if (s.checkStart) s.csq |= CSQ_START_LOST } else if (s.checkStop) s.csq |= CSQ_STOP_LOST
    }
    if (s.refEnd > u32(exEnd - 3)) {
      if (s.checkRegionEnd) s.csq |= CSQ_SPLICE_REGION
      if (tr.strand === STRAND_REV) { if (s.checkStart) s.csq |= CSQ_START_LOST } else if (s.checkStop) s.csq |= CSQ_STOP_LOST
    }
    if (s.setRefalt) {
      if (s.tbeg > 0) s.tbeg--
      if (s.rlen > s.tbeg + s.tend && s.alen > s.tbeg + s.tend) {
        s.rlen -= s.tbeg + s.tend
        s.alen -= s.tbeg + s.tend
      }
      s.kref = sub(s.ref, s.tbeg, s.rlen)
      s.kalt = sub(s.alt, s.tbeg, s.alen)
      if ((u32(s.refBeg + 1) < exBeg && s.refEnd >= exBeg) || (u32(s.refBeg + 1) < exEnd && s.refEnd >= exEnd)) {
        const rb = s.refBeg + s.kalt.length - 1
        if (rb < s.refEnd) s.csq |= (s.refEnd - rb) % 3 ? CSQ_FRAMESHIFT_VARIANT : CSQ_INFRAME_DELETION
        return SPLICE_OVERLAP
      }
    }
    this.stageSplice(s)
    return SPLICE_INSIDE
  }

  private spliceCsqMnp(s: Splice, exBeg: number, exEnd: number): number {
    if (s.tbeg + s.tend === s.rlen) return SPLICE_VAR_REF
    const tr = s.tr
    s.refBeg = s.pos + s.tbeg
    s.refEnd = u32(s.pos + s.rlen - s.tend - 1)
    let ret = SPLICE_INSIDE
    if (s.refBeg < exBeg) {
      if (s.checkRegionBeg) {
        let csq = 0
        if (s.checkUtr) csq = this.stageUtr(tr, s.refBeg, exBeg - 1, s.csq, s.ial)
        if (!csq) {
          if (s.refEnd >= u32(exBeg - N_SPLICE_REGION_INTRON) && s.refBeg < u32(exBeg - N_SPLICE_DONOR)) s.csq |= CSQ_SPLICE_REGION
          if (s.refEnd >= u32(exBeg - N_SPLICE_DONOR)) {
            if (s.checkDonor && tr.strand === STRAND_REV) s.csq |= CSQ_SPLICE_DONOR
            if (s.checkAcceptor && tr.strand === STRAND_FWD) s.csq |= CSQ_SPLICE_ACCEPTOR
          }
        }
      }
      if (s.refEnd >= exBeg) {
        s.tbeg = s.refBeg - s.pos
        s.refBeg = exBeg
        ret = SPLICE_OVERLAP
      }
    }
    if (exEnd < s.refEnd) {
      if (s.checkRegionEnd) {
        let csq = 0
        if (s.checkUtr) csq = this.stageUtr(tr, exEnd + 1, s.refEnd, s.csq, s.ial)
        if (!csq) {
          if (s.refBeg <= exEnd + N_SPLICE_REGION_INTRON && s.refEnd > exEnd + N_SPLICE_DONOR) s.csq |= CSQ_SPLICE_REGION
          if (s.refBeg <= exEnd + N_SPLICE_DONOR) {
            if (s.checkDonor && tr.strand === STRAND_FWD) s.csq |= CSQ_SPLICE_DONOR
            if (s.checkAcceptor && tr.strand === STRAND_REV) s.csq |= CSQ_SPLICE_ACCEPTOR
          }
        }
      }
      if (s.refBeg <= exEnd) {
        s.tend = s.rlen - (s.refEnd - s.pos + 1)
        s.refEnd = exEnd
        ret = SPLICE_OVERLAP
      }
    }
    if (s.refEnd < exBeg || s.refBeg > exEnd) {
      this.stageSplice(s)
      return SPLICE_OUTSIDE
    }
    if (s.refBeg < exBeg + 3) {
      if (s.checkRegionBeg) s.csq |= CSQ_SPLICE_REGION
      if (tr.strand === STRAND_FWD) { if (s.checkStart) s.csq |= CSQ_START_LOST } else if (tr.strand === STRAND_REV) { if (s.checkStop) s.csq |= CSQ_STOP_LOST }
    }
    if (s.refEnd > u32(exEnd - 3)) {
      if (s.checkRegionEnd) s.csq |= CSQ_SPLICE_REGION
      if (tr.strand === STRAND_REV) { if (s.checkStart) s.csq |= CSQ_START_LOST } else if (tr.strand === STRAND_FWD) { if (s.checkStop) s.csq |= CSQ_STOP_LOST }
    }
    if (s.setRefalt) {
      s.rlen -= s.tbeg + s.tend
      s.alen -= s.tbeg + s.tend
      s.kref = sub(s.ref, s.tbeg, s.rlen)
      s.kalt = sub(s.alt, s.tbeg, s.alen)
    }
    this.stageSplice(s)
    return ret
  }

  private spliceCsq(s: Splice, exBeg: number, exEnd: number): number {
    s.alen = s.alt.length
    let rlen1 = s.rlen - 1, alen1 = s.alen - 1, i = 0
    s.tbeg = 0; s.tend = 0
    while (i <= rlen1 && i <= alen1) {
      if (s.ref[rlen1 - i] !== s.alt[alen1 - i]) break
      i++
    }
    s.tend = i
    rlen1 -= i; alen1 -= i; i = 0
    while (i <= rlen1 && i <= alen1) {
      if (s.ref[i] !== s.alt[i]) break
      i++
    }
    s.tbeg = i
    let rtrim = s.rlen - s.tbeg - s.tend
    let atrim = s.alen - s.tbeg - s.tend
    if (s.alt[0] === '<') rtrim = atrim = 0
    if (s.rlen === s.alen) return this.spliceCsqMnp(s, exBeg, exEnd)
    if (rtrim > 1 && atrim > 1) {
      s.csq |= s.rlen > s.alen ? CSQ_TRUNCATION : CSQ_ELONGATION
      return this.spliceCsqMnp(s, exBeg, exEnd)
    }
    if (s.rlen < s.alen) return this.spliceCsqIns(s, exBeg, exEnd)
    if (s.rlen > s.alen) return this.spliceCsqDel(s, exBeg, exEnd)
    return 0
  }

  // ---- coding (hap_init, cds_translate, test_cds_local) ----
  private hapInit(cds: Cds, pos: number, ref: string, alt: string, ial: number): HapNode | number {
    const tr = cds.tr
    const s = this.newSplice(tr, pos, ref)
    s.ial = ial
    s.alt = alt
    s.checkAcceptor = s.checkDonor = s.setRefalt = s.checkUtr = true
    const last = tr.cds.length - 1
    if (!(tr.trim & TRIM_5PRIME)) {
      if (tr.strand === STRAND_FWD) { if (cds.icds === 0) s.checkStart = true } else if (tr.strand === STRAND_REV) { if (cds.icds === last) s.checkStart = true }
    }
    if (!(tr.trim & TRIM_3PRIME)) {
      if (tr.strand === STRAND_FWD) { if (cds.icds === last) s.checkStop = true } else if (tr.strand === STRAND_REV) { if (cds.icds === 0) s.checkStop = true }
    }
    const R = this.trRef(tr)
    if (s.checkStart) {
      if (tr.strand === STRAND_FWD) { if (this.codons.stop(R, N_REF_PAD + cds.beg - tr.beg) !== 'M') s.checkStart = false } else if (tr.strand === STRAND_REV) { if (this.codons.cstop(R, N_REF_PAD + cds.beg - tr.beg + cds.len - 3) !== 'M') s.checkStart = false }
    }
    if (cds.icds !== 0) s.checkRegionBeg = true
    if (cds.icds !== last) s.checkRegionEnd = true
    const ret = this.spliceCsq(s, cds.beg, cds.beg + cds.len - 1)
    if (ret === SPLICE_VAR_REF) return 2
    if (ret === SPLICE_OUTSIDE || ret === SPLICE_OVERLAP) {
      if (!s.csq) return 2
      return { sss: true, csq: s.csq, seq: '', sbeg: 0, rbeg: pos, rlen: 0, dlen: 0, var: `${ref}>${alt}` }
    }
    if (s.csq & CSQ_SYNONYMOUS_VARIANT) s.csq &= ~CSQ_SYNONYMOUS_VARIANT
    let dbeg = 0
    let krefLen = s.kref.length
    if (s.refBeg < cds.beg) {
      dbeg = cds.beg - s.refBeg
      krefLen -= dbeg
      s.refBeg = cds.beg
    }
    const node: HapNode = {
      sss: false, csq: s.csq, seq: s.kalt.slice(dbeg), sbeg: cds.pos + (s.refBeg - cds.beg), rbeg: s.refBeg, rlen: krefLen,
      dlen: alt.length - ref.length, var: `${ref}>${alt}`,
    }
    if (node.rbeg + node.rlen > cds.beg + cds.len) {
      node.sss = true
      if (!node.csq) node.csq |= CSQ_CODING_SEQUENCE
    }
    return node
  }

  /** cds_translate: returns [aa, stop-marks]. `m` is the full spliced length of the (alt) transcript. */
  private translate(sref: string, seq: string, m: number, sbeg: number, rbeg: number, rend: number, strand: number, fill: boolean): [string, string] {
    if (!seq.length) return ['?', '?']
    const C = this.codons
    let aaBuf = this.aaBuf, stBuf = this.stBuf
    const need = ((fill ? sref.length : 0) + seq.length) / 3 + 8
    if (aaBuf.length < need) { aaBuf = this.aaBuf = new Uint8Array(need * 2); stBuf = this.stBuf = new Uint8Array(need * 2) }
    let n = 0
    const emit = (a: number, b: number, c: number, rev: boolean) => {
      const x = C.codes(a, b, c, rev)
      aaBuf[n] = x & 255; stBuf[n] = x >> 8; n++
    }
    const at = (s: string, i: number) => { const c = s.charCodeAt(i); return c === c ? c : 78 }
    const tmp = this.tmp3
    if (strand === STRAND_FWD) {
      const npad = sbeg % 3
      let i: number
      for (i = 0; i < npad; i++) tmp[i] = at(sref, rbeg + i - npad + N_REF_PAD)
      for (; i < 3 && i - npad < seq.length; i++) tmp[i] = seq.charCodeAt(i - npad)
      const len = seq.length - i + npad
      if (i === 3) {
        emit(tmp[0], tmp[1], tmp[2], false)
        let codon = 3 - npad
        const end = codon + len - 1 - (len % 3)
        while (codon < end) { emit(seq.charCodeAt(codon), seq.charCodeAt(codon + 1), seq.charCodeAt(codon + 2), false); codon += 3 }
        const e2 = seq.length - 1
        for (i = 0; codon + i <= e2; i++) tmp[i] = seq.charCodeAt(codon + i)
      }
      let codonR = rend + N_REF_PAD
      if (i > 0) {
        for (; i < 3; i++) { tmp[i] = at(sref, codonR); codonR++ }
        emit(tmp[0], tmp[1], tmp[2], false)
      }
      if (fill) {
        const endR = sref.length - N_REF_PAD
        while (codonR + 3 <= endR) { emit(sref.charCodeAt(codonR), sref.charCodeAt(codonR + 1), sref.charCodeAt(codonR + 2), false); codonR += 3 }
      }
    } else {
      const npad = (m - (sbeg + seq.length)) % 3
      let i: number
      if (npad === 2) { tmp[1] = at(sref, rend + N_REF_PAD); tmp[2] = at(sref, rend + N_REF_PAD + 1); i = 0 } else if (npad === 1) { tmp[2] = at(sref, rend + N_REF_PAD); i = 1 } else i = 2
      let end = seq.length
      for (; i >= 0 && end > 0; i--) tmp[i] = seq.charCodeAt(--end)
      if (i === -1) {
        emit(tmp[0], tmp[1], tmp[2], true)
        let codon = end - 3
        while (codon >= 0) { emit(seq.charCodeAt(codon), seq.charCodeAt(codon + 1), seq.charCodeAt(codon + 2), true); codon -= 3 }
        const d = -codon
        if (d === 2) { tmp[2] = seq.charCodeAt(0); i = 1 } else if (d === 1) { tmp[1] = seq.charCodeAt(0); tmp[2] = seq.charCodeAt(1); i = 0 } else i = -1
      }
      let endR = N_REF_PAD + rbeg
      if (i >= 0) {
        for (; i >= 0 && endR >= 0; i--) tmp[i] = at(sref, --endR)
        emit(tmp[0], tmp[1], tmp[2], true)
      }
      if (fill) {
        let codon = endR - 3
        while (codon >= N_REF_PAD) { emit(sref.charCodeAt(codon), sref.charCodeAt(codon + 1), sref.charCodeAt(codon + 2), true); codon -= 3 }
      }
    }
    return [latin1(aaBuf, n), latin1(stBuf, n)]
  }
  private aaBuf = new Uint8Array(1024)
  private stBuf = new Uint8Array(1024)
  private readonly tmp3 = [0, 0, 0]

  private sanityCheckRef(tr: Transcript, pos: number, vref: string): boolean {
    const R = this.trRef(tr)
    let vbeg = 0
    let rbeg = pos - tr.beg + N_REF_PAD
    if (rbeg < 0) { vbeg = -rbeg; rbeg = 0 }
    for (let i = 0; rbeg + i < R.length && vbeg + i < vref.length; i++) {
      const a = R[rbeg + i], b = vref[vbeg + i]
      if (a !== b && a.toUpperCase() !== b.toUpperCase()) {
        const msg = `the fasta reference does not match the VCF REF allele at ${this.chrom}:${pos + vbeg + i + 1} .. fasta=${a} vcf=${b}`
        if (!this.opts.force) throw new RefMismatchError(`${msg} (use --force to skip such records)`)
        if (!this.mismatchWarned) { this.opts.onWarning?.(msg); this.mismatchWarned = true }
        return false
      }
    }
    return true
  }

  private testCdsLocal(pos: number, ref: string, alts: string[]): boolean {
    const idx = this.model.idxCds.get(this.chrom)
    if (!idx) return false
    let ret = false
    for (const cds of idx.overlap(pos, pos + ref.length)) {
      const tr = cds.tr
      if (!isCoding(tr.type)) continue
      ret = true
      const seq = this.seqOf(tr)
      if (!seq) continue
      if (!this.sanityCheckRef(tr, pos, ref)) continue
      const sref = seq.sref
      const nsref = sref.length
      for (let i = 0; i < alts.length; i++) {
        const alt = alts[i]
        if (alt[0] === '<' || alt[0] === '*') continue
        const node = this.hapInit(cds, pos, ref, alt, i + 1)
        if (typeof node === 'number') continue
        let csqType = node.csq
        if (node.sss) { this.stageFor(tr, csqType, i + 1); continue }
        const alen = node.seq.length
        const fill = node.dlen % 3 !== 0 && alen > 0
        let [tseq, tseqStop] = this.translate(sref, node.seq, nsref - 2 * N_REF_PAD + node.dlen, node.sbeg, node.sbeg, node.sbeg + node.rlen, tr.strand, fill)
        let [tref, trefStop] = this.translate(sref, sref.slice(N_REF_PAD + node.sbeg, N_REF_PAD + node.sbeg + node.rlen),
          nsref - 2 * N_REF_PAD, node.sbeg, node.sbeg, node.sbeg + node.rlen, tr.strand, fill)
        let j = trefStop.indexOf('*')
        if (j >= 0) { tref = tref.slice(0, j + 1); trefStop = trefStop.slice(0, j + 1) }
        j = tseqStop.indexOf('*')
        if (j >= 0) { tseq = tseq.slice(0, j + 1); tseqStop = tseqStop.slice(0, j + 1) }
        const rl = trefStop[trefStop.length - 1], sl = tseqStop[tseqStop.length - 1]
        if (csqType & CSQ_STOP_LOST) {
          if (rl === '*' && rl === sl) {
            csqType &= ~CSQ_STOP_LOST
            csqType |= CSQ_STOP_RETAINED
          } else if (rl !== '*') {
            if (sl === '*') {
              csqType &= ~CSQ_STOP_GAINED
              csqType |= CSQ_STOP_RETAINED
            } else csqType |= CSQ_INCOMPLETE_CDS
          }
        }
        if (csqType & CSQ_START_LOST && trefStop[0] !== 'M') csqType &= ~CSQ_START_LOST
        if (node.dlen !== 0) {
          if (node.dlen % 3) csqType |= CSQ_FRAMESHIFT_VARIANT
          else if (node.dlen < 0) csqType |= CSQ_INFRAME_DELETION
          else csqType |= CSQ_INFRAME_INSERTION
          if (rl !== '*' && sl === '*') csqType |= CSQ_STOP_GAINED
          if (csqType & CSQ_START_LOST && csqType & CSQ_FRAMESHIFT_VARIANT) {
            csqType &= ~CSQ_FRAMESHIFT_VARIANT
            this.stageFor(tr, csqType, i + 1)
            continue
          }
        } else {
          let aaChange = false
          for (let k = 0; k < tref.length; k++) {
            if (tref[k] === tseq[k]) continue
            aaChange = true
            if (trefStop[k] === '*') csqType |= CSQ_STOP_LOST
            else if (tseqStop[k] === '*') csqType |= CSQ_STOP_GAINED
            else csqType |= CSQ_MISSENSE_VARIANT
          }
          if (!aaChange) csqType |= CSQ_SYNONYMOUS_VARIANT
        }
        if (csqType & CSQ_COMPOUND) {
          const cdsLen = nsref - 2 * N_REF_PAD
          const aaRbeg = tr.strand === STRAND_FWD ? Math.trunc(node.sbeg / 3) + 1 : Math.trunc((cdsLen - node.sbeg - node.rlen) / 3) + 1
          const aaSbeg = tr.strand === STRAND_FWD ? Math.trunc(node.sbeg / 3) + 1 : Math.trunc((cdsLen + node.dlen - node.sbeg - alen) / 3) + 1
          let v = `|${aaRbeg}${tref}`
          if (!(csqType & CSQ_SYNONYMOUS_VARIANT)) v += `>${aaSbeg}${tseq}`
          v += `|${pos + 1}${node.var}`
          this.stageFor(tr, csqType & CSQ_COMPOUND, i + 1, v)
        }
        if (csqType & ~CSQ_COMPOUND) this.stageFor(tr, csqType & ~CSQ_COMPOUND, i + 1)
      }
    }
    return ret
  }

  private testUtr(pos: number, ref: string, alts: string[]): boolean {
    const idx = this.model.idxUtr.get(this.chrom)
    if (!idx) return false
    let ret = false
    for (const utr of idx.overlap(pos, pos + ref.length)) {
      const tr = utr.tr
      const s = this.newSplice(tr, pos, ref)
      for (let i = 0; i < alts.length; i++) {
        if (alts[i][0] === '<' || alts[i][0] === '*') continue
        s.alt = alts[i]; s.ial = i + 1; s.csq = 0
        const r = this.spliceCsq(s, utr.beg, utr.end)
        if (r !== SPLICE_INSIDE && r !== SPLICE_OVERLAP) continue
        this.stageFor(tr, utr.which === 5 ? CSQ_UTR5 : CSQ_UTR3, i + 1)
        ret = true
      }
    }
    return ret
  }

  private testSplice(pos: number, ref: string, alts: string[]): boolean {
    const idx = this.model.idxExon.get(this.chrom)
    if (!idx) return false
    let ret = false
    for (const exon of idx.overlap(pos, pos + ref.length)) {
      const tr = exon.tr
      if (!tr.cds.length) continue
      const s = this.newSplice(tr, pos, ref)
      s.checkAcceptor = s.checkDonor = true
      s.checkRegionBeg = tr.beg !== exon.beg
      s.checkRegionEnd = tr.end !== exon.end
      for (let i = 0; i < alts.length; i++) {
        if (alts[0][0] === '<' || alts[0][0] === '*') continue
        s.alt = alts[i]; s.ial = i + 1; s.csq = 0
        this.spliceCsq(s, exon.beg, exon.end)
        if (s.csq) ret = true
      }
    }
    return ret
  }

  /** test_symbolic_alt: <INS…> and <DEL…> (first ALT only), as bcftools (experimental there too). */
  private testSymbolicAlt(pos: number, ref: string, alts: string[], rlen: number): void {
    const a = alts[0].slice(0, 4).toUpperCase()
    const cls = a === '<INS' ? CSQ_ELONGATION : a === '<DEL' ? CSQ_TRUNCATION : 0
    if (!cls) return
    const beg = pos + 1, end = beg
    let hit = false
    for (const cds of this.model.idxCds.get(this.chrom)?.overlap(beg, end) ?? []) {
      const tr = cds.tr
      this.stageFor(tr, (isCoding(tr.type) ? CSQ_CODING_SEQUENCE : CSQ_NON_CODING) | cls, 1)
      hit = true
    }
    for (const utr of this.model.idxUtr.get(this.chrom)?.overlap(beg, end) ?? []) {
      this.stageFor(utr.tr, (utr.which === 5 ? CSQ_UTR5 : CSQ_UTR3) | cls, 1)
      hit = true
    }
    const exons = this.model.idxExon.get(this.chrom)?.overlap(beg, end) ?? []
    if (exons.length) {
      const s = this.newSplice(exons[0].tr, pos, ref)
      s.rlen = rlen
      s.checkAcceptor = s.checkDonor = true
      for (const exon of exons) {
        s.tr = exon.tr
        if (!s.tr.cds.length) continue
        s.checkRegionBeg = s.tr.beg !== exon.beg
        s.checkRegionEnd = s.tr.end !== exon.end
        s.alt = alts[0]; s.ial = 1; s.csq = cls
        this.spliceCsq(s, exon.beg, exon.end)
        if (s.csq) hit = true
      }
    }
    if (hit) return
    const trs = this.model.idxTscript.get(this.chrom)?.overlap(beg, end) ?? []
    if (!trs.length) return
    const s = this.newSplice(trs[0], pos, ref)
    s.rlen = rlen
    for (const tr of trs) {
      s.tr = tr
      s.alt = alts[0]; s.ial = 1; s.csq = cls
      const r = this.spliceCsq(s, tr.beg, tr.end)
      if (r !== SPLICE_INSIDE && r !== SPLICE_OVERLAP) continue
      this.stage({ type: (isCoding(tr.type) ? CSQ_INTRON : CSQ_NON_CODING) | cls, tr, gene: tr.gene, biotype: tr.type, strand: tr.strand, ial: 0, vstr: '' })
    }
  }

  private testTscript(pos: number, ref: string, alts: string[]): boolean {
    const idx = this.model.idxTscript.get(this.chrom)
    if (!idx) return false
    let ret = false
    for (const tr of idx.overlap(pos, pos + ref.length)) {
      const s = this.newSplice(tr, pos, ref)
      for (let i = 0; i < alts.length; i++) {
        if (alts[i][0] === '<' || alts[i][0] === '*') continue
        s.alt = alts[i]; s.ial = i + 1; s.csq = 0
        const r = this.spliceCsq(s, tr.beg, tr.end)
        if (r !== SPLICE_INSIDE && r !== SPLICE_OVERLAP) continue
        this.stage({ type: isCoding(tr.type) ? CSQ_INTRON : CSQ_NON_CODING, tr, gene: tr.gene, biotype: tr.type, strand: tr.strand, ial: 0, vstr: '' })
        ret = true
      }
    }
    return ret
  }
}

function latin1(b: Uint8Array, n: number): string {
  let out = ''
  for (let i = 0; i < n; i += 4096) out += String.fromCharCode.apply(null, b.subarray(i, Math.min(n, i + 4096)) as unknown as number[])
  return out
}

function ncmp(a: string, b: string, off: number, n: number): boolean {
  return a.slice(off, off + n) === b.slice(off, off + n)
}

/** kput_vcsq: one consequence as bcftools prints it. */
export function formatOne(c: LocalCsq): string {
  let type = c.type
  if (type & CSQ_INCOMPLETE_CDS && type & ~(CSQ_START_STOP | CSQ_INCOMPLETE_CDS | CSQ_UPSTREAM_STOP)) type &= ~(CSQ_START_STOP | CSQ_INCOMPLETE_CDS)
  if (type & CSQ_START_STOP && type & CSQ_MISSENSE_VARIANT) type &= ~CSQ_MISSENSE_VARIANT
  let s = type & CSQ_UPSTREAM_STOP ? '*' : ''
  const names: string[] = []
  for (let i = 1; i < CSQ_STRINGS.length; i++) if (CSQ_STRINGS[i] && type & (1 << i)) names.push(CSQ_STRINGS[i]!)
  if (c.biotype === GF_NMD && type & CSQ_PRN_NMD) names.push('NMD_transcript')
  s += names.join('&')
  s += '|' + (c.gene.name ?? '')
  s += '|' + (type & CSQ_PRN_TSCRIPT ? c.tr.id : '')
  s += '|' + biotypeName(c.biotype)
  if (prnStrand(type) || c.vstr) s += c.strand === STRAND_FWD ? '|+' : c.strand === STRAND_REV ? '|-' : '|.'
  if (c.vstr) s += c.vstr
  return s
}

/** Effective consequence bits as printed (after kput_vcsq's clean-ups). */
export function printedType(c: LocalCsq): number {
  let type = c.type
  if (type & CSQ_INCOMPLETE_CDS && type & ~(CSQ_START_STOP | CSQ_INCOMPLETE_CDS | CSQ_UPSTREAM_STOP)) type &= ~(CSQ_START_STOP | CSQ_INCOMPLETE_CDS)
  if (type & CSQ_START_STOP && type & CSQ_MISSENSE_VARIANT) type &= ~CSQ_MISSENSE_VARIANT
  return type
}
